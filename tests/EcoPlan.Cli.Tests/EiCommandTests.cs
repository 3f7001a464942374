using System.Text.Json;

namespace EcoPlan.Cli.Tests;

public sealed class EiCommandTests : IDisposable
{
    private const string Hj192Header = "region_code,year,biological_abundance,vegetation_cover,water_network_density,land_stress,pollution_load,environmental_restriction";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ecoplan-tests", Guid.NewGuid().ToString("N"));

    public EiCommandTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string WriteFile(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Compute_Json_GivesEiGradeDeltaAndChangeClass()
    {
        var file = WriteFile("ei.csv", $"""
            {Hj192Header}
            110112,2024,40,60,30,35,20,0
            110112,2025,50,60,30,35,20,0
            110105,2025,80,90,80,10,10,2
            """);

        var (exitCode, output, error) = await CliRunner.RunAsync("ei", "compute", file, "--method", "hj192-2015", "--base-year", "2024", "--json");

        Assert.Equal(0, exitCode);
        Assert.Empty(error);
        using var json = JsonDocument.Parse(output);
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(3, rows.Count);

        // 2024: 0.35·40 + 0.25·60 + 0.15·30 + 0.15·65 + 0.10·80 = 51.25 → 51.3, 一般; the base year has no delta.
        Assert.Equal("110112", rows[0].GetProperty("region_code").GetString());
        Assert.Equal(2024, rows[0].GetProperty("year").GetInt32());
        Assert.Equal(51.3m, rows[0].GetProperty("ei").GetDecimal());
        Assert.Equal("一般", rows[0].GetProperty("grade").GetString());
        Assert.Equal(JsonValueKind.Null, rows[0].GetProperty("delta").ValueKind);
        Assert.Equal(JsonValueKind.Null, rows[0].GetProperty("change_class").ValueKind);

        // 2025: 51.25 + 0.35·10 = 54.75 → 54.8, 一般; Δ = 54.8 − 51.3 = 3.5 → 明显变好.
        Assert.Equal(54.8m, rows[1].GetProperty("ei").GetDecimal());
        Assert.Equal(3.5m, rows[1].GetProperty("delta").GetDecimal());
        Assert.Equal("明显变好", rows[1].GetProperty("change_class").GetString());

        // 110105 (朝阳区) 2025: 28 + 22.5 + 12 + 13.5 + 9 = 85.0 (优), restriction level 2 → 74.9 (良); no base year row.
        Assert.Equal(74.9m, rows[2].GetProperty("ei").GetDecimal());
        Assert.Equal("良", rows[2].GetProperty("grade").GetString());
        Assert.Equal(85.0m, rows[2].GetProperty("ei_unrestricted").GetDecimal());
        Assert.Equal(JsonValueKind.Null, rows[2].GetProperty("delta").ValueKind);
    }

    [Fact]
    public async Task Compute_Json_WritesEiWithOneDecimal()
    {
        // 0.35·60 + 0.25·60 + 0.15·60 + 0.15·40 + 0.10·40 = 21 + 15 + 9 + 6 + 4 = 55 → "55.0"
        var file = WriteFile("ei.csv", $"{Hj192Header}\n110112,2025,60,60,60,60,60,0\n");

        var (exitCode, output, _) = await CliRunner.RunAsync("ei", "compute", file, "--method", "hj192-2015", "--json");

        Assert.Equal(0, exitCode);
        Assert.Contains("\"ei\": 55.0,", output, StringComparison.Ordinal);
        Assert.Contains("\"grade\": \"良\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compute_Table_ShowsRowsAndDeclines()
    {
        var file = WriteFile("ei.csv", $"{Hj192Header}\n110112,2024,40,60,30,35,20,0\n110112,2025,41.5,62,28.5,34,19,0\n");

        var (exitCode, output, error) = await CliRunner.RunAsync("ei", "compute", file, "--method", "hj192-2015");

        Assert.Equal(0, exitCode);
        Assert.Empty(error);
        // 2025: 14.525 + 15.5 + 4.275 + 9.9 + 8.1 = 52.3; Δ = 52.3 − 51.3 = +1.0 → 略微变好
        Assert.Contains("110112\t通州区\t2025\t52.3\t一般\t-\t2024\t+1.0\t略微变好", output, StringComparison.Ordinal);
        Assert.Contains("水网密度指数 (water_network_density)\t30 → 28.5 (-1.5)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compute_Db11WithoutWeights_SaysSoAndListsDeclinesWithOwners()
    {
        var columns = "region_code,year,air_environment,water_network_density,natural_shoreline_retention,forest_land,grassland,artificial_surface,unused_land,ecosystem_type_diversity,protected_area,cultivated_land,species_diversity,invasive_species,water_environment,soil_environment";
        var file = WriteFile("db11.csv", $"""
            {columns}
            110112,2024,70,40,60,50,30,45,80,55,20,60,50,70,65,75
            110112,2025,71,39,61,50,30,45,80,55,20,60,48,70,64,75
            """);

        var table = await CliRunner.RunAsync("ei", "compute", file, "--method", "db11-1877");
        var json = await CliRunner.RunAsync("ei", "compute", file, "--method", "db11-1877", "--json");

        Assert.Equal(0, table.ExitCode);
        Assert.Contains("weights not configured", table.Output, StringComparison.Ordinal);
        Assert.Contains("物种多样性指数 (species_diversity)\t50 → 48 (-2)\t区园林绿化局、区农业农村局", table.Output, StringComparison.Ordinal);
        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.Output);
        var latest = document.RootElement[1];
        Assert.Equal("weights_not_configured", latest.GetProperty("ei_status").GetString());
        Assert.Equal(JsonValueKind.Null, latest.GetProperty("ei").ValueKind);
        var declines = latest.GetProperty("declines").EnumerateArray().Select(d => d.GetProperty("name").GetString()).ToList();
        Assert.Equal(["水网密度指数", "物种多样性指数", "水环境指数"], declines);
        Assert.Equal(["区生态环境局", "区水务局"], latest.GetProperty("declines")[2].GetProperty("owners").EnumerateArray().Select(o => o.GetString()));
    }

    [Fact]
    public async Task Compute_Db11WithAWeightsFile_ComputesEi()
    {
        var keys = new[] { "air_environment", "water_network_density", "natural_shoreline_retention", "forest_land", "grassland", "artificial_surface", "unused_land", "ecosystem_type_diversity", "protected_area", "cultivated_land", "species_diversity", "invasive_species", "water_environment", "soil_environment" };
        // Test weights: 0.35 on 大气环境指数, 0.05 on each of the other 13 (0.35 + 13 × 0.05 = 1).
        var weights = WriteFile("weights.json", JsonSerializer.Serialize(new
        {
            methodology = "db11-1877",
            source = "test",
            weights = keys.ToDictionary(k => k, k => k == "air_environment" ? 0.35m : 0.05m),
        }));
        var file = WriteFile("db11.csv", $"region_code,year,{string.Join(',', keys)}\n110112,2025,80,{string.Join(',', Enumerable.Repeat("60", 13))}\n");

        var (exitCode, output, error) = await CliRunner.RunAsync("ei", "compute", file, "--method", "db11-1877", "--weights", weights, "--json");

        Assert.Equal(0, exitCode);
        Assert.Empty(error);
        // 0.35·80 + 0.65·60 = 28 + 39 = 67.0 → 良
        using var document = JsonDocument.Parse(output);
        Assert.Equal(67.0m, document.RootElement[0].GetProperty("ei").GetDecimal());
        Assert.Equal("良", document.RootElement[0].GetProperty("grade").GetString());
    }

    [Fact]
    public async Task Compute_BadInput_PrintsFileRowColumnAndExits2()
    {
        var file = WriteFile("bad.csv", $"""
            {Hj192Header}
            999999,2024,40,60,30,35,20,0
            110112,2023,40,-1,30,35,x,0
            110112,2024,40,60,30,35,20,0
            110112,2024,40,60,30,35,20,0
            """);

        var (exitCode, output, error) = await CliRunner.RunAsync("ei", "compute", file, "--method", "hj192-2015");

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.Equal(
            [
                $"ecoplan: {file} 第 2 行第 1 列：区划代码：未知的行政区划“999999”（应为区划代码或名称）",
                $"ecoplan: {file} 第 3 行第 4 列：植被覆盖指数：-1 为负数",
                $"ecoplan: {file} 第 3 行第 7 列：污染负荷指数：“x”不是数字",
                $"ecoplan: {file} 第 5 行第 1 列：区划代码：地区 110112 的 2024 年已在第 4 行给出",
            ],
            error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Compute_MissingFileOrBadWeights_Exits2()
    {
        var missing = await CliRunner.RunAsync("ei", "compute", Path.Combine(_directory, "none.csv"), "--method", "hj192-2015");
        var file = WriteFile("ei.csv", "region_code,year\n");
        var badWeights = WriteFile("w.json", """{"weights":{"air_environment":1}}""");
        var weights = await CliRunner.RunAsync("ei", "compute", file, "--method", "db11-1877", "--weights", badWeights);

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("none.csv: no such file", missing.Error, StringComparison.Ordinal);
        Assert.Equal(2, weights.ExitCode);
        Assert.StartsWith($"ecoplan: {badWeights}: 权重缺少", weights.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compute_UnknownMethod_FailsBeforeReading()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("ei", "compute", "x.csv", "--method", "hj192-2006");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("hj192-2006", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Template_WritesTheHeaderAndKeepsAnExistingFile()
    {
        var path = Path.Combine(_directory, "template.csv");

        var first = await CliRunner.RunAsync("ei", "template", "--method", "hj192-2015", "-o", path);
        var second = await CliRunner.RunAsync("ei", "template", "--method", "hj192-2015", "-o", path);
        var stdout = await CliRunner.RunAsync("ei", "template", "--method", "db11-1877");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(Hj192Header + "\n", await File.ReadAllTextAsync(path));
        Assert.Equal(2, second.ExitCode);
        Assert.Contains("already exists", second.Error, StringComparison.Ordinal);
        Assert.Equal(0, stdout.ExitCode);
        Assert.StartsWith("region_code,year,air_environment,", stdout.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Template_OutputFeedsCompute()
    {
        var path = Path.Combine(_directory, "filled.csv");
        await CliRunner.RunAsync("ei", "template", "--method", "hj192-2015", "-o", path);
        await File.AppendAllTextAsync(path, "110112,2025,60,60,60,60,60,0\n");

        var (exitCode, output, _) = await CliRunner.RunAsync("ei", "compute", path, "--method", "hj192-2015", "--json");

        Assert.Equal(0, exitCode);
        Assert.Contains("\"ei\": 55.0", output, StringComparison.Ordinal);
    }
}
