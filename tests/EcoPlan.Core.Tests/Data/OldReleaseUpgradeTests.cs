using EcoPlan.Core.Demo;
using EcoPlan.Core.ReferenceData;
using EcoPlan.Core.Regions;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EcoPlan.Core.Tests.Data;

/// <summary>
/// A database of the last release with hand-written migrations (built from its own migration script, OldRelease/*.sql)
/// upgrades in place to the generated migrations: same schema as a new database, every row and identity counter kept.
/// </summary>
public sealed class OldReleaseUpgradeTests
{
    [ProviderTheory]
    public async Task OldReleaseSchema_IsTheBaselineSchema(DatabaseProvider provider)
    {
        await using var old = await OldReleaseAsync(provider);
        await using var fresh = await TestDatabase.CreateAsync(provider);

        await using var oldDb = old.NewContext();
        await using var freshDb = fresh.NewContext();
        // Only as far as the baseline: the migrations after it are the changes since that release.
        await freshDb.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync(MigrationBaseline.Initial);
        Assert.Equal(await SchemaSnapshot.ReadAsync(freshDb), await SchemaSnapshot.ReadAsync(oldDb));
    }

    [ProviderTheory]
    public async Task FilledOldReleaseDatabase_UpgradesWithEveryRowKept(DatabaseProvider provider)
    {
        await using var old = await OldReleaseAsync(provider);
        await FillWithDemoDataAsync(old);
        string before;
        await using (var db = old.NewContext())
        {
            before = await SchemaSnapshot.ReadRowsAsync(db);
        }

        await using (var db = old.NewContext())
        {
            // The path of the web app's start (SQLite) and of `ecoplan db migrate`: the baseline replaces the old history, the later migrations run.
            Assert.Equal(db.Database.GetMigrations().Where(m => m != MigrationBaseline.Initial), await DatabaseInitializer.MigrateAsync(db, old.Settings));
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            Assert.Equal(MigrationBaseline.Initial, (await db.Database.GetAppliedMigrationsAsync()).First());
            Assert.Empty(await DatabaseInitializer.MigrateAsync(db, old.Settings));
            await DatabaseInitializer.VerifyAsync(db, old.Settings);
        }

        await using var upgraded = old.NewContext();
        // The tables of later migrations (the clues) are new and empty; every old table keeps every row.
        var oldTables = before.Split('\n').Where(l => l.StartsWith("table ", StringComparison.Ordinal)).Select(l => l[6..]).ToHashSet();
        var after = string.Join('\n', (await SchemaSnapshot.ReadRowsAsync(upgraded)).Split('\n').Where(line => line.Split(' ') is [var kind, var name, ..]
            && (kind is not ("table" or "row") || oldTables.Contains(name)) && (kind != "sequence" || oldTables.Any(t => name.StartsWith(t + "_", StringComparison.Ordinal)))));
        Assert.Contains("table ProgressReports", before, StringComparison.Ordinal);
        Assert.Contains("table AspNetUsers", before, StringComparison.Ordinal);
        Assert.True(before.Split('\n').Length > 1000, "the demo data fills the old database");
        Assert.Equal(before, after);

        // Identity counters went on too: a new row takes the next id, not one of the old ones.
        var maxId = await upgraded.Regions.MaxAsync(r => r.Id);
        var region = new Region { Code = "110199", Name = "升级测试区", Level = RegionLevel.County };
        upgraded.Regions.Add(region);
        await upgraded.SaveChangesAsync();
        Assert.True(region.Id > maxId);
    }

    [ProviderTheory]
    public async Task OldReleaseDatabase_IsNotVerifiedUntilMigrated(DatabaseProvider provider)
    {
        await using var old = await OldReleaseAsync(provider);
        await using var db = old.NewContext();

        var ex = await Assert.ThrowsAsync<SetupException>(() => DatabaseInitializer.VerifyAsync(db, old.Settings));

        Assert.Contains(MigrationBaseline.Initial, ex.Message, StringComparison.Ordinal);
        Assert.Contains("ecoplan db migrate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PartOfTheOldHistory_IsRefusedWithWhatIsMissing()
    {
        await using var old = await OldReleaseAsync(DatabaseProvider.Sqlite);
        await using var db = old.NewContext();
        await db.Database.ExecuteSqlRawAsync("""DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261201040000_IndicatorSourceLabel'""");

        var ex = await Assert.ThrowsAsync<SetupException>(() => DatabaseInitializer.MigrateAsync(db, old.Settings));

        Assert.Contains("20261201040000_IndicatorSourceLabel", ex.Message, StringComparison.Ordinal);
        Assert.Equal(MigrationBaseline.HandWritten.Count - 1, (await db.Database.GetAppliedMigrationsAsync()).Count());
    }

    private static async Task<TestDatabase> OldReleaseAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        Directory.CreateDirectory(database.Settings.DataDirectory);
        var script = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Data", "OldRelease", provider == DatabaseProvider.Sqlite ? "sqlite.sql" : "postgres.sql"));
        await using var db = database.NewContext();
        await db.Database.ExecuteSqlRawAsync(script);
        Assert.Equal(MigrationBaseline.HandWritten, await db.Database.GetAppliedMigrationsAsync());
        return database;
    }

    /// <summary>What a user of that release has: the reference data and the demo (two plans, indicators, accounts, a month of reports).</summary>
    private static async Task FillWithDemoDataAsync(TestDatabase database)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddDbContext<EcoPlanDbContext>(options => DatabaseRegistration.Configure(options, database.Settings))
            .AddEcoPlanAccountStores();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EcoPlanDbContext>();
        await ReferenceDataSeeder.SeedAsync(db);
        await DemoData.LoadAsync(db, scope.ServiceProvider.GetRequiredService<AccountAdministration>(), BeijingClock.At(2026, 9, 15), "Upgrade-Test-2026");
    }
}
