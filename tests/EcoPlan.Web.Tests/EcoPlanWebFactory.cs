using EcoPlan.Core.Data;
using EcoPlan.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EcoPlan.Web.Tests;

/// <summary>The real web host over a test database of the given provider.</summary>
public sealed class EcoPlanWebFactory(TestDatabase database) : WebApplicationFactory<Program>
{
    public TestDatabase Database { get; } = database;

    public static async Task<EcoPlanWebFactory> CreateAsync(DatabaseProvider provider)
    {
        // PostgreSQL is migrated by `ecoplan db migrate` before the app starts, as in production.
        var database = provider == DatabaseProvider.Sqlite
            ? await TestDatabase.CreateAsync(provider)
            : await TestDatabase.CreateMigratedAsync(provider);
        return new EcoPlanWebFactory(database);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting(DatabaseSettings.ProviderKey, Database.Provider.ToString().ToLowerInvariant());
        builder.UseSetting(DatabaseSettings.DataDirectoryKey, Database.Settings.DataDirectory);
        builder.UseSetting(DatabaseSettings.ConnectionStringKey, Database.Settings.ConnectionString);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
    }
}
