using EcoPlan.Core.Accounts;
using EcoPlan.Core.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EcoPlan.Cli;

/// <summary>
/// The database a command works on, opened the one way every command opens it: the settings from configuration and
/// the options (<see cref="EcoPlanCli.ReadConfiguration"/>), the services the web app runs the same use cases on, and
/// the schema checked to be the newest (but for <c>db migrate</c>, which brings it there).
/// </summary>
internal sealed class CliDatabase : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly AsyncServiceScope _scope;

    private CliDatabase(ServiceProvider services)
    {
        _services = services;
        _scope = services.CreateAsyncScope();
    }

    public DatabaseSettings Settings => _services.GetRequiredService<DatabaseSettings>();

    public EcoPlanDbContext Db => Get<EcoPlanDbContext>();

    /// <summary>A service of the command's scope (one DbContext for the whole command).</summary>
    public T Get<T>()
        where T : notnull => _scope.ServiceProvider.GetRequiredService<T>();

    /// <summary>Opens the database, checked to be at the newest schema unless <paramref name="verify"/> is false.</summary>
    public static async Task<CliDatabase> OpenAsync(ParseResult parse, CancellationToken cancellationToken, bool verify = true)
    {
        var services = new ServiceCollection()
            .AddSingleton(EcoPlanCli.ReadConfiguration(parse))
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddEcoPlanDatabase()
            .AddEcoPlanAccountStores()
            .BuildServiceProvider();
        var database = new CliDatabase(services);
        try
        {
            // The settings checked as the web app checks them at start (ValidateOnStart).
            services.GetRequiredService<IStartupValidator>().Validate();
            if (verify)
            {
                await DatabaseInitializer.VerifyAsync(database.Db, database.Settings, cancellationToken);
            }

            return database;
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _services.DisposeAsync();
    }
}
