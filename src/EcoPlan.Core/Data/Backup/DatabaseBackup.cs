using System.Diagnostics;
using System.IO.Compression;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace EcoPlan.Core.Data.Backup;

/// <summary>What a backup wrote.</summary>
public sealed record BackupSummary(string Path, long Bytes, string LastMigration, long DatabaseBytes, int Attachments, long AttachmentBytes, TimeSpan Elapsed);

/// <summary>
/// <c>ecoplan db backup</c>: one zip file with the database, every stored attachment and the data files the app reads
/// (<see cref="BackupManifest.DataFiles"/>), and a manifest with each part's SHA-256. Taken while the web app runs: SQLite
/// through its online backup API, PostgreSQL through pg_dump (one snapshot). The database is copied first and the
/// attachments after, because the workflow stores a file before it commits the row naming it: every attachment the
/// copied database refers to is on disk by then. Not included: the data-protection keys (they sign session cookies;
/// a backup restored elsewhere must not accept this server's cookies, and losing them only signs users out) and
/// uploads/pending (import previews, worthless once the preview is gone).
/// </summary>
public static partial class DatabaseBackup
{
    public static async Task<UseCaseResult<BackupSummary>> CreateAsync(EcoPlanDbContext db, DatabaseSettings settings, string outputPath, TimeProvider clock,
        IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(clock);
        var output = Path.GetFullPath(outputPath);
        if (File.Exists(output) || Directory.Exists(output))
        {
            return new UseCaseError.Conflict(CoreText.Get("Backup_OutputExists", output));
        }

        if (!Directory.Exists(Path.GetDirectoryName(output)))
        {
            return new UseCaseError.Invalid("output", CoreText.Get("Backup_OutputDirectoryMissing", output));
        }

        if (settings.Provider == DatabaseProvider.Sqlite && !File.Exists(SqliteFile(settings)))
        {
            return new UseCaseError.Invalid(CoreText.Get("Backup_NoDatabase", settings.Describe()));
        }

        var started = Stopwatch.StartNew();
        var createdAt = clock.GetUtcNow().UtcDateTime;
        var partial = output + ".partial";
        var parts = new List<BackupPart>();
        string? lastMigration;
        int attachments;
        long attachmentBytes;
        try
        {
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, useAsync: true))
            await using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: false))
            {
                lastMigration = settings.Provider switch
                {
                    DatabaseProvider.Sqlite => await AddSqliteAsync(zip, settings, output, parts, cancellationToken),
                    DatabaseProvider.Postgres => await AddPostgresAsync(zip, db, settings, parts, cancellationToken),
                };
                if (lastMigration is null)
                {
                    return new UseCaseError.Invalid(CoreText.Get("Backup_NoDatabase", settings.Describe()));
                }

                progress?.Report($"backup: database ({settings.Describe()}) copied, {Megabytes(parts[0].Length)} MB, last migration {lastMigration}, {started.Elapsed.TotalSeconds:0.0} s");
                (attachments, attachmentBytes) = await AddAttachmentsAsync(zip, settings, parts, progress, cancellationToken);
                progress?.Report($"backup: {attachments} attachments, {Megabytes(attachmentBytes)} MB");
                foreach (var name in BackupManifest.DataFiles)
                {
                    var path = Path.Combine(settings.DataDirectory, name);
                    if (File.Exists(path))
                    {
                        await using var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                        parts.Add(await AddPartAsync(zip, BackupManifest.FilesPrefix + name, source, CompressionLevel.Optimal, cancellationToken));
                    }
                }

                var manifest = new BackupManifest(BackupManifest.CurrentFormat, BackupManifest.ThisVersion(), lastMigration,
                    BackupManifest.ProviderName(settings.Provider), createdAt, parts);
                await using var manifestStream = await zip.CreateEntry(BackupManifest.EntryName, CompressionLevel.Optimal).OpenAsync(cancellationToken);
                await manifest.WriteAsync(manifestStream, cancellationToken);
            }

            // Named only when complete: a backup that failed half-way never looks like one.
            File.Move(partial, output, overwrite: false);
        }
        finally
        {
            File.Delete(partial);
        }

        var bytes = new FileInfo(output).Length;
        progress?.Report($"backup: wrote {output}, {Megabytes(bytes)} MB, in {started.Elapsed.TotalSeconds:0.0} s");
        return new BackupSummary(output, bytes, lastMigration, parts[0].Length, attachments, attachmentBytes, started.Elapsed);
    }

    /// <summary>The database copied by SQLite's online backup API into a file beside the backup, then into the archive.</summary>
    private static async Task<string?> AddSqliteAsync(ZipArchive zip, DatabaseSettings settings, string output, List<BackupPart> parts, CancellationToken cancellationToken)
    {
        var copy = output + ".db-" + Guid.NewGuid().ToString("N");
        try
        {
            await DatabaseInitializer.Guard(settings, () =>
            {
                // One step (sqlite3_backup_step(-1)) under one read lock: a consistent copy of every committed transaction;
                // a writer waits for it (its busy timeout) rather than failing. Copying page by page would restart on each write.
                using var source = new SqliteConnection(settings.ConnectionString);
                using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Pooling = false }.ToString());
                source.Open();
                destination.Open();
                source.BackupDatabase(destination);
                // The copy is in WAL mode like its source: fold its WAL into the file, which alone goes into the archive.
                using var checkpoint = destination.CreateCommand();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
                checkpoint.ExecuteNonQuery();
                return Task.FromResult(0);
            });
            var lastMigration = await SqliteLastMigrationAsync(copy, cancellationToken);
            await using (var source = new FileStream(copy, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true))
            {
                parts.Add(await AddPartAsync(zip, BackupManifest.SqliteDatabaseEntry, source, CompressionLevel.Fastest, cancellationToken));
            }

            return lastMigration;
        }
        finally
        {
            foreach (var file in new[] { copy, copy + "-wal", copy + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>pg_dump's custom format (compressed, one snapshot), streamed from its output into the archive.</summary>
    private static async Task<string?> AddPostgresAsync(ZipArchive zip, EcoPlanDbContext db, DatabaseSettings settings, List<BackupPart> parts, CancellationToken cancellationToken)
    {
        var applied = await DatabaseInitializer.Guard(settings, async () => (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList());
        if (applied.Count == 0)
        {
            return null;
        }

        await using var entry = await zip.CreateEntry(BackupManifest.PostgresDumpEntry, CompressionLevel.NoCompression).OpenAsync(cancellationToken);
        (string Sha256, long Length) copied = ("", 0);
        await PostgresTools.RunAsync("pg_dump", settings, ["--format=custom", "--no-owner", "--no-acl"],
            async stdout => copied = await BackupManifest.CopyHashedAsync(stdout, entry, long.MaxValue, cancellationToken), cancellationToken);
        parts.Add(new BackupPart(BackupManifest.PostgresDumpEntry, copied.Sha256, copied.Length));
        return applied[^1];
    }

    /// <summary>Every blob of the file-system attachment store (attachments/ab/abcdef…), stored as is (photos and PDFs are compressed already).</summary>
    private static async Task<(int Count, long Bytes)> AddAttachmentsAsync(ZipArchive zip, DatabaseSettings settings, List<BackupPart> parts, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var count = 0;
        long bytes = 0;
        foreach (var (relative, path) in StoredAttachments(settings.AttachmentsDirectory))
        {
            BackupPart part;
            try
            {
                await using var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, useAsync: true);
                part = await AddPartAsync(zip, BackupManifest.AttachmentsPrefix + relative, source, CompressionLevel.NoCompression, cancellationToken);
            }
            catch (FileNotFoundException)
            {
                continue; // removed since listed: nothing in the copied database can refer to it
            }

            if (part.Sha256 != Path.GetFileName(relative))
            {
                progress?.Report($"backup: warning: attachment {relative} does not match its hash (damaged on disk); kept as it is");
            }

            parts.Add(part);
            count++;
            bytes += part.Length;
            if (count % 1000 == 0)
            {
                progress?.Report($"backup: {count} attachments, {Megabytes(bytes)} MB so far");
            }
        }

        return (count, bytes);
    }

    /// <summary>The store's blobs as "ab/abcdef…" and their paths, skipping what is not one (a store's temporary files).</summary>
    internal static IEnumerable<(string Relative, string Path)> StoredAttachments(string directory)
    {
        if (!Directory.Exists(directory))
        {
            yield break;
        }

        foreach (var folder in Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal))
        {
            var prefix = Path.GetFileName(folder);
            foreach (var path in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(path);
                if (BlobName().IsMatch(name) && name.StartsWith(prefix, StringComparison.Ordinal) && prefix.Length == 2)
                {
                    yield return ($"{prefix}/{name}", path);
                }
            }
        }
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    internal static partial Regex BlobName();

    private static async Task<BackupPart> AddPartAsync(ZipArchive zip, string name, Stream source, CompressionLevel level, CancellationToken cancellationToken)
    {
        await using var entry = await zip.CreateEntry(name, level).OpenAsync(cancellationToken);
        var (sha256, length) = await BackupManifest.CopyHashedAsync(source, entry, long.MaxValue, cancellationToken);
        return new BackupPart(name, sha256, length);
    }

    internal static string SqliteFile(DatabaseSettings settings) => Path.GetFullPath(new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource);

    /// <summary>The last migration recorded in a SQLite file, or null when it has no history table.</summary>
    internal static async Task<string?> SqliteLastMigrationAsync(string file, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory'";
        if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 0)
        {
            return null;
        }

        command.CommandText = "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId DESC LIMIT 1";
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public static string Megabytes(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture);
}
