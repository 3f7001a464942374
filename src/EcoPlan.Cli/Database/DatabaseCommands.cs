using System.CommandLine;
using EcoPlan.Core.Data;

namespace EcoPlan.Cli.Database;

internal static class DatabaseCommands
{
    public static Command Create()
    {
        var migrate = new Command("migrate", "Creates the database or brings it to the newest schema, and loads the reference data (regions, units). Safe to run again.");
        migrate.SetAction(async (parse, cancellationToken) =>
        {
            var settings = EcoPlanCli.ReadSettings(parse);
            await using var db = DatabaseRegistration.CreateContext(settings);
            var applied = await DatabaseInitializer.MigrateAsync(db, settings, cancellationToken);
            var output = parse.InvocationConfiguration.Output;
            await output.WriteLineAsync(applied.Count == 0
                ? $"{settings.Describe()}: up to date."
                : $"{settings.Describe()}: applied {string.Join(", ", applied)}.");
            return 0;
        });

        return new Command("db", "Database schema and reference data.") { migrate };
    }
}
