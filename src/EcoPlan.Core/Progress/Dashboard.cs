using System.Text.Json.Serialization;
using EcoPlan.Core.Audit;
using EcoPlan.Core.Clues;
using EcoPlan.Core.Plans;

namespace EcoPlan.Core.Progress;

/// <summary>Deadline risk of a measure on the board; the order is the board's (red first).</summary>
public enum RiskLevel
{
    Red,
    Amber,
    Green,
}

/// <summary>Why a measure is red or amber.</summary>
public enum RiskReason
{
    None,
    /// <summary>Red: the deadline has passed and the measure is not completed.</summary>
    DeadlinePassed,
    /// <summary>Red: a unit's latest report says 滞后 or 无法完成.</summary>
    ReportedLate,
    /// <summary>Amber: due within <see cref="Dashboard.AmberWindowDays"/> days and under <see cref="Dashboard.AmberPercent"/> percent.</summary>
    DueSoonBehind,
    /// <summary>Amber: a unit's report for the last period already due is missing.</summary>
    ReportMissing,
}

/// <summary>The headline figures: measures, duties (measure × responsible unit), this period's reports, completed and late measures.</summary>
public sealed record DashboardSummary(int Measures, int Duties, int Expected, int Reported, int Accepted, int Returned, int Completed, int Late, int Overdue);

/// <summary>One responsible unit's standing on one measure; <see cref="Narrative"/> is null where the caller may not read it (<see cref="ReportVisibility"/>).</summary>
public sealed record DutyState(
    int MeasureId, int OrganizationId, string Organization, ProgressStatus? Status, int? Percent, string? Narrative, DateTime? LastSubmittedAt,
    DateOnly? LastPeriod, ReportState? LastState, bool Completed, bool ReportedThisPeriod, bool AcceptedThisPeriod, DateOnly? LastDuePeriod, DateOnly? LastDueOn,
    bool Missing, bool Late)
{
    /// <summary>The unit's latest report, a draft never submitted included: where its review stands. Null when the unit has none.</summary>
    public ReviewStanding? Review { get; init; }

    /// <summary>What the unit's latest accepted report says: the only status and percent that count as achieved. Null when none is accepted.</summary>
    public AcceptedProgress? Accepted { get; init; }
}

/// <summary>The review state of a unit's latest report, its period, and why it was returned (null where the caller may not read the report's content).</summary>
public sealed record ReviewStanding(DateOnly Period, ReportState State, string? ReturnReason);

/// <summary>The status and percent of a unit's latest accepted report, and its period.</summary>
public sealed record AcceptedProgress(DateOnly Period, ProgressStatus Status, int Percent);

/// <summary>A measure on the board: where it stands, its risk and why, and each responsible unit's standing.</summary>
public sealed record MeasureState(
    int MeasureId, string SectionCode, string SectionTitle, string? Number, string TaskName, string Text, string DeadlineRaw, DeadlineKind DeadlineKind,
    DateOnly? DeadlineDate, IReadOnlyList<string> Lead, RiskLevel Risk, RiskReason Reason, bool Completed, bool Late, int Reminders,
    IReadOnlyList<DutyState> Duties)
{
    public IEnumerable<string> LateUnits => Duties.Where(d => d.Late).Select(d => d.Organization);
}

/// <summary>Completion and lateness of one group (a unit, a lead, a section). For units the counts are of duties, otherwise of measures.</summary>
public sealed record Breakdown(string Name, int Total, int Reported, int Completed, int Late, int Overdue)
{
    public int CompletedPercent => Total == 0 ? 0 : (int)Math.Round(100.0 * Completed / Total, MidpointRounding.AwayFromZero);
}

/// <summary>A measure whose report for a period already due is missing, and the units that owe it.</summary>
public sealed record OverdueItem(int MeasureId, string? Number, string TaskName, string Text, DateOnly Period, DateOnly DueOn, int DaysOverdue, IReadOnlyList<string> Units);

