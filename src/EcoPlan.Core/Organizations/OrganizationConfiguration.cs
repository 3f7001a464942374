using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcoPlan.Core.Organizations;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> builder)
    {
        builder.ToTable("Organizations");
        builder.Property(o => o.Name).HasMaxLength(Organization.MaxName);
        builder.Property(o => o.Kind).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(o => o.Name).IsUnique();
        builder.HasOne(o => o.Region).WithMany().HasForeignKey(o => o.RegionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(o => o.Parent).WithMany().HasForeignKey(o => o.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(o => o.Aliases).WithOne(a => a.Organization).HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OrganizationAliasConfiguration : IEntityTypeConfiguration<OrganizationAlias>
{
    public void Configure(EntityTypeBuilder<OrganizationAlias> builder)
    {
        builder.ToTable("OrganizationAliases");
        builder.Property(a => a.Name).HasMaxLength(Organization.MaxName);
        // The same short name (区水务局) is used by every district, so an alias is unique per organization only.
        builder.HasIndex(a => new { a.OrganizationId, a.Name }).IsUnique();
        builder.HasIndex(a => a.Name);
    }
}

internal sealed class LeaderConfiguration : IEntityTypeConfiguration<Leader>
{
    public void Configure(EntityTypeBuilder<Leader> builder)
    {
        builder.ToTable("Leaders");
        builder.Property(l => l.Name).HasMaxLength(50);
        builder.Property(l => l.Title).HasMaxLength(100);
        builder.HasIndex(l => new { l.OrganizationId, l.Name }).IsUnique();
        builder.HasOne(l => l.Organization).WithMany().HasForeignKey(l => l.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OrganizationMergeConfiguration : IEntityTypeConfiguration<OrganizationMerge>
{
    public void Configure(EntityTypeBuilder<OrganizationMerge> builder)
    {
        builder.ToTable("OrganizationMerges");
        builder.Property(m => m.SourceName).HasMaxLength(100);
        builder.Property(m => m.SourceKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.TargetName).HasMaxLength(100);
        builder.Property(m => m.MergedBy).HasMaxLength(256);
        builder.Property(m => m.UndoneBy).HasMaxLength(256);
        builder.HasIndex(m => m.TargetId);
        builder.HasIndex(m => m.SourceId);
    }
}
