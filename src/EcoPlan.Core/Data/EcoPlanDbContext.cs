using EcoPlan.Core.Audit;
using EcoPlan.Core.Cascade;
using EcoPlan.Core.Clues;
using EcoPlan.Core.Indicators;
using EcoPlan.Core.Notifications;
using EcoPlan.Core.Organizations;
using EcoPlan.Core.Plans;
using EcoPlan.Core.Progress;
using EcoPlan.Core.Regions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EcoPlan.Core.Data;

/// <summary>The one DbContext of EcoPlan, used directly by features (no repositories); it also holds the Identity accounts.</summary>
public sealed class EcoPlanDbContext(DbContextOptions<EcoPlanDbContext> options)
    : IdentityDbContext<EcoPlanUser, IdentityRole<int>, int>(options)
{
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<OrganizationAlias> OrganizationAliases => Set<OrganizationAlias>();
    public DbSet<Leader> Leaders => Set<Leader>();
    public DbSet<OrganizationMerge> OrganizationMerges => Set<OrganizationMerge>();
    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<Section> Sections => Set<Section>();
    public DbSet<PlanTask> PlanTasks => Set<PlanTask>();
    public DbSet<Measure> Measures => Set<Measure>();
    public DbSet<MeasureAssignment> MeasureAssignments => Set<MeasureAssignment>();
    public DbSet<Target> Targets => Set<Target>();
    public DbSet<TargetOwner> TargetOwners => Set<TargetOwner>();
    public DbSet<ProgressReport> ProgressReports => Set<ProgressReport>();
    public DbSet<ReportVersion> ReportVersions => Set<ReportVersion>();
    public DbSet<ReportQuantity> ReportQuantities => Set<ReportQuantity>();
    public DbSet<CooperationInput> CooperationInputs => Set<CooperationInput>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ReportAttachment> ReportAttachments => Set<ReportAttachment>();
    public DbSet<TargetAchievement> TargetAchievements => Set<TargetAchievement>();
    public DbSet<IndicatorImport> IndicatorImports => Set<IndicatorImport>();
    public DbSet<EiRecord> EiRecords => Set<EiRecord>();
    public DbSet<EiSubIndexValue> EiSubIndexValues => Set<EiSubIndexValue>();
    public DbSet<GepRQuantity> GepRQuantities => Set<GepRQuantity>();
    public DbSet<GepRPrice> GepRPrices => Set<GepRPrice>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<MethodologyWeights> MethodologyWeights => Set<MethodologyWeights>();
    public DbSet<ClueBatch> ClueBatches => Set<ClueBatch>();
    public DbSet<ClueBatchUnit> ClueBatchUnits => Set<ClueBatchUnit>();
    public DbSet<Clue> Clues => Set<Clue>();
    public DbSet<ClueSourceId> ClueSourceIds => Set<ClueSourceId>();
    public DbSet<ClueCooperatingTownship> ClueCooperatingTownships => Set<ClueCooperatingTownship>();
    public DbSet<ClueEvent> ClueEvents => Set<ClueEvent>();
    public DbSet<ClueEvidence> ClueEvidence => Set<ClueEvidence>();
    public DbSet<TownshipBoundary> TownshipBoundaries => Set<TownshipBoundary>();
    public DbSet<MeasureLink> MeasureLinks => Set<MeasureLink>();
    public DbSet<MeasureCarryOver> MeasureCarryOvers => Set<MeasureCarryOver>();
    public DbSet<TargetAllocation> TargetAllocations => Set<TargetAllocation>();
    public DbSet<EvaluationRuleSet> EvaluationRuleSets => Set<EvaluationRuleSet>();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        await PlanRevisions.StampTrackedChangesAsync(this, cancellationToken);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        // EcoPlan saves asynchronously; this keeps a synchronous save (a tool, a test) from skipping the plan revisions.
        PlanRevisions.StampTrackedChangesAsync(this, CancellationToken.None).GetAwaiter().GetResult();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(EcoPlanDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Instants are stored as UTC; SQLite gives them back without a Kind, so say it on the way out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        // numeric(18,4) gives 45 back as 45.0000; drop the padding so values print as entered.
        configurationBuilder.Properties<decimal>().HaveConversion<TrimmedDecimalConverter>();
        configurationBuilder.Properties<decimal?>().HaveConversion<TrimmedDecimalConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class TrimmedDecimalConverter() : ValueConverter<decimal, decimal>(
        v => v,
        v => v / 1.0000000000000000000000000000m);
}
