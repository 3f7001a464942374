using DocumentFormat.OpenXml.Packaging;
using EcoPlan.Core.Clues;
using EcoPlan.Core.Export;
using EcoPlan.Core.Progress;
using EcoPlan.Core.Tests.Progress;
using Word = DocumentFormat.OpenXml.Wordprocessing;

namespace EcoPlan.Core.Tests.Clues;

public sealed class ClueStatisticsTests
{
    private static readonly DateOnly s_asOf = new(2026, 10, 10);
    private static readonly TimeSpan s_china = TimeSpan.FromHours(8);

    /// <summary>The scripted clues: which batch is attached to which measure.</summary>
    private sealed record Scripted(int PlanId, int MeasureId, int MeasureBatch, int OtherBatch);

    /// <summary>
    /// Batch A (核查时限 2026-06-30, 整改时限 2026-11-30), attached to a measure of the Tongzhou plan:
    /// 永顺镇 Y1 伪变化 closed; Y2 违法违规（新增）submitted 06-30 23:30 China time (on time), plan due 09-30, rectifying (overdue on
    /// 10-10); Y3 still pending (overdue); Y4 违法违规（新增）with a plan due 07-31, closed on 08-05 (late);
    /// 梨园镇 L1 合法合规 submitted 07-01 00:30 China time (06-30 16:30 UTC: late) and closed; L2 历史遗留 first submitted 06-01,
    /// returned, accepted on 07-03 (on time: the first submission counts), waiting for its plan;
    /// the district's queue: Q pending (overdue). Batch B (same dates, no measure): 永顺镇 one pending clue.
    /// </summary>
    private static async Task<Scripted> ScriptAsync(ClueSetup setup, EcoPlanDbContext db)
    {
        var plan = await PublishedTongzhou.ImportAsync(db);
        var measure = await db.Measures.Where(m => m.Task!.Section!.PlanId == plan.PlanId).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
        var (y, l) = (ClueSetup.YongshunCode, ClueSetup.LiyuanCode);
        var a = await setup.BatchAsync(db, ("Y1", y), ("Y2", y), ("Y3", y), ("Y4", y), ("L1", l), ("L2", l), ("Q", null));
        await db.ClueBatches.Where(b => b.Id == a.BatchId).ExecuteUpdateAsync(s => s.SetProperty(b => b.MeasureId, measure));
        var ids = a.ClueIds;
        var workflow = setup.Workflow(db);
        var clock = setup.Clock;
        async Task StepAsync(UserAccess who, int clue, ClueStep step, ClueStepInput? input = null)
        {
            await workflow.TakeAsync(who, clue, step, input ?? new()).Done();
            db.ChangeTracker.Clear();
        }

        var (township, district) = (setup.Yongshun, setup.Coordinator);
        clock.SetDay(2026, 6, 1);
        await StepAsync(township, ids[0], ClueStep.SubmitVerification, new(Outcome: ClueOutcome.PseudoChange, Reason: "crop"));
        await StepAsync(district, ids[0], ClueStep.AcceptVerification);
        await StepAsync(township, ids[3], ClueStep.SubmitVerification, new(Outcome: ClueOutcome.ViolationNew, Reason: "unapproved-construction"));
        await StepAsync(district, ids[3], ClueStep.AcceptVerification);
        await StepAsync(township, ids[3], ClueStep.SubmitPlan, new(Measures: "拆除", RectifyBy: new DateOnly(2026, 7, 31)));
        await StepAsync(district, ids[3], ClueStep.AcceptPlan);
        await StepAsync(setup.Liyuan, ids[5], ClueStep.SubmitVerification, new(Outcome: ClueOutcome.ViolationLegacy, Reason: "legacy-use"));
        clock.SetDay(2026, 6, 2);
        await StepAsync(district, ids[5], ClueStep.ReturnVerification, new(Note: "请补充历史影像"));

        clock.SetUtcNow(new DateTimeOffset(2026, 6, 30, 23, 30, 0, s_china));
        await StepAsync(township, ids[1], ClueStep.SubmitVerification, new(Outcome: ClueOutcome.ViolationNew, Reason: "unapproved-construction"));
        clock.SetUtcNow(new DateTimeOffset(2026, 7, 1, 0, 30, 0, s_china));
        await StepAsync(setup.Liyuan, ids[4], ClueStep.SubmitVerification, new(Outcome: ClueOutcome.Compliant, Reason: "approved"));

        clock.SetDay(2026, 7, 3);
        await StepAsync(district, ids[1], ClueStep.AcceptVerification);
        await StepAsync(township, ids[1], ClueStep.SubmitPlan, new(Measures: "拆除违建，复绿", RectifyBy: new DateOnly(2026, 9, 30)));
        await StepAsync(district, ids[1], ClueStep.AcceptPlan);
        await StepAsync(district, ids[4], ClueStep.AcceptVerification);
        await StepAsync(setup.Liyuan, ids[5], ClueStep.SubmitVerification, new(Outcome: ClueOutcome.ViolationLegacy, Reason: "legacy-use"));
        await StepAsync(district, ids[5], ClueStep.AcceptVerification);

        clock.SetDay(2026, 8, 5);
        await StepAsync(township, ids[3], ClueStep.RequestClose);
        await StepAsync(district, ids[3], ClueStep.AcceptClose, new(PublicNoticeDays: 0));

        var b = await setup.BatchAsync(db, ("B1", y));
        return new Scripted(plan.PlanId, measure, a.BatchId, b.BatchId);
    }

