using System.Linq.Expressions;
using EcoPlan.Core.Notifications;
using EcoPlan.Core.Organizations;
using EcoPlan.Core.Plans;
using EcoPlan.Core.Progress;

namespace EcoPlan.Core.Clues;

/// <summary>
/// A clue reminder made in one run: about the clues of one batch, township (null: the district's queue) and deadline kind,
/// to one organization, at one level, and its line in the e-mail digest. <see cref="Codes"/> are the first few 编号 the
/// text names; <see cref="Count"/> is how many clues it is about.
/// </summary>
public sealed record ClueReminder(
    int BatchId,
    string BatchName,
    int? MeasureId,
    int? TownshipRegionId,
    string Township,
    ClueDeadlineKind Kind,
    DateOnly Due,
    int Count,
    int OverdueCount,
    IReadOnlyList<string> Codes,
    ReminderLevel Level,
    int RecipientId,
    string Text)
{
    /// <summary>The notice's key: one per batch, township and deadline kind (the same key for every recipient).</summary>
    public string Key => ClueReminders.Key(BatchId, TownshipRegionId, Kind);
}

/// <summary>
/// The clue part of 催办: batch deadlines (<see cref="ClueBatch.VerifyBy"/>, the rectification date) drive the reminder job.
/// Which clues still work to a deadline is <see cref="ClueDeadlines.Of"/>, the rule the list's 逾期 filter uses:
/// verification for 待核查/核查中, rectification for 待报整改方案/整改方案待审/整改中 (by the submitted plan's date, else the
/// batch's); a clue whose outcome or 销号 request waits for the district, or that is closed, asks nothing of the township.
/// For each batch, township and deadline kind with such clues due within <see cref="ReminderOptions.DueSoonDays"/> or
/// past their date: the township is told (将于…到期, then 已逾期); after <see cref="ReminderOptions.EscalateToLeadAfterDays"/>
/// days overdue the batch's measure's lead organizations and the units the batch names; after
/// <see cref="ReminderOptions.EscalateToCoordinatorAfterDays"/> the district's coordinators. Clues in the district's queue
/// (no township yet) remind the district's coordinators directly, who are the ones to act (assign them).
/// <see cref="ReminderJob"/> reconciles these with the notices in the same run and transaction as the reports' reminders.
/// </summary>
public sealed class ClueReminders(EcoPlanDbContext db, ReminderOptions options)
{
    internal const string KeyPrefix = "clue-remind:";

    /// <summary>How many 编号 a notice names; the count says how many there are.</summary>
    public const int CodesShown = 5;

    private const string Queue = "区级待分派队列";

    /// <summary>The notice of a batch's clues of one township (or the queue) for one deadline kind.</summary>
    public static string Key(int batchId, int? townshipRegionId, ClueDeadlineKind kind) => string.Create(CultureInfo.InvariantCulture,
        $"{KeyPrefix}{batchId}:{(townshipRegionId is { } t ? t.ToString(CultureInfo.InvariantCulture) : "queue")}:{(kind == ClueDeadlineKind.Verification ? "verify" : "rectify")}");

    /// <summary>The clue list filtered to the batch and the township (<c>none</c>: the queue).</summary>
    public static string Link(int batchId, string? townshipCode) => string.Create(CultureInfo.InvariantCulture,
        $"/clues?batch={batchId}&township={Uri.EscapeDataString(townshipCode ?? "none")}");

