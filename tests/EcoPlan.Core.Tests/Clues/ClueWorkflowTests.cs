using System.Globalization;
using EcoPlan.Core.Clues;

namespace EcoPlan.Core.Tests.Clues;

public sealed class ClueWorkflowTests
{
    private static readonly ClueStepInput s_violation = new(Outcome: ClueOutcome.ViolationNew, Reason: "unapproved-construction", Note: "现场为新建彩钢板房");

    [ProviderTheory]
    public async Task Violation_WalksFromPendingToClosed_WithEveryStepInTheTrail(DatabaseProvider provider)
    {
        await using var setup = await ClueSetup.CreateAsync(provider);
        await using var db = setup.Database.NewContext();
        var id = (await setup.BatchAsync(db, ("TZ-001", ClueSetup.YongshunCode))).ClueIds[0];
        var workflow = setup.Workflow(db);

        await workflow.TakeAsync(setup.Yongshun, id, ClueStep.Start, new()).Done();
        await workflow.TakeAsync(setup.Yongshun, id, ClueStep.SubmitVerification, s_violation).Done();
        var returned = await workflow.TakeAsync(setup.Coordinator, id, ClueStep.ReturnVerification, new(Note: "请补拍东侧照片")).Done();
        Assert.Equal(ClueState.Verifying, returned.State);
        await workflow.TakeAsync(setup.Yongshun, id, ClueStep.SubmitVerification, s_violation).Done();
        Assert.Equal(ClueState.PlanDue, (await workflow.TakeAsync(setup.Coordinator, id, ClueStep.AcceptVerification, new()).Done()).State);
        await workflow.TakeAsync(setup.Yongshun, id, ClueStep.SubmitPlan, new(Measures: "拆除违建，复绿", RectifyBy: new DateOnly(2026, 9, 30))).Done();
        await workflow.TakeAsync(setup.Coordinator, id, ClueStep.AcceptPlan, new()).Done();
        await workflow.TakeAsync(setup.Yongshun, id, ClueStep.RequestClose, new()).Done();
        var notice = await workflow.TakeAsync(setup.Coordinator, id, ClueStep.AcceptClose, new(PublicNoticeDays: 7)).Done();
        Assert.Equal(ClueState.PublicNotice, notice.State);
        Assert.Equal(new DateOnly(2026, 6, 8), notice.PublicNoticeEndsOn);

        var early = await workflow.TakeAsync(setup.Coordinator, id, ClueStep.EndPublicNotice, new()).RefusedAsync();
        Assert.IsType<UseCaseError.Conflict>(early);
        setup.Clock.SetDay(2026, 6, 8);
        var closed = await workflow.TakeAsync(setup.Coordinator, id, ClueStep.EndPublicNotice, new()).Done();

        Assert.Equal(ClueState.Closed, closed.State);
        Assert.Equal(new DateOnly(2026, 9, 30), closed.RectifyBy);
        Assert.Equal(
            [ClueAction.Created, ClueAction.VerificationStarted, ClueAction.VerificationSubmitted, ClueAction.VerificationReturned, ClueAction.VerificationSubmitted,
                ClueAction.VerificationAccepted, ClueAction.PlanSubmitted, ClueAction.PlanAccepted, ClueAction.CloseRequested, ClueAction.CloseAccepted,
                ClueAction.PublicNoticeEnded],
            closed.Events.Select(e => e.Action));
        Assert.Contains("请补拍东侧照片", closed.Events.Single(e => e.Action == ClueAction.VerificationReturned).Payload, StringComparison.Ordinal);
        var stored = await db.ClueEvents.AsNoTracking().Where(e => e.ClueId == id).ToListAsync();
        Assert.Null(ClueTrail.Verify(id, ClueState.Closed, stored));
    }

    [ProviderTheory]
    public async Task PseudoChange_ClosesWhenTheDistrictAccepts_AndReopenKeepsTheHistory(DatabaseProvider provider)
    {
        await using var setup = await ClueSetup.CreateAsync(provider);
        await using var db = setup.Database.NewContext();
        var id = (await setup.BatchAsync(db, ("TZ-002", ClueSetup.YongshunCode))).ClueIds[0];
        var workflow = setup.Workflow(db);

        await workflow.TakeAsync(setup.Yongshun, id, ClueStep.SubmitVerification, new(Outcome: ClueOutcome.PseudoChange, Reason: "crop")).Done();
        Assert.Equal(ClueState.Closed, (await workflow.TakeAsync(setup.Coordinator, id, ClueStep.AcceptVerification, new()).Done()).State);

        var noReason = await workflow.TakeAsync(setup.Coordinator, id, ClueStep.Reopen, new()).RefusedAsync();
        Assert.Contains("note", Assert.IsType<UseCaseError.Invalid>(noReason).Fields.Keys);
        var reopened = await workflow.TakeAsync(setup.Coordinator, id, ClueStep.Reopen, new(Note: "回头看：发现新增硬化地面")).Done();

        Assert.Equal(ClueState.Verifying, reopened.State);
        Assert.Null(reopened.ClosedAt);
        Assert.Equal(4, reopened.Events.Count);
    }

