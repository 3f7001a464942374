using EcoPlan.Core.Notifications;
using EcoPlan.Core.Organizations;
using EcoPlan.Core.Plans;
using EcoPlan.Core.Tests.Organizations;

namespace EcoPlan.Core.Tests.Data;

/// <summary>A plan's ContentRevision changes with every change to its content, and with nothing else.</summary>
public sealed class PlanRevisionTests
{
    /// <summary>Edits of a plan's content, applied one after the other, each saved in a context of its own.</summary>
    private static readonly Dictionary<string, Func<EcoPlanDbContext, int, Task>> Edits = new()
    {
        ["publish the plan"] = async (db, plan) => (await db.Plans.SingleAsync(p => p.Id == plan)).Status = PlanStatus.Published,
        ["rename a section"] = async (db, plan) => (await db.Sections.FirstAsync(s => s.PlanId == plan)).Title += "（修订）",
        ["rename a task"] = async (db, plan) => (await db.PlanTasks.FirstAsync(t => t.Section!.PlanId == plan)).Name += "（修订）",
        ["edit a measure's text"] = async (db, plan) => (await FirstMeasureAsync(db, plan)).Text += "（修订）",
        ["move a deadline"] = async (db, plan) => (await FirstMeasureAsync(db, plan)).Deadline = new Deadline { Raw = "年底前", Kind = DeadlineKind.Date, Date = new DateOnly(2026, 12, 31) },
        ["add a measure"] = async (db, plan) =>
        {
            var task = await db.PlanTasks.FirstAsync(t => t.Section!.PlanId == plan);
            db.Measures.Add(new Measure
            {
                TaskId = task.Id, Ordinal = 99, Text = "新增措施。", Deadline = new Deadline { Raw = "持续推进", Kind = DeadlineKind.Continuous },
                Assignments = [new MeasureAssignment { Role = AssignmentRole.Responsible, Ordinal = 1, PrintedName = "区水务局", OrganizationId = await WaterAsync(db) }],
            });
        },
        ["add a unit to a measure"] = async (db, plan) => db.MeasureAssignments.Add(new MeasureAssignment
        {
            MeasureId = (await FirstMeasureAsync(db, plan)).Id, Role = AssignmentRole.Cooperating, Ordinal = 9, PrintedName = "区水务局", OrganizationId = await WaterAsync(db),
        }),
        ["remove a unit from a measure"] = async (db, plan) =>
            db.MeasureAssignments.Remove(await db.MeasureAssignments.FirstAsync(a => a.Measure!.Task!.Section!.PlanId == plan && a.OrganizationId != null)),
        ["give a unit a duty"] = async (db, plan) =>
            (await db.MeasureAssignments.FirstAsync(a => a.Measure!.Task!.Section!.PlanId == plan && a.OrganizationId != null)).Duty = "负责建设",
        ["change a target"] = async (db, plan) => (await db.Targets.FirstAsync(t => t.Measure!.Task!.Section!.PlanId == plan)).Value = 46m,
        ["add a target owner"] = async (db, plan) => db.TargetOwners.Add(new TargetOwner
        {
            TargetId = (await db.Targets.FirstAsync(t => t.Measure!.Task!.Section!.PlanId == plan)).Id, OrganizationId = await WaterAsync(db),
        }),
        ["delete a measure"] = async (db, plan) => db.Measures.Remove(await FirstMeasureAsync(db, plan)),
    };

    [ProviderTheory]
    public async Task EveryContentEdit_GivesThatPlanANewRevision_AndNoOtherPlan(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var (first, second) = await TwoPlansAsync(database);
        foreach (var (edit, apply) in Edits)
        {
            var before = await RevisionsAsync(database);
            await using (var db = database.NewContext())
            {
                await apply(db, first);
                await db.SaveChangesAsync();
            }

            var after = await RevisionsAsync(database);
            Assert.True(before[first] != after[first], $"{edit}: the plan kept revision {before[first]}");
            Assert.True(before[second] == after[second], $"{edit}: the other plan's revision changed");
        }
    }

    [ProviderTheory]
    public async Task SynchronousSave_AlsoGivesANewRevision(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var (first, second) = await TwoPlansAsync(database);
        var before = await RevisionsAsync(database);

        await using (var db = database.NewContext())
        {
            (await FirstMeasureAsync(db, second)).Text += "（修订）";
            db.SaveChanges();
        }

        var after = await RevisionsAsync(database);
        Assert.Equal(before[first], after[first]);
        Assert.NotEqual(before[second], after[second]);
    }

    [ProviderTheory]
    public async Task SavesOutsideThePlansContent_LeaveTheRevisions(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await TwoPlansAsync(database);
        var before = await RevisionsAsync(database);

        await using (var db = database.NewContext())
        {
            // Plans show the names as printed, so renaming a unit in the directory does not change them.
            var water = await db.Organizations.SingleAsync(o => o.Name == "北京市通州区水务局");
            water.Aliases.Add(new OrganizationAlias { Name = "通州水务" });
            db.Notifications.Add(new Notification { OrganizationId = water.Id, Key = "test/unrelated", Text = "与计划无关", CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        Assert.Equal(before, await RevisionsAsync(database));
    }

    [ProviderTheory]
    public async Task Merge_GivesThePlansNamingTheMergedUnitANewRevision(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var (first, second) = await TwoPlansAsync(database);
        int duplicate, water;
        await using (var db = database.NewContext())
        {
            // The second plan names a duplicate entry of 区水务局, which the directory then merges into the real one.
            water = await WaterAsync(db);
            var entry = new Organization { Name = "通州区水务局（重复）", Kind = OrganizationKind.Department, RegionId = (await db.Organizations.SingleAsync(o => o.Id == water)).RegionId };
            db.Organizations.Add(entry);
            await db.SaveChangesAsync();
            duplicate = entry.Id;
            db.MeasureAssignments.Add(new MeasureAssignment
            {
                MeasureId = (await FirstMeasureAsync(db, second)).Id, Role = AssignmentRole.Cooperating, Ordinal = 9, PrintedName = "通州区水务局", OrganizationId = duplicate,
            });
            await db.SaveChangesAsync();
        }

        var before = await RevisionsAsync(database);
        await using (var db = database.NewContext())
        {
            Assert.True((await Merges.PreviewAndMergeAsync(db, duplicate, water)).Succeeded);
        }

        var after = await RevisionsAsync(database);
        Assert.Equal(before[first], after[first]);
        Assert.NotEqual(before[second], after[second]);
    }

    private static async Task<(int First, int Second)> TwoPlansAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        var first = await SamplePlans.TongzhouExcerptAsync(db);
        var second = await SamplePlans.TongzhouExcerptAsync(db);
        second.Title += "（第二份）";
        db.Plans.AddRange(first, second);
        await db.SaveChangesAsync();
        return (first.Id, second.Id);
    }

    private static async Task<Dictionary<int, long>> RevisionsAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return await db.Plans.ToDictionaryAsync(p => p.Id, p => p.ContentRevision);
    }

    private static Task<Measure> FirstMeasureAsync(EcoPlanDbContext db, int plan) =>
        db.Measures.Where(m => m.Task!.Section!.PlanId == plan).OrderBy(m => m.Id).FirstAsync();

    private static Task<int> WaterAsync(EcoPlanDbContext db) =>
        db.Organizations.Where(o => o.Name == "北京市通州区水务局").Select(o => o.Id).SingleAsync();
}
