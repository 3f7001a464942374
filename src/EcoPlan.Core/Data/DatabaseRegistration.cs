using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EcoPlan.Core.Data;

public static class DatabaseRegistration
{
    /// <summary>
    /// Registers the DbContext for the configured provider. Settings are read when first needed, from the
    /// host's final configuration, so a bad setting surfaces as a <see cref="SetupException"/> at start-up.
    /// </summary>
    public static IServiceCollection AddEcoPlanDatabase(this IServiceCollection services)
    {
        services.AddSingleton(sp => DatabaseSettings.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        // Pooled: a request reuses a reset context instead of building one and its services (EcoPlanDbContext holds no state of its own).
        services.AddDbContextPool<EcoPlanDbContext>((sp, options) => Configure(options, sp.GetRequiredService<DatabaseSettings>()));
        return services;
    }

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DatabaseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        switch (settings.Provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(settings.ConnectionString);
                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(WithAutoPrepare(settings.ConnectionString));
                break;
        }

        // The migrations are hand-written and provider-neutral, without a model snapshot; the schema test
        // (tests/EcoPlan.Core.Tests/Data/SchemaTests.cs) is what proves they match the model.
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        return options;
    }

    /// <summary>
    /// The connection string with Npgsql's automatic preparation on (<c>Max Auto Prepare=64</c>) unless it sets it itself.
    /// EcoPlan runs the same few hundred statements all day; prepared, PostgreSQL skips parsing and planning them
    /// (bench/web-load.sh: the plan page's CPU per request fell by a fifth). Npgsql re-prepares after a schema change.
    /// </summary>
    public static string WithAutoPrepare(string connectionString)
    {
        // The keys as written: NpgsqlConnectionStringBuilder.ContainsKey answers for every keyword it knows.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.Keys.Cast<string>().Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64 }.ConnectionString;
    }

    public static EcoPlanDbContext CreateContext(DatabaseSettings settings)
    {
        var builder = new DbContextOptionsBuilder<EcoPlanDbContext>();
        Configure(builder, settings);
        return new EcoPlanDbContext(builder.Options);
    }
}
