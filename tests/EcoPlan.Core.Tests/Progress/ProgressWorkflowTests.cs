using System.Text.Json;
using EcoPlan.Core.Audit;
using EcoPlan.Core.Import;
using EcoPlan.Core.Plans;
using EcoPlan.Core.Progress;
using EcoPlan.Core.Tests.Import;

namespace EcoPlan.Core.Tests.Progress;

public sealed class ProgressWorkflowTests
{
    private static readonly DateOnly s_september = new(2026, 9, 1);

    /// <summary>The Tongzhou plan imported, and the people who act on its measure 7 (区园林绿化局 responsible) and 12 (区水务局 responsible, 区园林绿化局 cooperating).</summary>
    private sealed record Setup(TestDatabase Database, int Measure7, int Measure12, UserAccess Forestry, UserAccess Water, UserAccess Coordinator, UserAccess CityCoordinator, UserAccess Viewer) : IAsyncDisposable
    {
        private readonly List<EcoPlanDbContext> _contexts = [];

        public async ValueTask DisposeAsync()
        {
            foreach (var db in _contexts)
            {
                await db.DisposeAsync();
            }

            await Database.DisposeAsync();
        }

        public static ProgressWorkflow Workflow(EcoPlanDbContext db) => new(db, TimeProvider.System);

        /// <summary>区园林绿化局's September draft on measure 7, saved through a context closed with the setup: where most refusals start.</summary>
        public async Task<(ProgressWorkflow Workflow, ReportView Draft)> DraftAsync()
        {
            var db = Database.NewContext();
            _contexts.Add(db);
            var workflow = Workflow(db);
            return (workflow, await workflow.SaveAsync(Forestry, Measure7, s_september, s_progress).Done());
        }

        /// <summary>A workflow whose attachments go under the test database's data directory, at most 1 KB each.</summary>
        public ProgressWorkflow WithFiles(EcoPlanDbContext db) => new(db, TimeProvider.System, new AttachmentStorage(Store, 1024));

        public FileSystemAttachmentStore Store => new(Path.Combine(Database.Settings.DataDirectory, "attachments"));
    }

