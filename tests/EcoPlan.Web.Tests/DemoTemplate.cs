using System.Collections.Concurrent;
using Npgsql;

namespace EcoPlan.Web.Tests;

/// <summary>
/// The demo database, loaded once per provider and test run by the app's own first start, then copied for every test
/// that asks for demo data: a SQLite file and the data directory copied, a PostgreSQL database made from it as a
/// template. Loading the demo (two plans, accounts with their password hashes, a year of reports, the clues with their
/// photos) took most of each such test's time; a copy takes a fraction of a second and starts from the same rows.
/// </summary>
internal static class DemoTemplate
{
    private static readonly ConcurrentDictionary<DatabaseProvider, Lazy<Task<TestDatabase>>> Templates = new();

    static DemoTemplate() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var template in Templates.Values.Where(t => t.IsValueCreated && t.Value.IsCompletedSuccessfully))
        {
            template.Value.Result.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    };

    /// <summary>A new database of its own holding the demo data, as the app's first start on an empty database leaves it.</summary>
    public static async Task<TestDatabase> CopyAsync(DatabaseProvider provider)
    {
        var template = await Templates.GetOrAdd(provider, p => new Lazy<Task<TestDatabase>>(() => LoadAsync(p))).Value;
        return await TestDatabase.CopyOfAsync(template);
    }

    private static async Task<TestDatabase> LoadAsync(DatabaseProvider provider)
    {
        var database = provider == DatabaseProvider.Sqlite ? await TestDatabase.CreateAsync(provider) : await TestDatabase.CreateMigratedAsync(provider);
        // The app seeds the demo at its start, exactly as a user's first run does; the host is stopped before any copy.
        await using (var factory = new EcoPlanWebFactory(database, demoData: true, ownsDatabase: false))
        {
            using var client = factory.CreateClient();
            using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
            health.EnsureSuccessStatusCode();
        }

        NpgsqlConnection.ClearAllPools();
        return database;
    }
}
