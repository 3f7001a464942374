using EcoPlan.Core.Audit;
using EcoPlan.Core.Cascade;
using EcoPlan.Core.Organizations;
using EcoPlan.Core.Plans;
using EcoPlan.Core.Progress;
using EcoPlan.Core.Tests.Progress;

namespace EcoPlan.Core.Tests.Cascade;

/// <summary>The rules document, and township expansion on the Tongzhou sample plan, on both providers.</summary>
public sealed class YearEndEvaluationTests
{
    [Fact]
    public void Rules_Default_AddUpTo100_AndNameEveryKnownRule()
    {
        Assert.Equal(100, YearEndEvaluationRules.Default.Sum(r => r.Weight));
        Assert.Equal(YearEndEvaluationRules.Known, YearEndEvaluationRules.Default.Select(r => r.Rule));
    }

    [Fact]
    public void Rules_Refused_SayWhereAndWhy()
    {
        var unknown = Assert.IsType<UseCaseError.Invalid>(YearEndEvaluationRules.Parse("""{"rules":[{"rule":"reports_on_time","weight":50},{"rule":"speed","weight":50}]}""").Error);
        Assert.Contains("speed", unknown.Fields["rules[1].rule"][0], StringComparison.Ordinal);
        var notNumber = Assert.IsType<UseCaseError.Invalid>(YearEndEvaluationRules.Parse("""{"rules":[{"rule":"reports_on_time","weight":"abc"}]}""").Error);
        Assert.Contains("abc", notNumber.Fields["rules[0].weight"][0], StringComparison.Ordinal);
        var sum = Assert.IsType<UseCaseError.Invalid>(YearEndEvaluationRules.Parse("""{"rules":[{"rule":"reports_on_time","weight":"60"},{"rule":"targets_met","weight":30}]}""").Error);
        Assert.Contains("90", sum.Fields["rules"][0], StringComparison.Ordinal);
        Assert.IsType<UseCaseError.Invalid>(YearEndEvaluationRules.Parse("{").Error);
        Assert.IsType<UseCaseError.Invalid>(YearEndEvaluationRules.Parse("""{"rules":[{"rule":"targets_met","weight":50},{"rule":"targets_met","weight":50}]}""").Error);
        var ok = YearEndEvaluationRules.Parse("""{"rules":[{"rule":"reports_on_time","weight":"60"},{"rule":"targets_met","weight":40}]}""");
        Assert.Equal([("reports_on_time", 60m), ("targets_met", 40m)], ok.Value!.Select(r => (r.Rule, r.Weight)));
    }

    [ProviderTheory]
    public async Task SetRules_ByTheCoordinator_IsStoredAndAudited_OthersRefused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var plan = await PublishedTongzhou.ImportAsync(db);
        var evaluation = new YearEndEvaluation(db, plan.Clock);
        const string Rules = """{"rules":[{"rule":"reports_on_time","weight":60},{"rule":"measures_completed","weight":40}]}""";

