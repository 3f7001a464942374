using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EcoPlan.Core.Data;

/// <summary>
/// Carries a database made by a release before the generated migrations (up to main a42a0e5, 2026-12-01) over to
/// them. Those releases applied ten hand-written migrations whose schema is exactly what the generated
/// <see cref="Initial"/> builds (OldReleaseUpgradeTests compares the two on both providers), so their history rows are
/// replaced by the one row of <see cref="Initial"/>, and no table is touched. See docs/adr/0002-sqlite-and-postgresql.md.
/// </summary>
public static class MigrationBaseline
{
    /// <summary>The generated first migration of both providers' migrations assemblies.</summary>
    public const string Initial = "20261202000000_Initial";

    /// <summary>The history of a database made by the last release with hand-written migrations, in order.</summary>
    public static readonly IReadOnlyList<string> HandWritten =
    [
        "20261122000000_Initial",
        "20261122010000_Accounts",
        "20261122020000_Indicators",
        "20261122030000_Progress",
        "20261122040000_Attachments",
        "20261122050000_MethodologyWeights",
        "20261122060000_PlanContentRevision",
        "20261201010000_NoticeInbox",
        "20261201020000_OrganizationMerges",
        "20261201040000_IndicatorSourceLabel",
    ];

    /// <summary>Rewrites the history of a database with all the hand-written migrations; returns whether it did.</summary>
    public static async Task<bool> ApplyAsync(EcoPlanDbContext db, DatabaseSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(settings);
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var old = HandWritten.Where(applied.Contains).ToList();
        if (old.Count == 0)
        {
            return false;
        }

        if (old.Count < HandWritten.Count)
        {
            var missing = HandWritten.First(id => !applied.Contains(id));
            throw new SetupException($"The database ({settings.Describe()}) was made by a release older than 2026-12-01: it lacks the migration '{missing}'. " +
                                     "Migrate it with the release of 2026-12-01 first (`ecoplan db migrate`), then with this one.");
        }

        var history = db.GetService<IHistoryRepository>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var deleted = 0;
        foreach (var id in HandWritten)
        {
            deleted += await db.Database.ExecuteSqlRawAsync(history.GetDeleteScript(id), cancellationToken);
        }

        // Fewer rows deleted: another process baselined the database meanwhile, and rolling back leaves its work.
        if (deleted < HandWritten.Count)
        {
            return false;
        }

        await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(Initial, ProductInfo.GetVersion())), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