    [ProviderTheory]
    public async Task Steps_AreRefusedToTheWrongPerson_InTheWrongState_AndWithoutTheirFields(DatabaseProvider provider)
    {
        await using var setup = await ClueSetup.CreateAsync(provider);
        await using var db = setup.Database.NewContext();
        var id = (await setup.BatchAsync(db, ("TZ-003", ClueSetup.YongshunCode))).ClueIds[0];
        var workflow = setup.Workflow(db);

        // Another township does not even see it; the district reviews but does not verify; another district sees nothing.
        Assert.IsType<UseCaseError.NotFound>(await workflow.TakeAsync(setup.Liyuan, id, ClueStep.Start, new()).RefusedAsync());
        Assert.IsType<UseCaseError.Forbidden>(await workflow.TakeAsync(setup.Coordinator, id, ClueStep.Start, new()).RefusedAsync());
        Assert.IsType<UseCaseError.NotFound>(await workflow.TakeAsync(setup.OtherDistrict, id, ClueStep.AcceptVerification, new()).RefusedAsync());
        Assert.IsType<UseCaseError.Forbidden>(await workflow.TakeAsync(setup.Viewer, id, ClueStep.AcceptVerification, new()).RefusedAsync());
        // The township cannot accept its own verification; nothing is there to accept yet.
        Assert.IsType<UseCaseError.Forbidden>(await workflow.TakeAsync(setup.Yongshun, id, ClueStep.AcceptVerification, new()).RefusedAsync());
        Assert.IsType<UseCaseError.Conflict>(await workflow.TakeAsync(setup.Coordinator, id, ClueStep.AcceptVerification, new()).RefusedAsync());

        var noOutcome = Assert.IsType<UseCaseError.Invalid>(await workflow.TakeAsync(setup.Yongshun, id, ClueStep.SubmitVerification, new()).RefusedAsync());
        Assert.Contains("outcome", noOutcome.Fields.Keys);
        var badReason = Assert.IsType<UseCaseError.Invalid>(await workflow.TakeAsync(setup.Yongshun, id, ClueStep.SubmitVerification,
            new(Outcome: ClueOutcome.PseudoChange, Reason: "made-up")).RefusedAsync());
        Assert.Contains("crop", badReason.Fields["reason"][0], StringComparison.Ordinal);
        var tooLong = Assert.IsType<UseCaseError.Invalid>(await workflow.TakeAsync(setup.Yongshun, id, ClueStep.SubmitVerification,
            s_violation with { Note = new string('字', ClueWorkflow.MaxNote + 1) }).RefusedAsync());
        Assert.Contains("note", tooLong.Fields.Keys);

        await workflow.TakeAsync(setup.Yongshun, id, ClueStep.SubmitVerification, s_violation).Done();
        var noReturnReason = Assert.IsType<UseCaseError.Invalid>(await workflow.TakeAsync(setup.Coordinator, id, ClueStep.ReturnVerification, new(Note: "  ")).RefusedAsync());
        Assert.Contains("note", noReturnReason.Fields.Keys);

        // The city above the district reviews too.
        Assert.Equal(ClueState.PlanDue, (await workflow.TakeAsync(setup.City, id, ClueStep.AcceptVerification, new()).Done()).State);
        var stored = await db.Clues.AsNoTracking().SingleAsync(c => c.Id == id);
        Assert.Equal(3, stored.Version);
    }

    [ProviderTheory]
    public async Task Step_AtAStaleVersion_IsRefused_AndChangesNothing(DatabaseProvider provider)
    {
        await using var setup = await ClueSetup.CreateAsync(provider);
        await using (var db = setup.Database.NewContext())
        {
            await setup.BatchAsync(db, ("TZ-004", ClueSetup.YongshunCode));
        }

        await using var first = setup.Database.NewContext();
        await using var second = setup.Database.NewContext();
        var id = await first.Clues.Select(c => c.Id).SingleAsync();
        var seen = (await setup.Queries(first).GetAsync(setup.Yongshun, id)).Value!.Version;
        await setup.Workflow(first).TakeAsync(setup.Yongshun, id, ClueStep.SubmitVerification, s_violation with { Version = seen }).Done();

        var stale = await setup.Workflow(second).TakeAsync(setup.Yongshun, id, ClueStep.SubmitVerification,
            new(Version: seen, Outcome: ClueOutcome.PseudoChange, Reason: "crop")).RefusedAsync();

        Assert.IsType<UseCaseError.Conflict>(stale);
        await using var check = setup.Database.NewContext();
        Assert.Equal(ClueOutcome.ViolationNew, (await check.Clues.SingleAsync()).Outcome);
        Assert.Equal(2, await check.ClueEvents.CountAsync());
    }

