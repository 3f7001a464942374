using System.Text.Json;
using EcoPlan.Core.Plans;

namespace EcoPlan.Core.Tests.Data;

public sealed class PlanStorageTests
{
    [ProviderTheory]
    public async Task Plan_SavedAndReadBack_IsEqual(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        Plan plan;
        await using (var db = database.NewContext())
        {
            plan = await SamplePlans.TongzhouExcerptAsync(db);
            db.Plans.Add(plan);
            await db.SaveChangesAsync();
        }

        await using var reader = database.NewContext();
        var stored = (await PlanQueries.GetAsync(reader, UserAccess.System, plan.Id)).Value;

        Assert.NotNull(stored);
        Assert.Equal(JsonSerializer.Serialize(plan.ToDetail()), JsonSerializer.Serialize(stored));
        // The comparison above is only as good as what it covers; make sure the plan is not trivially empty.
        var measures = stored.Sections.SelectMany(s => s.Tasks).SelectMany(t => t.Measures).ToList();
        Assert.Equal(3, measures.Count);
        Assert.Equal(new DateOnly(2026, 9, 30), measures[0].Deadline.Date);
        Assert.Equal(DeadlineKind.Continuous, measures[2].Deadline.Kind);
        Assert.Equal(["区园林绿化局", "区住房城乡建设委"], measures[1].Responsible.Select(a => a.Name));
        Assert.Equal("区住房城乡建设委推进花园住宅建设", measures[1].Responsible[1].Duty);
        Assert.Equal(45m, measures[0].Targets.Single().Value);
        Assert.Equal(DateTimeKind.Utc, (await reader.Plans.SingleAsync(p => p.Id == plan.Id)).CreatedAt.Kind);
    }

    [ProviderTheory]
    public async Task DeletingAPlan_RemovesItsChildrenAndNothingElse(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        int doomed;
        await using (var db = database.NewContext())
        {
            var first = await SamplePlans.TongzhouExcerptAsync(db);
            var second = await SamplePlans.TongzhouExcerptAsync(db);
            second.Title = "另一份计划";
            db.Plans.AddRange(first, second);
            await db.SaveChangesAsync();
            doomed = first.Id;
        }

        await using var check = database.NewContext();
        var before = await CountsAsync(check);

        await check.Plans.Where(p => p.Id == doomed).ExecuteDeleteAsync();

        var after = await CountsAsync(check);
        Assert.Equal(before.Plans - 1, after.Plans);
        Assert.Equal(before.Sections / 2, after.Sections);
        Assert.Equal(before.Tasks / 2, after.Tasks);
        Assert.Equal(before.Measures / 2, after.Measures);
        Assert.Equal(before.Assignments / 2, after.Assignments);
        Assert.Equal(before.Targets / 2, after.Targets);
        Assert.Equal(before.TargetOwners / 2, after.TargetOwners);
        Assert.Equal(before.Organizations, after.Organizations);
        Assert.Equal(before.Leaders, after.Leaders);
        Assert.Equal(before.Regions, after.Regions);
        Assert.Empty(await check.Sections.Where(s => s.PlanId == doomed).ToListAsync());
    }

    [ProviderTheory]
    public async Task Assignment_WithBothOrNeitherAssignee_IsRefusedByTheDatabase(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var plan = await SamplePlans.TongzhouExcerptAsync(db);
        var measure = plan.Sections[0].Tasks[0].Measures[0];
        measure.Assignments.Add(new MeasureAssignment { Role = AssignmentRole.Cooperating, Ordinal = 9, PrintedName = "无人" });
        db.Plans.Add(plan);

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    private static async Task<Counts> CountsAsync(EcoPlanDbContext db) => new(
        await db.Plans.CountAsync(), await db.Sections.CountAsync(), await db.PlanTasks.CountAsync(), await db.Measures.CountAsync(),
        await db.MeasureAssignments.CountAsync(), await db.Targets.CountAsync(), await db.TargetOwners.CountAsync(),
        await db.Organizations.CountAsync(), await db.Leaders.CountAsync(), await db.Regions.CountAsync());

    private sealed record Counts(int Plans, int Sections, int Tasks, int Measures, int Assignments, int Targets, int TargetOwners, int Organizations, int Leaders, int Regions);
}
