using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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
        services.AddDbContext<EcoPlanDbContext>((sp, options) => Configure(options, sp.GetRequiredService<DatabaseSettings>()));
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
                options.UseNpgsql(settings.ConnectionString);
                break;
        }

        // The migrations are hand-written and provider-neutral, without a model snapshot; the schema test
        // (tests/EcoPlan.Core.Tests/Data/SchemaTests.cs) is what proves they match the model.
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        return options;
    }

    public static EcoPlanDbContext CreateContext(DatabaseSettings settings)
    {
        var builder = new DbContextOptionsBuilder<EcoPlanDbContext>();
        Configure(builder, settings);
        return new EcoPlanDbContext(builder.Options);
    }
}