    [ProviderTheory]
    public async Task Statistics_CountTheScriptedClues_PerBatchTownshipAndDistrict(DatabaseProvider provider)
    {
        await using var setup = await ClueSetup.CreateAsync(provider);
        await using var db = setup.Database.NewContext();
        var script = await ScriptAsync(setup, db);
        var statistics = new ClueStatistics(db, setup.Clock);

        var view = await statistics.ComputeAsync(setup.Coordinator, new(), s_asOf);

        //                          received verified onTime pseudo compliant new legacy rectifying overdue closed closedOnTime
        var batchA = new ClueTally(7, 5, 4, 1, 1, 2, 1, 1, 3, 3, 2);
        var batchB = new ClueTally(1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0);
        Assert.Equal(batchA.Plus(batchB), view.Total);
        Assert.Equal([(script.MeasureBatch, batchA), (script.OtherBatch, batchB)],
            view.ByBatch.Select(b => (b.Batch.Id, b.Counts)).OrderBy(b => b.Id));
        Assert.All(view.ByBatch, b => Assert.Equal("110112", b.District.Code));
        Assert.Equal(script.MeasureId, view.ByBatch.Single(b => b.Batch.Id == script.MeasureBatch).Batch.MeasureId);
        Assert.Equal(
            [
                (ClueSetup.YongshunCode, new ClueTally(5, 3, 3, 1, 0, 2, 0, 1, 3, 2, 1)),
                (ClueSetup.LiyuanCode, new ClueTally(2, 2, 1, 0, 1, 0, 1, 0, 0, 1, 1)),
                (null, new ClueTally(1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0)),
            ],
            view.ByTownship.Select(t => (t.Township?.Code, t.Counts)).OrderBy(t => t.Code ?? "z"));
        Assert.Equal(("110112", view.Total), (Assert.Single(view.ByDistrict).District.Code, view.ByDistrict[0].Counts));

        // The measure's variant counts only the batch attached to it; one batch's filter, only that batch.
        Assert.Equal(batchA, (await statistics.ForMeasureAsync(setup.Coordinator, script.MeasureId, s_asOf)).Total);
        Assert.Equal(batchB, (await statistics.ComputeAsync(setup.Coordinator, new(BatchId: script.OtherBatch), s_asOf)).Total);

        // Overdue moves with the day: on 07-20 Y2's plan (due 09-30) is not late yet, the pending clues are.
        Assert.Equal(3, (await statistics.ComputeAsync(setup.Coordinator, new(), new DateOnly(2026, 7, 20))).Total.Overdue);
        Assert.Equal(4, view.Total.Overdue);
        Assert.Equal(0, (await statistics.ComputeAsync(setup.Coordinator, new(), new DateOnly(2026, 6, 15))).Total.Overdue);
    }

