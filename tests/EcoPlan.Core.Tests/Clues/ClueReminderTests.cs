using EcoPlan.Core.Audit;
using EcoPlan.Core.Clues;
using EcoPlan.Core.Import;
using EcoPlan.Core.Notifications;
using EcoPlan.Core.Plans;
using EcoPlan.Core.Progress;
using EcoPlan.Core.Tests.Import;
using Microsoft.AspNetCore.Identity;

namespace EcoPlan.Core.Tests.Clues;

/// <summary>Batch deadlines driving the reminder job: a batch of 通州区 with VerifyBy 2026-06-30 and RectifyBy 2026-11-30.</summary>
public sealed class ClueReminderTests
{
    private static readonly DateOnly s_verifyBy = new(2026, 6, 30);
    private static readonly DateOnly s_rectifyBy = new(2026, 11, 30);

    private sealed record Mail(string To, string Subject, string Body);

    private sealed class RecordingMailer : IReminderMailer
    {
        public List<Mail> Sent { get; } = [];

        public Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken)
        {
            Sent.Add(new Mail(to, subject, body));
            return Task.CompletedTask;
        }
    }

    /// <summary>Coordinator accounts for the district (通州区生态环境局, with an e-mail address) and the city, as the job finds coordinators by their accounts.</summary>
    private static async Task AddCoordinatorsAsync(ClueSetup setup)
    {
        await using var db = setup.Database.NewContext();
        var role = new IdentityRole<int>(Roles.Coordinator) { NormalizedName = "COORDINATOR" };
        db.Roles.Add(role);
        var district = new EcoPlanUser { UserName = "coordinator", NormalizedUserName = "COORDINATOR", Email = "sthjj@tongzhou.example", OrganizationId = setup.Coordinator.OrganizationId };
        var city = new EcoPlanUser { UserName = "city", NormalizedUserName = "CITY", OrganizationId = setup.City.OrganizationId };
        db.Users.AddRange(district, city, new EcoPlanUser { UserName = "yongshun", NormalizedUserName = "YONGSHUN", Email = "ys@tongzhou.example", OrganizationId = setup.Yongshun.OrganizationId });
        await db.SaveChangesAsync();
        db.UserRoles.AddRange(new IdentityUserRole<int> { UserId = district.Id, RoleId = role.Id }, new IdentityUserRole<int> { UserId = city.Id, RoleId = role.Id });
        await db.SaveChangesAsync();
    }

    private static async Task<WrittenBatch> BatchAsync(ClueSetup setup, int? measureId, IReadOnlyList<int>? units, params (string Code, string? Township)[] clues)
    {
        await using var db = setup.Database.NewContext();
        var placed = clues.Select((c, i) => new PlacedClue(c.Code, ClueSetup.Square(116.70 + (i * 0.01), 39.90), 10_000, ActivityType.Industry, null, "疑似新增建设用地",
            c.Township is null ? null : setup.Regions[c.Township], [], null)).ToList();
        return await new ClueBatchWriter(db, setup.Clock).WriteAsync(setup.Coordinator,
            new ClueBatchRequest("2026年第一批", ClueSource.RedLine, "110112", new DateOnly(2026, 5, 20), s_verifyBy, s_rectifyBy, measureId, units), placed).Done();
    }

    private static async Task<ReminderRun> RunAsync(ClueSetup setup, IReminderMailer? mailer = null)
    {
        await using var db = setup.Database.NewContext();
        return await new ReminderJob(db, setup.Clock, new ReminderOptions(), mailer).RunAsync();
    }

    private static async Task<List<Notification>> ClueNoticesAsync(ClueSetup setup)
    {
        await using var db = setup.Database.NewContext();
        return await db.Notifications.AsNoTracking().Where(n => n.Key.StartsWith("clue-remind:")).OrderBy(n => n.Id).ToListAsync();
    }

    private static async Task StepAsync(ClueSetup setup, UserAccess user, int clueId, ClueStep step, ClueStepInput input)
    {
        await using var db = setup.Database.NewContext();
        await setup.Workflow(db).TakeAsync(user, clueId, step, input).Done();
    }

    [ProviderTheory]
    public async Task ClueReminders_GoToTheTownship_ThenTheLeadAndUnits_ThenTheCoordinators_AtTheirDays_AndNeverTwice(DatabaseProvider provider)
    {
        await using var setup = await ClueSetup.CreateAsync(provider);
        await AddCoordinatorsAsync(setup);
        int measureId, lead;
        await using (var db = setup.Database.NewContext())
        {
            await new PlanImporter(db, TimeProvider.System).ImportAsync(await PlanDocumentReader.ReadAsync(RepoFiles.PathOf(RepoFiles.Tongzhou)), new ImportDecisions());
            var measure = await db.Measures.Where(m => m.Assignments.Any(a => a.Role == AssignmentRole.Lead))
                .Select(m => new { m.Id, Lead = m.Assignments.Where(a => a.Role == AssignmentRole.Lead).Select(a => a.OrganizationId ?? a.Leader!.OrganizationId).First() })
                .FirstAsync();
            (measureId, lead) = (measure.Id, measure.Lead);
        }

        Assert.NotEqual(setup.Coordinator.OrganizationId, lead);
        var batch = await BatchAsync(setup, measureId, [setup.Unit.OrganizationId], ("YS-01", ClueSetup.YongshunCode), ("YS-02", ClueSetup.YongshunCode), ("LY-01", ClueSetup.LiyuanCode));
        var township = setup.Yongshun.OrganizationId;

        setup.Clock.SetDay(2026, 6, 26);
        var early = await RunAsync(setup);
        setup.Clock.SetDay(2026, 6, 27);
        var soon = await RunAsync(setup);
        var again = await RunAsync(setup);
        setup.Clock.SetDay(2026, 7, 1);
        var overdue = await RunAsync(setup);
        setup.Clock.SetDay(2026, 7, 2);
        var quiet = await RunAsync(setup);
        setup.Clock.SetDay(2026, 7, 3);
        var toLead = await RunAsync(setup);
        setup.Clock.SetDay(2026, 7, 6);
        var notYet = await RunAsync(setup);
        setup.Clock.SetDay(2026, 7, 7);
        var toCoordinator = await RunAsync(setup);

        ClueReminder? Of(ReminderRun run, int recipient) => run.Clues.SingleOrDefault(r => r.RecipientId == recipient && r.TownshipRegionId == setup.Regions[ClueSetup.YongshunCode]);
        Assert.Empty(early.Clues);
        var dueSoon = Of(soon, township)!;
        Assert.Equal((ReminderLevel.DueSoon, ClueDeadlineKind.Verification, s_verifyBy, 2), (dueSoon.Level, dueSoon.Kind, dueSoon.Due, dueSoon.Count));
        Assert.Equal(["YS-01", "YS-02"], dueSoon.Codes);
        Assert.Equal("催办：「2026年第一批」有 2 条线索须于 2026-06-30 前完成核查：YS-01、YS-02，请按时核查。", dueSoon.Text);
        Assert.DoesNotContain(soon.Clues, r => r.Level is ReminderLevel.Lead or ReminderLevel.Coordinator);
        Assert.Empty(again.Clues);
        Assert.Equal(ReminderLevel.Overdue, Of(overdue, township)!.Level);
        Assert.Contains("核查已逾期（2026-06-30 到期）", Of(overdue, township)!.Text, StringComparison.Ordinal);
        Assert.Empty(quiet.Clues);
        // Three days overdue: the measure's lead and the unit the batch names, not yet the coordinators.
        Assert.Equal(ReminderLevel.Lead, Of(toLead, lead)!.Level);
        Assert.Equal(ReminderLevel.Lead, Of(toLead, setup.Unit.OrganizationId)!.Level);
        Assert.StartsWith("督办：永顺镇「2026年第一批」有 2 条线索核查已逾期", Of(toLead, lead)!.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(toLead.Clues, r => r.RecipientId == township || r.Level == ReminderLevel.Coordinator);
        Assert.Empty(notYet.Clues);
        Assert.Equal(ReminderLevel.Coordinator, Of(toCoordinator, setup.Coordinator.OrganizationId)!.Level);
        // The district's coordinators, not the city's.
        Assert.DoesNotContain(toCoordinator.Clues, r => r.RecipientId == setup.City.OrganizationId);
        Assert.Equal(2, toCoordinator.Clues.Count);

        var notices = await ClueNoticesAsync(setup);
        var key = ClueReminders.Key(batch.BatchId, setup.Regions[ClueSetup.YongshunCode], ClueDeadlineKind.Verification);
        // One notice per recipient for 永顺镇's batch: the township (its text moved on), the lead, the unit, the coordinators.
        Assert.Equal(new[] { township, lead, setup.Unit.OrganizationId, setup.Coordinator.OrganizationId }.Order(), notices.Where(n => n.Key == key).Select(n => n.OrganizationId).Order());
        Assert.All(notices, n => Assert.Null(n.ResolvedAt));
        Assert.Equal($"/clues?batch={batch.BatchId}&township={ClueSetup.YongshunCode}", notices.First(n => n.Key == key).Link);
        await using (var db = setup.Database.NewContext())
        {
            // 留痕 on the batch's measure: due soon and overdue for each township, the lead level, the coordinator level for each township.
            var entries = await db.AuditEntries.AsNoTracking().Where(a => a.Action == AuditAction.Remind && a.MeasureId == measureId).ToListAsync();
            Assert.Equal(8, entries.Count);
            Assert.Contains(entries, e => e.Details.Contains("\"township\":\"永顺镇\"", StringComparison.Ordinal) && e.Details.Contains("\"level\":\"Lead\"", StringComparison.Ordinal)
                && e.Details.Contains("\"codes\":[\"YS-01\",\"YS-02\"]", StringComparison.Ordinal) && e.Details.Contains("\"clues\":2", StringComparison.Ordinal));
        }
    }

    [ProviderTheory]
    public async Task ClueReminders_NeverTellATownshipAboutAnotherTownshipsClues_AndTheQueueGoesToTheCoordinators(DatabaseProvider provider)
    {
        await using var setup = await ClueSetup.CreateAsync(provider);
        await AddCoordinatorsAsync(setup);
        var batch = await BatchAsync(setup, null, null, ("YS-01", ClueSetup.YongshunCode), ("LY-01", ClueSetup.LiyuanCode), ("Q-01", null), ("Q-02", null));
        setup.Clock.SetDay(2026, 7, 10);

        var run = await RunAsync(setup);

        var notices = await ClueNoticesAsync(setup);
        var liyuan = notices.Where(n => n.OrganizationId == setup.Liyuan.OrganizationId).ToList();
        Assert.Equal(ClueReminders.Key(batch.BatchId, setup.Regions[ClueSetup.LiyuanCode], ClueDeadlineKind.Verification), Assert.Single(liyuan).Key);
        Assert.DoesNotContain("YS-01", liyuan[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain(notices, n => n.OrganizationId == setup.Yongshun.OrganizationId && (n.Text.Contains("LY-01", StringComparison.Ordinal) || n.Text.Contains("Q-0", StringComparison.Ordinal)));
        // The queue: no township to tell, so the district's coordinators are told, with a link to the queue.
        var queue = Assert.Single(run.Clues, r => r.TownshipRegionId is null);
        Assert.Equal((setup.Coordinator.OrganizationId, ReminderLevel.Overdue, 2), (queue.RecipientId, queue.Level, queue.Count));
        Assert.Equal("催办：区级待分派队列「2026年第一批」有 2 条线索核查已逾期（2026-06-30 到期）：Q-01、Q-02，请尽快分派乡镇（街道）核查。", queue.Text);
        Assert.Equal($"/clues?batch={batch.BatchId}&township=none", notices.Single(n => n.Key == queue.Key).Link);
        // No measure and no units: ten days overdue goes from the townships straight to the coordinators.
        Assert.Equal(2, run.Clues.Count(r => r.Level == ReminderLevel.Coordinator));
        Assert.DoesNotContain(run.Clues, r => r.Level == ReminderLevel.Lead);

        // The queue assigned to 永顺镇: the queue's notice ends at once, and 永顺镇 hears of three clues at the next run.
        await using (var db = setup.Database.NewContext())
        {
            foreach (var id in batch.ClueIds.Skip(2))
            {
                await setup.Workflow(db).AssignAsync(setup.Coordinator, id, ClueSetup.YongshunCode, null).Done();
            }
        }

        Assert.NotNull((await ClueNoticesAsync(setup)).Single(n => n.Key == queue.Key).ResolvedAt);
        var assigned = await RunAsync(setup);
        var yongshun = Assert.Single(assigned.Clues, r => r.RecipientId == setup.Yongshun.OrganizationId);
        Assert.Equal(3, yongshun.Count);
        Assert.Equal(["Q-01", "Q-02", "YS-01"], yongshun.Codes);
    }

    [ProviderTheory]
    public async Task ClueReminder_IsRewrittenQuietly_AsCluesAreVerified_AndResolvedWhenNoneIsLeft(DatabaseProvider provider)
    {
        await using var setup = await ClueSetup.CreateAsync(provider);
        await AddCoordinatorsAsync(setup);
        var batch = await BatchAsync(setup, null, null, ("YS-01", ClueSetup.YongshunCode), ("YS-02", ClueSetup.YongshunCode));
        var township = setup.Yongshun.OrganizationId;
        setup.Clock.SetDay(2026, 7, 1);
        await RunAsync(setup);
        await using (var db = setup.Database.NewContext())
        {
            await db.Notifications.Where(n => n.OrganizationId == township).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, DateTime.UtcNow));
        }

        await StepAsync(setup, setup.Yongshun, batch.ClueIds[0], ClueStep.SubmitVerification, new(Outcome: ClueOutcome.PseudoChange, Reason: "crop"));
        var one = await RunAsync(setup);
        var rewritten = Assert.Single(await ClueNoticesAsync(setup), n => n.OrganizationId == township);

        // One clue verified: the notice names the other only, stays read, and nobody is told anew.
        Assert.Empty(one.Clues);
        Assert.Equal("催办：「2026年第一批」有 1 条线索核查已逾期（2026-06-30 到期）：YS-02，请尽快核查。", rewritten.Text);
        Assert.NotNull(rewritten.ReadAt);
        Assert.Null(rewritten.ResolvedAt);

        // Returned to the field: the clue is due again, and the notice says so anew.
        await StepAsync(setup, setup.Coordinator, batch.ClueIds[0], ClueStep.ReturnVerification, new(Note: "请补拍照片"));
        var returned = await RunAsync(setup);
        Assert.Equal(2, Assert.Single(returned.Clues, r => r.RecipientId == township).Count);
        Assert.Null(Assert.Single(await ClueNoticesAsync(setup), n => n.OrganizationId == township).ReadAt);

        foreach (var id in batch.ClueIds)
        {
            await StepAsync(setup, setup.Yongshun, id, ClueStep.SubmitVerification, new(Outcome: ClueOutcome.PseudoChange, Reason: "crop"));
        }

        // The last one verified resolves the notice at once, as a submitted report does; the next run leaves it so.
        Assert.NotNull(Assert.Single(await ClueNoticesAsync(setup), n => n.OrganizationId == township).ResolvedAt);
        var done = await RunAsync(setup);
        Assert.Empty(done.Clues);
        var resolved = Assert.Single(await ClueNoticesAsync(setup), n => n.OrganizationId == township);
        Assert.NotNull(resolved.ResolvedAt);
        Assert.Contains("YS-02", resolved.Text, StringComparison.Ordinal);
    }

    [ProviderTheory]
    public async Task ClueReminder_FollowsTheRectificationDeadline_AndAMovedDeadlineResolvesIt(DatabaseProvider provider)
    {
        await using var setup = await ClueSetup.CreateAsync(provider);
        await AddCoordinatorsAsync(setup);
        var batch = await BatchAsync(setup, null, null, ("YS-01", ClueSetup.YongshunCode), ("YS-02", ClueSetup.YongshunCode));
        var violation = new ClueStepInput(Outcome: ClueOutcome.ViolationNew, Reason: "unapproved-construction");
        foreach (var id in batch.ClueIds)
        {
            await StepAsync(setup, setup.Yongshun, id, ClueStep.SubmitVerification, violation);
            await StepAsync(setup, setup.Coordinator, id, ClueStep.AcceptVerification, new());
        }

        // The first clue's plan sets its own date; the second works to the batch's 2026-11-30.
        await StepAsync(setup, setup.Yongshun, batch.ClueIds[0], ClueStep.SubmitPlan, new(Measures: "拆除违建，复绿", RectifyBy: new DateOnly(2026, 10, 31)));
        await StepAsync(setup, setup.Coordinator, batch.ClueIds[0], ClueStep.AcceptPlan, new());
        setup.Clock.SetDay(2026, 11, 28);

        var run = await RunAsync(setup);

        var notice = Assert.Single(run.Clues, r => r.RecipientId == setup.Yongshun.OrganizationId);
        Assert.Equal((ClueDeadlineKind.Rectification, new DateOnly(2026, 10, 31), 2, 1), (notice.Kind, notice.Due, notice.Count, notice.OverdueCount));
        Assert.Equal("催办：「2026年第一批」有 2 条线索整改已逾期或即将到期（最早 2026-10-31 到期，已逾期 1 条）：YS-01、YS-02，请尽快整改。", notice.Text);
        Assert.Equal(ClueReminders.Key(batch.BatchId, setup.Regions[ClueSetup.YongshunCode], ClueDeadlineKind.Rectification), notice.Key);
        // 28 days past the plan's date: the coordinators are told too.
        Assert.Contains(run.Clues, r => r.RecipientId == setup.Coordinator.OrganizationId && r.Level == ReminderLevel.Coordinator);

        // 申请销号 ends the first clue's part; the district moves the batch's date: nothing is due, everything resolves.
        await StepAsync(setup, setup.Yongshun, batch.ClueIds[0], ClueStep.RequestClose, new());
        await using (var db = setup.Database.NewContext())
        {
            await db.ClueBatches.Where(b => b.Id == batch.BatchId).ExecuteUpdateAsync(s => s.SetProperty(b => b.RectifyBy, new DateOnly(2027, 3, 31)));
        }

        var moved = await RunAsync(setup);
        Assert.Empty(moved.Clues);
        Assert.All(await ClueNoticesAsync(setup), n => Assert.NotNull(n.ResolvedAt));
    }

    [ProviderTheory]
    public async Task Digest_CarriesClueRemindersBesideReports(DatabaseProvider provider)
    {
        await using var setup = await ClueSetup.CreateAsync(provider);
        await AddCoordinatorsAsync(setup);
        await BatchAsync(setup, null, null, ("YS-01", ClueSetup.YongshunCode), ("Q-01", null));
        var mailer = new RecordingMailer();
        setup.Clock.SetDay(2026, 6, 28);

        await RunAsync(setup, mailer);
        await RunAsync(setup, mailer);

        // One mail per person with news, once: the township's account and the district coordinator (the queue).
        Assert.Equal(["sthjj@tongzhou.example", "ys@tongzhou.example"], mailer.Sent.Select(m => m.To).Order());
        var township = mailer.Sent.Single(m => m.To == "ys@tongzhou.example");
        Assert.Equal("EcoPlan 催办：1 项线索核查整改待办", township.Subject);
        Assert.Contains("- 催办：「2026年第一批」有 1 条线索须于 2026-06-30 前完成核查：YS-01，请按时核查。", township.Body, StringComparison.Ordinal);
        Assert.Contains("区级待分派队列", mailer.Sent.Single(m => m.To == "sthjj@tongzhou.example").Body, StringComparison.Ordinal);
    }
}