    [ProviderTheory]
    public async Task BulkAccept_TakesAllOrNone_AndSaysWhichClueStoppedIt(DatabaseProvider provider)
    {
        await using var setup = await ClueSetup.CreateAsync(provider);
        await using var db = setup.Database.NewContext();
        var ids = (await setup.BatchAsync(db, ("TZ-010", ClueSetup.YongshunCode), ("TZ-011", ClueSetup.YongshunCode), ("TZ-012", ClueSetup.YongshunCode))).ClueIds;
        var workflow = setup.Workflow(db);
        foreach (var id in ids.Take(2))
        {
            await workflow.TakeAsync(setup.Yongshun, id, ClueStep.SubmitVerification, new(Outcome: ClueOutcome.PseudoChange, Reason: "crop")).Done();
        }

        var refused = Assert.IsType<UseCaseError.Invalid>(await workflow.TakeManyAsync(setup.Coordinator, ids, ClueStep.AcceptVerification, new()).RefusedAsync());
        Assert.Contains(ids[2].ToString(CultureInfo.InvariantCulture), refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, await db.Clues.CountAsync(c => c.State == ClueState.Closed));

        var accepted = await workflow.TakeManyAsync(setup.Coordinator, [.. ids.Take(2)], ClueStep.AcceptVerification, new()).Done();

        Assert.Equal(ids.Take(2), accepted);
        Assert.Equal(2, await db.Clues.CountAsync(c => c.State == ClueState.Closed));
    }

    [ProviderTheory]
    public async Task Assign_MovesAQueuedClueToATownshipOfItsDistrict_Only(DatabaseProvider provider)
    {
        await using var setup = await ClueSetup.CreateAsync(provider);
        await using var db = setup.Database.NewContext();
        var id = (await setup.BatchAsync(db, ("TZ-020", null))).ClueIds[0];
        var workflow = setup.Workflow(db);

        Assert.Equal(1, (await setup.Queries(db).ListAsync(setup.Coordinator, new ClueFilter(Unassigned: true))).Total);
        Assert.Equal(0, (await setup.Queries(db).ListAsync(setup.Yongshun, new ClueFilter())).Total);
        Assert.IsType<UseCaseError.Invalid>(await workflow.AssignAsync(setup.Coordinator, id, "110105001", null).RefusedAsync());
        Assert.IsType<UseCaseError.Forbidden>(await workflow.AssignAsync(setup.Viewer, id, ClueSetup.YongshunCode, null).RefusedAsync());
        Assert.IsType<UseCaseError.NotFound>(await workflow.AssignAsync(setup.Unit, id, ClueSetup.YongshunCode, null).RefusedAsync());

        var assigned = await workflow.AssignAsync(setup.Coordinator, id, ClueSetup.YongshunCode, null).Done();

        Assert.Equal(ClueSetup.YongshunCode, assigned.Township!.Code);
        Assert.Equal(1, (await setup.Queries(db).ListAsync(setup.Yongshun, new ClueFilter())).Total);
        Assert.Contains(ClueStep.Start, (await setup.Queries(db).GetAsync(setup.Yongshun, id)).Value!.AllowedSteps);
    }

    [ProviderTheory]
    public async Task List_ShowsEachPersonTheirOwnClues(DatabaseProvider provider)
    {
        await using var setup = await ClueSetup.CreateAsync(provider);
        await using var db = setup.Database.NewContext();
        await setup.BatchAsync(db, ("TZ-030", ClueSetup.YongshunCode), ("TZ-031", ClueSetup.LiyuanCode), ("TZ-032", null));
        var queries = setup.Queries(db);

        async Task<int> Count(UserAccess user) => (await queries.ListAsync(user, new ClueFilter())).Total;

        Assert.Equal(1, await Count(setup.Yongshun));
        Assert.Equal(1, await Count(setup.Liyuan));
        Assert.Equal(3, await Count(setup.Coordinator));
        Assert.Equal(3, await Count(setup.City));
        Assert.Equal(0, await Count(setup.OtherDistrict));
        Assert.Equal(0, await Count(setup.Unit)); // not named by the batch
        Assert.Equal(3, await Count(setup.Viewer));
        Assert.Equal(1, (await queries.ListAsync(setup.Coordinator, new ClueFilter(Box: new ClueBox(116.705, 39.8, 116.715, 40.0)))).Total);
    }
}
