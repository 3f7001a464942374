using System.Text.Json;
using EcoPlan.Core.Accounts;
using EcoPlan.Core.Data;
using EcoPlan.Core.Import;
using EcoPlan.Core.Plans;
using EcoPlan.Core.Progress;
using EcoPlan.Core.Tests.Import;
using EcoPlan.Testing;
using Microsoft.EntityFrameworkCore;

namespace EcoPlan.Core.Tests.Progress;

public sealed class ProgressWorkflowTests
{
    private static readonly DateOnly s_september = new(2026, 9, 1);

    /// <summary>The Tongzhou plan imported, and the people who act on its measure 7 (区园林绿化局 responsible) and 12 (区水务局 responsible, 区园林绿化局 cooperating).</summary>
    private sealed record Setup(TestDatabase Database, int Measure7, int Measure12, UserAccess Forestry, UserAccess Water, UserAccess Coordinator, UserAccess CityCoordinator, UserAccess Viewer) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Database.DisposeAsync();

        public static ProgressWorkflow Workflow(EcoPlanDbContext db) => new(db, TimeProvider.System);
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

        var report = await workflow.SaveDraftAsync(setup.Forestry, setup.Measure7, new DateOnly(2026, 9, 15), s_progress);
        await workflow.SubmitAsync(setup.Forestry, report.Id);
        await workflow.SubmitAsync(setup.Forestry, report.Id); // a double click
        await workflow.ReturnAsync(setup.Coordinator, report.Id, report.Revision, "请补充保育小区位置清单");
        await workflow.SaveDraftAsync(setup.Forestry, setup.Measure7, s_september, s_progress with { Percent = 70, Narrative = "补充：位于宋庄、潞城。" });
        await workflow.SubmitAsync(setup.Forestry, report.Id);
        await workflow.AcceptAsync(setup.Coordinator, report.Id, report.Revision);

