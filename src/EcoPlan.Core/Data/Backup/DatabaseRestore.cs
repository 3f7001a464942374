using System.IO.Compression;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace EcoPlan.Core.Data.Backup;

/// <summary>What a restore put in place.</summary>
public sealed record RestoreSummary(string LastMigration, DateTime BackupCreatedAtUtc, int Attachments, IReadOnlyList<string> AppliedMigrations);

/// <summary>
/// <c>ecoplan db restore</c>: puts a <see cref="DatabaseBackup"/> back into the configured database and data directory.
/// Everything is checked before anything changes (the manifest, the schema being one this build knows, every part's
/// SHA-256, the target being empty or <c>force</c> given), and the parts are unpacked into a staging directory inside
/// the data directory. Then, in this order: the attachments are moved in beside those already there (content-addressed,
/// so an added one never replaces another); the database is replaced in one transaction (SQLite: the online backup API
/// writing into the live file under its journal; PostgreSQL: pg_restore --single-transaction); only then are the
/// attachments the backup lacks removed and the data files replaced. A failure before the database step leaves the
/// target as it was but for the added attachments, which are removed again.
/// </summary>
public static class DatabaseRestore
{
    public static async Task<UseCaseResult<RestoreSummary>> RestoreAsync(EcoPlanDbContext db, DatabaseSettings settings, string backupPath, bool force,
        IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(settings);
        var path = Path.GetFullPath(backupPath);
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true), ZipArchiveMode.Read, leaveOpen: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new UseCaseError.Invalid("file", CoreText.Get("Restore_CannotRead", path, ex is FileNotFoundException ? CoreText.Get("Restore_NoSuchFile") : SetupException.OneLine(ex.Message)));
        }
        catch (InvalidDataException ex)
        {
            return new UseCaseError.Invalid("file", CoreText.Get("Restore_NotABackup", path, SetupException.OneLine(ex.Message)));
        }

        using (zip)
        {
            var checkedManifest = await CheckManifestAsync(zip, db, settings, path, cancellationToken);
            if (checkedManifest.Error is { } refused)
            {
                return refused;
            }

            var manifest = checkedManifest.Value!;
            var target = await DescribeTargetAsync(settings, cancellationToken);
            if ((target.Tables > 0 || target.Attachments > 0) && !force)
            {
                return new UseCaseError.Conflict(CoreText.Get("Restore_TargetNotEmpty", settings.Describe(), target.Tables, target.Attachments));
            }

            if (target.LastMigration is { } current && string.CompareOrdinal(current, manifest.LastMigration) > 0 && settings.Provider == DatabaseProvider.Postgres)
            {
                // pg_restore --clean drops only what the dump holds: tables of the later migrations would stay, and the
                // restored history would not know them.
                return new UseCaseError.Conflict(CoreText.Get("Restore_TargetNewer", settings.Describe(), current, manifest.LastMigration));
            }

            Directory.CreateDirectory(settings.DataDirectory);
            var staging = Path.Combine(settings.DataDirectory, ".restore-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(staging);
            try
            {
                var unpacked = await UnpackAsync(zip, manifest, staging, path, progress, cancellationToken);
                if (unpacked.Error is { } damaged)
                {
                    return damaged;
                }

                var attachments = manifest.Parts.Count(p => p.Path.StartsWith(BackupManifest.AttachmentsPrefix, StringComparison.Ordinal));
                await ApplyAsync(settings, manifest, staging, progress, cancellationToken);
                var applied = await MigrateIfOlderAsync(db, settings, manifest, progress, cancellationToken);
                progress?.Report($"restore: {settings.Describe()} restored from {path} (taken {manifest.CreatedAtUtc:yyyy-MM-dd HH:mm:ss} UTC), {attachments} attachments");
                return new RestoreSummary(manifest.LastMigration, manifest.CreatedAtUtc, attachments, applied);
            }
            finally
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private static async Task<UseCaseResult<BackupManifest>> CheckManifestAsync(ZipArchive zip, EcoPlanDbContext db, DatabaseSettings settings, string path, CancellationToken cancellationToken)
    {
        BackupManifest? manifest = null;
        if (zip.GetEntry(BackupManifest.EntryName) is { } entry)
        {
            try
            {
                await using var stream = await entry.OpenAsync(cancellationToken);
                manifest = await BackupManifest.ReadAsync(stream, cancellationToken);
            }
            catch (InvalidDataException)
            {
            }
        }

        if (manifest is null)
        {
            return new UseCaseError.Invalid("file", CoreText.Get("Restore_NotABackup", path, CoreText.Get("Restore_NoManifest")));
        }

        if (manifest.Format != BackupManifest.CurrentFormat)
        {
            return new UseCaseError.Invalid("file", CoreText.Get("Restore_UnknownFormat", path, manifest.Format, BackupManifest.CurrentFormat));
        }

        var provider = BackupManifest.ProviderName(settings.Provider);
        if (manifest.Provider != provider)
        {
            return new UseCaseError.Invalid("file", CoreText.Get("Restore_ProviderMismatch", path, manifest.Provider, provider));
        }

        var known = db.Database.GetMigrations().ToList();
        if (!known.Contains(manifest.LastMigration) && !MigrationBaseline.HandWritten.Contains(manifest.LastMigration))
        {
            return new UseCaseError.Invalid("file", CoreText.Get("Restore_NewerSchema", path, manifest.LastMigration, manifest.EcoPlanVersion, known[^1]));
        }

        var listed = manifest.Parts.Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
        if (manifest.Parts.FirstOrDefault(p => !IsPartName(p.Path, manifest)) is { } strange)
        {
            return Damaged(path, CoreText.Get("Restore_PartUnexpected", strange.Path));
        }

        if (listed.Count != manifest.Parts.Count)
        {
            return Damaged(path, CoreText.Get("Restore_PartUnexpected", manifest.Parts.GroupBy(p => p.Path).First(g => g.Count() > 1).Key));
        }

        if (!listed.Contains(manifest.DatabaseEntry))
        {
            return Damaged(path, CoreText.Get("Restore_PartMissing", manifest.DatabaseEntry));
        }

        if (zip.Entries.FirstOrDefault(e => e.FullName != BackupManifest.EntryName && !listed.Contains(e.FullName)) is { } extra)
        {
            return Damaged(path, CoreText.Get("Restore_PartUnexpected", extra.FullName));
        }

        // An entry twice (a second copy appended to the archive) would be unpacked once and the other never checked.
        if (zip.Entries.GroupBy(e => e.FullName, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            return Damaged(path, CoreText.Get("Restore_PartUnexpected", twice.Key));
        }

        return manifest;
    }

    /// <summary>A part this build knows where to put: the database, an attachment blob by its hash, a data file by name. Nothing else, so no path leaves the staging directory.</summary>
    private static bool IsPartName(string name, BackupManifest manifest)
    {
        if (name == manifest.DatabaseEntry)
        {
            return true;
        }

        if (name.StartsWith(BackupManifest.FilesPrefix, StringComparison.Ordinal))
        {
            return BackupManifest.DataFiles.Contains(name[BackupManifest.FilesPrefix.Length..]);
        }

        var blob = name.StartsWith(BackupManifest.AttachmentsPrefix, StringComparison.Ordinal) ? name[BackupManifest.AttachmentsPrefix.Length..].Split('/') : [];
        return blob.Length == 2 && blob[0].Length == 2 && DatabaseBackup.BlobName().IsMatch(blob[1]) && blob[1].StartsWith(blob[0], StringComparison.Ordinal);
    }

    private static UseCaseError.Invalid Damaged(string path, string why) => new UseCaseError.Invalid("file", CoreText.Get("Restore_Damaged", path, why));

    private sealed record Target(long Tables, int Attachments, string? LastMigration);

    private static async Task<Target> DescribeTargetAsync(DatabaseSettings settings, CancellationToken cancellationToken)
    {
        var attachments = DatabaseBackup.StoredAttachments(settings.AttachmentsDirectory).Count();
        return await DatabaseInitializer.Guard(settings, async () =>
        {
            switch (settings.Provider)
            {
                case DatabaseProvider.Sqlite:
                    var file = DatabaseBackup.SqliteFile(settings);
                    if (!File.Exists(file) || new FileInfo(file).Length == 0)
                    {
                        return new Target(0, attachments, null);
                    }

                    await using (var sqlite = new SqliteConnection(new SqliteConnectionStringBuilder(settings.ConnectionString) { Mode = SqliteOpenMode.ReadOnly }.ToString()))
                    {
                        await sqlite.OpenAsync(cancellationToken);
                        await using var count = sqlite.CreateCommand();
                        count.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table'";
                        var tables = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
                        return new Target(tables, attachments, await DatabaseBackup.SqliteLastMigrationAsync(file, cancellationToken));
                    }

                default:
                    await using (var postgres = new NpgsqlConnection(settings.ConnectionString))
                    {
                        await postgres.OpenAsync(cancellationToken);
                        await using var count = new NpgsqlCommand(
                            "SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')", postgres);
                        var tables = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
                        string? last = null;
                        await using var history = new NpgsqlCommand("SELECT to_regclass('\"__EFMigrationsHistory\"') IS NOT NULL", postgres);
                        if (await history.ExecuteScalarAsync(cancellationToken) is true)
                        {
                            await using var max = new NpgsqlCommand("SELECT max(\"MigrationId\") FROM \"__EFMigrationsHistory\"", postgres);
                            last = await max.ExecuteScalarAsync(cancellationToken) as string;
                        }

                        return new Target(tables, attachments, last);
                    }
            }
        });
    }

    /// <summary>Every part into the staging directory under its own name, its length and SHA-256 checked against the manifest.</summary>
    private static async Task<UseCaseResult<Done>> UnpackAsync(ZipArchive zip, BackupManifest manifest, string staging, string path, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var part in manifest.Parts)
        {
            if (zip.GetEntry(part.Path) is not { } entry)
            {
                return Damaged(path, CoreText.Get("Restore_PartMissing", part.Path));
            }

            var destination = Path.Combine(staging, part.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            (string Sha256, long Length) copied;
            try
            {
                await using var source = await entry.OpenAsync(cancellationToken);
                await using var file = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                copied = await BackupManifest.CopyHashedAsync(source, file, part.Length, cancellationToken);
            }
            catch (InvalidDataException ex)
            {
                return Damaged(path, CoreText.Get("Restore_PartUnreadable", part.Path, SetupException.OneLine(ex.Message)));
            }

            if (copied.Length != part.Length || copied.Sha256 != part.Sha256)
            {
                return Damaged(path, CoreText.Get("Restore_PartChecksum", part.Path));
            }

            if (++count % 1000 == 0)
            {
                progress?.Report($"restore: {count} of {manifest.Parts.Count} parts checked");
            }
        }

        if (manifest.Provider == "sqlite")
        {
            var database = Path.Combine(staging, BackupManifest.SqliteDatabaseEntry);
            if (await SqliteCheckAsync(database, cancellationToken) is { } problem)
            {
                return Damaged(path, CoreText.Get("Restore_DatabaseCheck", problem));
            }

            if (await DatabaseBackup.SqliteLastMigrationAsync(database, cancellationToken) is var last && last != manifest.LastMigration)
            {
                return Damaged(path, CoreText.Get("Restore_DatabaseMismatch", last ?? "-", manifest.LastMigration));
            }
        }

        progress?.Report($"restore: {manifest.Parts.Count} parts checked (SHA-256), backup of {manifest.CreatedAtUtc:yyyy-MM-dd HH:mm:ss} UTC by EcoPlan {manifest.EcoPlanVersion}");
        return new Done();
    }

    /// <summary>SQLite's quick_check of the unpacked file: null when "ok", else what it found.</summary>
    private static async Task<string?> SqliteCheckAsync(string file, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA quick_check";
            var result = await command.ExecuteScalarAsync(cancellationToken) as string;
            return result == "ok" ? null : result;
        }
        catch (SqliteException ex)
        {
            return SetupException.OneLine(ex.Message);
        }
    }

    private static async Task ApplyAsync(DatabaseSettings settings, BackupManifest manifest, string staging, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var store = settings.AttachmentsDirectory;
        var restored = new HashSet<string>(StringComparer.Ordinal);
        var added = new List<string>();
        try
        {
            foreach (var part in manifest.Parts.Where(p => p.Path.StartsWith(BackupManifest.AttachmentsPrefix, StringComparison.Ordinal)))
            {
                var relative = part.Path[BackupManifest.AttachmentsPrefix.Length..];
                restored.Add(relative);
                var destination = Path.Combine(store, relative);
                if (!File.Exists(destination))
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                    File.Move(Path.Combine(staging, part.Path), destination);
                    added.Add(destination);
                }
            }

            var database = Path.Combine(staging, manifest.DatabaseEntry);
            if (settings.Provider == DatabaseProvider.Sqlite)
            {
                ReplaceSqlite(settings, database);
            }
            else
            {
                var name = new NpgsqlConnectionStringBuilder(settings.ConnectionString).Database ?? new NpgsqlConnectionStringBuilder(settings.ConnectionString).Username!;
                await PostgresTools.RunAsync("pg_restore", settings,
                    ["--clean", "--if-exists", "--single-transaction", "--exit-on-error", "--no-owner", "--no-acl", "--dbname", name, database], null, cancellationToken);
            }
        }
        catch
        {
            foreach (var file in added)
            {
                File.Delete(file);
            }

            throw;
        }

        progress?.Report($"restore: database replaced; {added.Count} attachments added");
        var removed = 0;
        foreach (var (relative, file) in DatabaseBackup.StoredAttachments(store).ToList())
        {
            if (!restored.Contains(relative))
            {
                File.Delete(file);
                removed++;
            }
        }

        foreach (var part in manifest.Parts.Where(p => p.Path.StartsWith(BackupManifest.FilesPrefix, StringComparison.Ordinal)))
        {
            File.Move(Path.Combine(staging, part.Path), Path.Combine(settings.DataDirectory, part.Path[BackupManifest.FilesPrefix.Length..]), overwrite: true);
        }

        if (removed > 0)
        {
            progress?.Report($"restore: {removed} attachments not in the backup removed");
        }
    }

    /// <summary>
    /// The unpacked file copied into the live database by SQLite's backup API: one write transaction under the live
    /// file's journal, so a crash half-way leaves the old database, and connections still open see the new one.
    /// </summary>
    private static void ReplaceSqlite(DatabaseSettings settings, string unpacked)
    {
        var live = DatabaseBackup.SqliteFile(settings);
        Directory.CreateDirectory(Path.GetDirectoryName(live)!);
        using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = unpacked, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        using var destination = new SqliteConnection(new SqliteConnectionStringBuilder(settings.ConnectionString) { Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        source.Open();
        destination.Open();
        source.BackupDatabase(destination);
    }

    /// <summary>A backup of an older schema is brought to this build's, as <c>ecoplan db migrate</c> would.</summary>
    private static async Task<IReadOnlyList<string>> MigrateIfOlderAsync(EcoPlanDbContext db, DatabaseSettings settings, BackupManifest manifest, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        if (db.Database.GetMigrations().LastOrDefault() == manifest.LastMigration)
        {
            return [];
        }

        var applied = await DatabaseInitializer.MigrateAsync(db, settings, cancellationToken);
        progress?.Report($"restore: the backup's schema was older; applied {string.Join(", ", applied)}");
        return applied;
    }
}