        Assert.IsType<UseCaseError.Forbidden>(await evaluation.SetRulesAsync(plan.Unit(plan.Responsible[0].OrganizationId), plan.PlanId, Rules).RefusedAsync());
        var set = await evaluation.SetRulesAsync(plan.Coordinator, plan.PlanId, Rules).Done();
        Assert.False(set.DefaultRules);
        Assert.Equal(["reports_on_time", "measures_completed"], set.Rules.Select(r => r.Rule));
        Assert.All(set.Units, u => Assert.Equal(2, u.Rules.Count));
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == AuditAction.EvaluationRules));

        // A unit sees only its own score.
        var unit = plan.Responsible[0].OrganizationId;
        var own = await evaluation.EvaluateAsync(plan.Unit(unit), plan.PlanId).Done();
        Assert.Equal(unit, Assert.Single(own.Units).OrganizationId);
        Assert.True((await evaluation.EvaluateAsync(plan.Coordinator, plan.PlanId).Done()).Units.Count > 1);
    }

    [ProviderTheory]
    public async Task Townships_ExpandBothCollectives_AndRefuseRemovingOneWithReports(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var plan = await PublishedTongzhou.ImportAsync(db);
        var expansion = new TownshipExpansion(db, plan.Clock);
        async Task<int> RowAsync(int number) => await db.Measures.Where(m => m.Task!.Section!.PlanId == plan.PlanId && m.Number == number).Select(m => m.Id).SingleAsync();
        var row10 = await RowAsync(10); // 相关乡镇政府 responsible
        var row11 = await RowAsync(11); // 各街道乡镇 responsible

        var all = await expansion.GetAsync(plan.Coordinator, row11).Done();
        var every = Assert.Single(all.Collectives);
        Assert.True(every.AllTownships);
        var tongzhouTownships = await db.Organizations.CountAsync(o => o.Kind == OrganizationKind.Township && o.Region!.Parent!.Code == "110112");
        Assert.Equal(tongzhouTownships, every.Townships.Count);
        var expanded = await expansion.ExpandAsync(plan.Coordinator, row11, every.OrganizationId, null).Done();
        Assert.All(expanded.Collectives[0].Townships, t => Assert.True(t.Assigned));

        var some = Assert.Single((await expansion.GetAsync(plan.Coordinator, row10).Done()).Collectives);
        Assert.False(some.AllTownships);
        Assert.IsType<UseCaseError.Invalid>(await expansion.ExpandAsync(plan.Coordinator, row10, some.OrganizationId, []).RefusedAsync());
        var yongshun = some.Townships.Single(t => t.Name == "永顺镇").OrganizationId;
        var liyuan = some.Townships.Single(t => t.Name == "梨园镇").OrganizationId;
        await expansion.ExpandAsync(plan.Coordinator, row10, some.OrganizationId, [yongshun, liyuan]).Done();
        Assert.Equal([AssignmentRole.Responsible, AssignmentRole.Responsible],
            await db.MeasureAssignments.Where(a => a.MeasureId == row10 && (a.OrganizationId == yongshun || a.OrganizationId == liyuan)).Select(a => a.Role).ToListAsync());

        // The wrong user is refused; a unit of the district may not expand.
        Assert.IsType<UseCaseError.Forbidden>(await expansion.ExpandAsync(plan.Unit(plan.Responsible[0].OrganizationId), row10, some.OrganizationId, [yongshun]).RefusedAsync());

        // 永顺镇 reports like any unit; then it cannot be removed, 梨园镇 can.
        var township = new UserAccess(300, "yongshun", Roles.Township, yongshun, "通州区永顺镇人民政府", plan.RegionId, "110112", null);
        var workflow = new ProgressWorkflow(db, plan.Clock);
        await workflow.SaveAsync(township, row10, new DateOnly(2026, 8, 1), new ReportContent(ProgressStatus.InProgress, 40, "开展巡查"), submit: true).Done();
        var refused = await expansion.RemoveAsync(plan.Coordinator, row10, some.OrganizationId, yongshun).RefusedAsync();
        Assert.IsType<UseCaseError.Conflict>(refused);
        Assert.Contains("永顺镇", refused.Message, StringComparison.Ordinal);
        var removed = await expansion.RemoveAsync(plan.Coordinator, row10, some.OrganizationId, liyuan).Done();
        Assert.False(removed.Collectives[0].Townships.Single(t => t.OrganizationId == liyuan).Assigned);
        Assert.True(removed.Collectives[0].Townships.Single(t => t.OrganizationId == yongshun).Assigned);
        Assert.Equal(3, await db.AuditEntries.CountAsync(a => a.Action == AuditAction.TownshipExpansion));

        // The township is scored in the evaluation as a responsible unit.
        var scores = await new YearEndEvaluation(db, plan.Clock).EvaluateAsync(township, plan.PlanId).Done();
        Assert.Equal(yongshun, Assert.Single(scores.Units).OrganizationId);
    }
}
