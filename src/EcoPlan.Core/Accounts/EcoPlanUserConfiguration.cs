using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcoPlan.Core.Accounts;

internal sealed class EcoPlanUserConfiguration : IEntityTypeConfiguration<EcoPlanUser>
{
    public void Configure(EntityTypeBuilder<EcoPlanUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(100);
        builder.HasOne(u => u.Organization).WithMany().HasForeignKey(u => u.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(u => u.Leader).WithMany().HasForeignKey(u => u.LeaderId).OnDelete(DeleteBehavior.Restrict);
    }
}
