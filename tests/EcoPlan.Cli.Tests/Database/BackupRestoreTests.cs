using System.Collections.Concurrent;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using EcoPlan.Core.Accounts;
using EcoPlan.Core.Data;
using EcoPlan.Core.Data.Backup;
using EcoPlan.Core.Import;
using EcoPlan.Core.Plans;
using EcoPlan.Core.Progress;
using EcoPlan.Testing;
using Xunit.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace EcoPlan.Cli.Tests.Database;

/// <summary><c>ecoplan db backup</c> and <c>db restore</c> on real databases: taken while reports are being submitted, checked, refused when they must be.</summary>
public sealed class BackupRestoreTests(ITestOutputHelper log) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ecoplan-backup-").FullName;

    private string BackupFile => Path.Combine(_directory, "ecoplan-backup.zip");

    /// <summary>The options that point the CLI at a test database and its data directory (where the attachments are).</summary>
    private static string[] Target(TestDatabase database) => database.Provider == DatabaseProvider.Sqlite
        ? ["--data-dir", database.Settings.DataDirectory]
        : ["--provider", "postgres", "--connection", database.Settings.ConnectionString, "--data-dir", database.Settings.DataDirectory];

    /// <summary>A submitted report the workflow acknowledged: what must be in any backup started after it.</summary>
    private sealed record Acknowledged(int ReportId, string Narrative, string AttachmentSha256);

    /// <summary>Unit users submitting reports with a photo (September's, or those of the months given), one measure after another, each through its own context as web requests do.</summary>
    private sealed class ReportWriter(TestDatabase database, IReadOnlyList<(int MeasureId, UserAccess Unit)> reporters, params int[] months)
    {
        public ConcurrentQueue<Acknowledged> Acknowledged { get; } = new();
        public ConcurrentQueue<string> Failures { get; } = new();

        public async Task RunAsync(CancellationToken stop)
        {
            var store = new FileSystemAttachmentStore(database.Settings.AttachmentsDirectory);
            // Each measure's report for September, then for October and so on: enough writes to outlast a slow backup.
            var writes = reporters.SelectMany(_ => months is [] ? [9] : months, (reporter, month) => (reporter.MeasureId, reporter.Unit, Month: month))
                .OrderBy(w => w.Month).ToList();
            for (var i = 0; i < writes.Count && !stop.IsCancellationRequested; i++)
            {
                var (measure, unit, month) = writes[i];
                var narrative = $"第{i}次报送：已完成现场核查。";
                // A PNG signature and a unique tail: a distinct file, accepted as an image by its content.
                byte[] photo = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. RandomNumberGenerator.GetBytes(2048)];
                await using var db = database.NewContext();
                var workflow = new ProgressWorkflow(db, TimeProvider.System, new AttachmentStorage(store, 1 << 20));
                var result = await workflow.SaveAsync(unit, measure, new DateOnly(2026, month, 1), new ReportContent(ProgressStatus.InProgress, 50, narrative),
                    submit: true, files: [new AttachmentUpload($"现场{i}.png", photo)]);
                if (result.Value is { } report)
                {
                    Acknowledged.Enqueue(new Acknowledged(report.Id, narrative, Convert.ToHexStringLower(SHA256.HashData(photo))));
                }
                else
                {
                    Failures.Enqueue(result.Error!.Message);
                }
            }
        }
    }

    private static async Task<IReadOnlyList<(int MeasureId, UserAccess Unit)>> PublishTongzhouAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        var document = await PlanDocumentReader.ReadAsync(RepositoryPaths.Of("samples/plans/tongzhou-2026-ecological-protection.txt"));
        var plan = await new PlanImporter(db, TimeProvider.System).ImportAsync(document, new ImportDecisions { Publish = true });
        var responsible = await db.MeasureAssignments
            .Where(a => a.Measure!.Task!.Section!.PlanId == plan.Id && a.Role == AssignmentRole.Responsible && a.OrganizationId != null)
            .Select(a => new { a.MeasureId, Organization = a.OrganizationId!.Value, a.Organization!.RegionId, RegionCode = a.Organization.Region!.Code })
            .OrderBy(a => a.MeasureId).ThenBy(a => a.Organization).ToListAsync();
        return [.. responsible.DistinctBy(a => (a.MeasureId, a.Organization))
            .Select(a => (a.MeasureId, new UserAccess(1000 + a.Organization, $"unit{a.Organization}", Roles.Unit, a.Organization, "", a.RegionId, a.RegionCode, null)))];
    }

    [ProviderTheory]
    public async Task BackupWhileReportsAreSubmitted_RestoresEveryAcknowledgedReportAndAttachment(DatabaseProvider provider)
    {
        await using var source = await TestDatabase.CreateMigratedAsync(provider);
        var reporters = await PublishTongzhouAsync(source);
        var writer = new ReportWriter(source, reporters, 9, 10, 11);
        using var stop = new CancellationTokenSource();
        var writing = writer.RunAsync(stop.Token);
        while (writer.Acknowledged.Count < 5 && !writing.IsCompleted)
        {
            await Task.Delay(10);
        }

        var before = writer.Acknowledged.ToList();
        var backup = await CliRunner.RunAsync(["db", "backup", "-o", BackupFile, .. Target(source)]);
        var after = writer.Acknowledged.Count;
        await stop.CancelAsync();
        await writing;

        log.WriteLine($"{before.Count} reports acknowledged before the backup, {after - before.Count} while it ran, {writer.Acknowledged.Count - after} after");
        Assert.True(backup.ExitCode == 0, backup.Error);
        Assert.Contains("Backup written", backup.Output, StringComparison.Ordinal);
        Assert.Contains("backup: database", backup.Error, StringComparison.Ordinal);
        // Nothing left beside the backup: no .partial, no copy of the database or its WAL.
        Assert.Equal([Path.GetFileName(BackupFile)], Directory.GetFiles(_directory).Select(Path.GetFileName));
        Assert.Empty(writer.Failures);
        Assert.True(writing.IsCompletedSuccessfully);
        Assert.True(before.Count >= 5, $"only {before.Count} reports were acknowledged before the backup");
        Assert.True(writer.Acknowledged.Count < reporters.Count, "the writes ended before the backup did; give them more periods");
        await using var target = await TestDatabase.CreateAsync(provider);
        var restore = await CliRunner.RunAsync(["db", "restore", BackupFile, .. Target(target)]);

        Assert.True(restore.ExitCode == 0, restore.Error);
        Assert.Contains("Restored", restore.Output, StringComparison.Ordinal);
        await using var restored = target.NewContext();
        var reports = await restored.ProgressReports.Include(r => r.Versions).ToDictionaryAsync(r => r.Id);
        var attachments = await restored.ReportAttachments.ToListAsync();
        foreach (var acknowledged in before)
        {
            var report = Assert.Contains(acknowledged.ReportId, reports);
            Assert.Equal((ReportState.Submitted, acknowledged.Narrative), (report.State, report.Versions.Single().Narrative));
            Assert.Contains(attachments, a => a.ReportId == acknowledged.ReportId && a.Sha256 == acknowledged.AttachmentSha256);
        }

        // Every attachment row of the restored database has its file, byte for byte the file of the source.
        Assert.NotEmpty(attachments);
        foreach (var attachment in attachments)
        {
            var relative = Path.Combine(attachment.Sha256[..2], attachment.Sha256);
            var restoredBytes = await File.ReadAllBytesAsync(Path.Combine(target.Settings.AttachmentsDirectory, relative));
            Assert.Equal(attachment.Sha256, Convert.ToHexStringLower(SHA256.HashData(restoredBytes)));
            Assert.Equal(restoredBytes, await File.ReadAllBytesAsync(Path.Combine(source.Settings.AttachmentsDirectory, relative)));
        }

        Assert.True(reports.Count >= before.Count && reports.Count <= after + 1, $"{reports.Count} reports restored; {before.Count} acknowledged before the backup, {after} when it ended");
        var plan = await CliRunner.RunAsync(["plan", "list", .. Target(target)]);
        Assert.Contains("加快绿色低碳转型", plan.Output, StringComparison.Ordinal);
    }

    [ProviderTheory]
    public async Task Restore_BackupOfANewerSchema_IsRefusedAndChangesNothing(DatabaseProvider provider)
    {
        await using var source = await TestDatabase.CreateMigratedAsync(provider);
        Assert.Equal(0, (await CliRunner.RunAsync(["db", "backup", "-o", BackupFile, .. Target(source)])).ExitCode);
        await using (var zip = ZipFile.Open(BackupFile, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry(BackupManifest.EntryName)!;
            JsonNode manifest;
            await using (var read = entry.Open())
            {
                manifest = (await JsonNode.ParseAsync(read))!;
            }

            manifest["lastMigration"] = "29990101000000_FromTheFuture";
            manifest["ecoPlanVersion"] = "99.0.0";
            entry.Delete();
            await using var write = zip.CreateEntry(BackupManifest.EntryName).Open();
            await write.WriteAsync(System.Text.Encoding.UTF8.GetBytes(manifest.ToJsonString()));
        }

        await using var target = await TestDatabase.CreateAsync(provider);
        var (exitCode, output, error) = await CliRunner.RunAsync(["db", "restore", BackupFile, .. Target(target)]);

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        string newest;
        await using (var db = target.NewContext())
        {
            newest = db.Database.GetMigrations().Last();
        }

        Assert.Equal($"ecoplan: {BackupFile}：备份来自更新的数据库结构（最后一次迁移“29990101000000_FromTheFuture”，EcoPlan 99.0.0），本版本不认识该迁移（本版本最新为“{newest}”）；请用不低于 99.0.0 的 EcoPlan 恢复",
            error.Trim());
        await AssertEmptyAsync(target);
    }

    [ProviderTheory]
    public async Task Restore_DamagedBackup_IsRefusedAndChangesNothing(DatabaseProvider provider)
    {
        await using var source = await TestDatabase.CreateMigratedAsync(provider);
        var reporters = await PublishTongzhouAsync(source);
        await new ReportWriter(source, [.. reporters.Take(3)]).RunAsync(CancellationToken.None);
        Assert.Equal(0, (await CliRunner.RunAsync(["db", "backup", "-o", BackupFile, .. Target(source)])).ExitCode);
        var bytes = await File.ReadAllBytesAsync(BackupFile);
        var flipped = Path.Combine(_directory, "flipped.zip");
        var truncated = Path.Combine(_directory, "truncated.zip");
        var attachmentChanged = Path.Combine(_directory, "attachment-changed.zip");
        // One bit of the database part (which comes first, after its 30-byte local header and its name) flipped on disk.
        var damaged = (byte[])bytes.Clone();
        damaged[200] ^= 0x10;
        await File.WriteAllBytesAsync(flipped, damaged);
        await File.WriteAllBytesAsync(truncated, bytes[..(bytes.Length / 2)]);
        File.Copy(BackupFile, attachmentChanged);
        string changedPart;
        await using (var zip = ZipFile.Open(attachmentChanged, ZipArchiveMode.Update))
        {
            var entry = zip.Entries.First(e => e.FullName.StartsWith(BackupManifest.AttachmentsPrefix, StringComparison.Ordinal));
            changedPart = entry.FullName;
            entry.Delete();
            await using var write = zip.CreateEntry(changedPart).Open();
            await write.WriteAsync(new byte[] { 0x89, 0x50, 0x4E, 0x47, 1, 2, 3 });
        }

        await using var target = await TestDatabase.CreateAsync(provider);
        var flippedResult = await CliRunner.RunAsync(["db", "restore", flipped, .. Target(target)]);
        var truncatedResult = await CliRunner.RunAsync(["db", "restore", truncated, .. Target(target)]);
        var changedResult = await CliRunner.RunAsync(["db", "restore", attachmentChanged, .. Target(target)]);

        Assert.Equal(2, flippedResult.ExitCode);
        Assert.StartsWith($"ecoplan: {flipped}：备份已损坏，未恢复任何内容：部件“{(provider == DatabaseProvider.Sqlite ? BackupManifest.SqliteDatabaseEntry : BackupManifest.PostgresDumpEntry)}”", flippedResult.Error, StringComparison.Ordinal);
        Assert.Equal((2, $"ecoplan: {truncated}：不是 EcoPlan 备份文件，或已损坏"), (truncatedResult.ExitCode, truncatedResult.Error.Split('（')[0]));
        Assert.Equal((2, $"ecoplan: {attachmentChanged}：备份已损坏，未恢复任何内容：部件“{changedPart}”的长度或 SHA-256 与清单不符"), (changedResult.ExitCode, changedResult.Error.Trim()));
        await AssertEmptyAsync(target);
    }

    [ProviderTheory]
    public async Task Restore_OverANonEmptyDatabase_NeedsForce(DatabaseProvider provider)
    {
        await using var source = await TestDatabase.CreateMigratedAsync(provider);
        var reporters = await PublishTongzhouAsync(source);
        var writer = new ReportWriter(source, [.. reporters.Take(2)]);
        await writer.RunAsync(CancellationToken.None);
        Assert.Equal(0, (await CliRunner.RunAsync(["db", "backup", "-o", BackupFile, .. Target(source)])).ExitCode);
        await using var target = await TestDatabase.CreateMigratedAsync(provider);
        // The target has a report and an attachment of its own that the backup does not have.
        var targetReporters = await PublishTongzhouAsync(target);
        var targetWriter = new ReportWriter(target, [.. targetReporters.Skip(5).Take(1)]);
        await targetWriter.RunAsync(CancellationToken.None);
        var own = Assert.Single(targetWriter.Acknowledged);

        var refused = await CliRunner.RunAsync(["db", "restore", BackupFile, .. Target(target)]);
        await using (var unchanged = target.NewContext())
        {
            Assert.Equal(2, refused.ExitCode);
            Assert.Matches($"^ecoplan: {System.Text.RegularExpressions.Regex.Escape(target.Settings.Describe())} 不是空的（\\d+ 张表，1 个附件）；恢复将替换其中的全部数据。确认后加 --force 再运行$", refused.Error.Trim());
            Assert.Equal([own.ReportId], await unchanged.ProgressReports.Select(r => r.Id).ToListAsync());
        }

        var forced = await CliRunner.RunAsync(["db", "restore", BackupFile, "--force", .. Target(target)]);

        Assert.True(forced.ExitCode == 0, forced.Error);
        await using var restored = target.NewContext();
        Assert.Equal(writer.Acknowledged.Select(a => a.ReportId).Order(), await restored.ProgressReports.Select(r => r.Id).OrderBy(id => id).ToListAsync());
        Assert.Equal(writer.Acknowledged.Select(a => a.AttachmentSha256).Order(StringComparer.Ordinal),
            DatabaseBackupFiles(target).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(own.AttachmentSha256, DatabaseBackupFiles(target).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Restore_SqliteBackupIntoPostgres_IsRefused()
    {
        await using var source = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        Assert.Equal(0, (await CliRunner.RunAsync(["db", "backup", "-o", BackupFile, .. Target(source)])).ExitCode);

        var (exitCode, _, error) = await CliRunner.RunAsync("db", "restore", BackupFile, "--provider", "postgres", "--connection", "Host=127.0.0.1;Port=1;Database=x;Username=u");

        Assert.Equal((2, $"ecoplan: {BackupFile}：这是 sqlite 数据库的备份，而当前配置的数据库是 postgres（EcoPlan:DatabaseProvider）；不支持跨数据库类型恢复"), (exitCode, error.Trim()));
    }

    [Fact]
    public async Task Backup_ToAnExistingFile_IsRefused()
    {
        await using var source = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        await File.WriteAllTextAsync(BackupFile, "keep me");

        var (exitCode, _, error) = await CliRunner.RunAsync(["db", "backup", "-o", BackupFile, .. Target(source)]);

        Assert.Equal((2, $"ecoplan: {BackupFile} 已存在；请换一个文件名，或先删除它"), (exitCode, error.Trim()));
        Assert.Equal("keep me", await File.ReadAllTextAsync(BackupFile));
    }

    private static IEnumerable<string> DatabaseBackupFiles(TestDatabase database) =>
        Directory.Exists(database.Settings.AttachmentsDirectory) ? Directory.EnumerateFiles(database.Settings.AttachmentsDirectory, "*", SearchOption.AllDirectories) : [];

    /// <summary>A refused restore left the target as it was: no table, no attachment, no staging directory.</summary>
    private static async Task AssertEmptyAsync(TestDatabase target)
    {
        Assert.Empty(DatabaseBackupFiles(target));
        if (Directory.Exists(target.Settings.DataDirectory))
        {
            Assert.Empty(Directory.EnumerateDirectories(target.Settings.DataDirectory, ".restore-*"));
        }

        await using var db = target.NewContext();
        Assert.Empty(await db.Database.GetAppliedMigrationsAsync());
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
