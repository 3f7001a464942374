using EcoPlan.Core.Data.Backup;

namespace EcoPlan.Cli.Database;

/// <summary><c>ecoplan db backup -o FILE</c>: the database, the attachments and the data files in one zip, while the web app runs.</summary>
internal static class DbBackupCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--output", "-o") { Description = "The backup file to write (a zip); refused if it exists.", Required = true };
        var backup = new Command("backup", "Writes a backup of the database (SQLite's online backup, or pg_dump for PostgreSQL), the report attachments and the data files into one zip with a manifest of SHA-256 checksums. Safe while the web app runs.")
        {
            output,
        };
        backup.SetAction(async (parse, cancellationToken) =>
        {
            await using var database = await CliDatabase.OpenAsync(parse, cancellationToken, verify: false);
            var result = await DatabaseBackup.CreateAsync(database.Db, database.Settings, parse.GetValue(output)!, TimeProvider.System,
                new LineProgress(parse.InvocationConfiguration.Error), cancellationToken);
            if (result.Value is not { } summary)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"ecoplan: {result.Error!.Message}");
                return CliFiles.BadInput;
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync(
                $"Backup written: {summary.Path} ({DatabaseBackup.Megabytes(summary.Bytes)} MB; database at {summary.LastMigration}, {summary.Attachments} attachments) in {summary.Elapsed.TotalSeconds:0.0} s.");
            return 0;
        });
        return backup;
    }
}

/// <summary>Progress lines of a long command, written at once (not posted to a synchronization context as <see cref="Progress{T}"/> does).</summary>
internal sealed class LineProgress(TextWriter writer) : IProgress<string>
{
    public void Report(string value) => writer.WriteLine(value);
}
