using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcoPlan.Core.Notifications;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("Notifications");
        builder.Property(n => n.Key).HasMaxLength(200);
        builder.Property(n => n.Text).HasMaxLength(1000);
        builder.Property(n => n.Link).HasMaxLength(300);
        builder.Property(n => n.Cause).HasMaxLength(200);
        // The idempotency key: one notice per recipient and fact, however many runs or requests raise it at once.
        builder.HasIndex(n => new { n.OrganizationId, n.Key }).IsUnique();
        builder.HasIndex(n => n.Cause);
        builder.HasOne(n => n.Organization).WithMany().HasForeignKey(n => n.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
