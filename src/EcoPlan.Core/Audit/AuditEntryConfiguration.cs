using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcoPlan.Core.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.Property(a => a.UserName).HasMaxLength(256);
        // Stored as the words the column has always held (AuditActions.Stored), not the member names: no migration, no row rewritten.
        builder.Property(a => a.Action).HasMaxLength(32).HasConversion(a => AuditActions.Stored(a), s => AuditActions.Parse(s));
        // The trail outlives what it describes: no foreign keys, so deleting a plan never erases its history.
        builder.HasIndex(a => new { a.MeasureId, a.At });
        builder.HasIndex(a => a.ReportId);
    }
}
