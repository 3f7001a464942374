using EcoPlan.Core.Notifications;
using EcoPlan.Core.Plans;

namespace EcoPlan.Core.Progress;

/// <summary>
/// The notices about reports: their keys and causes, their texts, and what the reporting workflow raises and resolves.
/// A unit's reminder and a returned-report notice stay open while <see cref="ReportCause"/> holds (the report is due);
/// submitting or accepting the report resolves them and takes the unit off the lead's and coordinators' group notices.
/// </summary>
public static class ReminderNotices
{
    internal const string UnitPrefix = "remind:";
    internal const string GroupPrefix = "late:";

    /// <summary>The unit's reminder of one report: one notice whatever the level, its text following the level.</summary>
    public static string UnitKey(int measureId, int unitId, DateOnly period) => string.Create(CultureInfo.InvariantCulture, $"{UnitPrefix}{measureId}:{unitId}:{period:yyyy-MM}");

    /// <summary>The lead's or a coordinator's notice of a measure and period, naming the late units.</summary>
    public static string GroupKey(int measureId, DateOnly period) => string.Create(CultureInfo.InvariantCulture, $"{GroupPrefix}{measureId}:{period:yyyy-MM}");

    /// <summary>What keeps a unit's notices about one report open: the report is due and neither submitted nor accepted.</summary>
    public static string ReportCause(int measureId, int unitId, DateOnly period) => string.Create(CultureInfo.InvariantCulture, $"report:{measureId}:{unitId}:{period:yyyy-MM}");

    /// <summary>The measure's page open at the period the notice is about, so 打开 lands on that period's report.</summary>
    internal static string Link(int measureId, DateOnly period) => string.Create(CultureInfo.InvariantCulture, $"/measures/{measureId}?period={period:yyyy-MM}#progress");

    /// <summary>The task and the start of the measure's text: measures of one task are told apart.</summary>
    internal static string Subject(string taskName, string measureText)
    {
        var text = measureText.Trim();
        return text.Length <= 24 ? $"「{taskName}」（{text}）" : $"「{taskName}」（{text[..24]}…）";
    }

    /// <summary>How many late units a group notice names; more are counted (等 N 个单位), so the text stays within its column.</summary>
    internal const int GroupUnitsShown = 10;

    internal static string GroupText(string taskName, string measureText, DateOnly period, DateOnly due, IReadOnlyList<string> units, bool lead) =>
        string.Create(CultureInfo.InvariantCulture,
            $"督办：{Subject(taskName, measureText)} {period:yyyy-MM} 进展报告逾期未报（{due:yyyy-MM-dd} {GroupUnitsMark}{string.Join("、", units.Take(GroupUnitsShown))}"
            + $"{(units.Count > GroupUnitsShown ? "等" : "")}（{units.Count} 个单位），{(lead ? "请督促报送" : "已提醒牵头领导（部门）")}。");

    private const string GroupUnitsMark = "到期）：";

    /// <summary>
    /// The reminders of a group notice whose unit the notice did not name yet: read from the unit list the text carries (not
    /// from the whole text, whose task and measure may name units too). When the list was cut, a larger count is the news.
    /// </summary>
    internal static List<Reminder> NewToGroup(string text, IReadOnlyList<Reminder> reminders)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = text.LastIndexOf(GroupUnitsMark, StringComparison.Ordinal) + GroupUnitsMark.Length;
        var count = text.LastIndexOf(" 个单位）", StringComparison.Ordinal);
        var open = text.LastIndexOf('（', Math.Max(count, 0));
        if (start < GroupUnitsMark.Length || open < start || !int.TryParse(text[(open + 1)..count], CultureInfo.InvariantCulture, out var named))
        {
            return [.. reminders];
        }

