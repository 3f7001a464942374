using EcoPlan.Core.Accounts;
using EcoPlan.Core.Configuration;
using EcoPlan.Core.Demo;
using Microsoft.Extensions.Options;

namespace EcoPlan.Web.Database;

/// <summary>
/// Readies the database before the app serves requests. The embedded SQLite database is created and
/// migrated here; PostgreSQL is only checked, because production schemas change by `ecoplan db migrate`.
/// A new, empty database gets the demo data (EcoPlan:SeedDemoData; on by default for SQLite only).
/// </summary>
internal sealed class DatabaseStartup(IServiceScopeFactory scopes, DatabaseSettings settings, IOptions<EcoPlanOptions> options, TimeProvider time, ILogger<DatabaseStartup> logger) : IHostedService
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

        var seed = options.Value.SeedDemoData ?? settings.Provider == DatabaseProvider.Sqlite;
        if (seed && await DemoData.IsEmptyAsync(db, cancellationToken))
        {
            var password = options.Value.DemoPassword is { Length: > 0 } configured ? configured : AccountAdministration.GeneratePassword();
            await DemoData.LoadAsync(db, scope.ServiceProvider.GetRequiredService<AccountAdministration>(), time, password, cancellationToken);
            await DemoData.LoadCluesAsync(db, time, scope.ServiceProvider.GetRequiredService<EcoPlan.Core.Progress.IAttachmentStore>(), cancellationToken);
            PrintAccounts(password);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Printed once, when the accounts are made; the password is not stored anywhere readable.</summary>
    private static void PrintAccounts(string password)
    {
        Console.WriteLine();
        Console.WriteLine("EcoPlan demo data loaded: the two sample plans and these accounts (演示账号):");
        foreach (var account in DemoData.Accounts)
        {
            Console.WriteLine($"  {account.UserName,-12} {account.Role,-12} {account.Organization}{(account.Leader is null ? "" : " · " + account.Leader)}");
        }

        Console.WriteLine($"  password (密码): {password}");
        Console.WriteLine("  (set EcoPlan:DemoPassword to choose it; EcoPlan:SeedDemoData=false turns demo data off)");
        Console.WriteLine();
    }
}
