using EcoPlan.Core.Data;
using EcoPlan.Testing;

namespace EcoPlan.Cli.Tests.Plans;

public sealed class PlanImportCommandTests
{

    private static string Sample(string name) => RepositoryPaths.Of(Path.Combine("samples", "plans", name));

    [ProviderTheory]
    public async Task PlanImport_BothSamples_ThenListShowsThemAndASecondImportIsRefused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        string[] db = provider == DatabaseProvider.Sqlite
            ? ["--data-dir", database.Settings.DataDirectory]
            : ["--provider", "postgres", "--connection", database.Settings.ConnectionString];

        var tongzhou = await CliRunner.RunAsync(["plan", "import", Sample("tongzhou-2026-ecological-protection.txt"), .. db]);
        var beijing = await CliRunner.RunAsync(["plan", "import", Sample("beijing-2025-ecological-protection.txt"), "--publish", .. db]);
        var again = await CliRunner.RunAsync(["plan", "import", Sample("tongzhou-2026-ecological-protection.txt"), .. db]);
        var list = await CliRunner.RunAsync(["plan", "list", .. db]);

        Assert.Equal(0, tongzhou.ExitCode);
        Assert.Contains("(draft)", tongzhou.Output, StringComparison.Ordinal);
        Assert.Contains("20 measures", tongzhou.Output, StringComparison.Ordinal);
        Assert.Equal(0, beijing.ExitCode);
        Assert.Contains("(published)", beijing.Output, StringComparison.Ordinal);
        Assert.Contains("check the lead/responsible/cooperating split", beijing.Output, StringComparison.Ordinal);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("此文件已导入为计划", again.Error, StringComparison.Ordinal);
        var rows = list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r.Contains("\t通州区\tdraft\t12\t20\t", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PlanImport_UnknownUnit_IsRefusedUnlessAskedToCreate()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        var file = Path.Combine(database.Settings.DataDirectory, "revised.txt");
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(Sample("tongzhou-2026-ecological-protection.txt"))).Replace("区交通委", "区新设局", StringComparison.Ordinal));

        var refused = await CliRunner.RunAsync("plan", "import", file, "--data-dir", database.Settings.DataDirectory);
        var created = await CliRunner.RunAsync("plan", "import", file, "--create-unknown-units", "--data-dir", database.Settings.DataDirectory);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("区新设局", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, created.ExitCode);
    }

    [ProviderTheory]
    public async Task PlanExport_ThenParse_GivesTheSamePlanAsTheOriginal(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        string[] db = provider == DatabaseProvider.Sqlite
            ? ["--data-dir", database.Settings.DataDirectory]
            : ["--provider", "postgres", "--connection", database.Settings.ConnectionString];
        Directory.CreateDirectory(database.Settings.DataDirectory);
        var sample = Sample("tongzhou-2026-ecological-protection.txt");
        Assert.Equal(0, (await CliRunner.RunAsync(["plan", "import", sample, .. db])).ExitCode);
        var id = (await CliRunner.RunAsync(["plan", "list", .. db])).Output.Split('\n')[1].Split('\t')[0];

        foreach (var format in (string[])["docx", "xlsx"])
        {
            var file = Path.Combine(database.Settings.DataDirectory, $"export.{format}");
            var export = await CliRunner.RunAsync(["plan", "export", id, "--format", format, "-o", file, .. db]);
            var original = await CliRunner.RunAsync("plan", "parse", sample);
            var again = await CliRunner.RunAsync("plan", "parse", file);

            Assert.Equal(0, export.ExitCode);
            Assert.Equal(original.Output, again.Output);
        }

        var missing = await CliRunner.RunAsync(["plan", "export", "999", "--format", "docx", "-o", Path.Combine(database.Settings.DataDirectory, "x.docx"), .. db]);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no plan 999", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemindersRun_AfterImport_NotifiesAndASecondRunSendsNothing()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        string[] db = ["--data-dir", database.Settings.DataDirectory];
        Assert.Equal(0, (await CliRunner.RunAsync(["plan", "import", Sample("tongzhou-2026-ecological-protection.txt"), "--publish", .. db])).ExitCode);

        var first = await CliRunner.RunAsync(["reminders", "run", .. db]);
        var second = await CliRunner.RunAsync(["reminders", "run", .. db]);

        Assert.Equal(0, first.ExitCode);
        // Today is past the plan's 9月底 deadlines, so units are overdue (escalation needs coordinator accounts, which this database has none of).
        Assert.Contains("Overdue\t", first.Output, StringComparison.Ordinal);
        Assert.EndsWith("0 new reminder(s); e-mail off (EcoPlan:Smtp:Host not set).", second.Output.Trim(), StringComparison.Ordinal);
    }
}
