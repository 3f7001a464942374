using EcoPlan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EcoPlan.Core.Plans;

/// <summary>Read paths over plans, projected straight into response records.</summary>
public static class PlanQueries
{
    public static Task<List<PlanSummary>> ListAsync(EcoPlanDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return Summaries(db.Plans.AsNoTracking().OrderByDescending(p => p.Year).ThenBy(p => p.Region!.Code).ThenBy(p => p.Id))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The plan's own row, without counting its tasks and measures: what a page of the plan shows above its table.</summary>
    public static Task<PlanHeader?> GetHeaderAsync(EcoPlanDbContext db, int id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Plans.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new PlanHeader(
                p.Id, p.Title, p.AttachmentLabel, p.Part, p.Year, p.Level, p.RegionId, p.Region!.Name, p.LeadKind, p.Status, p.ContentRevision))
            .SingleOrDefaultAsync(cancellationToken);
    }

    private static IQueryable<PlanSummary> Summaries(IQueryable<Plan> plans) =>
        plans.Select(p => new PlanSummary(
            p.Id, p.Title, p.AttachmentLabel, p.Part, p.Year, p.Level, p.RegionId, p.Region!.Name, p.Region.Code, p.LeadKind, p.Status,
            p.Sections.SelectMany(s => s.Tasks).Count(),
            p.Sections.SelectMany(s => s.Tasks).SelectMany(t => t.Measures).Count()));

    public static async Task<PlanDetail?> GetAsync(EcoPlanDbContext db, int id, CancellationToken cancellationToken = default)
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
