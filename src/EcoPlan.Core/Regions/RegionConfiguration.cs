using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcoPlan.Core.Regions;

internal sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> builder)
    {
        builder.ToTable("Regions");
        builder.Property(r => r.Code).HasMaxLength(12);
        builder.Property(r => r.Name).HasMaxLength(64);
        builder.Property(r => r.Level).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(r => r.Code).IsUnique();
        builder.HasOne(r => r.Parent).WithMany(r => r.Children).HasForeignKey(r => r.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