/// <summary>Reports of one period: how many were expected, submitted (at least once), accepted and returned.</summary>
public sealed record TrendPoint(DateOnly Period, DateOnly DueOn, int Expected, int Submitted, int Accepted, int Returned)
{
    public string Label => Period.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// A target against what the units' latest accepted reports say they achieved. <see cref="Achieved"/> is null (and
/// <see cref="Reports"/> 0) where the caller may not read the quantities of the measure's reports (<see cref="ReportVisibility"/>).
/// </summary>
public sealed record TargetProgress(int TargetId, int MeasureId, string? MeasureNumber, string Metric, string? Unit, TargetComparator Comparator, decimal? Value, decimal? Achieved, int Reports)
{
    /// <summary>Achieved as a percent of the target value, where the target is a quantity to reach.</summary>
    public int? Percent => Value is > 0 && Achieved is { } achieved && Comparator is TargetComparator.AtLeast or TargetComparator.Equal or TargetComparator.Approximately
        ? (int)Math.Round(achieved / Value.Value * 100m, MidpointRounding.AwayFromZero)
        : null;
}

/// <summary>Where a plan stands on a date, for the dashboard page, its API, the 台账 and the 月报.</summary>
public sealed record DashboardView(
    int PlanId, string PlanTitle, string? Attachment, int PlanYear, string RegionName, LeadKind LeadKind, DateOnly AsOf, DateOnly Period, DateOnly? PeriodDue,
    DashboardSummary Summary, IReadOnlyList<Breakdown> ByUnit, IReadOnlyList<Breakdown> ByLead, IReadOnlyList<Breakdown> BySection,
    IReadOnlyList<MeasureState> Measures, IReadOnlyList<OverdueItem> Overdue, IReadOnlyList<TrendPoint> Trend, IReadOnlyList<TargetProgress> Targets)
{
    public string PeriodLabel => Period.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The board: red first, then amber, then green, each in the plan's order.</summary>
    /// <remarks>Not in the API's JSON: it is <see cref="Measures"/> again, in another order (each measure carries its risk).</remarks>
    [JsonIgnore]
    public IEnumerable<MeasureState> Board => Measures.OrderBy(m => m.Risk);

    public int Count(RiskLevel risk) => Measures.Count(m => m.Risk == risk);

    /// <summary>
    /// The clues of the plan's region the caller sees (<see cref="ClueStatistics"/>, on <see cref="AsOf"/>); null when he
    /// sees none, so the page, the JSON and the 月报 leave the block out for whoever may not see clues.
    /// </summary>
    public ClueStatisticsView? Clues { get; init; }
}

/// <summary>
/// The plan's dashboard: seven queries read the plan, its measures and units, one row per version of its reports up
/// to the period (a plan-year's worth at most), the latest narratives (and return reasons) and the accepted target quantities; the
/// per-unit latest report, the counts and the sums are worked out from those rows. Rules (docs/progress.md):
/// <list type="bullet">
/// <item>A duty is a measure × one of its responsible units. It is <b>completed</b> once an accepted report says 已完成.</item>
/// <item>A duty's report is <b>missing</b> when the last period whose due date is before the date has no submitted report.</item>
/// <item>A duty is <b>late</b> when not completed and its deadline has passed, its latest report says 滞后/无法完成, or a report is missing.</item>
/// <item><b>Red</b>: not completed and the deadline has passed, or a unit's latest report says 滞后/无法完成.
/// <b>Amber</b>: not completed and due within 30 days with a unit under 80 %, or a report missing.
/// <b>Green</b>: otherwise (completed, or on track).</item>
/// </list>
/// Reports count up to and including the chosen period; states are as stored now. Narratives, return reasons and achieved
/// quantities are given only for the measures whose reports' content the caller may read (<see cref="ReportVisibility"/>);
/// status, percent and every count are given to all who may see the plan.
/// </summary>
public static class Dashboard
{
    public const int AmberWindowDays = 30;
    public const int AmberPercent = 80;

    /// <summary>The dashboard of a plan on a date, for the period the date falls in, as the caller may see it; not found when there is no such plan the caller may see.</summary>
    /// <remarks>Clue deadlines end at midnight in <paramref name="zone"/> (default: the server's).</remarks>
    public static Task<UseCaseResult<DashboardView>> ComputeAsync(EcoPlanDbContext db, UserAccess user, int planId, DateOnly asOf, TimeZoneInfo? zone = null,
        CancellationToken cancellationToken = default) =>
        ComputeAsync(db, user, planId, asOf, period: null, zone ?? TimeZoneInfo.Local, cancellationToken);

    /// <summary>The dashboard for a reporting period as it stood at the period's end, or today if that is earlier (the 月报).</summary>
    public static Task<UseCaseResult<DashboardView>> ForPeriodAsync(EcoPlanDbContext db, UserAccess user, int planId, DateOnly period, DateOnly today, TimeZoneInfo? zone = null,
        CancellationToken cancellationToken = default)
    {
        var end = new DateOnly(period.Year, period.Month, 1).AddMonths(1).AddDays(-1);
        return ComputeAsync(db, user, planId, end < today ? end : today, new DateOnly(period.Year, period.Month, 1), zone ?? TimeZoneInfo.Local, cancellationToken);
    }

