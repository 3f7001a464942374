using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcoPlan.Core.Progress;

internal sealed class ProgressReportConfiguration : IEntityTypeConfiguration<ProgressReport>
{
    public void Configure(EntityTypeBuilder<ProgressReport> builder)
    {
        builder.ToTable("ProgressReports");
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Revision).IsConcurrencyToken();
        // One report per measure, unit and period: a double click or a retry finds the same report.
        builder.HasIndex(r => new { r.MeasureId, r.OrganizationId, r.Period }).IsUnique();
        builder.HasIndex(r => new { r.OrganizationId, r.Period });
        builder.HasOne(r => r.Measure).WithMany().HasForeignKey(r => r.MeasureId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.Organization).WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Versions).WithOne(v => v.Report).HasForeignKey(v => v.ReportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Cooperation).WithOne(c => c.Report).HasForeignKey(c => c.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReportVersionConfiguration : IEntityTypeConfiguration<ReportVersion>
{
    public void Configure(EntityTypeBuilder<ReportVersion> builder)
    {
        builder.ToTable("ReportVersions");
        builder.Property(v => v.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(v => v.Narrative).HasMaxLength(ProgressWorkflow.MaxNarrative);
        builder.Property(v => v.ReturnReason).HasMaxLength(1000);
        builder.HasIndex(v => new { v.ReportId, v.Number }).IsUnique();
        builder.HasMany(v => v.Quantities).WithOne(q => q.Version).HasForeignKey(q => q.VersionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReportQuantityConfiguration : IEntityTypeConfiguration<ReportQuantity>
{
    public void Configure(EntityTypeBuilder<ReportQuantity> builder)
    {
        builder.ToTable("ReportQuantities");
        builder.HasKey(q => new { q.VersionId, q.TargetId });
        builder.Property(q => q.Value).HasPrecision(18, 4);
        builder.HasOne(q => q.Target).WithMany().HasForeignKey(q => q.TargetId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CooperationInputConfiguration : IEntityTypeConfiguration<CooperationInput>
{
    public void Configure(EntityTypeBuilder<CooperationInput> builder)
    {
        builder.ToTable("CooperationInputs");
        builder.Property(c => c.Text).HasMaxLength(ProgressWorkflow.MaxCooperation);
        builder.HasOne(c => c.Organization).WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReportAttachmentConfiguration : IEntityTypeConfiguration<ReportAttachment>
{
    public void Configure(EntityTypeBuilder<ReportAttachment> builder)
    {
        builder.ToTable("ReportAttachments");
        builder.Property(a => a.FileName).HasMaxLength(260);
        builder.Property(a => a.ContentType).HasMaxLength(100);
        builder.Property(a => a.Sha256).HasMaxLength(64);
        builder.HasIndex(a => a.ReportId);
        builder.HasOne(a => a.Report).WithMany().HasForeignKey(a => a.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}
