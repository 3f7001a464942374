using System.Text.Json;
using EcoPlan.Core.Data;
using EcoPlan.Testing;

namespace EcoPlan.Cli.Tests.Plans;

public sealed class PlanAlignCommandTests
{
    private static string Sample(string name) => RepositoryPaths.Of(Path.Combine("samples", "plans", name));

    [Fact]
    public async Task PlanAlign_TheSamplePair_PrintsEachTongzhouRowWithItsBeijingMeasuresFirst()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        string[] db = ["--data-dir", database.Settings.DataDirectory];
        Assert.Equal(0, (await CliRunner.RunAsync(["plan", "import", Sample("beijing-2025-ecological-protection.txt"), "--publish", .. db])).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(["plan", "import", Sample("tongzhou-2026-ecological-protection.txt"), "--publish", .. db])).ExitCode);

        var json = await CliRunner.RunAsync(["plan", "align", "1", "2", "--json", .. db]);
        var text = await CliRunner.RunAsync(["plan", "align", "1", "2", .. db]);
        var wrongWay = await CliRunner.RunAsync(["plan", "align", "2", "1", .. db]);

        Assert.Equal(0, json.ExitCode);
        var rows = JsonDocument.Parse(json.Output).RootElement.EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, 20), rows.Select(r => r.GetProperty("district").GetInt32()));
        var row7 = rows[6].GetProperty("suggestions")[0];
        Assert.Equal("9.3", row7.GetProperty("city").GetString());
        Assert.True(row7.GetProperty("measure_id").GetInt32() > 0);
        Assert.InRange(row7.GetProperty("score").GetDouble(), 0.15, 1);
        Assert.Equal("12.2", rows[16].GetProperty("suggestions")[0].GetProperty("city").GetString());
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("7\t9.3 ", text.Output, StringComparison.Ordinal);
        Assert.Contains("建设生态保育小区", text.Output, StringComparison.Ordinal);
        Assert.Equal(2, wrongWay.ExitCode);
        Assert.Contains("没有上级地区", wrongWay.Error, StringComparison.Ordinal);
    }
}