        await using var check = setup.Database.NewContext();
        var stored = await check.ProgressReports.Include(r => r.Versions).SingleAsync();
        Assert.Equal(ReportState.Accepted, stored.State);
        Assert.Equal(s_september, stored.Period);
        var versions = stored.Versions.OrderBy(v => v.Number).ToList();
        Assert.Equal(2, versions.Count);
        Assert.Equal(("已建成生态保育小区12处。", 60, "请补充保育小区位置清单"), (versions[0].Narrative, versions[0].Percent, versions[0].ReturnReason));
        Assert.NotNull(versions[0].SubmittedAt);
        Assert.Equal((70, (string?)null), (versions[1].Percent, versions[1].ReturnReason));
        Assert.Equal(["draft", "submit", "return", "draft", "submit", "accept"],
            await check.AuditEntries.Where(a => a.ReportId == stored.Id).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    [ProviderTheory]
    public async Task Report_WrongPeopleAndBadContent_AreRefusedAndNothingIsStored(DatabaseProvider provider)
    {
        await using var setup = await SetUpAsync(provider);
        await using var db = setup.Database.NewContext();
        var workflow = Setup.Workflow(db);

        await Refused(WorkflowError.Forbidden, () => workflow.SaveDraftAsync(setup.Water, setup.Measure7, s_september, s_progress));
        await Refused(WorkflowError.Forbidden, () => workflow.SaveDraftAsync(setup.Coordinator, setup.Measure7, s_september, s_progress));
        await Refused(WorkflowError.Invalid, () => workflow.SaveDraftAsync(setup.Forestry, setup.Measure7, s_september, s_progress with { Percent = 120 }));
        await Refused(WorkflowError.Invalid, () => workflow.SaveDraftAsync(setup.Forestry, setup.Measure7, new DateOnly(2026, 11, 1), s_progress));
        await Refused(WorkflowError.Invalid, () => workflow.SaveDraftAsync(setup.Forestry, setup.Measure7, s_september, s_progress with { Quantities = new Dictionary<int, decimal> { [999_999] = 1 } }));
        await Refused(WorkflowError.NotFound, () => workflow.SaveDraftAsync(setup.Forestry, 999_999, s_september, s_progress));
        Assert.False(await db.ProgressReports.AnyAsync());
        Assert.False(await db.AuditEntries.AnyAsync());

        var report = await workflow.SaveDraftAsync(setup.Forestry, setup.Measure7, s_september, s_progress);
        await Refused(WorkflowError.Forbidden, () => workflow.SubmitAsync(setup.Water, report.Id));
        await workflow.SubmitAsync(setup.Forestry, report.Id);
        await Refused(WorkflowError.Conflict, () => workflow.SaveDraftAsync(setup.Forestry, setup.Measure7, s_september, s_progress));
        await Refused(WorkflowError.Forbidden, () => workflow.AcceptAsync(setup.CityCoordinator, report.Id, report.Revision));
        await Refused(WorkflowError.Forbidden, () => workflow.AcceptAsync(setup.Viewer, report.Id, report.Revision));
        await Refused(WorkflowError.Invalid, () => workflow.ReturnAsync(setup.Coordinator, report.Id, report.Revision, "  "));
        await Refused(WorkflowError.Conflict, () => workflow.AcceptAsync(setup.Coordinator, report.Id, report.Revision - 1));
        Assert.Equal(ReportState.Submitted, (await setup.Database.NewContext().ProgressReports.SingleAsync()).State);
    }

    [ProviderTheory]
    public async Task TwoCoordinatorsAcceptingAtOnce_OneWinsTheOtherIsTold(DatabaseProvider provider)
    {
        await using var setup = await SetUpAsync(provider);
        int reportId, revision;
        await using (var db = setup.Database.NewContext())
        {
            var report = await Setup.Workflow(db).SaveDraftAsync(setup.Forestry, setup.Measure7, s_september, s_progress);
            await Setup.Workflow(db).SubmitAsync(setup.Forestry, report.Id);
            (reportId, revision) = (report.Id, report.Revision);
        }

        var second = setup.Coordinator with { UserId = 6, UserName = "coordinator2" };
        await using var first = setup.Database.NewContext();
        await using var other = setup.Database.NewContext();
        var outcomes = await Task.WhenAll(
            Attempt(() => Setup.Workflow(first).AcceptAsync(setup.Coordinator, reportId, revision)),
            Attempt(() => Setup.Workflow(other).ReturnAsync(second, reportId, revision, "数据有误")));

        Assert.Single(outcomes, o => o is null);
        var loser = Assert.Single(outcomes, o => o is not null);
        Assert.Equal(WorkflowError.Conflict, loser!.Error);
        await using var check = setup.Database.NewContext();
        Assert.Single(await check.AuditEntries.Where(a => a.Action == "accept" || a.Action == "return").ToListAsync());
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

        var report = await workflow.SaveAndSubmitAsync(setup.Forestry, target.MeasureId, s_september, content);
        var answered = workflow.CreatedView;
        var again = await Setup.Workflow(db).SaveAndSubmitAsync(setup.Forestry, target.MeasureId, s_september, content with { Narrative = " 已建成生态保育小区12处。 " });
        await Refused(WorkflowError.Conflict, () => Setup.Workflow(db).SaveAndSubmitAsync(setup.Forestry, target.MeasureId, s_september, content with { Percent = 61 }));
        await Refused(WorkflowError.Conflict, () => Setup.Workflow(db).SaveAndSubmitAsync(setup.Forestry, target.MeasureId, s_september, s_progress));

        await using var check = setup.Database.NewContext();
        var stored = await check.ProgressReports.Include(r => r.Versions).SingleAsync();
        Assert.Equal((ReportState.Submitted, report.Revision, report.Id), (stored.State, stored.Revision, again.Id));
        var version = Assert.Single(stored.Versions);
        Assert.Equal((60, setup.Forestry.UserId), (version.Percent, version.SubmittedById));
        Assert.Equal(["draft", "submit"], await check.AuditEntries.Where(a => a.ReportId == stored.Id).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
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
            Setup.Workflow(first).SaveAndSubmitAsync(setup.Forestry, setup.Measure7, s_september, s_progress),
            Setup.Workflow(second).SaveAndSubmitAsync(setup.Forestry, setup.Measure7, s_september, s_progress));

        await using var check = setup.Database.NewContext();
        var stored = await check.ProgressReports.Include(r => r.Versions).SingleAsync();
        Assert.All(reports, r => Assert.Equal(stored.Id, r.Id));
        Assert.Equal(ReportState.Submitted, stored.State);
        Assert.Single(stored.Versions);
        Assert.Equal(["draft", "submit"], await check.AuditEntries.Where(a => a.ReportId == stored.Id).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    [ProviderTheory]
    public async Task CooperatingUnit_AddsInputBeforeSubmitOnly(DatabaseProvider provider)
    {
        await using var setup = await SetUpAsync(provider);
        await using var db = setup.Database.NewContext();
        var workflow = Setup.Workflow(db);
        var report = await workflow.SaveDraftAsync(setup.Water, setup.Measure12, s_september, s_progress);

        await workflow.AddCooperationAsync(setup.Forestry, report.Id, "已完成岸坡绿化 3 公里。");
        await Refused(WorkflowError.Forbidden, () => workflow.AddCooperationAsync(setup.Coordinator, report.Id, "x"));
        await workflow.SubmitAsync(setup.Water, report.Id);
        await Refused(WorkflowError.Conflict, () => workflow.AddCooperationAsync(setup.Forestry, report.Id, "迟到的反馈"));

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
            var ex = await Assert.ThrowsAsync<WorkflowException>(() => workflow.SaveAndSubmitAsync(setup.Forestry, setup.Measure7, s_september, new ReportContent(status, percent, "x")));
            Assert.Equal((WorkflowError.Invalid, "percent"), (ex.Error, ex.Field));
            Assert.StartsWith("percent:", ex.Message, StringComparison.Ordinal);
        }

        Assert.False(await db.ProgressReports.AnyAsync());
        await workflow.SaveDraftAsync(setup.Forestry, setup.Measure7, s_september, new ReportContent(ProgressStatus.NotStarted, 0, ""));
        await workflow.SaveDraftAsync(setup.Forestry, setup.Measure7, s_september, new ReportContent(ProgressStatus.Late, 0, "受汛期影响"));
        await workflow.SaveAndSubmitAsync(setup.Forestry, setup.Measure7, s_september, new ReportContent(ProgressStatus.Completed, 100, "已完成"));
        Assert.Equal(ReportState.Submitted, (await setup.Database.NewContext().ProgressReports.SingleAsync()).State);
    }

    [ProviderTheory]
    public async Task SaveWithFiles_ARefusedFile_LeavesNothingSavedAndSaysTheReportWasNotSubmitted(DatabaseProvider provider)
    {
        await using var setup = await SetUpAsync(provider);
        await using var db = setup.Database.NewContext();
        var store = new FileSystemAttachmentStore(Path.Combine(setup.Database.Settings.DataDirectory, "attachments"));
        var pdf = new AttachmentUpload("验收报告.pdf", "%PDF-1.7\n%%EOF\n"u8.ToArray());
        var fake = new AttachmentUpload("photo.png", "not really a picture"u8.ToArray());

        var ex = await Assert.ThrowsAsync<WorkflowException>(() => Setup.Workflow(db).SaveWithFilesAsync(setup.Forestry, setup.Measure7, s_september, s_progress, submit: true, [pdf, fake], store, 1024));

        Assert.Equal((WorkflowError.Invalid, "files"), (ex.Error, ex.Field));
        Assert.StartsWith("The report was not submitted", ex.Message, StringComparison.Ordinal);
        Assert.Contains("photo.png", ex.Message, StringComparison.Ordinal);
        await using (var check = setup.Database.NewContext())
        {
            Assert.False(await check.ProgressReports.AnyAsync());
            Assert.False(await check.ReportAttachments.AnyAsync());
            Assert.False(await check.AuditEntries.AnyAsync());
        }

        var report = await Setup.Workflow(db).SaveWithFilesAsync(setup.Forestry, setup.Measure7, s_september, s_progress, submit: true, [pdf], store, 1024);
        var again = await Setup.Workflow(db).SaveWithFilesAsync(setup.Forestry, setup.Measure7, s_september, s_progress, submit: true, [pdf], store, 1024); // a double click

        await using var stored = setup.Database.NewContext();
        Assert.Equal((ReportState.Submitted, report.Id), ((await stored.ProgressReports.SingleAsync()).State, again.Id));
        Assert.Equal("验收报告.pdf", (await stored.ReportAttachments.SingleAsync()).FileName);
        Assert.Equal(["draft", "attach", "submit"], await stored.AuditEntries.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    [ProviderTheory]
    public async Task AcceptMany_AcceptsWhatWasSeen_ReportsBackTheChangedAndRefusesAnotherRegionsReport(DatabaseProvider provider)
    {
        await using var setup = await SetUpAsync(provider);
        await using var db = setup.Database.NewContext();
        var workflow = Setup.Workflow(db);
        var august = await workflow.SaveAndSubmitAsync(setup.Forestry, setup.Measure7, new DateOnly(2026, 8, 1), s_progress);
        var september = await workflow.SaveAndSubmitAsync(setup.Forestry, setup.Measure7, s_september, s_progress);
        var water = await workflow.SaveAndSubmitAsync(setup.Water, setup.Measure12, s_september, s_progress);
        var returned = await workflow.SaveAndSubmitAsync(setup.Water, setup.Measure12, new DateOnly(2026, 8, 1), s_progress);
        var seen = new List<ReviewedRevision> { new(august.Id, august.Revision), new(september.Id, september.Revision), new(water.Id, water.Revision), new(returned.Id, returned.Revision), new(999_999, 1) };
        // After the coordinator saw the queue: another coordinator returned one report, and one was returned and resubmitted (a new revision).
        await Setup.Workflow(setup.Database.NewContext()).ReturnAsync(setup.Coordinator, returned.Id, returned.Revision, "请补充照片");
        await using (var other = setup.Database.NewContext())
        {
            await Setup.Workflow(other).ReturnAsync(setup.Coordinator, water.Id, water.Revision, "数量有误");
            await Setup.Workflow(other).SaveAndSubmitAsync(setup.Water, setup.Measure12, s_september, s_progress with { Percent = 70 });
        }

        // The city coordinator may not review Tongzhou's plan: the whole set is refused and nothing is accepted.
        var refused = await Assert.ThrowsAsync<WorkflowException>(() => Setup.Workflow(setup.Database.NewContext()).AcceptManyAsync(setup.CityCoordinator, seen));
        Assert.Equal(WorkflowError.Forbidden, refused.Error);
        await Assert.ThrowsAsync<WorkflowException>(() => Setup.Workflow(setup.Database.NewContext()).AcceptManyAsync(setup.Forestry, seen));
        Assert.False(await setup.Database.NewContext().ProgressReports.AnyAsync(r => r.State == ReportState.Accepted));

        var result = await Setup.Workflow(setup.Database.NewContext()).AcceptManyAsync(setup.Coordinator, seen);

        Assert.Equal([august.Id, september.Id], result.Accepted);
        Assert.Equal(
            [new BulkSkip(water.Id, BulkSkipReason.Changed, ReportState.Submitted), new BulkSkip(returned.Id, BulkSkipReason.NotAwaitingReview, ReportState.Returned), new BulkSkip(999_999, BulkSkipReason.NotFound, null)],
            result.Skipped);
        await using var check = setup.Database.NewContext();
        var states = await check.ProgressReports.ToDictionaryAsync(r => r.Id, r => r.State);
        Assert.Equal((ReportState.Accepted, ReportState.Accepted, ReportState.Submitted, ReportState.Returned), (states[august.Id], states[september.Id], states[water.Id], states[returned.Id]));
        Assert.Equal(2, await check.AuditEntries.CountAsync(a => a.Action == "accept" && a.UserId == setup.Coordinator.UserId));
    }

    [ProviderTheory]
    public async Task Changes_ShowWhatTheResubmittedVersionChangedAndOnlyToThoseWhoSeeTheReport(DatabaseProvider provider)
    {
        await using var setup = await SetUpAsync(provider);
        await using var db = setup.Database.NewContext();
        var store = new FileSystemAttachmentStore(Path.Combine(setup.Database.Settings.DataDirectory, "attachments"));
        var target = await db.Targets.Where(t => db.MeasureAssignments.Any(a => a.MeasureId == t.MeasureId && a.OrganizationId == setup.Forestry.OrganizationId && a.Role == AssignmentRole.Responsible))
            .OrderBy(t => t.Id).Select(t => new { t.Id, t.MeasureId, t.Metric }).FirstAsync();
        var first = s_progress with { Quantities = new Dictionary<int, decimal> { [target.Id] = 5 } };
        var report = await Setup.Workflow(db).SaveWithFilesAsync(setup.Forestry, target.MeasureId, s_september, first, submit: true,
            [new AttachmentUpload("现场照片.pdf", "%PDF-1.7\n%%EOF\n"u8.ToArray())], store, 1024);
        var single = (await ProgressQueries.ChangesAsync(db, setup.Coordinator, report.Id)).Value;
        await Setup.Workflow(db).ReturnAsync(setup.Coordinator, report.Id, report.Revision, "请补充位置清单");
        await Setup.Workflow(db).SaveWithFilesAsync(setup.Forestry, target.MeasureId, s_september, first with { Percent = 80, Narrative = "补充：位于宋庄。", Quantities = new Dictionary<int, decimal> { [target.Id] = 12 } },
            submit: true, [new AttachmentUpload("位置清单.pdf", "%PDF-1.7\n1 0 obj\n%%EOF\n"u8.ToArray())], store, 1024);

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

    private static async Task Refused(WorkflowError expected, Func<Task> action)
    {
        var ex = await Assert.ThrowsAsync<WorkflowException>(action);
        Assert.Equal(expected, ex.Error);
    }

    private static async Task<WorkflowException?> Attempt(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (WorkflowException ex)
        {
            return ex;
        }
    }

    [ProviderTheory]
    public async Task Attachment_CheckedByContentAndSizeStoredOnceAndSeenOnlyByThoseWhoSeeTheReport(DatabaseProvider provider)
    {
        await using var setup = await SetUpAsync(provider);
        await using var db = setup.Database.NewContext();
        var workflow = Setup.Workflow(db);
        var store = new FileSystemAttachmentStore(Path.Combine(setup.Database.Settings.DataDirectory, "attachments"));
        var report = await workflow.SaveDraftAsync(setup.Forestry, setup.Measure7, s_september, s_progress);
        var pdf = "%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n"u8.ToArray();

        var attached = await workflow.AttachAsync(setup.Forestry, report.Id, "验收报告.pdf", pdf, store, maxBytes: 1024);
        await workflow.AttachAsync(setup.Forestry, report.Id, "副本.pdf", pdf, store, maxBytes: 1024);
        await Refused(WorkflowError.Invalid, () => workflow.AttachAsync(setup.Forestry, report.Id, "photo.png", "not really a picture"u8.ToArray(), store, 1024));
        await Refused(WorkflowError.Invalid, () => workflow.AttachAsync(setup.Forestry, report.Id, "big.pdf", [.. pdf, .. new byte[2048]], store, 1024));
        await Refused(WorkflowError.Forbidden, () => workflow.AttachAsync(setup.Water, report.Id, "x.pdf", pdf, store, 1024));
        await workflow.SubmitAsync(setup.Forestry, report.Id);
        await Refused(WorkflowError.Conflict, () => workflow.AttachAsync(setup.Forestry, report.Id, "late.pdf", pdf, store, 1024));

        Assert.Equal(("application/pdf", "验收报告.pdf"), (attached.ContentType, attached.FileName));
        Assert.Equal(pdf, await store.ReadAsync(attached.Sha256, default));
        Assert.Single(Directory.GetFiles(Path.Combine(setup.Database.Settings.DataDirectory, "attachments"), "*", SearchOption.AllDirectories));
        Assert.True((await ProgressQueries.AttachmentAsync(db, setup.Forestry, attached.Id)).Succeeded);
        Assert.True((await ProgressQueries.AttachmentAsync(db, setup.Coordinator, attached.Id)).Succeeded);
        Assert.IsType<UseCaseError.NotFound>((await ProgressQueries.AttachmentAsync(db, setup.Viewer, attached.Id)).Error);
    }
}
