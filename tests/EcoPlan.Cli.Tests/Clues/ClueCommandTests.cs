using System.Text.Json;
using EcoPlan.Core.Data;
using EcoPlan.Testing;

namespace EcoPlan.Cli.Tests.Clues;

/// <summary>The clue commands as a coordinator's script runs them, on the sample boundaries and batch of samples/clues.</summary>
public sealed class ClueCommandTests
{
    private static string Sample(string name) => RepositoryPaths.Of(Path.Combine("samples", "clues", name));

    [Fact]
    public async Task BoundariesThenTheSampleBatch_DryRunThenImport_PrintTheIssuesJson_AndListAndTrailAgree()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        string[] db = ["--data-dir", database.Settings.DataDirectory];
        string[] batch = ["clue", "import", Sample("red-line-2026-batch1.geojson"), "--source", "RedLine", "--batch", "2026年第一批",
            "--received", "2026-05-20", "--deadline", "2026-06-30", "--json", .. db];

        var boundaries = await CliRunner.RunAsync(["region", "boundaries", "import", Sample("tongzhou-townships.geojson"), .. db]);
        var dryRun = await CliRunner.RunAsync([.. batch, "--dry-run"]);
        var imported = await CliRunner.RunAsync(batch);
        var again = await CliRunner.RunAsync([.. batch.Select(a => a == "2026年第一批" ? "2026年第一批（重报）" : a)]);
        var list = await CliRunner.RunAsync(["clue", "list", "--json", .. db]);
        var trail = await CliRunner.RunAsync(["clue", "verify-trail", .. db]);

        Assert.Equal(0, boundaries.ExitCode);
        Assert.Equal(0, dryRun.ExitCode);
        var preview = JsonDocument.Parse(dryRun.Output).RootElement.EnumerateArray().ToList();
        Assert.Equal(30, preview.Count);
        Assert.All(preview, row =>
        {
            Assert.Equal(["id", "source_ids", "township_code", "cooperating_township_codes", "duplicate_of", "area_m2"], row.EnumerateObject().Select(p => p.Name));
            Assert.Equal(JsonValueKind.Null, row.GetProperty("id").ValueKind);
            Assert.Equal(JsonValueKind.Null, row.GetProperty("duplicate_of").ValueKind);
        });
        // The sample's three point clues have no area; its polygons are a few hundred m² each.
        Assert.Equal(3, preview.Count(r => r.GetProperty("area_m2").GetDouble() == 0));
        Assert.All(preview.Where(r => r.GetProperty("area_m2").GetDouble() > 0), r => Assert.InRange(r.GetProperty("area_m2").GetDouble(), 10, 100_000));
        Assert.Equal("HD2026-001", preview[0].GetProperty("source_ids")[0].GetString());
        Assert.All(preview.Where(r => r.GetProperty("township_code").ValueKind == JsonValueKind.String),
            r => Assert.StartsWith("110112", r.GetProperty("township_code").GetString(), StringComparison.Ordinal));

        Assert.Equal(0, imported.ExitCode);
        var rows = JsonDocument.Parse(imported.Output).RootElement.EnumerateArray().ToList();
        var ids = rows.Select(r => r.GetProperty("id").GetInt32()).ToList();
        Assert.Equal(30, ids.Distinct().Count());
        // The same places again in another batch: every one merges into its open clue, with the batch's code beside the first.
        Assert.Equal(0, again.ExitCode);
        var repeats = JsonDocument.Parse(again.Output).RootElement.EnumerateArray().ToList();
        Assert.Equal(ids, repeats.Select(r => r.GetProperty("duplicate_of").GetInt32()));
        Assert.Equal(ids, repeats.Select(r => r.GetProperty("id").GetInt32()));

        Assert.Equal(0, list.ExitCode);
        Assert.Equal(ids.Order(), JsonDocument.Parse(list.Output).RootElement.EnumerateArray().Select(r => r.GetProperty("id").GetInt32()).Order());
        Assert.Equal(0, trail.ExitCode);
    }

    [Fact]
    public async Task ABatchWithDatesOutOfOrder_IsRefusedWithExit2_AndNothingIsStored()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        string[] db = ["--data-dir", database.Settings.DataDirectory];

        var refused = await CliRunner.RunAsync(["clue", "import", Sample("red-line-2026-batch1.geojson"), "--source", "RedLine", "--batch", "第一批",
            "--district", "110112", "--received", "2026-07-01", "--deadline", "2026-06-30", .. db]);
        var list = await CliRunner.RunAsync(["clue", "list", "--json", .. db]);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("核查时限不能早于接收日期", refused.Error, StringComparison.Ordinal);
        Assert.Equal("[]", list.Output.Trim());
    }
}
