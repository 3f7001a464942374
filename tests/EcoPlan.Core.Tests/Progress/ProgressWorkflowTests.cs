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
        Assert.NotNull(await ProgressQueries.AttachmentAsync(db, setup.Forestry, attached.Id));
        Assert.NotNull(await ProgressQueries.AttachmentAsync(db, setup.Coordinator, attached.Id));
        Assert.Null(await ProgressQueries.AttachmentAsync(db, setup.Water, attached.Id));
    }
}