    [ProviderTheory]
    public async Task Statistics_CountOnlyWhatTheCallerSees(DatabaseProvider provider)
    {
        await using var setup = await ClueSetup.CreateAsync(provider);
        await using var db = setup.Database.NewContext();
        var script = await ScriptAsync(setup, db);
        var statistics = new ClueStatistics(db, setup.Clock);

        var township = await statistics.ComputeAsync(setup.Yongshun, new(), s_asOf);
        Assert.Equal(ClueSetup.YongshunCode, Assert.Single(township.ByTownship).Township!.Code);
        Assert.Equal(5, township.Total.Received);
        Assert.Equal(2, (await statistics.ComputeAsync(setup.Liyuan, new(), s_asOf)).Total.Received);

        // Another district's coordinator sees nothing of 通州区, even when he asks for it by region or by measure.
        var tongzhou = setup.Regions["110112"];
        foreach (var filter in new ClueStatisticsFilter[] { new(), new(RegionId: tongzhou), new(MeasureId: script.MeasureId), new(BatchId: script.MeasureBatch) })
        {
            var other = await statistics.ComputeAsync(setup.OtherDistrict, filter, s_asOf);
            Assert.Equal(ClueTally.None, other.Total);
            Assert.Empty(other.ByTownship);
            Assert.Empty(other.ByBatch);
        }

        // A unit the batches do not name sees none; the city coordinator sees the district's, by the city's region too.
        Assert.Equal(ClueTally.None, (await statistics.ComputeAsync(setup.Unit, new(), s_asOf)).Total);
        Assert.Equal(8, (await statistics.ComputeAsync(setup.City, new(RegionId: setup.Regions["110000"]), s_asOf)).Total.Received);
        Assert.Equal(0, (await statistics.ComputeAsync(setup.City, new(RegionId: setup.Regions["110105"]), s_asOf)).Total.Received);
    }

    [ProviderTheory]
    public async Task DashboardAndMonthlyReport_CarryTheClueCounts(DatabaseProvider provider)
    {
        await using var setup = await ClueSetup.CreateAsync(provider);
        await using var db = setup.Database.NewContext();
        var script = await ScriptAsync(setup, db);

        var dashboard = (await Dashboard.ComputeAsync(db, setup.Coordinator, script.PlanId, s_asOf, setup.Clock.LocalTimeZone)).Value!;
        Assert.Equal(8, dashboard.Clues!.Total.Received);
        Assert.Equal(3, dashboard.Clues.ByTownship.Count);
        // Who sees the plan but no clue of its region gets no clue block.
        var planUnit = await db.MeasureAssignments.Where(a => a.MeasureId == script.MeasureId && a.OrganizationId != null).Select(a => a.OrganizationId!.Value).FirstAsync();
        var unit = new UserAccess(300, "unit", Roles.Unit, planUnit, "", setup.Regions["110112"], "110112", null);
        Assert.Null((await Dashboard.ComputeAsync(db, unit, script.PlanId, s_asOf, setup.Clock.LocalTimeZone)).Value!.Clues);

        // The 月报 of May: batch A (7 clues) and B (1) were both received on 2026-05-20.
        var may = (await Dashboard.ForPeriodAsync(db, UserAccess.System, script.PlanId, new DateOnly(2026, 5, 1), s_asOf, setup.Clock.LocalTimeZone)).Value!;
        Assert.Equal(
            "本月新增线索8条，累计接收线索8条。截至2026年5月31日，已核查5条（按时核查4条），其中伪变化1条、合法合规1条、违法违规（新增）2条、违法违规（历史遗留）1条；"
                + "整改中1条，逾期未完成核查或整改0条；已销号3条（按期销号2条）。",
            MonthlyReportWriter.ClueSummary(may));
        using var report = new MemoryStream();
        Assert.True((await MonthlyReportWriter.WriteAsync(db, UserAccess.System, script.PlanId, new DateOnly(2026, 10, 1), s_asOf, report, setup.Clock.LocalTimeZone)).Succeeded);
        report.Position = 0;
        using var word = WordprocessingDocument.Open(report, false);
        var body = word.MainDocumentPart!.Document.Body!;
        var paragraphs = body.Elements<Word.Paragraph>().Select(p => p.InnerText).ToList();
        Assert.Contains("五、生态保护线索核查整改情况", paragraphs);
        Assert.Contains("六、下步工作", paragraphs);
        Assert.Contains(paragraphs, p => p.StartsWith("本月新增线索0条，累计接收线索8条。截至2026年10月10日，已核查5条（按时核查4条）", StringComparison.Ordinal));
        Assert.Contains(paragraphs, p => p.Contains("逾期线索4条", StringComparison.Ordinal));
        var table = body.Elements<Word.Table>().Last().Elements<Word.TableRow>().Select(r => r.Elements<Word.TableCell>().Select(c => c.InnerText).ToList()).ToList();
        Assert.Equal(["乡镇（街道）", "接收", "已核查", "按时核查", "整改中", "逾期", "已销号"], table[0]);
        Assert.Contains(["永顺镇", "5", "3", "3", "1", "3", "2"], table);
        Assert.Equal(["合计", "8", "5", "4", "1", "4", "3"], table[^1]);
    }
}
