using System.Text.Json;
using EcoPlan.Core.Audit;
using EcoPlan.Core.Plans;

namespace EcoPlan.Core.Tests.Indicators.Storage;

/// <summary>Targets edited and added by the coordinator: saved with an audit entry in one transaction, validated, refused for others, on both providers.</summary>
public sealed class TargetEditorTests
{
    private static readonly TimeProvider s_time = TimeProvider.System;

    private sealed record Setup(int TargetId, int MeasureId, int RegionId, int Forestry, int Water);

    private static async Task<Setup> PlanAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        var plan = await Data.SamplePlans.TongzhouExcerptAsync(db);
        db.Plans.Add(plan);
        await db.SaveChangesAsync();
        var target = plan.Sections[0].Tasks[0].Measures[0].Targets[0];
        var forestry = await db.Organizations.Where(o => o.Name == "北京市通州区园林绿化局").Select(o => o.Id).SingleAsync();
        var water = await db.Organizations.Where(o => o.Name == "北京市通州区水务局").Select(o => o.Id).SingleAsync();
        return new Setup(target.Id, target.MeasureId, plan.RegionId, forestry, water);
    }

    private static UserAccess Coordinator(int regionId) => new(7, "coordinator", Roles.Coordinator, 1, "区生态环境局", regionId, "110112", null);

    /// <summary>Runs one edit on its own context and asserts that it was saved.</summary>
    private static async Task<SavedTarget> SavedAsync(TestDatabase database, Func<TargetEditor, Task<UseCaseResult<SavedTarget>>> edit)
    {
        await using var db = database.NewContext();
        var result = await edit(new TargetEditor(db, s_time));
        Assert.True(result.Succeeded, result.Error?.Message);
        return result.Value!;
    }

    [ProviderTheory]
    public async Task Update_ChangesEveryFieldAndOwners_AndAuditsBeforeAndAfter(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var setup = await PlanAsync(database);

        await SavedAsync(database, editor => editor.UpdateAsync(Coordinator(setup.RegionId), setup.TargetId,
            new TargetInput(" 森林覆盖率 ", "%", TargetComparator.AtLeast, 45.5m, 44.2m, [setup.Water, setup.Forestry])));

        await using var reader = database.NewContext();
        var target = await reader.Targets.Include(t => t.Owners).SingleAsync(t => t.Id == setup.TargetId);
        Assert.Equal("森林覆盖率", target.Metric);
        Assert.Equal(45.5m, target.Value);
        Assert.Equal(44.2m, target.Baseline);
        Assert.Equal([setup.Forestry, setup.Water], target.Owners.Select(o => o.OrganizationId).Order());
        var audit = await reader.AuditEntries.SingleAsync();
        Assert.Equal(AuditAction.Target, audit.Action);
        Assert.Equal(setup.MeasureId, audit.MeasureId);
        Assert.Equal("coordinator", audit.UserName);
        using var details = JsonDocument.Parse(audit.Details);
        Assert.Equal("edit", details.RootElement.GetProperty("change").GetString());
        Assert.Equal(45m, details.RootElement.GetProperty("before").GetProperty("value").GetDecimal());
        Assert.Equal(45.5m, details.RootElement.GetProperty("after").GetProperty("value").GetDecimal());
        Assert.Equal(["北京市通州区园林绿化局"], details.RootElement.GetProperty("before").GetProperty("owners").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(2, details.RootElement.GetProperty("after").GetProperty("owners").GetArrayLength());
        Assert.Contains("北京市通州区水务局", audit.Details, StringComparison.Ordinal); // Chinese left readable
    }

    [ProviderTheory]
    public async Task Add_PutsANewTargetOnTheMeasure_WithItsAuditEntry(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var setup = await PlanAsync(database);

        var saved = await SavedAsync(database, editor => editor.AddAsync(Coordinator(setup.RegionId), setup.MeasureId,
            new TargetInput("EI子指数：林地指数", null, TargetComparator.NotBelowBaseline, null, null, [setup.Forestry])));

        await using var reader = database.NewContext();
        var added = await reader.Targets.Include(t => t.Owners).SingleAsync(t => t.Id == saved.TargetId);
        Assert.Equal(setup.MeasureId, added.MeasureId);
        Assert.Equal(TargetComparator.NotBelowBaseline, added.Comparator);
        Assert.Null(added.Unit);
        Assert.Equal(setup.Forestry, Assert.Single(added.Owners).OrganizationId);
        var audit = await reader.AuditEntries.SingleAsync();
        using var details = JsonDocument.Parse(audit.Details);
        Assert.Equal("add", details.RootElement.GetProperty("change").GetString());
        Assert.Equal(JsonValueKind.Null, details.RootElement.GetProperty("before").ValueKind);
    }

    [ProviderTheory]
    public async Task InvalidInput_OrAnotherRegionsCoordinator_ChangesNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var setup = await PlanAsync(database);
        UseCaseResult<SavedTarget> invalid, unknownOwner, refused, missing;
        await using (var db = database.NewContext())
        {
            var city = await db.Regions.Where(r => r.Code == "110000").Select(r => r.Id).SingleAsync();
            var editor = new TargetEditor(db, s_time);
            invalid = await editor.UpdateAsync(Coordinator(setup.RegionId), setup.TargetId,
                new TargetInput(" ", new string('单', 21), TargetComparator.AtLeast, null, null, []));
            unknownOwner = await editor.UpdateAsync(Coordinator(setup.RegionId), setup.TargetId,
                new TargetInput("森林覆盖率", "%", TargetComparator.AtLeast, 46m, null, [999_999]));
            refused = await editor.UpdateAsync(Coordinator(city) with { RegionCode = "110000" }, setup.TargetId,
                new TargetInput("森林覆盖率", "%", TargetComparator.AtLeast, 50m, null, []));
            missing = await editor.AddAsync(Coordinator(setup.RegionId), 999_999, new TargetInput("x", null, TargetComparator.Equal, 1m, null, []));
        }

        var fields = Assert.IsType<UseCaseError.Invalid>(invalid.Error).Fields;
        Assert.Equal(["metric", "unit", "value"], fields.Keys.Order(StringComparer.Ordinal));
        Assert.StartsWith("metric:", fields["metric"][0], StringComparison.Ordinal);
        Assert.Contains("999999", Assert.Single(Assert.IsType<UseCaseError.Invalid>(unknownOwner.Error).Fields["owners"]), StringComparison.Ordinal);
        Assert.Contains("通州区", Assert.IsType<UseCaseError.Forbidden>(refused.Error).Message, StringComparison.Ordinal);
        Assert.IsType<UseCaseError.NotFound>(missing.Error);
        await using var reader = database.NewContext();
        Assert.Equal(45m, (await reader.Targets.SingleAsync(t => t.Id == setup.TargetId)).Value);
        Assert.Equal(0, await reader.AuditEntries.CountAsync());
    }

    [ProviderTheory]
    public async Task Achievement_ByThePlansOrTheDistrictsCoordinator_IsSaved_AndRefusedForOthersByField(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var setup = await PlanAsync(database);
        await using var db = database.NewContext();
        var editor = new TargetEditor(db, s_time);
        var tongzhou = await db.Regions.SingleAsync(r => r.Id == setup.RegionId);
        var town = await db.Regions.FirstAsync(r => r.ParentId == setup.RegionId);
        var other = await db.Regions.SingleAsync(r => r.Code == "110105");
        var unit = new UserAccess(9, "ylj", Roles.Unit, setup.Forestry, "区园林绿化局", setup.RegionId, tongzhou.Code, null);
        var otherCoordinator = new UserAccess(8, "cy", Roles.Coordinator, 1, "", other.Id, other.Code, null);
        AchievementInput Input(string region, int year = 2026, decimal? value = 44m, string? source = "统计公报") => new(region, year, value, null, source);

        var own = await editor.RecordAchievementAsync(Coordinator(setup.RegionId), setup.TargetId, Input(tongzhou.Code));
        var townsCoordinator = await editor.RecordAchievementAsync(new UserAccess(10, "town", Roles.Coordinator, 1, "", town.Id, town.Code, null), setup.TargetId, Input(town.Code, value: 12m));
        var byUnit = await editor.RecordAchievementAsync(unit, setup.TargetId, Input(tongzhou.Code));
        var byOther = await editor.RecordAchievementAsync(otherCoordinator, setup.TargetId, Input(tongzhou.Code));
        var notOfPlan = await editor.RecordAchievementAsync(Coordinator(setup.RegionId), setup.TargetId, Input(other.Code));
        var bad = await editor.RecordAchievementAsync(Coordinator(setup.RegionId), setup.TargetId, Input(tongzhou.Code, year: 1900, value: null, source: " "));
        var missing = await editor.RecordAchievementAsync(Coordinator(setup.RegionId), 999_999, Input(tongzhou.Code));

        Assert.True(own.Succeeded, own.Error?.Message);
        Assert.True(townsCoordinator.Succeeded, townsCoordinator.Error?.Message);
        Assert.Contains(tongzhou.Name, Assert.IsType<UseCaseError.Forbidden>(byUnit.Error).Message, StringComparison.Ordinal);
        Assert.IsType<UseCaseError.Forbidden>(byOther.Error);
        Assert.Equal(["region"], Assert.IsType<UseCaseError.Invalid>(notOfPlan.Error).Fields.Keys);
        Assert.Equal(["source", "value", "year"], Assert.IsType<UseCaseError.Invalid>(bad.Error).Fields.Keys.Order(StringComparer.Ordinal));
        Assert.IsType<UseCaseError.NotFound>(missing.Error);
        Assert.Equal([(tongzhou.Id, 44m), (town.Id, 12m)], (await db.TargetAchievements.OrderBy(a => a.RegionId).Select(a => new { a.RegionId, a.Value }).ToListAsync())
            .Select(a => (a.RegionId, a.Value)).OrderBy(a => a.RegionId));
    }

    [ProviderTheory]
    public async Task Forms_OfferWhatTheSavesAllow(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var setup = await PlanAsync(database);
        await using var db = database.NewContext();
        var editor = new TargetEditor(db, s_time);
        var progress = (await TargetProgress.ForPlanAsync(db, UserAccess.System, (await db.Targets.Where(t => t.Id == setup.TargetId).Select(t => t.Measure!.Task!.Section!.PlanId).SingleAsync()), null)).Value!;
        var town = await db.Regions.FirstAsync(r => r.ParentId == setup.RegionId);

        var coordinator = await editor.FormsAsync(Coordinator(setup.RegionId), progress);
        var townsCoordinator = await editor.FormsAsync(new UserAccess(10, "town", Roles.Coordinator, 1, "", town.Id, town.Code, null), progress);
        var unit = await editor.FormsAsync(new UserAccess(9, "ylj", Roles.Unit, setup.Forestry, "", setup.RegionId, progress.RegionCode, null), progress);

        Assert.True(coordinator.CanEdit);
        Assert.Equal(progress.Districts.Count + 1, coordinator.Enterable.Count);
        Assert.Contains(coordinator.Units, u => u.Id == setup.Water);
        Assert.False(townsCoordinator.CanEdit);
        Assert.Equal([town.Code], townsCoordinator.Enterable.Select(r => r.Code));
        Assert.False(unit.CanEdit);
        Assert.Empty(unit.Enterable);
        Assert.Empty(unit.Units);
    }
}
