using EcoPlan.Core.Data.Backup;

namespace EcoPlan.Cli.Database;

/// <summary><c>ecoplan db restore FILE [--force]</c>: puts a backup back into the configured database and data directory.</summary>
internal static class DbRestoreCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "A backup written by `ecoplan db backup`." };
        var force = new Option<bool>("--force") { Description = "Replace a database (and attachments) that is not empty." };
        var restore = new Command("restore", "Restores a backup into the configured database and data directory, after checking every part's checksum and that this version knows the backup's schema. Nothing changes unless all checks pass. Stop the web app first.")
        {
            file, force,
        };
        restore.SetAction(async (parse, cancellationToken) =>
        {
            await using var database = await CliDatabase.OpenAsync(parse, cancellationToken, verify: false);
            var result = await DatabaseRestore.RestoreAsync(database.Db, database.Settings, parse.GetValue(file)!, parse.GetValue(force),
                new LineProgress(parse.InvocationConfiguration.Error), cancellationToken);
            if (result.Value is not { } summary)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"ecoplan: {result.Error!.Message}");
                return CliFiles.BadInput;
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync(
                $"Restored {database.Settings.Describe()} from the backup of {summary.BackupCreatedAtUtc:yyyy-MM-dd HH:mm:ss} UTC: schema {summary.LastMigration}, {summary.Attachments} attachments"
                + (summary.AppliedMigrations.Count > 0 ? $"; then applied {string.Join(", ", summary.AppliedMigrations)}." : "."));
            return 0;
        });
        return restore;
    }
}
