using EcoPlan.Core.Data;

namespace EcoPlan.Cli.Database;

/// <summary><c>ecoplan db migrate</c>: creates the database or brings it to the newest schema.</summary>
internal static class DbMigrateCommand
{
    public static Command Create()
    {
        var migrate = new Command("migrate", "Creates the database or brings it to the newest schema, and loads the reference data (regions, units). Safe to run again.");
        migrate.SetAction(async (parse, cancellationToken) =>
        {
            await using var database = await CliDatabase.OpenAsync(parse, cancellationToken, verify: false);
            var settings = database.Settings;
            var applied = await DatabaseInitializer.MigrateAsync(database.Db, settings, cancellationToken);
            await parse.InvocationConfiguration.Output.WriteLineAsync(applied.Count == 0
                ? $"{settings.Describe()}: up to date."
                : $"{settings.Describe()}: applied {string.Join(", ", applied)}.");
            return 0;
        });
        return migrate;
    }
}