    private static async Task<UseCaseResult<DashboardView>> ComputeAsync(EcoPlanDbContext db, UserAccess user, int planId, DateOnly asOf, DateOnly? period, TimeZoneInfo zone,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var visible = await ReportVisibility.OfPlanAsync(db, user, planId, cancellationToken);
        if (visible.Value is not { } visibility)
        {
            return visible.Refusal<DashboardView>();
        }

        var plan = await db.Plans.AsNoTracking().Where(p => p.Id == planId)
            .Select(p => new { p.Id, p.Title, p.AttachmentLabel, p.Year, p.RegionId, RegionName = p.Region!.Name, p.LeadKind, p.ReportingFrequency, p.ReportingDueDay })
            .SingleAsync(cancellationToken);
        var current = ReportingSchedule.PeriodOf(period ?? asOf, plan.ReportingFrequency);
        var measures = await db.Measures.AsNoTracking().Where(m => m.Task!.Section!.PlanId == planId)
            .OrderBy(m => m.Task!.Section!.Ordinal).ThenBy(m => m.Task!.Ordinal).ThenBy(m => m.Ordinal)
            .Select(m => new
            {
                m.Id, SectionCode = m.Task!.Section!.Code, SectionTitle = m.Task.Section.Title, m.Number, TaskNumber = m.Task.Number, m.Task.Ordinal,
                TaskName = m.Task.Name, m.Text, m.Deadline.Raw, m.Deadline.Kind, m.Deadline.Date,
                FirstOfTask = m.Ordinal == m.Task.Measures.Min(o => o.Ordinal),
                Assignments = m.Assignments.OrderBy(a => a.Role).ThenBy(a => a.Ordinal)
                    .Select(a => new { a.Role, a.OrganizationId, a.LeaderId, a.PrintedName }).ToList(),
                Reminders = db.AuditEntries.Count(a => a.MeasureId == m.Id && a.Action == AuditAction.Remind),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        // The measures whose reports' content (narratives, return reasons, quantities) the caller may read.
        var readable = measures.Where(m => visibility.SeesContentOf(m.Assignments.Select(a => (a.Role, a.OrganizationId, a.LeaderId)))).Select(m => m.Id).ToHashSet();

        // The plan's measures by id rather than through measure → task → section → plan joins: PostgreSQL spent far longer
        // planning those many-way joins (and their anti-joins) than running them (docs/benchmarks.md).
        var measureIds = measures.Select(m => m.Id).ToList();
        // Every version of the plan's reports up to the period, one row each and without its narrative: the units' latest
        // reports, this period's counts, completion and the per-period counts are all worked out from these rows, in one
        // query instead of four that each went over the same reports.
        var versions = await db.ReportVersions.AsNoTracking()
            .Where(v => measureIds.Contains(v.Report!.MeasureId) && v.Report.Period <= current)
            .Select(v => new VersionRow(v.Id, v.ReportId, v.Report!.MeasureId, v.Report.OrganizationId, v.Report.Period, v.Report.State, v.Number, v.Status, v.Percent, v.SubmittedAt))
            .ToListAsync(cancellationToken);
        var reports = versions.GroupBy(v => v.ReportId)
            .Select(g => new ReportRow(g.MaxBy(v => v.Number)!, g.Where(v => v.SubmittedAt is not null).MaxBy(v => v.Number)))
            .ToList();

        // Each unit's latest submitted version on each measure: the last submitted version of its latest report that has one.
        var latestVersions = reports.Where(r => r.LastSubmitted is not null)
            .GroupBy(r => (r.Last.MeasureId, r.Last.OrganizationId))
            .ToDictionary(g => g.Key, g => g.MaxBy(r => r.Last.Period)!.LastSubmitted!);
        var versionIds = latestVersions.Values.Where(v => readable.Contains(v.MeasureId)).Select(v => v.Id).ToList();
        var texts = await db.ReportVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id))
            .Select(v => new { v.Id, v.Narrative, v.ReturnReason }).ToDictionaryAsync(v => v.Id, cancellationToken);
        var latest = latestVersions.ToDictionary(
            kv => kv.Key, kv => new LatestReport(kv.Value.Period, kv.Value.State, kv.Value.Status, kv.Value.Percent, texts.GetValueOrDefault(kv.Value.Id)?.Narrative, kv.Value.SubmittedAt));

        // Each unit's latest report, drafts included (the 台账's review state; a returned report's last version is the returned
        // one, read above), and its latest accepted report: only accepted figures count as achieved.
        var reviews = reports.GroupBy(r => (r.Last.MeasureId, r.Last.OrganizationId))
            .ToDictionary(g => g.Key, g => g.MaxBy(r => r.Last.Period)!.Last);
        var accepted = reports.Where(r => r.Last.State == ReportState.Accepted).GroupBy(r => (r.Last.MeasureId, r.Last.OrganizationId))
            .ToDictionary(g => g.Key, g => g.MaxBy(r => r.Last.Period)!.Last);

        // Per measure and unit: this period's report, and the latest period reported.
        var sent = reports.Select(r => r.Last).Where(r => r.State != ReportState.Draft).ToList();
        var perDuty = sent.GroupBy(r => (r.MeasureId, r.OrganizationId))
            .ToDictionary(g => g.Key, g => new DutyCounts(
                g.Count(r => r.Period == current), g.Count(r => r.Period == current && r.State == ReportState.Accepted), g.Max(r => r.Period)));

        // Accepted as done: the accepted (last) version of an accepted report says 已完成.
        var completed = reports.Select(r => r.Last).Where(r => r.State == ReportState.Accepted && r.Status == ProgressStatus.Completed)
            .Select(r => (r.MeasureId, r.OrganizationId)).ToHashSet();

        var perPeriod = sent.GroupBy(r => r.Period)
            .ToDictionary(g => g.Key, g => new PeriodCounts(g.Count(), g.Count(r => r.State == ReportState.Accepted), g.Count(r => r.State == ReportState.Returned)));

        var organizationNames = measures.SelectMany(m => m.Assignments).Where(a => a.OrganizationId is not null)
            .GroupBy(a => a.OrganizationId!.Value).ToDictionary(g => g.Key, g => g.First().PrintedName);

        var states = new List<MeasureState>();
        var schedules = new Dictionary<int, IReadOnlyList<ReportingPeriod>>();
        foreach (var m in measures)
        {
            var schedule = ReportingSchedule.Periods(plan.Year, plan.ReportingFrequency, plan.ReportingDueDay, new DateOnly(plan.Year, 1, 1), m.Kind, m.Date);
            schedules[m.Id] = schedule;
            var lastDue = schedule.LastOrDefault(p => p.Due < asOf && p.Start <= current);
            var deadlinePassed = m.Kind == DeadlineKind.Date && m.Date < asOf;
            var duties = new List<DutyState>();
            foreach (var organization in m.Assignments.Where(a => a.Role == AssignmentRole.Responsible && a.OrganizationId is not null).Select(a => a.OrganizationId!.Value).Distinct())
            {
                var key = (m.Id, organization);
                var last = latest.GetValueOrDefault(key);
                var counts = perDuty.GetValueOrDefault(key);
                var done = completed.Contains(key);
                var missing = !done && lastDue is not null && (counts is null || counts.LastPeriod < lastDue.Start);
                var reportedLate = last?.Status is ProgressStatus.Late or ProgressStatus.CannotComplete;
                duties.Add(new DutyState(
                    m.Id, organization, organizationNames[organization], last?.Status, last?.Percent, last?.Narrative, last?.SubmittedAt, last?.Period, last?.State, done,
                    counts?.ThisPeriod > 0, counts?.AcceptedThisPeriod > 0, lastDue?.Start, lastDue?.Due, missing,
                    Late: !done && (deadlinePassed || reportedLate || missing))
                {
                    Review = reviews.GetValueOrDefault(key) is { } review
                        ? new ReviewStanding(review.Period, review.State, review.State == ReportState.Returned ? texts.GetValueOrDefault(review.Id)?.ReturnReason : null)
                        : null,
                    Accepted = accepted.GetValueOrDefault(key) is { } a ? new AcceptedProgress(a.Period, a.Status, a.Percent) : null,
                });
            }

            var measureCompleted = duties.Count > 0 && duties.All(d => d.Completed);
            var open = duties.Where(d => !d.Completed).ToList();
            var dueSoon = m.Kind == DeadlineKind.Date && m.Date >= asOf && m.Date <= asOf.AddDays(AmberWindowDays);
            var reason = measureCompleted ? RiskReason.None
                : deadlinePassed ? RiskReason.DeadlinePassed
                : open.Any(d => d.Status is ProgressStatus.Late or ProgressStatus.CannotComplete) ? RiskReason.ReportedLate
                : dueSoon && (open.Count == 0 || open.Any(d => (d.Percent ?? 0) < AmberPercent)) ? RiskReason.DueSoonBehind
                : open.Any(d => d.Missing) ? RiskReason.ReportMissing
                : RiskReason.None;
            var risk = reason switch
            {
                RiskReason.DeadlinePassed or RiskReason.ReportedLate => RiskLevel.Red,
                RiskReason.DueSoonBehind or RiskReason.ReportMissing => RiskLevel.Amber,
                RiskReason.None => RiskLevel.Green,
            };
            var number = m.Number ?? (m.FirstOfTask ? m.TaskNumber : null);
            states.Add(new MeasureState(
                m.Id, m.SectionCode, m.SectionTitle, number?.ToString(System.Globalization.CultureInfo.InvariantCulture), m.TaskName, m.Text, m.Raw, m.Kind, m.Date,
                [.. m.Assignments.Where(a => a.Role == AssignmentRole.Lead).Select(a => a.PrintedName)], risk, reason, measureCompleted,
                Late: !measureCompleted && (duties.Any(d => d.Late) || (duties.Count == 0 && deadlinePassed)), m.Reminders, duties));
        }

        var allDuties = states.SelectMany(s => s.Duties).ToList();
        var expected = allDuties.Where(d => schedules[d.MeasureId].Any(p => p.Start == current) && (!d.Completed || d.ReportedThisPeriod)).ToList();
        var summary = new DashboardSummary(
            states.Count, allDuties.Count, expected.Count, expected.Count(d => d.ReportedThisPeriod), expected.Count(d => d.AcceptedThisPeriod),
            perPeriod.GetValueOrDefault(current)?.Returned ?? 0,
            states.Count(s => s.Completed), states.Count(s => s.Late), allDuties.Count(d => d.Missing));

        var byUnit = allDuties.GroupBy(d => d.OrganizationId)
            .Select(g => new Breakdown(g.First().Organization, g.Count(), g.Count(d => d.ReportedThisPeriod), g.Count(d => d.Completed), g.Count(d => d.Late), g.Count(d => d.Missing)))
            .OrderByDescending(b => b.Late).ThenBy(b => b.Name, StringComparer.Ordinal).ToList();
        var byLead = states.SelectMany(s => s.Lead.Distinct().Select(lead => (Lead: lead, State: s)))
            .GroupBy(x => x.Lead, StringComparer.Ordinal)
            .Select(g => Group(g.Key, [.. g.Select(x => x.State)])).ToList();
        var bySection = states.GroupBy(s => (s.SectionCode, s.SectionTitle))
            .Select(g => Group(g.Key.SectionCode.Length > 0 ? $"（{g.Key.SectionCode}）{g.Key.SectionTitle}" : g.Key.SectionTitle, [.. g])).ToList();

        var overdue = states.Where(s => s.Duties.Any(d => d.Missing))
            .Select(s =>
            {
                var owing = s.Duties.Where(d => d.Missing).ToList();
                var due = owing.Min(d => d.LastDueOn!.Value);
                return new OverdueItem(s.MeasureId, s.Number, s.TaskName, s.Text, owing.Min(d => d.LastDuePeriod!.Value), due, asOf.DayNumber - due.DayNumber,
                    [.. owing.Select(d => d.Organization)]);
            })
            .OrderByDescending(o => o.DaysOverdue).ToList();

        var trendPeriods = schedules.Values.SelectMany(s => s).Where(p => p.Start <= current).Select(p => p.Start).Distinct().Order().ToList();
        var trend = trendPeriods.Select(p =>
        {
            var counts = perPeriod.GetValueOrDefault(p);
            var expectedThen = allDuties.Count(d => schedules[d.MeasureId].Any(s => s.Start == p));
            var due = schedules.Values.SelectMany(s => s).First(s => s.Start == p).Due;
            return new TrendPoint(p, due, expectedThen, counts?.Submitted ?? 0, counts?.Accepted ?? 0, counts?.Returned ?? 0);
        }).ToList();

        var lastVersion = reports.ToDictionary(r => r.Last.ReportId, r => r.Last.Number);
        var targets = await TargetsAsync(db, planId, current, lastVersion, readable, cancellationToken);
        var numbers = states.ToDictionary(s => s.MeasureId, s => s.Number);
        // On the dashboard's day and in the caller's zone: the clock is not read.
        var clues = await new ClueStatistics(db, TimeProvider.System).ComputeInZoneAsync(user, new ClueStatisticsFilter(RegionId: plan.RegionId), asOf, zone, cancellationToken);
        return new DashboardView(
            plan.Id, plan.Title, plan.AttachmentLabel, plan.Year, plan.RegionName, plan.LeadKind, asOf, current,
            schedules.Values.SelectMany(s => s).FirstOrDefault(p => p.Start == current)?.Due,
            summary, byUnit, byLead, bySection, states, overdue, trend,
            [.. targets.Select(t => t with { MeasureNumber = numbers.GetValueOrDefault(t.MeasureId) })])
        {
            Clues = clues.Total.Received > 0 ? clues : null,
        };
    }

