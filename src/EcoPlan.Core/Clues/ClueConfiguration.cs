using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcoPlan.Core.Clues;

internal sealed class ClueConfiguration : IEntityTypeConfiguration<Clue>
{
    public void Configure(EntityTypeBuilder<Clue> builder)
    {
        builder.ToTable("Clues");
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(24);
        builder.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(24);
        builder.Property(c => c.ActivityType).HasConversion<string>().HasMaxLength(24);
        builder.Property(c => c.OutcomeReason).HasMaxLength(64);
        builder.Property(c => c.Zone).HasMaxLength(200);
        builder.Property(c => c.Description).HasMaxLength(2000);
        builder.Property(c => c.ApprovalKind).HasMaxLength(ClueWorkflow.MaxApprovalText);
        builder.Property(c => c.ApprovalNumber).HasMaxLength(ClueWorkflow.MaxApprovalText);
        builder.Property(c => c.RectificationMeasures).HasMaxLength(ClueWorkflow.MaxMeasures);
        builder.Property(c => c.Version).IsConcurrencyToken();
        // A township's list, the district's queue by state, and the map's box filter.
        builder.HasIndex(c => new { c.TownshipRegionId, c.State });
        builder.HasIndex(c => new { c.DistrictRegionId, c.State });
        builder.HasIndex(c => c.BatchId);
        builder.HasIndex(c => new { c.MinLongitude, c.MinLatitude });
        builder.HasOne(c => c.Batch).WithMany(b => b.Clues).HasForeignKey(c => c.BatchId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.District).WithMany().HasForeignKey(c => c.DistrictRegionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Township).WithMany().HasForeignKey(c => c.TownshipRegionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.SourceIds).WithOne().HasForeignKey(s => s.ClueId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.CooperatingTownships).WithOne().HasForeignKey(t => t.ClueId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Events).WithOne().HasForeignKey(e => e.ClueId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Evidence).WithOne().HasForeignKey(e => e.ClueId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ClueBatchConfiguration : IEntityTypeConfiguration<ClueBatch>
{
    public void Configure(EntityTypeBuilder<ClueBatch> builder)
    {
        builder.ToTable("ClueBatches");
        builder.Property(b => b.Name).HasMaxLength(200);
        builder.Property(b => b.Source).HasConversion<string>().HasMaxLength(32);
        builder.Property(b => b.CreatedByName).HasMaxLength(256);
        builder.HasOne(b => b.District).WithMany().HasForeignKey(b => b.DistrictRegionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Plans.Measure>().WithMany().HasForeignKey(b => b.MeasureId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(b => b.Units).WithOne().HasForeignKey(u => u.BatchId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(b => b.MeasureId);
    }
}

internal sealed class ClueBatchUnitConfiguration : IEntityTypeConfiguration<ClueBatchUnit>
{
    public void Configure(EntityTypeBuilder<ClueBatchUnit> builder)
    {
        builder.ToTable("ClueBatchUnits");
        builder.HasKey(u => new { u.BatchId, u.OrganizationId });
        builder.HasOne<Organizations.Organization>().WithMany().HasForeignKey(u => u.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ClueSourceIdConfiguration : IEntityTypeConfiguration<ClueSourceId>
{
    public void Configure(EntityTypeBuilder<ClueSourceId> builder)
    {
        builder.ToTable("ClueSourceIds");
        builder.Property(s => s.Source).HasConversion<string>().HasMaxLength(32);
        builder.Property(s => s.Code).HasMaxLength(100);
        // A batch names each of its 图斑 once.
        builder.HasIndex(s => new { s.BatchId, s.Code }).IsUnique();
        builder.HasIndex(s => s.ClueId);
        builder.HasOne<ClueBatch>().WithMany().HasForeignKey(s => s.BatchId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ClueCooperatingTownshipConfiguration : IEntityTypeConfiguration<ClueCooperatingTownship>
{
    public void Configure(EntityTypeBuilder<ClueCooperatingTownship> builder)
    {
        builder.ToTable("ClueCooperatingTownships");
        builder.HasKey(t => new { t.ClueId, t.RegionId });
        builder.HasIndex(t => t.RegionId);
        builder.HasOne<Regions.Region>().WithMany().HasForeignKey(t => t.RegionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ClueEventConfiguration : IEntityTypeConfiguration<ClueEvent>
{
    public void Configure(EntityTypeBuilder<ClueEvent> builder)
    {
        builder.ToTable("ClueEvents");
        builder.Property(e => e.Action).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.FromState).HasConversion<string>().HasMaxLength(24);
        builder.Property(e => e.ToState).HasConversion<string>().HasMaxLength(24);
        builder.Property(e => e.ActorName).HasMaxLength(256);
        builder.Property(e => e.Payload).HasMaxLength(16000);
        builder.Property(e => e.PreviousHash).HasMaxLength(64);
        builder.Property(e => e.Hash).HasMaxLength(64);
        // Two writers cannot both append entry n: the chain cannot fork.
        builder.HasIndex(e => new { e.ClueId, e.Sequence }).IsUnique();
    }
}

internal sealed class ClueEvidenceConfiguration : IEntityTypeConfiguration<ClueEvidence>
{
    public void Configure(EntityTypeBuilder<ClueEvidence> builder)
    {
        builder.ToTable("ClueEvidence");
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(e => e.PositionSource).HasConversion<string>().HasMaxLength(8);
        builder.Property(e => e.FileName).HasMaxLength(260);
        builder.Property(e => e.ContentType).HasMaxLength(128);
        builder.Property(e => e.Sha256).HasMaxLength(64);
        builder.Property(e => e.NoGpsReason).HasMaxLength(500);
        builder.HasIndex(e => e.ClueId);
    }
}

internal sealed class TownshipBoundaryConfiguration : IEntityTypeConfiguration<TownshipBoundary>
{
    public void Configure(EntityTypeBuilder<TownshipBoundary> builder)
    {
        builder.ToTable("TownshipBoundaries");
        builder.HasKey(b => b.RegionId);
        builder.Property(b => b.SourceFile).HasMaxLength(260);
        builder.HasOne(b => b.Region).WithMany().HasForeignKey(b => b.RegionId).OnDelete(DeleteBehavior.Restrict);
    }
}