        var listed = text[start..open];
        var cut = listed.EndsWith('等');
        var shown = (cut ? listed[..^1] : listed).Split('、').ToHashSet(StringComparer.Ordinal);
        var units = reminders.Select(r => r.Unit).Distinct().Count();
        return cut ? (units > named ? [.. reminders.Where(r => !shown.Contains(r.Unit))] : [])
            : [.. reminders.Where(r => !shown.Contains(r.Unit))];
    }

    /// <summary>A report was submitted (or accepted): its reminders and its returned notice are resolved, the group notices regrouped.</summary>
    public static async Task SettledAsync(EcoPlanDbContext db, TimeProvider time, int measureId, int unitId, DateOnly period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await new NoticeBoard(db, time).ResolveAsync(ReportCause(measureId, unitId, period), cancellationToken);
        // A group notice's cause is its key; both reads below go by the indexed cause.
        var key = GroupKey(measureId, period);
        var groups = await db.Notifications.Where(n => n.Cause == key && n.ResolvedAt == null).ToListAsync(cancellationToken);
        if (groups.Count == 0)
        {
            return;
        }

        // The units still late are those whose own reminder for the period is open: all of a measure's units are late by
        // the same days, so each group notice named exactly them.
        var measure = (await MeasuresAsync(db, [measureId], cancellationToken)).SingleOrDefault();
        var causes = measure?.Responsible.Select(u => ReportCause(measureId, u.Id, period)).ToList() ?? [];
        var reminded = (await db.Notifications.AsNoTracking()
                .Where(n => causes.Contains(n.Cause!) && n.ResolvedAt == null && n.Key.StartsWith(UnitPrefix))
                .Select(n => n.OrganizationId).ToListAsync(cancellationToken))
            .ToHashSet();
        var due = measure?.Periods().FirstOrDefault(p => p.Start == period)?.Due;
        var late = measure?.Responsible.Where(u => reminded.Contains(u.Id)).Select(u => u.PrintedName).Distinct().ToList() ?? [];
        foreach (var group in groups)
        {
            if (late.Count == 0 || due is null)
            {
                group.ResolvedAt = time.GetUtcNow().UtcDateTime;
                continue;
            }

            group.Text = GroupText(measure!.TaskName, measure.MeasureText, period, due.Value, late, measure.LeadOrganizations.Contains(group.OrganizationId));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Tells the unit its report was returned, with the reason; open until the report is submitted again.</summary>
    public static Task ReturnedAsync(EcoPlanDbContext db, TimeProvider time, ProgressReport report, int version, string reason, CancellationToken cancellationToken) =>
        TellAsync(db, time, report, string.Create(CultureInfo.InvariantCulture, $"returned:{report.Id}:{version}"),
            (subject, label) => $"退回：{subject} {label} 进展报告被退回，原因：{reason}。请修改后重新提交。", ReportCause(report.MeasureId, report.OrganizationId, report.Period), cancellationToken);

    /// <summary>
    /// Tells each unit its report was accepted (for information: nothing is left to do), in one raise for all of them. Their
    /// reminders were resolved when they were submitted.
    /// </summary>
    public static async Task AcceptedAsync(EcoPlanDbContext db, TimeProvider time, IReadOnlyCollection<ProgressReport> reports, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(reports);
        if (reports.Count == 0)
        {
            return;
        }

        var measures = (await MeasuresAsync(db, [.. reports.Select(r => r.MeasureId).Distinct()], cancellationToken)).ToDictionary(m => m.Id);
        var notices = reports.Where(r => measures.ContainsKey(r.MeasureId)).Select(r => new NoticeDraft(r.OrganizationId,
            string.Create(CultureInfo.InvariantCulture, $"accepted:{r.Id}:{r.Versions.Max(v => v.Number)}"),
            string.Create(CultureInfo.InvariantCulture, $"审核通过：{Subject(measures[r.MeasureId].TaskName, measures[r.MeasureId].MeasureText)} {r.Period:yyyy-MM} 进展报告已通过审核。"),
            Link(r.MeasureId, r.Period)));
        await new NoticeBoard(db, time).RaiseAsync([.. notices], cancellationToken);
    }

    private static async Task TellAsync(EcoPlanDbContext db, TimeProvider time, ProgressReport report, string key, Func<string, string, string> text, string? cause, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(report);
        var measure = (await MeasuresAsync(db, [report.MeasureId], cancellationToken)).Single();
        var label = report.Period.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await new NoticeBoard(db, time).RaiseAsync([new NoticeDraft(report.OrganizationId, key, text(Subject(measure.TaskName, measure.MeasureText), label), Link(report.MeasureId, report.Period), cause)], cancellationToken);
    }

    internal sealed record UnitRow(int Id, string PrintedName);

    internal sealed record MeasureRow(int Id, string TaskName, string MeasureText, int Year, int RegionId, ReportingFrequency Frequency, int DueDay, DeadlineKind Kind, DateOnly? Date,
        List<UnitRow> Responsible, List<int> LeadOrganizations)
    {
        public IReadOnlyList<ReportingPeriod> Periods() => ReportingSchedule.Periods(Year, Frequency, DueDay, new DateOnly(Year, 1, 1), Kind, Date);
    }

    /// <summary>The organizations of coordinator accounts, by the region of the organization: who coordinates each region's plans and clues.</summary>
    internal static async Task<ILookup<int, int>> CoordinatorsAsync(EcoPlanDbContext db, CancellationToken cancellationToken) =>
        (await db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(role => role.Id == ur.RoleId && role.Name == Roles.Coordinator)))
            .Select(u => new { u.OrganizationId, u.Organization!.RegionId }).Distinct().ToListAsync(cancellationToken))
        .ToLookup(c => c.RegionId, c => c.OrganizationId);

    /// <summary>The measures of published plans (those named, or all) with what reminders need: periods, responsible units, leads.</summary>
    internal static Task<List<MeasureRow>> MeasuresAsync(EcoPlanDbContext db, IReadOnlyCollection<int>? measureIds, CancellationToken cancellationToken) =>
        db.Measures.AsNoTracking()
            .Where(m => m.Task!.Section!.Plan!.Status == PlanStatus.Published && (measureIds == null || measureIds.Contains(m.Id)))
            .Select(m => new MeasureRow(
                m.Id, m.Task!.Name, m.Text, m.Task.Section!.Plan!.Year, m.Task.Section.Plan.RegionId, m.Task.Section.Plan.ReportingFrequency, m.Task.Section.Plan.ReportingDueDay,
                m.Deadline.Kind, m.Deadline.Date,
                m.Assignments.Where(a => a.Role == AssignmentRole.Responsible && a.OrganizationId != null).Select(a => new UnitRow(a.OrganizationId!.Value, a.PrintedName)).ToList(),
                m.Assignments.Where(a => a.Role == AssignmentRole.Lead).Select(a => a.OrganizationId ?? a.Leader!.OrganizationId).ToList()))
            .ToListAsync(cancellationToken);
}