    private static async Task<Setup> SetUpAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var document = await PlanDocumentReader.ReadAsync(RepoFiles.PathOf(RepoFiles.Tongzhou));
        await new PlanImporter(db, TimeProvider.System).ImportAsync(document, new ImportDecisions { Publish = true });
        var measures = await db.Measures.Where(m => m.Number == 7 || m.Number == 12).ToDictionaryAsync(m => m.Number!.Value, m => m.Id);
        var orgs = await db.Organizations.Include(o => o.Region).Where(o => o.Region!.Code == "110112" || o.Name == "北京市生态环境局").ToDictionaryAsync(o => o.Name);
        UserAccess User(int id, string name, string role, string organization) =>
            new(id, name, role, orgs[organization].Id, organization, orgs[organization].RegionId, orgs[organization].Region!.Code, null);
        return new Setup(database, measures[7], measures[12],
            User(1, "ylj", Roles.Unit, "北京市通州区园林绿化局"),
            User(2, "swj", Roles.Unit, "北京市通州区水务局"),
            User(3, "coordinator", Roles.Coordinator, "北京市通州区生态环境局"),
            User(4, "city", Roles.Coordinator, "北京市生态环境局"),
            User(5, "viewer", Roles.Viewer, "北京市通州区生态环境局"));
    }

    private static readonly ReportContent s_progress = new(ProgressStatus.InProgress, 60, "已建成生态保育小区12处。");

    [ProviderTheory]
    public async Task Report_DraftSubmitReturnResubmitAccept_KeepsEveryVersionAndTheTrail(DatabaseProvider provider)
    {
        await using var setup = await SetUpAsync(provider);
        await using var db = setup.Database.NewContext();
        var workflow = Setup.Workflow(db);

        var report = await workflow.SaveAsync(setup.Forestry, setup.Measure7, new DateOnly(2026, 9, 15), s_progress).Done();
        report = await workflow.SubmitAsync(setup.Forestry, report.Id).Done();
        Assert.Equal(report.Revision, (await workflow.SubmitAsync(setup.Forestry, report.Id).Done()).Revision); // a double click changes nothing
        await workflow.ReturnAsync(setup.Coordinator, report.Id, report.Revision, "请补充保育小区位置清单").Done();
        await workflow.SaveAsync(setup.Forestry, setup.Measure7, s_september, s_progress with { Percent = 70, Narrative = "补充：位于宋庄、潞城。" }).Done();
        report = await workflow.SubmitAsync(setup.Forestry, report.Id).Done();
        await workflow.AcceptAsync(setup.Coordinator, report.Id, report.Revision).Done();

        await using var check = setup.Database.NewContext();
        var stored = await check.ProgressReports.Include(r => r.Versions).SingleAsync();
        Assert.Equal(ReportState.Accepted, stored.State);
        Assert.Equal(s_september, stored.Period);
        var versions = stored.Versions.OrderBy(v => v.Number).ToList();
        Assert.Equal(2, versions.Count);
        Assert.Equal(("已建成生态保育小区12处。", 60, "请补充保育小区位置清单"), (versions[0].Narrative, versions[0].Percent, versions[0].ReturnReason));
        Assert.NotNull(versions[0].SubmittedAt);
        Assert.Equal((70, (string?)null), (versions[1].Percent, versions[1].ReturnReason));
        Assert.Equal([AuditAction.Draft, AuditAction.Submit, AuditAction.Return, AuditAction.Draft, AuditAction.Submit, AuditAction.Accept],
            await check.AuditEntries.Where(a => a.ReportId == stored.Id).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    [ProviderTheory]
    public async Task Submit_TwiceAtOnce_BothGetTheSubmittedReport(DatabaseProvider provider)
    {
        await using var setup = await SetUpAsync(provider);
        var (_, draft) = await setup.DraftAsync();
        await using var first = setup.Database.NewContext();
        await using var second = setup.Database.NewContext();
        UseCaseResult<ReportView>? secondResult = null;
        // The first submit reads the draft, then, as it stamps the time, the second submit runs to the end: the
        // first one's write finds the row changed under it, which is what two requests at once do.
        var clock = new InterruptingClock(() => Setup.Workflow(second).SubmitAsync(setup.Forestry, draft.Id).ContinueWith(t => secondResult = t.Result, TaskScheduler.Default));

        var firstResult = await new ProgressWorkflow(first, clock).SubmitAsync(setup.Forestry, draft.Id);

        Assert.True(clock.Interrupted);
        Assert.True(secondResult!.Succeeded, secondResult.Error?.Message);
        Assert.True(firstResult.Succeeded, firstResult.Error?.Message);
        Assert.Equal((ReportState.Submitted, secondResult.Value!.Revision), (firstResult.Value!.State, firstResult.Value.Revision));
        await using var check = setup.Database.NewContext();
        Assert.Single(await check.AuditEntries.Where(a => a.ReportId == draft.Id && a.Action == AuditAction.Submit).ToListAsync());
    }

    /// <summary>A clock that, the first time it is read, runs another piece of work to its end before answering.</summary>
    private sealed class InterruptingClock(Func<Task> interruption) : TimeProvider
    {
        public bool Interrupted { get; private set; }

        public override DateTimeOffset GetUtcNow()
        {
            if (!Interrupted)
            {
                Interrupted = true;
                Task.Run(interruption).GetAwaiter().GetResult();
            }

            return base.GetUtcNow();
        }
    }

    [ProviderTheory]
    public async Task Report_WrongPeopleAndBadContent_AreRefusedAndNothingIsStored(DatabaseProvider provider)
    {
        await using var setup = await SetUpAsync(provider);
        await using var db = setup.Database.NewContext();
        var workflow = Setup.Workflow(db);

        Assert.IsType<UseCaseError.Forbidden>(await workflow.SaveAsync(setup.Water, setup.Measure7, s_september, s_progress).RefusedAsync());
        Assert.IsType<UseCaseError.Forbidden>(await workflow.SaveAsync(setup.Coordinator, setup.Measure7, s_september, s_progress).RefusedAsync());
        Assert.IsType<UseCaseError.Invalid>(await workflow.SaveAsync(setup.Forestry, setup.Measure7, s_september, s_progress with { Percent = 120 }).RefusedAsync());
        Assert.IsType<UseCaseError.Invalid>(await workflow.SaveAsync(setup.Forestry, setup.Measure7, new DateOnly(2026, 11, 1), s_progress).RefusedAsync());
        Assert.IsType<UseCaseError.Invalid>(await workflow.SaveAsync(setup.Forestry, setup.Measure7, s_september, s_progress with { Quantities = new Dictionary<int, decimal> { [999_999] = 1 } }).RefusedAsync());
        Assert.IsType<UseCaseError.NotFound>(await workflow.SaveAsync(setup.Forestry, 999_999, s_september, s_progress).RefusedAsync());
        Assert.False(await db.ProgressReports.AnyAsync());
        Assert.False(await db.AuditEntries.AnyAsync());

        var report = await workflow.SaveAsync(setup.Forestry, setup.Measure7, s_september, s_progress).Done();
        Assert.IsType<UseCaseError.Forbidden>(await workflow.SubmitAsync(setup.Water, report.Id).RefusedAsync());
        await workflow.SubmitAsync(setup.Forestry, report.Id).Done();
        Assert.IsType<UseCaseError.Conflict>(await workflow.SaveAsync(setup.Forestry, setup.Measure7, s_september, s_progress).RefusedAsync());
        Assert.IsType<UseCaseError.Forbidden>(await workflow.AcceptAsync(setup.CityCoordinator, report.Id, report.Revision).RefusedAsync());
        Assert.IsType<UseCaseError.Forbidden>(await workflow.AcceptAsync(setup.Viewer, report.Id, report.Revision).RefusedAsync());
        Assert.IsType<UseCaseError.Invalid>(await workflow.ReturnAsync(setup.Coordinator, report.Id, report.Revision, "  ").RefusedAsync());
        Assert.IsType<UseCaseError.Conflict>(await workflow.AcceptAsync(setup.Coordinator, report.Id, report.Revision - 1).RefusedAsync());
        Assert.Equal(ReportState.Submitted, (await setup.Database.NewContext().ProgressReports.SingleAsync()).State);
    }

    /// <summary>Each refusal is the right kind (for 404, 403, 400, 409) with a message that says why, and a wrong input names its fields.</summary>
    [ProviderTheory]
    public async Task Refusals_AreTheRightKind_SayWhy_AndNameEachWrongField(DatabaseProvider provider)
    {
        await using var setup = await SetUpAsync(provider);
        var (workflow, report) = await setup.DraftAsync();
        var input = await workflow.SaveAsync(setup.Water, setup.Measure12, s_september, s_progress).Done();

        var otherUnit = Assert.IsType<UseCaseError.Forbidden>(await workflow.UpdateDraftAsync(setup.Water, report.Id, s_progress with { Percent = 10 }, submit: false).RefusedAsync());
        Assert.Equal("only the reporting unit changes its report", otherUnit.Message);
        Assert.IsType<UseCaseError.Forbidden>(await workflow.UpdateDraftAsync(setup.Coordinator, report.Id, s_progress, submit: false).RefusedAsync());
        Assert.Equal("there is no report 999999", Assert.IsType<UseCaseError.NotFound>(await workflow.UpdateDraftAsync(setup.Forestry, 999_999, s_progress, submit: false).RefusedAsync()).Message);
        Assert.Equal("only a coordinator of the plan's region reviews its reports",
            Assert.IsType<UseCaseError.Forbidden>(await workflow.AcceptAsync(setup.Viewer, report.Id, report.Revision).RefusedAsync()).Message);

        var period = Assert.IsType<UseCaseError.Invalid>(await workflow.SaveAsync(setup.Forestry, setup.Measure7, new ReportInput("August", s_progress)).RefusedAsync());
        Assert.Equal(["period"], period.Fields.Keys);
        var notAPeriod = Assert.IsType<UseCaseError.Invalid>(await workflow.SaveAsync(setup.Forestry, setup.Measure7, new ReportInput("2027-01", s_progress)).RefusedAsync());
        Assert.Equal(["period"], notAPeriod.Fields.Keys);
        var many = Assert.IsType<UseCaseError.Invalid>(await workflow.UpdateDraftAsync(setup.Forestry, report.Id,
            new ReportContent(ProgressStatus.Completed, 50, new string('长', 4001), new Dictionary<int, decimal> { [999_999] = 1 }), submit: true).RefusedAsync());
        Assert.Equal(["narrative", "percent", "quantities"], many.Fields.Keys.Order());
        Assert.Equal(many.Fields["percent"][0], many.Message);
        Assert.Equal(["text"], Assert.IsType<UseCaseError.Invalid>(await workflow.AddCooperationAsync(setup.Forestry, input.Id, " ").RefusedAsync()).Fields.Keys);
        Assert.Equal(["reports"], Assert.IsType<UseCaseError.Invalid>(await workflow.AcceptManyAsync(setup.Coordinator,
            [.. Enumerable.Range(1, ProgressWorkflow.MaxBulkAccept + 1).Select(id => new ReviewedRevision(id, 1))]).RefusedAsync()).Fields.Keys);

        await workflow.SubmitAsync(setup.Forestry, report.Id).Done();
        Assert.Equal(["reason"], Assert.IsType<UseCaseError.Invalid>(await workflow.ReturnAsync(setup.Coordinator, report.Id, report.Revision + 1, null).RefusedAsync()).Fields.Keys);
        Assert.IsType<UseCaseError.Conflict>(await workflow.UpdateDraftAsync(setup.Forestry, report.Id, s_progress with { Percent = 10 }, submit: false).RefusedAsync());

        await using var check = setup.Database.NewContext();
        var stored = await check.ProgressReports.Include(r => r.Versions).SingleAsync(r => r.Id == report.Id);
        Assert.Equal((ReportState.Submitted, 60), (stored.State, stored.Versions.Single().Percent));
    }

    [ProviderTheory]
    public async Task UpdateDraft_TheUnitsOwn_ChangesAndSubmitsIt(DatabaseProvider provider)
    {
        await using var setup = await SetUpAsync(provider);
        var (workflow, report) = await setup.DraftAsync();

        var updated = await workflow.UpdateDraftAsync(setup.Forestry, report.Id, s_progress with { Percent = 75 }, submit: true).Done();

        Assert.Equal((report.Id, ReportState.Submitted, 75), (updated.Id, updated.State, updated.Versions.Single().Percent));
        await using var check = setup.Database.NewContext();
        Assert.Equal([AuditAction.Draft, AuditAction.Draft, AuditAction.Submit], await check.AuditEntries.Where(a => a.ReportId == report.Id).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    [ProviderTheory]
    public async Task TwoCoordinatorsAcceptingAtOnce_OneWinsTheOtherIsTold(DatabaseProvider provider)
    {
        await using var setup = await SetUpAsync(provider);
        int reportId, revision;
        await using (var db = setup.Database.NewContext())
        {
            var report = await Setup.Workflow(db).SaveAsync(setup.Forestry, setup.Measure7, s_september, s_progress).Done();
            report = await Setup.Workflow(db).SubmitAsync(setup.Forestry, report.Id).Done();
            (reportId, revision) = (report.Id, report.Revision);
        }

        var second = setup.Coordinator with { UserId = 6, UserName = "coordinator2" };
        await using var first = setup.Database.NewContext();
        await using var other = setup.Database.NewContext();
        var outcomes = await Task.WhenAll(
            Setup.Workflow(first).AcceptAsync(setup.Coordinator, reportId, revision),
            Setup.Workflow(other).ReturnAsync(second, reportId, revision, "数据有误"));

        Assert.Single(outcomes, o => o.Succeeded);
        var loser = Assert.Single(outcomes, o => !o.Succeeded);
        Assert.IsType<UseCaseError.Conflict>(loser.Error);
        await using var check = setup.Database.NewContext();
        Assert.Single(await check.AuditEntries.Where(a => a.Action == AuditAction.Accept || a.Action == AuditAction.Return).ToListAsync());
    }

    [ProviderTheory]
    public async Task SaveAndSubmit_InOneStep_SendingItAgainChangesNothingAndOtherContentIsRefused(DatabaseProvider provider)
    {
        await using var setup = await SetUpAsync(provider);
        await using var db = setup.Database.NewContext();
        var workflow = Setup.Workflow(db);
        // A measure of 区园林绿化局's with a hard target, so the submission carries a quantity.
        var target = await db.Targets.Where(t => db.MeasureAssignments.Any(a => a.MeasureId == t.MeasureId && a.OrganizationId == setup.Forestry.OrganizationId && a.Role == AssignmentRole.Responsible))
            .OrderBy(t => t.Id).Select(t => new { t.Id, t.MeasureId }).FirstAsync();
        var content = s_progress with { Quantities = new Dictionary<int, decimal> { [target.Id] = 12.5m } };

        var report = await workflow.SaveAsync(setup.Forestry, target.MeasureId, s_september, content, submit: true).Done();
        var answered = report;
        var again = await Setup.Workflow(db).SaveAsync(setup.Forestry, target.MeasureId, s_september, content with { Narrative = " 已建成生态保育小区12处。 " }, submit: true).Done();
        Assert.IsType<UseCaseError.Conflict>(await Setup.Workflow(db).SaveAsync(setup.Forestry, target.MeasureId, s_september, content with { Percent = 61 }, submit: true).RefusedAsync());
        Assert.IsType<UseCaseError.Conflict>(await Setup.Workflow(db).SaveAsync(setup.Forestry, target.MeasureId, s_september, s_progress, submit: true).RefusedAsync());

        await using var check = setup.Database.NewContext();
        var stored = await check.ProgressReports.Include(r => r.Versions).SingleAsync();
        Assert.Equal((ReportState.Submitted, report.Revision, report.Id), (stored.State, stored.Revision, again.Id));
        var version = Assert.Single(stored.Versions);
        Assert.Equal((60, setup.Forestry.UserId), (version.Percent, version.SubmittedById));
        Assert.Equal([AuditAction.Draft, AuditAction.Submit], await check.AuditEntries.Where(a => a.ReportId == stored.Id).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        // The answer made from memory is the report as it reads back from the database.
        Assert.NotNull(answered);
        Assert.Equal(JsonSerializer.Serialize(await ProgressQueries.GetAsync(check, stored.Id)), JsonSerializer.Serialize(answered));
    }

    [ProviderTheory]
    public async Task SaveAndSubmit_TwiceAtOnce_MakesOneReportAndBothAreAnswered(DatabaseProvider provider)
    {
        await using var setup = await SetUpAsync(provider);
        await using var first = setup.Database.NewContext();
        await using var second = setup.Database.NewContext();

        var reports = await Task.WhenAll(
            Setup.Workflow(first).SaveAsync(setup.Forestry, setup.Measure7, s_september, s_progress, submit: true).Done(),
            Setup.Workflow(second).SaveAsync(setup.Forestry, setup.Measure7, s_september, s_progress, submit: true).Done());

        await using var check = setup.Database.NewContext();
        var stored = await check.ProgressReports.Include(r => r.Versions).SingleAsync();
        Assert.All(reports, r => Assert.Equal(stored.Id, r.Id));
        Assert.Equal(ReportState.Submitted, stored.State);
        Assert.Single(stored.Versions);
        Assert.Equal([AuditAction.Draft, AuditAction.Submit], await check.AuditEntries.Where(a => a.ReportId == stored.Id).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    [ProviderTheory]
    public async Task CooperatingUnit_AddsInputBeforeSubmitOnly(DatabaseProvider provider)
    {
        await using var setup = await SetUpAsync(provider);
        await using var db = setup.Database.NewContext();
        var workflow = Setup.Workflow(db);
        var report = await workflow.SaveAsync(setup.Water, setup.Measure12, s_september, s_progress).Done();

        await workflow.AddCooperationAsync(setup.Forestry, report.Id, "已完成岸坡绿化 3 公里。").Done();
        Assert.IsType<UseCaseError.Forbidden>(await workflow.AddCooperationAsync(setup.Coordinator, report.Id, "x").RefusedAsync());
        await workflow.SubmitAsync(setup.Water, report.Id).Done();
        Assert.IsType<UseCaseError.Conflict>(await workflow.AddCooperationAsync(setup.Forestry, report.Id, "迟到的反馈").RefusedAsync());

        await using var check = setup.Database.NewContext();
        var input = await check.CooperationInputs.SingleAsync();
        Assert.Equal(("已完成岸坡绿化 3 公里。", setup.Forestry.OrganizationId), (input.Text, input.OrganizationId));
    }

    [ProviderTheory]
    public async Task Report_StatusThatDoesNotFitThePercent_IsRefusedNamingThePercent(DatabaseProvider provider)
    {
        await using var setup = await SetUpAsync(provider);
        await using var db = setup.Database.NewContext();
        var workflow = Setup.Workflow(db);

        foreach (var (status, percent) in new[] { (ProgressStatus.NotStarted, 20), (ProgressStatus.Completed, 90), (ProgressStatus.InProgress, 0), (ProgressStatus.InProgress, 100), (ProgressStatus.Late, 100) })
        {
            var refused = Assert.IsType<UseCaseError.Invalid>(await workflow.SaveAsync(setup.Forestry, setup.Measure7, s_september, new ReportContent(status, percent, "x"), submit: true).RefusedAsync());
            Assert.Equal(["percent"], refused.Fields.Keys);
            Assert.StartsWith("percent:", refused.Message, StringComparison.Ordinal);
            Assert.Equal(refused.Message, refused.Fields["percent"].Single());
        }

        Assert.False(await db.ProgressReports.AnyAsync());
        await workflow.SaveAsync(setup.Forestry, setup.Measure7, s_september, new ReportContent(ProgressStatus.NotStarted, 0, "")).Done();
        await workflow.SaveAsync(setup.Forestry, setup.Measure7, s_september, new ReportContent(ProgressStatus.Late, 0, "受汛期影响")).Done();
        await workflow.SaveAsync(setup.Forestry, setup.Measure7, s_september, new ReportContent(ProgressStatus.Completed, 100, "已完成"), submit: true).Done();
        Assert.Equal(ReportState.Submitted, (await setup.Database.NewContext().ProgressReports.SingleAsync()).State);
    }

    [ProviderTheory]
    public async Task SaveWithFiles_ARefusedFile_LeavesNothingSavedAndSaysTheReportWasNotSubmitted(DatabaseProvider provider)
    {
        await using var setup = await SetUpAsync(provider);
        await using var db = setup.Database.NewContext();
        var pdf = new AttachmentUpload("验收报告.pdf", "%PDF-1.7\n%%EOF\n"u8.ToArray());
        var fake = new AttachmentUpload("photo.png", "not really a picture"u8.ToArray());

        var refused = Assert.IsType<UseCaseError.Invalid>(await setup.WithFiles(db).SaveAsync(setup.Forestry, setup.Measure7, s_september, s_progress, submit: true, [pdf, fake]).RefusedAsync());

        Assert.Equal(["files"], refused.Fields.Keys);
        Assert.StartsWith("The report was not submitted", refused.Message, StringComparison.Ordinal);
        Assert.Contains("photo.png", refused.Message, StringComparison.Ordinal);
        await using (var check = setup.Database.NewContext())
        {
            Assert.False(await check.ProgressReports.AnyAsync());
            Assert.False(await check.ReportAttachments.AnyAsync());
            Assert.False(await check.AuditEntries.AnyAsync());
        }

        var report = await setup.WithFiles(db).SaveAsync(setup.Forestry, setup.Measure7, s_september, s_progress, submit: true, [pdf]).Done();
        var again = await setup.WithFiles(db).SaveAsync(setup.Forestry, setup.Measure7, s_september, s_progress, submit: true, [pdf]).Done(); // a double click

        await using var stored = setup.Database.NewContext();
        Assert.Equal((ReportState.Submitted, report.Id), ((await stored.ProgressReports.SingleAsync()).State, again.Id));
        Assert.Equal("验收报告.pdf", (await stored.ReportAttachments.SingleAsync()).FileName);
        Assert.Equal([AuditAction.Draft, AuditAction.Attach, AuditAction.Submit], await stored.AuditEntries.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    [ProviderTheory]
    public async Task AcceptMany_AcceptsWhatWasSeen_ReportsBackTheChangedAndRefusesAnotherRegionsReport(DatabaseProvider provider)
    {
        await using var setup = await SetUpAsync(provider);
        await using var db = setup.Database.NewContext();
        var workflow = Setup.Workflow(db);
        var august = await workflow.SaveAsync(setup.Forestry, setup.Measure7, new DateOnly(2026, 8, 1), s_progress, submit: true).Done();
        var september = await workflow.SaveAsync(setup.Forestry, setup.Measure7, s_september, s_progress, submit: true).Done();
        var water = await workflow.SaveAsync(setup.Water, setup.Measure12, s_september, s_progress, submit: true).Done();
        var returned = await workflow.SaveAsync(setup.Water, setup.Measure12, new DateOnly(2026, 8, 1), s_progress, submit: true).Done();
        var seen = new List<ReviewedRevision> { new(august.Id, august.Revision), new(september.Id, september.Revision), new(water.Id, water.Revision), new(returned.Id, returned.Revision), new(999_999, 1) };
        // After the coordinator saw the queue: another coordinator returned one report, and one was returned and resubmitted (a new revision).
        await Setup.Workflow(setup.Database.NewContext()).ReturnAsync(setup.Coordinator, returned.Id, returned.Revision, "请补充照片").Done();
        await using (var other = setup.Database.NewContext())
        {
            await Setup.Workflow(other).ReturnAsync(setup.Coordinator, water.Id, water.Revision, "数量有误").Done();
            await Setup.Workflow(other).SaveAsync(setup.Water, setup.Measure12, s_september, s_progress with { Percent = 70 }, submit: true).Done();
        }

        // The city coordinator may not review Tongzhou's plan: the whole set is refused and nothing is accepted.
        var refused = Assert.IsType<UseCaseError.Forbidden>(await Setup.Workflow(setup.Database.NewContext()).AcceptManyAsync(setup.CityCoordinator, seen).RefusedAsync());
        Assert.Contains($"{august.Id}", refused.Message, StringComparison.Ordinal);
        Assert.IsType<UseCaseError.Forbidden>(await Setup.Workflow(setup.Database.NewContext()).AcceptManyAsync(setup.Forestry, seen).RefusedAsync());
        Assert.False(await setup.Database.NewContext().ProgressReports.AnyAsync(r => r.State == ReportState.Accepted));

        var result = await Setup.Workflow(setup.Database.NewContext()).AcceptManyAsync(setup.Coordinator, seen).Done();

        Assert.Equal([august.Id, september.Id], result.Accepted);
        Assert.Equal(
            [new BulkSkip(water.Id, BulkSkipReason.Changed, ReportState.Submitted), new BulkSkip(returned.Id, BulkSkipReason.NotAwaitingReview, ReportState.Returned), new BulkSkip(999_999, BulkSkipReason.NotFound, null)],
            result.Skipped);
        await using var check = setup.Database.NewContext();
        var states = await check.ProgressReports.ToDictionaryAsync(r => r.Id, r => r.State);
        Assert.Equal((ReportState.Accepted, ReportState.Accepted, ReportState.Submitted, ReportState.Returned), (states[august.Id], states[september.Id], states[water.Id], states[returned.Id]));
        Assert.Equal(2, await check.AuditEntries.CountAsync(a => a.Action == AuditAction.Accept && a.UserId == setup.Coordinator.UserId));
    }

    [ProviderTheory]
    public async Task Changes_ShowWhatTheResubmittedVersionChangedAndOnlyToThoseWhoSeeTheReport(DatabaseProvider provider)
    {
        await using var setup = await SetUpAsync(provider);
        await using var db = setup.Database.NewContext();
        var target = await db.Targets.Where(t => db.MeasureAssignments.Any(a => a.MeasureId == t.MeasureId && a.OrganizationId == setup.Forestry.OrganizationId && a.Role == AssignmentRole.Responsible))
            .OrderBy(t => t.Id).Select(t => new { t.Id, t.MeasureId, t.Metric }).FirstAsync();
        var first = s_progress with { Quantities = new Dictionary<int, decimal> { [target.Id] = 5 } };
        var report = await setup.WithFiles(db).SaveAsync(setup.Forestry, target.MeasureId, s_september, first, submit: true,
            [new AttachmentUpload("现场照片.pdf", "%PDF-1.7\n%%EOF\n"u8.ToArray())]).Done();
        var single = (await ProgressQueries.ChangesAsync(db, setup.Coordinator, report.Id)).Value;
        await Setup.Workflow(db).ReturnAsync(setup.Coordinator, report.Id, report.Revision, "请补充位置清单").Done();
        await setup.WithFiles(db).SaveAsync(setup.Forestry, target.MeasureId, s_september, first with { Percent = 80, Narrative = "补充：位于宋庄。", Quantities = new Dictionary<int, decimal> { [target.Id] = 12 } },
            submit: true, [new AttachmentUpload("位置清单.pdf", "%PDF-1.7\n1 0 obj\n%%EOF\n"u8.ToArray())]).Done();

        var changes = (await ProgressQueries.ChangesAsync(setup.Database.NewContext(), setup.Coordinator, report.Id)).Value;

        Assert.NotNull(single);
        Assert.Null(single.PreviousVersion);
        Assert.True(single.AnyChange);
        Assert.NotNull(changes);
        Assert.Equal((2, (int?)1, "请补充位置清单"), (changes.Version, changes.PreviousVersion, changes.PreviousReturnReason));
        Assert.False(changes.StatusChanged);
        Assert.Equal((true, (int?)60, 80), (changes.PercentChanged, changes.PreviousPercent, changes.Percent));
        Assert.Equal((true, "补充：位于宋庄。"), (changes.NarrativeChanged, changes.Narrative));
        Assert.Equal([new QuantityChange(target.Id, target.Metric, changes.Quantities[0].Unit, 5, 12)], changes.Quantities);
        Assert.Equal(["位置清单.pdf"], changes.AddedAttachments.Select(a => a.FileName));
        Assert.Equal(["现场照片.pdf"], changes.DroppedAttachments.Select(a => a.FileName));
        Assert.IsType<UseCaseError.NotFound>((await ProgressQueries.ChangesAsync(db, setup.Viewer, report.Id)).Error);
        Assert.IsType<UseCaseError.NotFound>((await ProgressQueries.ChangesAsync(db, setup.Coordinator, 999_999)).Error);
        var queue = await ProgressQueries.ReviewListAsync(db, setup.Coordinator, new ReviewFilter(OrganizationId: setup.Forestry.OrganizationId));
        Assert.Equal(80, Assert.Single(queue.Items).Percent);
        Assert.Equal(changes.Percent, queue.Changes[report.Id].Percent);
        Assert.Empty((await ProgressQueries.ReviewListAsync(db, setup.Coordinator, new ReviewFilter(Period: new DateOnly(2026, 8, 1)))).Items);
        Assert.Empty((await ProgressQueries.ReviewListAsync(db, setup.CityCoordinator, new ReviewFilter())).Items);
    }

    [ProviderTheory]
    public async Task Attachment_CheckedByContentAndSizeStoredOnceAndSeenOnlyByThoseWhoSeeTheReport(DatabaseProvider provider)
    {
        await using var setup = await SetUpAsync(provider);
        await using var db = setup.Database.NewContext();
        var workflow = setup.WithFiles(db);
        var store = setup.Store;
        var report = await workflow.SaveAsync(setup.Forestry, setup.Measure7, s_september, s_progress).Done();
        var pdf = "%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n"u8.ToArray();

        var attached = (await workflow.AttachAsync(setup.Forestry, report.Id, new AttachmentUpload("验收报告.pdf", pdf)).Done()).Attachments.Single();
        await workflow.AttachAsync(setup.Forestry, report.Id, new AttachmentUpload("副本.pdf", pdf)).Done();
        var wrongType = Assert.IsType<UseCaseError.Invalid>(await workflow.AttachAsync(setup.Forestry, report.Id, new AttachmentUpload("photo.png", "not really a picture"u8.ToArray())).RefusedAsync());
        var tooLarge = Assert.IsType<UseCaseError.Invalid>(await workflow.AttachAsync(setup.Forestry, report.Id, new AttachmentUpload("big.pdf", [.. pdf, .. new byte[2048]])).RefusedAsync());
        Assert.IsType<UseCaseError.Forbidden>(await workflow.AttachAsync(setup.Water, report.Id, new AttachmentUpload("x.pdf", pdf)).RefusedAsync());
        await workflow.SubmitAsync(setup.Forestry, report.Id).Done();
        Assert.IsType<UseCaseError.Conflict>(await workflow.AttachAsync(setup.Forestry, report.Id, new AttachmentUpload("late.pdf", pdf)).RefusedAsync());

        Assert.Equal(["file"], wrongType.Fields.Keys);
        Assert.Equal(["file"], tooLarge.Fields.Keys);
        Assert.Contains("big.pdf", tooLarge.Message, StringComparison.Ordinal);
        Assert.Equal(("application/pdf", "验收报告.pdf"), (attached.ContentType, attached.FileName));
        Assert.Equal(pdf, await store.ReadAsync(AttachmentTypes.Hash(pdf), default));
        Assert.Single(Directory.GetFiles(Path.Combine(setup.Database.Settings.DataDirectory, "attachments"), "*", SearchOption.AllDirectories));
        Assert.True((await ProgressQueries.AttachmentAsync(db, setup.Forestry, attached.Id)).Succeeded);
        Assert.True((await ProgressQueries.AttachmentAsync(db, setup.Coordinator, attached.Id)).Succeeded);
        Assert.IsType<UseCaseError.NotFound>((await ProgressQueries.AttachmentAsync(db, setup.Viewer, attached.Id)).Error);
    }
}