    /// <summary>The reminders the clues ask for today, one per notice (recipient and key), at the recipient's level.</summary>
    public async Task<List<ClueReminder>> FindAsync(DateOnly today, CancellationToken cancellationToken = default)
    {
        var horizon = today.AddDays(options.DueSoonDays);
        // Only clues near or past a deadline are read, one kind at a time (their states do not overlap).
        var clues = new List<ClueRow>();
        foreach (var kind in Enum.GetValues<ClueDeadlineKind>())
        {
            clues.AddRange(await db.Clues.AsNoTracking().Where(WorksTo(kind, horizon))
                .Select(c => new ClueRow(c.Id, c.BatchId, c.State, c.TownshipRegionId, c.Batch!.VerifyBy, c.RectifyBy ?? c.Batch.RectifyBy,
                    c.SourceIds.OrderBy(s => s.Id).Select(s => s.Code).FirstOrDefault()))
                .ToListAsync(cancellationToken));
        }

        var groups = clues
            .Select(c => (Clue: c, Deadline: ClueDeadlines.Of(c.State, c.VerifyBy, c.RectifyBy)))
            .Where(c => c.Deadline is { } d && d.Date <= horizon)
            .GroupBy(c => (c.Clue.BatchId, c.Clue.TownshipRegionId, c.Deadline!.Value.Kind))
            .ToList();
        if (groups.Count == 0)
        {
            return [];
        }

        var batchIds = groups.Select(g => g.Key.BatchId).Distinct().ToList();
        var batches = await db.ClueBatches.AsNoTracking().Where(b => batchIds.Contains(b.Id))
            .Select(b => new { b.Id, b.Name, b.MeasureId, b.DistrictRegionId, Units = b.Units.Select(u => u.OrganizationId).ToList() })
            .ToDictionaryAsync(b => b.Id, cancellationToken);
        var measureIds = batches.Values.Where(b => b.MeasureId is not null).Select(b => b.MeasureId!.Value).Distinct().ToList();
        var leads = (await db.MeasureAssignments.AsNoTracking().Where(a => measureIds.Contains(a.MeasureId) && a.Role == AssignmentRole.Lead)
                .Select(a => new { a.MeasureId, Organization = a.OrganizationId ?? a.Leader!.OrganizationId }).ToListAsync(cancellationToken))
            .ToLookup(a => a.MeasureId, a => a.Organization);
        var townshipIds = groups.Where(g => g.Key.TownshipRegionId is not null).Select(g => g.Key.TownshipRegionId!.Value).Distinct().ToList();
        var townships = await db.Regions.AsNoTracking().Where(r => townshipIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => new { r.Code, r.Name }, cancellationToken);
        var townshipOffices = await TownshipOfficesAsync(townshipIds, cancellationToken);
        var coordinators = await ReminderNotices.CoordinatorsAsync(db, cancellationToken);

        var reminders = new List<ClueReminder>();
        foreach (var group in groups)
        {
            var batch = batches[group.Key.BatchId];
            var township = group.Key.TownshipRegionId is { } id ? townships[id] : null;
            var ordered = group.OrderBy(c => c.Deadline!.Value.Date).ThenBy(c => c.Clue.Code, StringComparer.Ordinal).ThenBy(c => c.Clue.Id).ToList();
            var due = ordered[0].Deadline!.Value.Date;
            var overdueCount = ordered.Count(c => c.Deadline!.Value.Date < today);
            var codes = ordered.Take(CodesShown).Select(c => c.Clue.Code ?? c.Clue.Id.ToString(CultureInfo.InvariantCulture)).ToList();
            var daysOverdue = today.DayNumber - due.DayNumber;
            var fact = new ClueFact(batch.Name, township?.Name, group.Key.Kind, due, ordered.Count, overdueCount, codes);
            ClueReminder Make(ReminderLevel level, int recipient) => new(batch.Id, batch.Name, batch.MeasureId, group.Key.TownshipRegionId, township?.Name ?? Queue,
                group.Key.Kind, due, ordered.Count, overdueCount, codes, level, recipient, fact.Text(level));

            var first = daysOverdue > 0 ? ReminderLevel.Overdue : ReminderLevel.DueSoon;
            var made = new List<ClueReminder>();
            if (group.Key.TownshipRegionId is not { } townshipId)
            {
                // The queue: the district's coordinators are the ones who act (assign), so they are told first and only.
                made.AddRange(coordinators[batch.DistrictRegionId].Select(c => Make(first, c)));
            }
            else
            {
                made.AddRange(townshipOffices[townshipId].Select(o => Make(first, o)));
                if (daysOverdue >= options.EscalateToLeadAfterDays)
                {
                    var heads = (batch.MeasureId is { } measure ? leads[measure] : []).Concat(batch.Units);
                    made.AddRange(heads.Select(o => Make(ReminderLevel.Lead, o)));
                }

                if (daysOverdue >= options.EscalateToCoordinatorAfterDays)
                {
                    made.AddRange(coordinators[batch.DistrictRegionId].Select(c => Make(ReminderLevel.Coordinator, c)));
                }
            }

            // One notice per recipient: an organization both named by the batch and coordinating gets the furthest level.
            reminders.AddRange(made.GroupBy(r => r.RecipientId).Select(r => r.MaxBy(x => x.Level)!));
        }

        return reminders;
    }

    /// <summary>
    /// After steps or an assignment on clues of these batches and townships (null: the queue): resolves at once the notices
    /// of a batch, township and kind with no clue left that works to that deadline (the last one verified, asked to close,
    /// moved to another township), as submitting a report resolves its reminder. Fewer clues, or clues due again, wait for
    /// the job's next run to be rewritten.
    /// </summary>
    public static async Task SettleAsync(EcoPlanDbContext db, TimeProvider time, IEnumerable<(int BatchId, int? TownshipRegionId)> touched, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(touched);
        var board = new NoticeBoard(db, time);
        foreach (var (batchId, townshipId) in touched.Distinct())
        {
            foreach (var kind in Enum.GetValues<ClueDeadlineKind>())
            {
                var key = Key(batchId, townshipId, kind);
                if (await db.Notifications.AnyAsync(n => n.Cause == key && n.ResolvedAt == null, cancellationToken)
                    && !await db.Clues.Where(c => c.BatchId == batchId && c.TownshipRegionId == townshipId).AnyAsync(WorksTo(kind, DateOnly.MaxValue), cancellationToken))
                {
                    await board.ResolveAsync(key, cancellationToken);
                }
            }
        }
    }

