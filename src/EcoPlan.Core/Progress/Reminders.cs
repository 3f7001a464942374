using System.Linq.Expressions;
using System.Text;
using EcoPlan.Core.Audit;
using EcoPlan.Core.Clues;
using EcoPlan.Core.Notifications;

namespace EcoPlan.Core.Progress;

/// <summary>When to remind and whom to escalate to (configuration section EcoPlan:Reminders).</summary>
public sealed record ReminderOptions
{
    /// <summary>Whether the web app runs the job on a timer (the CLI's <c>reminders run</c> runs it regardless).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Minutes between two runs in the web app.</summary>
    public int IntervalMinutes { get; init; } = 60;

    /// <summary>A report due within this many days gets a first reminder to the unit.</summary>
    public int DueSoonDays { get; init; } = 3;

    /// <summary>Days overdue after which the measure's lead (leader or lead department) is told.</summary>
    public int EscalateToLeadAfterDays { get; init; } = 3;

    /// <summary>Days overdue after which the plan's coordinators are told.</summary>
    public int EscalateToCoordinatorAfterDays { get; init; } = 7;
}

/// <summary>How far a reminder has gone: the unit first, then the lead, then the coordinator.</summary>
public enum ReminderLevel
{
    DueSoon,
    Overdue,
    Lead,
    Coordinator,
}

/// <summary>A reminder made in one run: about which report, to which organization, and its line in the e-mail digest.</summary>
public sealed record Reminder(int MeasureId, string TaskName, string MeasureText, int UnitId, string Unit, DateOnly Period, DateOnly Due, ReminderLevel Level, int RecipientId, string Text);

/// <summary>What one run reminded anew: reports (<see cref="Reports"/>) and clues of batches with deadlines (<see cref="Clues"/>).</summary>
public sealed record ReminderRun(IReadOnlyList<Reminder> Reports, IReadOnlyList<ClueReminder> Clues)
{
    /// <summary>How many reminders are new in all.</summary>
    public int Count => Reports.Count + Clues.Count;
}

/// <summary>Sends a digest of new reminders to people by e-mail (SMTP in production, a fake in tests).</summary>
public interface IReminderMailer
{
    Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken);
}

/// <summary>
/// 催办: finds reports due soon and overdue in published plans and tells the unit, then the measure's lead, then the
/// coordinators, after the configured delays. The unit gets one notice per measure and period (its text follows the
/// level); the lead and the coordinators get one notice per measure and period naming every late unit (all units of a
/// measure are late by the same days, since they share its periods), rewritten as units report or fall late. A notice
/// whose cause ended (the report was submitted or accepted, the measure completed, a later period superseded it) is
/// resolved. Each run changes only what changed, so running it twice reminds nobody twice; each new reminder is
/// recorded on the measure (留痕), and each recipient with an e-mail address gets one digest of what is new.
/// The same run reminds townships of their clues' batch deadlines (<see cref="ClueReminders"/>), in the same transaction and
/// by the same rules: one notice per fact, rewritten as it changes, resolved when its cause ended.
/// </summary>
public sealed class ReminderJob(EcoPlanDbContext db, TimeProvider time, ReminderOptions options, IReminderMailer? mailer = null)
{
    /// <summary>The job as configured: its options, and e-mail when EcoPlan:Smtp:Host is set.</summary>
    public static ReminderJob Create(EcoPlanDbContext db, TimeProvider time, Configuration.EcoPlanOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(db, time, options.Reminders, options.Smtp.Host is { Length: > 0 } ? new SmtpReminderMailer(options.Smtp) : null);
    }

    /// <summary>Whether the job sends e-mail as well as notices.</summary>
    public bool SendsMail => mailer is not null;

