using System.Text.Json;
using EcoPlan.Core.Accounts;
using EcoPlan.Core.Audit;
using EcoPlan.Core.Data;
using EcoPlan.Core.Plans;
using EcoPlan.Testing;
using Microsoft.EntityFrameworkCore;

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

    [ProviderTheory]
    public async Task Update_ChangesEveryFieldAndOwners_AndAuditsBeforeAndAfter(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var setup = await PlanAsync(database);

        TargetEditResult result;
        await using (var db = database.NewContext())
        {
            result = await new TargetEditor(db, s_time).UpdateAsync(Coordinator(setup.RegionId), setup.TargetId,
                new TargetInput(" 森林覆盖率 ", "%", TargetComparator.AtLeast, 45.5m, 44.2m, [setup.Water, setup.Forestry]));
        }

        Assert.True(result.Saved, string.Join("; ", result.Errors));
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

        TargetEditResult result;
        await using (var db = database.NewContext())
        {
            result = await new TargetEditor(db, s_time).AddAsync(Coordinator(setup.RegionId), setup.MeasureId,
                new TargetInput("EI子指数：林地指数", null, TargetComparator.NotBelowBaseline, null, null, [setup.Forestry]));
        }

        Assert.True(result.Saved, string.Join("; ", result.Errors));
        await using var reader = database.NewContext();
        var added = await reader.Targets.Include(t => t.Owners).SingleAsync(t => t.Id == result.TargetId);
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
        TargetEditResult invalid, unknownOwner, refused, missing;
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

        Assert.Equal(TargetEditOutcome.Invalid, invalid.Outcome);
        Assert.Contains(invalid.Errors, e => e.StartsWith("metric:", StringComparison.Ordinal));
        Assert.Contains(invalid.Errors, e => e.StartsWith("unit:", StringComparison.Ordinal));
        Assert.Contains(invalid.Errors, e => e.StartsWith("value:", StringComparison.Ordinal));
        Assert.Equal(TargetEditOutcome.Invalid, unknownOwner.Outcome);
        Assert.Contains("999999", Assert.Single(unknownOwner.Errors), StringComparison.Ordinal);
        Assert.Equal(TargetEditOutcome.Forbidden, refused.Outcome);
        Assert.Equal(TargetEditOutcome.NotFound, missing.Outcome);
        await using var reader = database.NewContext();
        Assert.Equal(45m, (await reader.Targets.SingleAsync(t => t.Id == setup.TargetId)).Value);
        Assert.Equal(0, await reader.AuditEntries.CountAsync());
    }
}