    /// <summary><see cref="ClueDeadlines.Of"/> as SQL: the clues working to a deadline of the kind on or before <paramref name="horizon"/>.</summary>
    private static Expression<Func<Clue, bool>> WorksTo(ClueDeadlineKind kind, DateOnly horizon) => kind == ClueDeadlineKind.Verification
        ? c => (c.State == ClueState.Pending || c.State == ClueState.Verifying) && c.Batch!.VerifyBy <= horizon
        : c => (c.State == ClueState.PlanDue || c.State == ClueState.PlanSubmitted || c.State == ClueState.Rectifying) && (c.RectifyBy ?? c.Batch!.RectifyBy) <= horizon;

    private sealed record ClueRow(int Id, int BatchId, ClueState State, int? TownshipRegionId, DateOnly? VerifyBy, DateOnly? RectifyBy, string? Code);

    /// <summary>The notice a reminder stands for: its cause is its key, so resolving it needs no other fact.</summary>
    internal static NoticeDraft Notice(ClueReminder reminder, string? townshipCode) =>
        new(reminder.RecipientId, reminder.Key, reminder.Text, Link(reminder.BatchId, townshipCode), reminder.Key);

    /// <summary>
    /// Whether an open notice rewritten to <paramref name="reminder"/>'s text is news to its reader: more clues than it named,
    /// or due soon turned overdue. Fewer clues (some verified or rectified) rewrite it quietly. A text it cannot read back
    /// (written by another release, or before the batch was renamed) is news: better told twice than not at all.
    /// </summary>
    internal static bool IsNews(string current, ClueReminder reminder)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(reminder);
        if (current == reminder.Text)
        {
            return false;
        }

        var mark = $"「{reminder.BatchName}」有 ";
        return (Read(current, mark), Read(reminder.Text, mark)) switch
        {
            ({ } was, { } now) => now.Count > was.Count || (now.Overdue && !was.Overdue),
            _ => true,
        };
    }

    /// <summary>The count and whether it is overdue, read back from a text <see cref="ClueFact.Text"/> wrote: the number after the batch's name, the state between it and the codes.</summary>
    private static (int Count, bool Overdue)? Read(string text, string mark)
    {
        var start = text.IndexOf(mark, StringComparison.Ordinal);
        var end = start < 0 ? -1 : text.IndexOf(" 条线索", start + mark.Length, StringComparison.Ordinal);
        if (end < 0 || !int.TryParse(text.AsSpan(start + mark.Length, end - start - mark.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return null;
        }

        var codes = text.IndexOf('：', end);
        var state = codes < 0 ? text[end..] : text[end..codes];
        return (count, state.Contains("逾期", StringComparison.Ordinal));
    }

    /// <summary>Township offices (the 乡镇/街道's own unit, or any unit a township account is bound to) of each township region.</summary>
    private async Task<ILookup<int, int>> TownshipOfficesAsync(List<int> townshipIds, CancellationToken cancellationToken)
    {
        var role = db.Roles.Where(r => r.Name == Roles.Township).Select(r => r.Id);
        return (await db.Organizations.AsNoTracking()
                .Where(o => townshipIds.Contains(o.RegionId)
                    && (o.Kind == OrganizationKind.Township || db.Users.Any(u => u.OrganizationId == o.Id && db.UserRoles.Any(ur => ur.UserId == u.Id && role.Contains(ur.RoleId)))))
                .Select(o => new { o.RegionId, o.Id }).ToListAsync(cancellationToken))
            .ToLookup(o => o.RegionId, o => o.Id);
    }

    /// <summary>What a notice says about one batch, township and deadline kind, at a level.</summary>
    private sealed record ClueFact(string Batch, string? Township, ClueDeadlineKind Kind, DateOnly Due, int Count, int OverdueCount, IReadOnlyList<string> Codes)
    {
        public string Text(ReminderLevel level)
        {
            var work = Kind == ClueDeadlineKind.Verification ? "核查" : "整改";
            var codes = string.Join("、", Codes) + (Count > Codes.Count ? " 等" : "");
            var due = Due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var state = OverdueCount == 0 ? $"须于 {due} 前完成{work}"
                : OverdueCount == Count ? $"{work}已逾期（{due} 到期）"
                : $"{work}已逾期或即将到期（最早 {due} 到期，已逾期 {OverdueCount} 条）";
            var text = level switch
            {
                ReminderLevel.DueSoon or ReminderLevel.Overdue when Township is null =>
                    $"催办：{Queue}「{Batch}」有 {Count} 条线索{state}：{codes}，请尽快分派乡镇（街道）{work}。",
                ReminderLevel.DueSoon => $"催办：「{Batch}」有 {Count} 条线索{state}：{codes}，请按时{work}。",
                ReminderLevel.Overdue => $"催办：「{Batch}」有 {Count} 条线索{state}：{codes}，请尽快{work}。",
                _ => $"督办：{Township}「{Batch}」有 {Count} 条线索{state}：{codes}，请督促{work}。",
            };
            // Within the notice's column: a batch name and codes at their longest would not fit.
            return text.Length <= MaxText ? text : text[..(MaxText - 1)] + "…";
        }
    }

    private const int MaxText = 1000;
}