    private static Breakdown Group(string name, IReadOnlyList<MeasureState> measures) => new(
        name, measures.Count, measures.Count(m => m.Duties.Count > 0 && m.Duties.All(d => d.ReportedThisPeriod || d.Completed)),
        measures.Count(m => m.Completed), measures.Count(m => m.Late), measures.Count(m => m.Duties.Any(d => d.Missing)));

    /// <summary>
    /// Each target against the sum, over units, of the quantity in the unit's latest accepted report that gives one;
    /// <paramref name="lastVersion"/> is the number of each report's last version, for the plan's reports up to the period;
    /// only the targets of <paramref name="readable"/> measures get what was achieved.
    /// </summary>
    private static async Task<List<TargetProgress>> TargetsAsync(
        EcoPlanDbContext db, int planId, DateOnly current, Dictionary<int, int> lastVersion, HashSet<int> readable, CancellationToken cancellationToken)
    {
        var targets = await db.Targets.AsNoTracking().Where(t => t.Measure!.Task!.Section!.PlanId == planId)
            .OrderBy(t => t.Measure!.Task!.Section!.Ordinal).ThenBy(t => t.Measure!.Task!.Ordinal).ThenBy(t => t.Measure!.Ordinal).ThenBy(t => t.Id)
            .Select(t => new { t.Id, t.MeasureId, t.Metric, t.Unit, t.Comparator, t.Value })
            .ToListAsync(cancellationToken);

        if (targets.Count == 0)
        {
            return [];
        }

        // Quantities in accepted reports up to the period, the plan's targets by id; an accepted report's accepted version
        // is its last, and of each unit's the latest period counts. Picked here rather than by anti-joins in SQL.
        var targetIds = targets.Select(t => t.Id).ToList();
        var quantities = await db.ReportQuantities.AsNoTracking()
            .Where(q => targetIds.Contains(q.TargetId) && q.Version!.Report!.State == ReportState.Accepted && q.Version.Report.Period <= current)
            .Select(q => new { q.TargetId, q.Version!.ReportId, q.Version.Number, q.Version.Report!.OrganizationId, q.Version.Report.Period, q.Value })
            .ToListAsync(cancellationToken);
        var achieved = quantities
            .Where(q => lastVersion.TryGetValue(q.ReportId, out var last) && last == q.Number)
            .GroupBy(q => (q.TargetId, q.OrganizationId)).Select(g => g.MaxBy(q => q.Period)!)
            .GroupBy(q => q.TargetId).ToDictionary(g => g.Key, g => (Sum: g.Sum(q => q.Value), Count: g.Count()));

        return [.. targets.Select(t =>
        {
            var (sum, count) = achieved.GetValueOrDefault(t.Id);
            return readable.Contains(t.MeasureId)
                ? new TargetProgress(t.Id, t.MeasureId, null, t.Metric, t.Unit, t.Comparator, t.Value, sum, count)
                : new TargetProgress(t.Id, t.MeasureId, null, t.Metric, t.Unit, t.Comparator, t.Value, null, 0);
        })];
    }

    private sealed record VersionRow(
        int Id, int ReportId, int MeasureId, int OrganizationId, DateOnly Period, ReportState State, int Number, ProgressStatus Status, int Percent, DateTime? SubmittedAt);

    /// <summary>A report by its last version, and its last submitted version if any.</summary>
    private sealed record ReportRow(VersionRow Last, VersionRow? LastSubmitted);

    private sealed record LatestReport(DateOnly Period, ReportState State, ProgressStatus Status, int Percent, string? Narrative, DateTime? SubmittedAt);

    private sealed record DutyCounts(int ThisPeriod, int AcceptedThisPeriod, DateOnly LastPeriod);

    private sealed record PeriodCounts(int Submitted, int Accepted, int Returned);
}
