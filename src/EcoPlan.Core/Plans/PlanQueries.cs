using EcoPlan.Core.Progress;

namespace EcoPlan.Core.Plans;

/// <summary>Read paths over plans, projected straight into response records; each leaves out what the caller may not see (<see cref="ReportVisibility"/>).</summary>
public static class PlanQueries
{
    /// <summary>The plans the caller may see, newest year first.</summary>
    public static async Task<List<PlanSummary>> ListAsync(EcoPlanDbContext db, UserAccess user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var hidden = await ReportVisibility.HiddenPlansAsync(db, user, cancellationToken);
        return await Summaries(db.Plans.AsNoTracking().Where(p => !hidden.Contains(p.Id)).OrderByDescending(p => p.Year).ThenBy(p => p.Region!.Code).ThenBy(p => p.Id))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The plan's own row, without counting its tasks and measures: what a page of the plan shows above its table.</summary>
    public static async Task<UseCaseResult<PlanHeader>> GetHeaderAsync(EcoPlanDbContext db, UserAccess user, int id, CancellationToken cancellationToken = default)
    {
        var visible = await ReportVisibility.OfPlanAsync(db, user, id, cancellationToken);
        if (!visible.Succeeded)
        {
            return visible.Refusal<PlanHeader>();
        }

        return await db.Plans.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new PlanHeader(
                p.Id, p.Title, p.AttachmentLabel, p.Part, p.Year, p.Level, p.RegionId, p.Region!.Name, p.LeadKind, p.Status, p.ContentRevision))
            .SingleAsync(cancellationToken);
    }

    private static IQueryable<PlanSummary> Summaries(IQueryable<Plan> plans) =>
        plans.Select(p => new PlanSummary(
            p.Id, p.Title, p.AttachmentLabel, p.Part, p.Year, p.Level, p.RegionId, p.Region!.Name, p.Region.Code, p.LeadKind, p.Status,
            p.Sections.SelectMany(s => s.Tasks).Count(),
            p.Sections.SelectMany(s => s.Tasks).SelectMany(t => t.Measures).Count()));

    /// <summary>One plan with its sections, tasks, measures, units and targets, when the caller may see it.</summary>
    public static async Task<UseCaseResult<PlanDetail>> GetAsync(EcoPlanDbContext db, UserAccess user, int id, CancellationToken cancellationToken = default)
    {
        var visible = await ReportVisibility.OfPlanAsync(db, user, id, cancellationToken);
        return visible.Succeeded ? (await DetailAsync(db, id, cancellationToken))! : visible.Refusal<PlanDetail>();
    }

    /// <summary>The plan whoever asks, for Core's own work (the importer comparing a revision with the stored plan).</summary>
    internal static async Task<PlanDetail?> DetailAsync(EcoPlanDbContext db, int id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var plan = await db.Plans.AsNoTracking().AsSplitQuery()
            .Include(p => p.Region)
            .Include(p => p.Sections).ThenInclude(s => s.Tasks).ThenInclude(t => t.Measures).ThenInclude(m => m.Assignments)
            .Include(p => p.Sections).ThenInclude(s => s.Tasks).ThenInclude(t => t.Measures).ThenInclude(m => m.Targets).ThenInclude(t => t.Owners)
            .FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        return plan?.ToDetail();
    }
}

public sealed record PlanSummary(
    int Id, string Title, string? AttachmentLabel, string? Part, int Year, PlanLevel Level, int RegionId, string RegionName, string RegionCode,
    LeadKind LeadKind, PlanStatus Status, int TaskCount, int MeasureCount);

/// <summary>A plan's own fields; <see cref="ContentRevision"/> keys what is cached of its content.</summary>
public sealed record PlanHeader(
    int Id, string Title, string? AttachmentLabel, string? Part, int Year, PlanLevel Level, int RegionId, string RegionName,
    LeadKind LeadKind, PlanStatus Status, long ContentRevision);

public sealed record PlanDetail(
    int Id, string Title, string? AttachmentLabel, string? Part, int Year, PlanLevel Level, string RegionName,
    LeadKind LeadKind, PlanStatus Status, IReadOnlyList<SectionDetail> Sections);

public sealed record SectionDetail(string Code, string Title, IReadOnlyList<TaskDetail> Tasks);

public sealed record TaskDetail(int Id, int? Number, string Name, IReadOnlyList<MeasureDetail> Measures);

public sealed record MeasureDetail(
    int Id, int? Number, string Text, DeadlineDetail Deadline, bool ColumnsCertain,
    IReadOnlyList<AssigneeDetail> Lead, IReadOnlyList<AssigneeDetail> Responsible, IReadOnlyList<AssigneeDetail> Cooperating,
    IReadOnlyList<TargetDetail> Targets);

public sealed record DeadlineDetail(string Raw, DeadlineKind Kind, DateOnly? Date, Recurrence? Recurrence);

public sealed record AssigneeDetail(string Name, int? OrganizationId, int? LeaderId, string? Duty);

public sealed record TargetDetail(string Metric, string? Unit, TargetComparator Comparator, decimal? Value, decimal? Baseline, IReadOnlyList<int> OwnerOrganizationIds);

internal static class PlanMapping
{
    public static PlanDetail ToDetail(this Plan p) => new(
        p.Id, p.Title, p.AttachmentLabel, p.Part, p.Year, p.Level, p.Region?.Name ?? "", p.LeadKind, p.Status,
        [.. p.Sections.OrderBy(s => s.Ordinal).Select(s => new SectionDetail(s.Code, s.Title,
            [.. s.Tasks.OrderBy(t => t.Ordinal).Select(t => new TaskDetail(t.Id, t.Number, t.Name,
                [.. t.Measures.OrderBy(m => m.Ordinal).Select(ToDetail)]))]))]);

    private static MeasureDetail ToDetail(Measure m) => new(
        m.Id, m.Number, m.Text, new DeadlineDetail(m.Deadline.Raw, m.Deadline.Kind, m.Deadline.Date, m.Deadline.Recurrence), m.ColumnsCertain,
        Assignees(m, AssignmentRole.Lead), Assignees(m, AssignmentRole.Responsible), Assignees(m, AssignmentRole.Cooperating),
        [.. m.Targets.OrderBy(t => t.Id).Select(t => new TargetDetail(t.Metric, t.Unit, t.Comparator, t.Value, t.Baseline,
            [.. t.Owners.Select(o => o.OrganizationId).Order()]))]);

    private static List<AssigneeDetail> Assignees(Measure m, AssignmentRole role) =>
        [.. m.Assignments.Where(a => a.Role == role).OrderBy(a => a.Ordinal)
            .Select(a => new AssigneeDetail(a.PrintedName, a.OrganizationId, a.LeaderId, a.Duty))];
}
