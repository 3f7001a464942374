using System.Text;
using EcoPlan.Core.Audit;
using EcoPlan.Core.Import;
using EcoPlan.Core.Progress;
using EcoPlan.Core.Tests.Import;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Time.Testing;

namespace EcoPlan.Core.Tests.Progress;

public sealed class ReminderJobTests
{
    private sealed record Setup(TestDatabase Database, int Measure7, int Forestry, int Government, int Coordinators, int RegionId) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Database.DisposeAsync();
    }

    /// <summary>The Tongzhou plan published, a coordinator account of 区生态环境局, and a user with an e-mail address at 区园林绿化局.</summary>
    private static async Task<Setup> SetUpAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var document = await PlanDocumentReader.ReadAsync(RepoFiles.PathOf(RepoFiles.Tongzhou));
        await new PlanImporter(db, TimeProvider.System).ImportAsync(document, new ImportDecisions { Publish = true });
        var orgs = await db.Organizations.Where(o => o.Region!.Code == "110112").ToDictionaryAsync(o => o.Name);
        var role = new IdentityRole<int>(Roles.Coordinator) { NormalizedName = "COORDINATOR" };
        db.Roles.Add(role);
        var coordinator = new EcoPlanUser { UserName = "coordinator", NormalizedUserName = "COORDINATOR", OrganizationId = orgs["北京市通州区生态环境局"].Id };
        db.Users.AddRange(coordinator, new EcoPlanUser { UserName = "ylj", NormalizedUserName = "YLJ", Email = "ylj@tongzhou.example", OrganizationId = orgs["北京市通州区园林绿化局"].Id });
        await db.SaveChangesAsync();
        db.UserRoles.Add(new IdentityUserRole<int> { UserId = coordinator.Id, RoleId = role.Id });
        await db.SaveChangesAsync();
        var measure7 = await db.Measures.Where(m => m.Number == 7).Select(m => m.Id).SingleAsync();
        return new Setup(database, measure7, orgs["北京市通州区园林绿化局"].Id, orgs["北京市通州区人民政府"].Id, orgs["北京市通州区生态环境局"].Id, orgs["北京市通州区园林绿化局"].RegionId);
    }

    private static async Task<IReadOnlyList<Reminder>> RunAsync(Setup setup, FakeTimeProvider clock, IReminderMailer? mailer = null)
    {
        await using var db = setup.Database.NewContext();
        return (await new ReminderJob(db, clock, new ReminderOptions(), mailer).RunAsync()).Reports;
    }

    [ProviderTheory]
    public async Task Reminders_EscalateFromUnitToLeadToCoordinator_AndNeverTwice(DatabaseProvider provider)
    {
        await using var setup = await SetUpAsync(provider);
        var clock = BeijingClock.At(2026, 9, 23);

        var soon = await RunAsync(setup, clock);
        var again = await RunAsync(setup, clock);
        clock.SetDay(2026, 9, 26);
        var overdue = await RunAsync(setup, clock);
        clock.SetDay(2026, 9, 28);
        var lead = await RunAsync(setup, clock);
        clock.SetDay(2026, 10, 2);
        var coordinator = await RunAsync(setup, clock);

        Reminder? Of(IEnumerable<Reminder> run) => run.SingleOrDefault(r => r.MeasureId == setup.Measure7 && r.UnitId == setup.Forestry);
        Assert.Equal((ReminderLevel.DueSoon, setup.Forestry, new DateOnly(2026, 9, 25)), (Of(soon)!.Level, Of(soon)!.RecipientId, Of(soon)!.Due));
        Assert.Empty(again);
        Assert.Equal(ReminderLevel.Overdue, Of(overdue)!.Level);
        Assert.Contains(lead, r => r.MeasureId == setup.Measure7 && r.Level == ReminderLevel.Lead && r.RecipientId == setup.Government);
        Assert.DoesNotContain(lead, r => r.Level == ReminderLevel.Coordinator);
        Assert.Contains(coordinator, r => r.MeasureId == setup.Measure7 && r.Level == ReminderLevel.Coordinator && r.RecipientId == setup.Coordinators);

        await using var db = setup.Database.NewContext();
        var september = new DateOnly(2026, 9, 1);
        var notices = await db.Notifications.Where(n => n.Key == ReminderNotices.UnitKey(setup.Measure7, setup.Forestry, september) || n.Key == ReminderNotices.GroupKey(setup.Measure7, september)).ToListAsync();
        // One notice to the unit (its text moved from due soon to overdue), one to the lead, one to the coordinators.
        Assert.Equal(new[] { setup.Forestry, setup.Government, setup.Coordinators }.Order(), notices.Select(n => n.OrganizationId).Order());
        Assert.Contains("已逾期", notices.Single(n => n.OrganizationId == setup.Forestry).Text, StringComparison.Ordinal);
        Assert.All(notices, n => Assert.Null(n.ResolvedAt));
        Assert.Equal(4, await db.AuditEntries.CountAsync(a => a.MeasureId == setup.Measure7 && a.Action == AuditAction.Remind && a.Details.Contains("区园林绿化局")));
    }

    private static UserAccess Forestry(Setup setup) => new(1, "ylj", Roles.Unit, setup.Forestry, "", setup.RegionId, "110112", null);

    private static UserAccess Reviewer(Setup setup) => new(2, "coordinator", Roles.Coordinator, setup.Coordinators, "", setup.RegionId, "110112", null);

    /// <summary>Every notice about the measure: reminders, group notices, returned and accepted reports.</summary>
    private static async Task<List<Core.Notifications.Notification>> NoticesOfAsync(Setup setup, int measureId)
    {
        await using var db = setup.Database.NewContext();
        var link = $"/measures/{measureId}?period=";
        return await db.Notifications.AsNoTracking().Where(n => n.Link!.StartsWith(link)).OrderBy(n => n.Id).ToListAsync();
    }

    [ProviderTheory]
    public async Task ReminderNotice_IsResolvedWhenTheReportIsSubmitted_AndStaysResolvedWhenAccepted(DatabaseProvider provider)
    {
        await using var setup = await SetUpAsync(provider);
        var clock = BeijingClock.At(2026, 10, 2);
        await RunAsync(setup, clock);
        Assert.Equal(3, (await NoticesOfAsync(setup, setup.Measure7)).Count(n => n.ResolvedAt is null));

        ReportView report;
        await using (var db = setup.Database.NewContext())
        {
            report = await new ProgressWorkflow(db, clock).SaveAsync(Forestry(setup), setup.Measure7, new DateOnly(2026, 9, 1), new ReportContent(ProgressStatus.InProgress, 60, "已完成九月工作。"), submit: true).Done();
        }

        // Submitted: the unit's reminder and the lead's and coordinators' notices about it are resolved, none deleted.
        var submitted = await NoticesOfAsync(setup, setup.Measure7);
        Assert.Equal(3, submitted.Count);
        Assert.All(submitted, n => Assert.NotNull(n.ResolvedAt));

        await using (var db = setup.Database.NewContext())
        {
            await new ProgressWorkflow(db, clock).AcceptAsync(Reviewer(setup), report.Id, report.Revision).Done();
        }

        clock.SetDay(2026, 10, 3);
        var run = await RunAsync(setup, clock);

        Assert.DoesNotContain(run, r => r.MeasureId == setup.Measure7);
        var accepted = await NoticesOfAsync(setup, setup.Measure7);
        var open = Assert.Single(accepted, n => n.ResolvedAt is null);
        Assert.Equal(setup.Forestry, open.OrganizationId);
        Assert.StartsWith("审核通过", open.Text, StringComparison.Ordinal);
        Assert.Null(open.ReadAt);
    }

    [ProviderTheory]
    public async Task ReturnedReport_TellsTheUnitWhy_UntilItIsSubmittedAgain(DatabaseProvider provider)
    {
        await using var setup = await SetUpAsync(provider);
        var clock = BeijingClock.At(2026, 10, 2);
        await RunAsync(setup, clock);
        var september = new DateOnly(2026, 9, 1);
        await using (var db = setup.Database.NewContext())
        {
            var workflow = new ProgressWorkflow(db, clock);
            var report = await workflow.SaveAsync(Forestry(setup), setup.Measure7, september, new ReportContent(ProgressStatus.InProgress, 60, "已完成九月工作。"), submit: true).Done();
            await workflow.ReturnAsync(Reviewer(setup), report.Id, report.Revision, "缺少现场照片").Done();
        }

        var returned = Assert.Single(await NoticesOfAsync(setup, setup.Measure7), n => n.ResolvedAt is null);
        Assert.Equal(setup.Forestry, returned.OrganizationId);
        Assert.Contains("退回", returned.Text, StringComparison.Ordinal);
        Assert.Contains("缺少现场照片", returned.Text, StringComparison.Ordinal);

        // Returned and still late: the next run reminds the unit again (the same notice, unread again) and the lead and coordinators.
        clock.SetDay(2026, 10, 3);
        await RunAsync(setup, clock);
        Assert.Equal(4, (await NoticesOfAsync(setup, setup.Measure7)).Count(n => n.ResolvedAt is null));

        await using (var db = setup.Database.NewContext())
        {
            await new ProgressWorkflow(db, clock).SaveAsync(Forestry(setup), setup.Measure7, september, new ReportContent(ProgressStatus.InProgress, 70, "已补充现场照片。"), submit: true).Done();
        }

        Assert.All(await NoticesOfAsync(setup, setup.Measure7), n => Assert.NotNull(n.ResolvedAt));
    }

    [ProviderTheory]
    public async Task CoordinatorNotices_OnePerMeasureAndPeriod_NameEveryLateUnit_AndFollowTheirReports(DatabaseProvider provider)
    {
        await using var setup = await SetUpAsync(provider);
        var clock = BeijingClock.At(2026, 10, 2);

        var run = await RunAsync(setup, clock);

        var escalated = run.Where(r => r.Level == ReminderLevel.Coordinator).ToList();
        await using var db = setup.Database.NewContext();
        // 区生态环境局 is also a responsible unit with reminders of its own; its group notices are the coordinators'.
        var coordinatorNotices = await db.Notifications.AsNoTracking().Where(n => n.OrganizationId == setup.Coordinators && n.ResolvedAt == null && n.Key.StartsWith("late:")).ToListAsync();
        Assert.Equal(escalated.Select(r => (r.MeasureId, r.Period)).Distinct().Count(), coordinatorNotices.Count);
        Assert.True(escalated.Count > coordinatorNotices.Count, "some measure has several late units");
        foreach (var notice in coordinatorNotices)
        {
            var units = escalated.Where(r => ReminderNotices.GroupKey(r.MeasureId, r.Period) == notice.Key).Select(r => r.Unit).Distinct().ToList();
            Assert.NotEmpty(units);
            Assert.All(units, unit => Assert.Contains(unit, notice.Text, StringComparison.Ordinal));
        }

        // A measure with the forestry bureau and another unit late: forestry reports, the notice names only the other.
        var shared = escalated.GroupBy(r => (r.MeasureId, r.Period)).First(g => g.Select(r => r.UnitId).Distinct().Count() > 1 && g.Any(r => r.UnitId == setup.Forestry));
        var other = shared.First(r => r.UnitId != setup.Forestry);
        await new ProgressWorkflow(db, clock).SaveAsync(Forestry(setup), shared.Key.MeasureId, shared.Key.Period, new ReportContent(ProgressStatus.InProgress, 50, "按计划推进。"), submit: true).Done();
        var key = ReminderNotices.GroupKey(shared.Key.MeasureId, shared.Key.Period);
        var regrouped = await db.Notifications.AsNoTracking().SingleAsync(n => n.OrganizationId == setup.Coordinators && n.Key == key);
        Assert.Null(regrouped.ResolvedAt);
        Assert.Contains(other.Unit, regrouped.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(shared.First(r => r.UnitId == setup.Forestry).Unit, regrouped.Text, StringComparison.Ordinal);

        // The next run leaves it as it is: nothing new to tell.
        Assert.DoesNotContain(await RunAsync(setup, clock), r => r.MeasureId == shared.Key.MeasureId && r.Level == ReminderLevel.Coordinator);
        Assert.Equal(1, await db.Notifications.CountAsync(n => n.OrganizationId == setup.Coordinators && n.Key == key));
    }

    [ProviderTheory]
    public async Task SubmittedReport_IsNotReminded_AndACompletedMeasureStopsAsking(DatabaseProvider provider)
    {
        await using var setup = await SetUpAsync(provider);
        var unit = new UserAccess(1, "ylj", Roles.Unit, setup.Forestry, "", setup.RegionId, "110112", null);
        var reviewer = new UserAccess(2, "coordinator", Roles.Coordinator, setup.Coordinators, "", setup.RegionId, "110112", null);
        await using (var db = setup.Database.NewContext())
        {
            var workflow = new ProgressWorkflow(db, TimeProvider.System);
            var report = await workflow.SaveAsync(unit, setup.Measure7, new DateOnly(2026, 8, 1), new ReportContent(ProgressStatus.Completed, 100, "已完成。")).Done();
            report = await workflow.SubmitAsync(unit, report.Id).Done();
            await workflow.AcceptAsync(reviewer, report.Id, report.Revision).Done();
        }

        var run = await RunAsync(setup, BeijingClock.At(2026, 9, 30));

        Assert.DoesNotContain(run, r => r.MeasureId == setup.Measure7 && r.UnitId == setup.Forestry);
        Assert.Contains(run, r => r.UnitId == setup.Forestry); // its other measures are still due
    }

    [ProviderTheory]
    public async Task Digest_IsMailedOncePerPersonAndNotWhenNothingIsNew(DatabaseProvider provider)
    {
        await using var setup = await SetUpAsync(provider);
        await using var smtp = new LoopbackSmtpServer();
        var mailer = new SmtpReminderMailer(new SmtpOptions { Host = "127.0.0.1", Port = smtp.Port, From = "ecoplan@tongzhou.example" });
        var clock = BeijingClock.At(2026, 9, 26);

        var first = await RunAsync(setup, clock, mailer);
        await RunAsync(setup, clock, mailer);

        var message = Assert.Single(smtp.Messages);
        Assert.Equal(["ylj@tongzhou.example"], message.Recipients);
        var forForestry = first.Count(r => r.RecipientId == setup.Forestry);
        Assert.True(forForestry > 1);
        // The body is UTF-8, base64 or quoted-printable encoded by System.Net.Mail; count the items after decoding.
        var body = Decode(message.Data);
        Assert.Equal(forForestry, body.Split('\n').Count(l => l.StartsWith("- ", StringComparison.Ordinal)));
        Assert.Contains("已逾期", body, StringComparison.Ordinal);
    }

    private static string Decode(string data)
    {
        var parts = data.Split("\n\n", 2);
        var headers = parts[0];
        var body = parts.Length > 1 ? parts[1] : "";
        if (headers.Contains("Content-Transfer-Encoding: base64", StringComparison.OrdinalIgnoreCase))
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body.Split('\n', StringSplitOptions.RemoveEmptyEntries))));
        }

        if (headers.Contains("quoted-printable", StringComparison.OrdinalIgnoreCase))
        {
            return QuotedPrintable(body);
        }

        return body;
    }

    private static string QuotedPrintable(string body)
    {
        var joined = body.Replace("=\n", "", StringComparison.Ordinal);
        var bytes = new List<byte>();
        for (var i = 0; i < joined.Length; i++)
        {
            if (joined[i] == '=' && i + 2 < joined.Length)
            {
                bytes.Add(Convert.ToByte(joined.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(joined[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }
}
