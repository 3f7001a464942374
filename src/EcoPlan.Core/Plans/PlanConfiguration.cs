using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcoPlan.Core.Plans;

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> builder)
    {
        builder.ToTable("Plans");
        builder.Property(p => p.Title).HasMaxLength(300);
        builder.Property(p => p.AttachmentLabel).HasMaxLength(50);
        builder.Property(p => p.Part).HasMaxLength(200);
        builder.Property(p => p.Level).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.LeadKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.ReportingFrequency).HasConversion<string>().HasMaxLength(16).HasDefaultValue(ReportingFrequency.Monthly);
        builder.Property(p => p.ReportingDueDay).HasDefaultValue(25);
        builder.Property(p => p.ContentRevision).HasDefaultValue(0L);
        builder.ComplexProperty(p => p.Source, source =>
        {
            source.Property(s => s.FileName).HasColumnName("SourceFileName").HasMaxLength(260);
            source.Property(s => s.Format).HasColumnName("SourceFormat").HasMaxLength(10);
            source.Property(s => s.Sha256).HasColumnName("SourceSha256").HasMaxLength(64);
            source.Property(s => s.Length).HasColumnName("SourceLength");
        });
        builder.HasIndex(p => new { p.RegionId, p.Year });
        builder.HasOne(p => p.Region).WithMany().HasForeignKey(p => p.RegionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Sections).WithOne(s => s.Plan).HasForeignKey(s => s.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SectionConfiguration : IEntityTypeConfiguration<Section>
{
    public void Configure(EntityTypeBuilder<Section> builder)
    {
        builder.ToTable("Sections");
        builder.Property(s => s.Code).HasMaxLength(10);
        builder.Property(s => s.Title).HasMaxLength(200);
        builder.HasIndex(s => new { s.PlanId, s.Ordinal }).IsUnique();
        builder.HasMany(s => s.Tasks).WithOne(t => t.Section).HasForeignKey(t => t.SectionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PlanTaskConfiguration : IEntityTypeConfiguration<PlanTask>
{
    public void Configure(EntityTypeBuilder<PlanTask> builder)
    {
        builder.ToTable("PlanTasks");
        builder.Property(t => t.Name).HasMaxLength(300);
        builder.HasIndex(t => new { t.SectionId, t.Ordinal }).IsUnique();
        builder.HasMany(t => t.Measures).WithOne(m => m.Task).HasForeignKey(m => m.TaskId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MeasureConfiguration : IEntityTypeConfiguration<Measure>
{
    public void Configure(EntityTypeBuilder<Measure> builder)
    {
        builder.ToTable("Measures");
        builder.ComplexProperty(m => m.Deadline, deadline =>
        {
            deadline.Property(d => d.Raw).HasColumnName("DeadlineRaw").HasMaxLength(100);
            deadline.Property(d => d.Kind).HasColumnName("DeadlineKind").HasConversion<string>().HasMaxLength(16);
            deadline.Property(d => d.Date).HasColumnName("DeadlineDate");
            deadline.Property(d => d.Recurrence).HasColumnName("DeadlineRecurrence").HasConversion<string>().HasMaxLength(16);
        });
        builder.HasIndex(m => new { m.TaskId, m.Ordinal }).IsUnique();
        builder.HasMany(m => m.Assignments).WithOne(a => a.Measure).HasForeignKey(a => a.MeasureId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.Targets).WithOne(t => t.Measure).HasForeignKey(t => t.MeasureId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MeasureAssignmentConfiguration : IEntityTypeConfiguration<MeasureAssignment>
{
    public void Configure(EntityTypeBuilder<MeasureAssignment> builder)
    {
        builder.ToTable("MeasureAssignments", table =>
            table.HasCheckConstraint("CK_MeasureAssignments_OneAssignee", "(\"OrganizationId\" IS NULL) <> (\"LeaderId\" IS NULL)"));
        builder.Property(a => a.Role).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.PrintedName).HasMaxLength(100);
        builder.HasIndex(a => new { a.MeasureId, a.Role, a.Ordinal }).IsUnique();
        builder.HasIndex(a => a.OrganizationId);
        builder.HasIndex(a => a.LeaderId);
        builder.HasOne(a => a.Organization).WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Leader).WithMany().HasForeignKey(a => a.LeaderId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TargetConfiguration : IEntityTypeConfiguration<Target>
{
    public void Configure(EntityTypeBuilder<Target> builder)
    {
        builder.ToTable("Targets");
        builder.Property(t => t.Metric).HasMaxLength(200);
        builder.Property(t => t.Unit).HasMaxLength(20);
        builder.Property(t => t.Comparator).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.Value).HasPrecision(18, 4);
        builder.Property(t => t.Baseline).HasPrecision(18, 4);
        builder.HasMany(t => t.Owners).WithOne(o => o.Target).HasForeignKey(o => o.TargetId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TargetOwnerConfiguration : IEntityTypeConfiguration<TargetOwner>
{
    public void Configure(EntityTypeBuilder<TargetOwner> builder)
    {
        builder.ToTable("TargetOwners");
        builder.HasKey(o => new { o.TargetId, o.OrganizationId });
        builder.HasOne(o => o.Organization).WithMany().HasForeignKey(o => o.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}
