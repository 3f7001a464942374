using System.Diagnostics;
using System.Globalization;
using EcoPlan.Core.Accounts;
using EcoPlan.Core.Clues;
using EcoPlan.Core.Data;
using EcoPlan.Core.Regions;
using EcoPlan.Testing;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace EcoPlan.Benchmarks;

/// <summary>
/// <c>clue-statistics [N] [--postgres]</c>: <see cref="ClueStatistics"/> over N clues of 通州区 in ten batches, spread over
/// its townships and every state (a tenth each: pending ×2, verifying, submitted, plan due, rectifying, close requested,
/// closed ×3), with a 提交核查结论 trail entry for each clue past 核查中 and rectification deadlines on 200 different days.
/// Times the district coordinator's, the city's (admin) and one township's statistics, and the measure variant.
/// </summary>
internal static class ClueStatisticsBenchmark
{
    private const int Batches = 10;
    private const int Runs = 15;

    public static async Task RunAsync(string[] args)
    {
        var n = args.Length > 1 && int.TryParse(args[1], CultureInfo.InvariantCulture, out var given) ? given : 100_000;
        var provider = args.Contains("--postgres") ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var clock = BeijingClock.At(2026, 10, 10);
        var load = Stopwatch.StartNew();
        UserAccess coordinator, township;
        int measureBatch;
        await using (var db = database.NewContext())
        {
            var district = await db.Regions.Where(r => r.Code == "110112").Select(r => r.Id).SingleAsync();
            var townships = await db.Regions.Where(r => r.ParentId == district && r.Level == RegionLevel.Township).OrderBy(r => r.Code)
                .Select(r => new { r.Id, r.Code }).ToListAsync();
            var organization = await db.Organizations.Where(o => o.Name == "北京市通州区生态环境局").Select(o => o.Id).SingleAsync();
            coordinator = new UserAccess(1, "coordinator", Roles.Coordinator, organization, "", district, "110112", null);
            township = new UserAccess(2, "township", Roles.Township, organization, "", townships[0].Id, townships[0].Code, null);
            var writer = new ClueBatchWriter(db, clock);
            var ids = new List<int>();
            for (var b = 0; b < Batches; b++)
            {
                var placed = Enumerable.Range(0, n / Batches).Select(i => new PlacedClue($"B{b}-{i}",
                    ClueGeometry.Factory.CreatePoint(new Coordinate(116.6 + (i % 300 * 0.001), 39.8 + (i / 300 * 0.001))), 0, ActivityType.Industry, null, null,
                    townships[i % townships.Count].Id, [], null)).ToList();
                var written = (await writer.WriteAsync(coordinator, new ClueBatchRequest($"2026年第{b + 1}批", ClueSource.RedLine, "110112",
                    new DateOnly(2026, 3, 1).AddDays(b * 14), new DateOnly(2026, 4, 30).AddDays(b * 14), new DateOnly(2026, 9, 30)), placed)).Value!;
                ids.AddRange(written.ClueIds);
                db.ChangeTracker.Clear();
            }

            measureBatch = await db.ClueBatches.OrderBy(b => b.Id).Select(b => b.Id).FirstAsync();
            var measure = await db.Measures.Select(m => (int?)m.Id).FirstOrDefaultAsync();
            if (measure is not null)
            {
                await db.ClueBatches.Where(b => b.Id == measureBatch).ExecuteUpdateAsync(s => s.SetProperty(b => b.MeasureId, measure));
            }

            await SpreadAsync(db, ids);
        }

        Console.WriteLine($"{provider}: {n:N0} clues in {Batches} batches over the townships of 通州区, loaded in {load.Elapsed.TotalSeconds:N1} s");
        await TimeAsync(database, clock, "district coordinator", coordinator, new ClueStatisticsFilter());
        await TimeAsync(database, clock, "admin, by the city's region", UserAccess.System, new ClueStatisticsFilter(RegionId: coordinator.RegionId));
        await TimeAsync(database, clock, "one township", township, new ClueStatisticsFilter());
        await TimeAsync(database, clock, "one batch (the measure's)", coordinator, new ClueStatisticsFilter(BatchId: measureBatch));
    }

