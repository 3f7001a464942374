using EcoPlan.Core.Clues;

namespace EcoPlan.Core.Tests.Clues;

public sealed class TrailTests
{
    private static async Task<(ClueSetup Setup, int Clue, int Other)> WalkedAsync(DatabaseProvider provider)
    {
        var setup = await ClueSetup.CreateAsync(provider);
        await using var db = setup.Database.NewContext();
        var ids = (await setup.BatchAsync(db, ("TR-1", ClueSetup.YongshunCode), ("TR-2", ClueSetup.YongshunCode))).ClueIds;
        var workflow = setup.Workflow(db);
        await workflow.TakeAsync(setup.Yongshun, ids[0], ClueStep.Start, new()).Done();
        await workflow.TakeAsync(setup.Yongshun, ids[0], ClueStep.SubmitVerification, new(Outcome: ClueOutcome.PseudoChange, Reason: "crop", Note: "玉米地")).Done();
        await workflow.TakeAsync(setup.Coordinator, ids[0], ClueStep.AcceptVerification, new()).Done();
        return (setup, ids[0], ids[1]);
    }

    [ProviderTheory]
    public async Task VerifyAll_OnAnUntouchedDatabase_FindsNoBreak(DatabaseProvider provider)
    {
        var (setup, _, _) = await WalkedAsync(provider);
        await using var _ = setup;
        await using var db = setup.Database.NewContext();

        var report = await TrailVerification.VerifyAllAsync(db);

        Assert.Equal(2, report.Checked);
        Assert.Empty(report.Breaks);
    }

    public static TheoryData<string> Tampering => ["edit note", "delete entry", "state without step", "move geometry", "rehash edited entry"];

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task VerifyAll_FindsEveryEditOfHistory_OnSqlite(string tampering) => await FindsAsync(DatabaseProvider.Sqlite, tampering);

    [PostgresFact]
    public async Task VerifyAll_FindsAnEditedEntry_OnPostgres() => await FindsAsync(DatabaseProvider.Postgres, "edit note");

    private static async Task FindsAsync(DatabaseProvider provider, string tampering)
    {
        var (setup, clue, other) = await WalkedAsync(provider);
        await using var _ = setup;
        await using (var db = setup.Database.NewContext())
        {
            // What someone with write access to the database could do behind EcoPlan's back.
            switch (tampering)
            {
                case "edit note":
                    await db.ClueEvents.Where(e => e.ClueId == clue && e.Sequence == 3).ExecuteUpdateAsync(s => s.SetProperty(e => e.Payload, e => e.Payload.Replace("玉米地", "小麦地")));
                    break;
                case "delete entry":
                    await db.ClueEvents.Where(e => e.ClueId == clue && e.Sequence == 2).ExecuteDeleteAsync();
                    break;
                case "state without step":
                    await db.Clues.Where(c => c.Id == other).ExecuteUpdateAsync(s => s.SetProperty(c => c.State, ClueState.Closed));
                    break;
                case "move geometry":
                    await db.Clues.Where(c => c.Id == other).ExecuteUpdateAsync(s => s.SetProperty(c => c.Geometry, ClueGeometry.Write(ClueSetup.Square(116.9, 39.7))));
                    break;
                case "rehash edited entry":
                    // Edits an entry and recomputes its own hash: the next entry's link then breaks.
                    var entry = await db.ClueEvents.SingleAsync(e => e.ClueId == clue && e.Sequence == 2);
                    entry.ActorName = "someone else";
                    entry.Hash = ClueTrail.HashOf(entry);
                    await db.SaveChangesAsync();
                    break;
            }
        }

        await using var check = setup.Database.NewContext();
        var report = await TrailVerification.VerifyAllAsync(check);

        var found = Assert.Single(report.Breaks);
        Assert.Equal(tampering is "state without step" or "move geometry" ? other : clue, found.ClueId);
        Assert.Equal(tampering switch { "edit note" => 3, "delete entry" => 2, "rehash edited entry" => 3, "move geometry" => 1, _ => 1 }, found.Sequence);
    }
}