    public async Task<ReminderRun> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var candidates = await FindAsync(today, cancellationToken);
        var clueCandidates = await new ClueReminders(db, options).FindAsync(today, cancellationToken);
        // The notices and their 留痕 entries commit together: a run that dies half-way leaves no notice without its audit entry.
        var strategy = db.Database.CreateExecutionStrategy();
        var fresh = await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var news = await ReconcileReportsAsync(candidates, now, cancellationToken);
            foreach (var group in news.GroupBy(r => (r.MeasureId, r.UnitId, r.Period, r.Level)))
            {
                db.Record(AuditAction.Remind, by: null, now, group.Key.MeasureId, reportId: null,
                    new { unit = group.First().Unit, period = group.Key.Period, level = group.Key.Level.ToString(), recipients = group.Select(r => r.RecipientId).ToList() });
            }

            var clueNews = await ReconcileCluesAsync(clueCandidates, now, cancellationToken);
            // On the batch's measure when it has one (the measure's 留痕 and 催办次数 count it); the batch, township and 编号 say which clues.
            foreach (var group in clueNews.GroupBy(r => r.Key + ":" + r.Level))
            {
                var first = group.First();
                db.Record(AuditAction.Remind, by: null, now, first.MeasureId, reportId: null, new
                {
                    batch = first.BatchId, batchName = first.BatchName, township = first.Township, deadline = first.Kind.ToString(), due = first.Due,
                    level = first.Level.ToString(), clues = first.Count, codes = first.Codes, recipients = group.Select(r => r.RecipientId).ToList(),
                });
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new ReminderRun(news, clueNews);
        });
        Operations.EcoPlanMetrics.RemindersSent.Add(fresh.Count);
        if (mailer is not null && fresh.Count > 0)
        {
            await MailAsync(fresh, cancellationToken);
        }

        return fresh;
    }

    /// <summary>The reports' notices: the unit's per measure and period, the lead's and coordinators' naming the late units.</summary>
    private Task<List<Reminder>> ReconcileReportsAsync(List<Reminder> candidates, DateTime now, CancellationToken cancellationToken)
    {
        var desired = new List<(NoticeDraft Notice, List<Reminder> Reminders)>();
        foreach (var r in candidates.Where(r => r.Level is ReminderLevel.DueSoon or ReminderLevel.Overdue))
        {
            desired.Add((new NoticeDraft(r.RecipientId, ReminderNotices.UnitKey(r.MeasureId, r.UnitId, r.Period), r.Text, ReminderNotices.Link(r.MeasureId, r.Period),
                ReminderNotices.ReportCause(r.MeasureId, r.UnitId, r.Period)), [r]));
        }

        foreach (var group in candidates.Where(r => r.Level is ReminderLevel.Lead or ReminderLevel.Coordinator).GroupBy(r => (r.RecipientId, r.MeasureId, r.Period)))
        {
            var first = group.First();
            var text = ReminderNotices.GroupText(first.TaskName, first.MeasureText, first.Period, first.Due, [.. group.Select(r => r.Unit).Distinct()],
                group.Any(r => r.Level == ReminderLevel.Lead));
            var key = ReminderNotices.GroupKey(first.MeasureId, first.Period);
            desired.Add((new NoticeDraft(group.Key.RecipientId, key, text, ReminderNotices.Link(first.MeasureId, first.Period), key), [.. group]));
        }

        // News: a unit notice whose level moved on, a unit new to a group notice.
        return ReconcileAsync(desired, n => n.Key.StartsWith(ReminderNotices.UnitPrefix) || n.Key.StartsWith(ReminderNotices.GroupPrefix),
            (current, notice, reminders) => notice.Key.StartsWith(ReminderNotices.UnitPrefix, StringComparison.Ordinal)
                ? (current.Text == notice.Text ? [] : reminders)
                : ReminderNotices.NewToGroup(current.Text, reminders),
            now, cancellationToken);
    }

    /// <summary>The clues' notices: one per recipient, batch, township and deadline kind.</summary>
    private async Task<List<ClueReminder>> ReconcileCluesAsync(List<ClueReminder> candidates, DateTime now, CancellationToken cancellationToken)
    {
        var townshipIds = candidates.Where(c => c.TownshipRegionId is not null).Select(c => c.TownshipRegionId!.Value).Distinct().ToList();
        var codes = await db.Regions.AsNoTracking().Where(r => townshipIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Code, cancellationToken);
        var desired = candidates.Select(c => (ClueReminders.Notice(c, c.TownshipRegionId is { } t ? codes[t] : null), new List<ClueReminder> { c })).ToList();
        // News: more clues than the notice named, or due soon turned overdue; fewer clues rewrite it quietly.
        return await ReconcileAsync(desired, n => n.Key.StartsWith(ClueReminders.KeyPrefix),
            (current, _, reminders) => ClueReminders.IsNews(current.Text, reminders[0]) ? reminders : [],
            now, cancellationToken);
    }

    /// <summary>
    /// Brings the notices <paramref name="managed"/> selects in line with <paramref name="desired"/>: raises the missing, rewrites
    /// the changed, reopens the ones asked for again (a returned report, a reopened clue), resolves the open ones nothing asks
    /// for any more. Returns the reminders that are news to their recipient: a new or reopened notice, or what
    /// <paramref name="newsOf"/> finds new in a rewritten one.
    /// </summary>
    private async Task<List<T>> ReconcileAsync<T>(List<(NoticeDraft Notice, List<T> Reminders)> desired, Expression<Func<Notification, bool>> managed,
        Func<Notification, NoticeDraft, List<T>, List<T>> newsOf, DateTime now, CancellationToken cancellationToken)
    {
        var keys = desired.Select(d => d.Notice.Key).Distinct().ToList();
        // Two reads of one tracking context: a notice in both is the same instance.
        var named = await db.Notifications.Where(n => keys.Contains(n.Key)).ToListAsync(cancellationToken);
        var open = await db.Notifications.Where(n => n.ResolvedAt == null).Where(managed).ToListAsync(cancellationToken);
        var existing = named.Concat(open).Distinct().ToDictionary(n => (n.OrganizationId, n.Key));
        var fresh = new List<T>();
        var raise = new List<(NoticeDraft Notice, List<T> Reminders)>();
        foreach (var (notice, reminders) in desired)
        {
            if (!existing.Remove((notice.OrganizationId, notice.Key), out var current))
            {
                raise.Add((notice, reminders));
                continue;
            }

            var news = current.ResolvedAt is not null ? reminders : newsOf(current, notice, reminders);
            if (news.Count > 0)
            {
                current.ReadAt = null;
                fresh.AddRange(news);
            }

            current.Text = notice.Text;
            current.ResolvedAt = null;
        }

        // What is left open was asked for before and is not any more.
        foreach (var stale in existing.Values.Where(n => n.ResolvedAt is null))
        {
            stale.ResolvedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        // A notice another run raised at the same moment is that run's news, not ours.
        var raised = (await new NoticeBoard(db, time).RaiseAsync([.. raise.Select(r => r.Notice)], cancellationToken)).ToHashSet();
        fresh.AddRange(raise.Where(r => raised.Contains(r.Notice)).SelectMany(r => r.Reminders));
        return fresh;
    }

    private async Task<List<Reminder>> FindAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var measures = await ReminderNotices.MeasuresAsync(db, measureIds: null, cancellationToken);
        var reports = (await db.ProgressReports.AsNoTracking()
                .Select(r => new { r.MeasureId, r.OrganizationId, r.Period, r.State, Completed = r.State == ReportState.Accepted && r.Versions.OrderByDescending(v => v.Number).First().Status == ProgressStatus.Completed })
                .ToListAsync(cancellationToken))
            .ToLookup(r => (r.MeasureId, r.OrganizationId));
        var coordinators = await ReminderNotices.CoordinatorsAsync(db, cancellationToken);

        var reminders = new List<Reminder>();
        foreach (var measure in measures)
        {
            var periods = measure.Periods();
            foreach (var unit in measure.Responsible.DistinctBy(u => u.Id))
            {
                var own = reports[(measure.Id, unit.Id)].ToList();
                // A measure accepted as done stops asking.
                if (own.Any(r => r.Completed))
                {
                    continue;
                }

                // Only the latest period due counts: a unit late for months gets one escalating reminder, not one per month.
                if (periods.LastOrDefault(p => p.Due <= today.AddDays(options.DueSoonDays)) is { } period
                    && !own.Any(r => r.Period == period.Start && r.State is ReportState.Submitted or ReportState.Accepted))
                {
                    var overdue = today.DayNumber - period.Due.DayNumber;
                    var label = period.Start.ToString("yyyy-MM", CultureInfo.InvariantCulture);
                    var due = period.Due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    var what = ReminderNotices.Subject(measure.TaskName, measure.MeasureText);
                    Reminder Make(ReminderLevel level, int recipient, string text) => new(measure.Id, measure.TaskName, measure.MeasureText, unit.Id, unit.PrintedName, period.Start, period.Due, level, recipient, text);
                    if (overdue < 0)
                    {
                        reminders.Add(Make(ReminderLevel.DueSoon, unit.Id, $"催办：{what} {label} 进展报告将于 {due} 到期，请按时报送。"));
                        continue;
                    }

                    reminders.Add(Make(ReminderLevel.Overdue, unit.Id, $"催办：{what} {label} 进展报告已逾期（{due} 到期），请尽快报送。"));
                    if (overdue >= options.EscalateToLeadAfterDays)
                    {
                        reminders.AddRange(measure.LeadOrganizations.Distinct().Select(lead =>
                            Make(ReminderLevel.Lead, lead, $"督办：{unit.PrintedName} {what} {label} 进展报告已逾期 {overdue} 天，请督促报送。")));
                    }

                    if (overdue >= options.EscalateToCoordinatorAfterDays)
                    {
                        reminders.AddRange(coordinators[measure.RegionId].Distinct().Select(coordinator =>
                            Make(ReminderLevel.Coordinator, coordinator, $"督办：{unit.PrintedName} {what} {label} 进展报告已逾期 {overdue} 天，已提醒牵头领导（部门）。")));
                    }
                }
            }
        }

        return reminders;
    }

    /// <summary>One digest per person: everything new for the organizations the person belongs to, reports first, then clues.</summary>
    private async Task MailAsync(ReminderRun fresh, CancellationToken cancellationToken)
    {
        var organizations = fresh.Reports.Select(r => r.RecipientId).Concat(fresh.Clues.Select(r => r.RecipientId)).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => organizations.Contains(u.OrganizationId) && u.Email != null && u.Email != "")
            .Select(u => new { u.Email, u.OrganizationId }).ToListAsync(cancellationToken);
        foreach (var person in people)
        {
            var reports = fresh.Reports.Where(r => r.RecipientId == person.OrganizationId).Select(r => r.Text).ToList();
            var clues = fresh.Clues.Where(r => r.RecipientId == person.OrganizationId).Select(r => r.Text).ToList();
            if (reports.Count + clues.Count == 0)
            {
                continue;
            }

            var body = new StringBuilder("EcoPlan 催办提醒 / reminders:\n\n");
            foreach (var text in reports.Concat(clues))
            {
                body.Append("- ").Append(text).Append('\n');
            }

            var subject = string.Join("，", new[] { reports.Count > 0 ? $"{reports.Count} 项进展报告待报送" : null, clues.Count > 0 ? $"{clues.Count} 项线索核查整改待办" : null }.OfType<string>());
            await mailer!.SendAsync(person.Email!, $"EcoPlan 催办：{subject}", body.ToString(), cancellationToken);
        }
    }
}
