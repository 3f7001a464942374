using EcoPlan.Core.Data;

namespace EcoPlan.Web.Database;

/// <summary>
/// Readies the database before the app serves requests. The embedded SQLite database is created and
/// migrated here; PostgreSQL is only checked, because production schemas change by `ecoplan db migrate`.
/// </summary>
internal sealed class DatabaseStartup(IServiceScopeFactory scopes, DatabaseSettings settings, ILogger<DatabaseStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        DatabaseInitializer.EnsureDataDirectory(settings);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EcoPlanDbContext>();
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            var applied = await DatabaseInitializer.MigrateAsync(db, settings, cancellationToken);
            logger.LogInformation("Database {Database} ready; {Count} migration(s) applied.", settings.Describe(), applied.Count);
        }
        else
        {
            await DatabaseInitializer.VerifyAsync(db, settings, cancellationToken);
            logger.LogInformation("Database {Database} ready.", settings.Describe());
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
