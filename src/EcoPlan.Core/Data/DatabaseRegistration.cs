using EcoPlan.Core.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EcoPlan.Core.Data;

public static class DatabaseRegistration
{
    /// <summary>
    /// Registers the options tree (<see cref="EcoPlanOptionsRegistration.AddEcoPlanOptions"/>) and the DbContext for the
    /// configured provider. Settings are read when first needed, from the host's final configuration, so a bad setting
    /// surfaces as a <see cref="SetupException"/> at start-up.
    /// </summary>
    public static IServiceCollection AddEcoPlanDatabase(this IServiceCollection services)
    {
        services.AddEcoPlanOptions();
        services.AddSingleton(sp => DatabaseSettings.From(
            sp.GetRequiredService<IOptions<EcoPlanOptions>>().Value, sp.GetRequiredService<IConfiguration>().GetConnectionString("EcoPlan")));
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
                options.UseNpgsql(WithNpgsqlDefaults(settings.ConnectionString));
                break;
        }

        // The migrations are hand-written and provider-neutral, without a model snapshot; the schema test
        // (tests/EcoPlan.Core.Tests/Data/SchemaTests.cs) is what proves they match the model.
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        return options;
    }

    /// <summary>
    /// The connection string with EcoPlan's Npgsql defaults, each unless the connection string sets it itself:
    /// <list type="bullet">
    /// <item><c>Max Auto Prepare=64</c>: EcoPlan runs the same few hundred statements all day; prepared, PostgreSQL
    /// skips parsing and planning them (bench/web-load.sh: the plan page's CPU per request fell by a fifth). Npgsql
    /// re-prepares after a schema change.</item>
    /// <item><c>No Reset On Close=true</c>: EF Core returns the connection to the pool after every query and save, and
    /// each return otherwise costs four statements (<c>RESET ALL</c> and the like) on the next use, several per request.
    /// EcoPlan never changes session state (no <c>SET</c>, advisory locks or temporary tables), so there is nothing to reset.</item>
    /// </list>
    /// </summary>
    public static string WithNpgsqlDefaults(string connectionString)
    {
        // The keys as written: NpgsqlConnectionStringBuilder.ContainsKey answers for every keyword it knows.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Contains("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
        }

        if (!given.Contains("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    public static EcoPlanDbContext CreateContext(DatabaseSettings settings)
    {
        var builder = new DbContextOptionsBuilder<EcoPlanDbContext>();
        Configure(builder, settings);
        return new EcoPlanDbContext(builder.Options);
    }
}