    /// <summary>Moves the clues into their states in bulk (by id modulo 10) and gives each clue past 核查中 its submission entry.</summary>
    private static async Task SpreadAsync(EcoPlanDbContext db, List<int> ids)
    {
        (ClueState State, ClueOutcome? Outcome)[] plan =
        [
            (ClueState.Pending, null), (ClueState.Pending, null), (ClueState.Verifying, null), (ClueState.VerificationSubmitted, ClueOutcome.ViolationNew),
            (ClueState.PlanDue, ClueOutcome.ViolationNew), (ClueState.Rectifying, ClueOutcome.ViolationLegacy), (ClueState.CloseRequested, ClueOutcome.ViolationNew),
            (ClueState.Closed, ClueOutcome.PseudoChange), (ClueState.Closed, ClueOutcome.Compliant), (ClueState.Closed, ClueOutcome.ViolationNew),
        ];
        for (var k = 0; k < plan.Length; k++)
        {
            var (state, outcome) = plan[k];
            var modulo = k;
            await db.Clues.Where(c => c.Id % 10 == modulo).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.State, state).SetProperty(c => c.Outcome, outcome)
                .SetProperty(c => c.ClosedAt, state == ClueState.Closed ? new DateTime(2026, 8, 1, 0, 0, 0, DateTimeKind.Utc) : (DateTime?)null));
        }

        // Plans' own deadlines on 200 different days for the violations, so closed-on-time has many deadlines to test.
        for (var d = 0; d < 200; d++)
        {
            var day = d;
            await db.Clues.Where(c => c.Outcome != null && c.Id % 200 == day && (c.Id % 10 == 4 || c.Id % 10 == 5 || c.Id % 10 == 6 || c.Id % 10 == 9))
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.RectifyBy, new DateOnly(2026, 5, 1).AddDays(day)));
        }

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var past = ids.Where(id => id % 10 >= 3).ToList();
        foreach (var chunk in past.Chunk(10_000))
        {
            db.ClueEvents.AddRange(chunk.Select(id => new ClueEvent
            {
                ClueId = id, Sequence = 2, Action = ClueAction.VerificationSubmitted, FromState = ClueState.Pending, ToState = ClueState.VerificationSubmitted,
                ActorName = "bench", At = new DateTime(2026, 4, 1, 4, 0, 0, DateTimeKind.Utc).AddDays(id % 120), Hash = "", PreviousHash = "",
            }));
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
    }

    private static async Task TimeAsync(TestDatabase database, TimeProvider clock, string who, UserAccess user, ClueStatisticsFilter filter)
    {
        var wall = new List<double>();
        ClueStatisticsView? view = null;
        var process = Process.GetCurrentProcess();
        var cpuBefore = TimeSpan.Zero;
        for (var run = -2; run < Runs; run++)
        {
            if (run == 0)
            {
                process.Refresh();
                cpuBefore = process.TotalProcessorTime;
            }

            await using var db = database.NewContext();
            var watch = Stopwatch.StartNew();
            view = await new ClueStatistics(db, clock).ComputeAsync(user, filter);
            if (run >= 0)
            {
                wall.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        process.Refresh();
        wall.Sort();
        var p95 = wall[(int)Math.Ceiling(0.95 * wall.Count) - 1];
        Console.WriteLine($"  {who}: {view!.Total.Received:N0} clues, {view.ByTownship.Count} township rows, {view.ByBatch.Count} batches; "
            + $"median {wall[wall.Count / 2]:N0} ms, p95 {p95:N0} ms, this process's CPU {(process.TotalProcessorTime - cpuBefore).TotalMilliseconds / Runs:N0} ms a run ({Runs} runs)");
    }
}
