using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EcoPlan.Cli.Tests;

public sealed class GeprCommandTests : IDisposable
{
    private const string QuantityHeader = "region_code,year,service,item,quantity,unit,source";

    /// <summary>The 16 districts of Beijing (GB/T 2260), as in ReferenceData/regions.json.</summary>
    private static readonly string[] s_districts =
        ["110101", "110102", "110105", "110106", "110107", "110108", "110109", "110111", "110112", "110113", "110114", "110115", "110116", "110117", "110118", "110119"];

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ecoplan-tests", Guid.NewGuid().ToString("N"));

    public GeprCommandTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string WriteFile(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The note's prices (2010) from the template, plus a 2024 water price of 8 元/m³.</summary>
    private async Task<string> PricesAsync()
    {
        var path = Path.Combine(_directory, "prices.csv");
        var (exitCode, _, _) = await CliRunner.RunAsync("gepr", "template", "prices", "-o", path);
        Assert.Equal(0, exitCode);
        await File.AppendAllTextAsync(path, "2024,water_conservation,water,8,元/m³,test price,true,\n");
        return path;
    }

    /// <summary>
    /// For district i (0–15) in 2023: 水源涵养 (i + 1) × 1,000,000 m³ and 固碳 (i + 1) × 1,000 t. In 2024 水源涵养
    /// grows by (i − 4) % (the first four districts shrink), 固碳 stays.
    /// </summary>
    private string SixteenDistricts()
    {
        var text = new StringBuilder(QuantityHeader).Append('\n');
        for (var i = 0; i < s_districts.Length; i++)
        {
            var water = (i + 1) * 1_000_000m;
            var carbon = (i + 1) * 1_000m;
            var water2024 = water * (1 + (i - 4) / 100m);
            text.Append(CultureInfo.InvariantCulture, $"{s_districts[i]},2023,water_conservation,water,{water},m³,test\n");
            text.Append(CultureInfo.InvariantCulture, $"{s_districts[i]},2023,carbon_sequestration,co2,{carbon},t,test\n");
            text.Append(CultureInfo.InvariantCulture, $"{s_districts[i]},2024,water_conservation,water,{water2024},m³,test\n");
            text.Append(CultureInfo.InvariantCulture, $"{s_districts[i]},2024,carbon_sequestration,co2,{carbon},t,test\n");
        }

        return WriteFile("quantities.csv", text.ToString());
    }

    [Fact]
    public async Task Compute_SixteenDistricts_GivesValuesGrowthAndSharesAtComparablePrices()
    {
        var quantities = SixteenDistricts();
        var prices = await PricesAsync();

        var (exitCode, output, error) = await CliRunner.RunAsync("gepr", "compute", "--quantities", quantities, "--prices", prices, "--base-year", "2023", "--json");

        Assert.Equal(0, exitCode);
        Assert.Empty(error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("comparable", root.GetProperty("price_basis").GetString());
        Assert.Equal(64, root.GetProperty("lines").GetArrayLength());
        var regions = root.GetProperty("regions").EnumerateArray().ToList();
        Assert.Equal(32, regions.Count);

        // 通州区 (i = 8) 2023: 9,000,000 m³ × 7.06 + 9,000 t × 380 = 63,540,000 + 3,420,000 = 66,960,000
        // 2024 at the prices in force: 9,360,000 m³ (+4 %) × 8 + 3,420,000 = 74,880,000 + 3,420,000 = 78,300,000
        // 2024 at 2023 prices: 9,360,000 × 7.06 + 3,420,000 = 66,081,600 + 3,420,000 = 69,501,600
        // change 2,541,600; growth 2,541,600 / 66,960,000 = 0.037957…
        var tongzhou = regions.Single(r => r.GetProperty("region_code").GetString() == "110112" && r.GetProperty("year").GetInt32() == 2024);
        Assert.Equal("通州区", tongzhou.GetProperty("region_name").GetString());
        Assert.Equal(78_300_000m, tongzhou.GetProperty("value").GetDecimal());
        Assert.Equal(69_501_600m, tongzhou.GetProperty("comparable_value").GetDecimal());
        Assert.Equal(2_541_600m, tongzhou.GetProperty("change").GetDecimal());
        Assert.Equal(0.037957m, tongzhou.GetProperty("growth").GetDecimal());

        // Shares of a year add up to 1 (within the six-decimal rounding of each of the 16).
        var shares2024 = regions.Where(r => r.GetProperty("year").GetInt32() == 2024).Sum(r => r.GetProperty("share").GetDecimal());
        Assert.InRange(shares2024, 0.99999m, 1.00001m);

        // City 2023: Σ(i + 1) = 136; 136,000,000 × 7.06 + 136,000 × 380 = 960,160,000 + 51,680,000 = 1,011,840,000
        var total2023 = root.GetProperty("totals")[0];
        Assert.Equal(1_011_840_000m, total2023.GetProperty("value").GetDecimal());

        // Per service: 通州区 水源涵养 at 2023 prices grows 4 %.
        var water = root.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("region_code").GetString() == "110112"
            && s.GetProperty("year").GetInt32() == 2024 && s.GetProperty("service").GetString() == "water_conservation");
        Assert.Equal(0.04m, water.GetProperty("growth").GetDecimal());
    }

    [Fact]
    public async Task Compute_Table_ShowsLedgerTotalsAndUnconfirmedPrices()
    {
        var quantities = WriteFile("q.csv", $"{QuantityHeader}\n110112,2023,water_conservation,,1000000,m³,test\n110112,2024,water_conservation,,1100000,m³,test\n");
        var prices = await PricesAsync();

        var (exitCode, output, error) = await CliRunner.RunAsync("gepr", "compute", "--quantities", quantities, "--prices", prices);

        Assert.Equal(0, exitCode);
        Assert.Empty(error);
        Assert.Contains("Prices: 1 of the 2 prices used are not confirmed", output, StringComparison.Ordinal);
        // 1,000,000 × 7.06 = 7,060,000 (2010 price, unconfirmed); 1,100,000 × 8 = 8,800,000
        Assert.Contains("110112\t通州区\t2023\t水源涵养\twater\t1000000\tm³\t7.06 元/m³ (unconfirmed)\t2010\t7060000.00", output, StringComparison.Ordinal);
        // Without a base year the change is at the prices in force: 8,800,000 − 7,060,000 = 1,740,000 (+24.65 %)
        Assert.Contains("110112\t通州区\t2024\t8800000.00\t+1740000.00\t+24.65%\t100.00%", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compute_FromModelInputs_GivesTheSameValueAsTheHandWorkedExample()
    {
        var inputs = WriteFile("inputs.csv", """
            region_code,year,service,ecosystem,parameter,value,unit,source
            110112,2024,water_conservation,林地,precipitation,600,mm,气象站
            110112,2024,water_conservation,林地,storm_runoff,50,mm,水文站
            110112,2024,water_conservation,林地,evapotranspiration,400,mm,MODIS
            110112,2024,water_conservation,林地,area,10,km²,土地利用
            """);
        var prices = await PricesAsync();

        var (exitCode, output, error) = await CliRunner.RunAsync("gepr", "compute", "--inputs", inputs, "--prices", prices, "--json");

        // (600 − 50 − 400) mm × 10 km² = 0.15 m × 10,000,000 m² = 1,500,000 m³; × 8 元/m³ (2024) = 12,000,000 元
        Assert.Equal(0, exitCode);
        Assert.Empty(error);
        using var json = JsonDocument.Parse(output);
        var line = json.RootElement.GetProperty("lines")[0];
        Assert.Equal(1_500_000m, line.GetProperty("quantity").GetDecimal());
        Assert.Equal(12_000_000m, line.GetProperty("value").GetDecimal());
        Assert.StartsWith("由 水源涵养 模型（water_conservation）根据 ", line.GetProperty("quantity_source").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compensate_Horizontal_SixteenDistricts_BalancesToTheYuan()
    {
        var quantities = SixteenDistricts();
        var prices = await PricesAsync();
        var rules = WriteFile("rules.json", """
            {
              "mode": "horizontal",
              "rate": 0.5,
              "growth_target": 0.02,
              "growth_targets": { "110119": 0.06 }
            }
            """);

        var (exitCode, output, error) = await CliRunner.RunAsync("gepr", "compensate", "--quantities", quantities, "--prices", prices, "--rules", rules, "--json");

        Assert.Equal(0, exitCode);
        Assert.Empty(error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.False(root.GetProperty("official").GetBoolean());
        Assert.Contains("官方补偿公式未公开", root.GetProperty("label").GetString(), StringComparison.Ordinal);
        Assert.Equal(2024, root.GetProperty("year").GetInt32());
        Assert.Equal(2023, root.GetProperty("price_base_year").GetInt32());
        var districts = root.GetProperty("districts").EnumerateArray().ToDictionary(d => d.GetProperty("region_code").GetString()!);
        Assert.Equal(16, districts.Count);

        // 东城区 (i = 0) 2023 at 2023 prices: 1,000,000 × 7.06 + 1,000 × 380 = 7,440,000; 2024: 960,000 × 7.06 + 380,000 = 7,157,600
        // Δ = −282,400; target 2 % × 7,440,000 = 148,800; shortfall 431,200; pays 0.5 × 431,200 = 215,600 (give or take a yuan)
        var dongcheng = districts["110101"];
        Assert.Equal(431_200m, dongcheng.GetProperty("shortfall").GetDecimal());
        Assert.Equal(215_600m, dongcheng.GetProperty("exact_payment").GetDecimal());
        Assert.InRange(dongcheng.GetProperty("pays").GetInt64(), 215_599, 215_601);
        // 延庆区 (i = 15): 水源涵养 +11 %, 固碳 flat: 2023 16,000,000 × 7.06 + 6,080,000 = 119,040,000; Δ = 1,760,000 × 7.06 = 12,425,600;
        // target 6 % × 119,040,000 = 7,142,400; surplus 5,283,200; receives
        var yanqing = districts["110119"];
        Assert.Equal(5_283_200m, yanqing.GetProperty("surplus").GetDecimal());
        Assert.True(yanqing.GetProperty("receives").GetInt64() > 0);
        Assert.Equal(0, yanqing.GetProperty("pays").GetInt64());

        var paid = root.GetProperty("total_paid").GetInt64();
        Assert.Equal(paid, root.GetProperty("total_received").GetInt64());
        Assert.Equal(paid, districts.Values.Sum(d => d.GetProperty("pays").GetInt64()));
        Assert.Equal(paid, districts.Values.Sum(d => d.GetProperty("receives").GetInt64()));
        var transfers = root.GetProperty("transfers").EnumerateArray().ToList();
        Assert.Equal(paid, transfers.Sum(t => t.GetProperty("amount").GetInt64()));
        foreach (var (code, d) in districts)
        {
            Assert.Equal(d.GetProperty("pays").GetInt64(), transfers.Where(t => t.GetProperty("from_code").GetString() == code).Sum(t => t.GetProperty("amount").GetInt64()));
            Assert.Equal(d.GetProperty("receives").GetInt64(), transfers.Where(t => t.GetProperty("to_code").GetString() == code).Sum(t => t.GetProperty("amount").GetInt64()));
        }
    }

    [Fact]
    public async Task Compensate_Vertical_Table_PrintsWhoPaysWhom()
    {
        var quantities = SixteenDistricts();
        var prices = await PricesAsync();
        var rules = WriteFile("rules.json", """{ "mode": "vertical", "fund": 1000000, "allocate_by": "share", "source": "test fund" }""");

        var (exitCode, output, error) = await CliRunner.RunAsync("gepr", "compensate", "--quantities", quantities, "--prices", prices, "--rules", rules);

        Assert.Equal(0, exitCode);
        Assert.Empty(error);
        Assert.Contains("Compensation for 2024 (vertical). 可配置规则；北京市官方补偿公式未公开（未经确认）。", output, StringComparison.Ordinal);
        Assert.Contains("fund 1000000 元 from 110000, allocated by GEP-R share", output, StringComparison.Ordinal);
        Assert.Contains("110000\t北京市\t110112\t通州区\t", output, StringComparison.Ordinal);
        Assert.Contains("Paid 1000000 元 = received 1000000 元.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compute_BadInput_PrintsFileRowColumnAndExits2()
    {
        var quantities = WriteFile("bad.csv", $"""
            {QuantityHeader}
            999999,2024,water_conservation,,1,m³,x
            110112,2024,water_conservation,,1,t,x
            110112,2024,soil_retention,,1,m³,x
            """);
        var prices = await PricesAsync();

        var (exitCode, output, error) = await CliRunner.RunAsync("gepr", "compute", "--quantities", quantities, "--prices", prices);

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.Equal(
            [
                $"ecoplan: {quantities} 第 2 行第 1 列：region_code：未知的行政区划“999999”（应为区划代码或名称）",
                $"ecoplan: {quantities} 第 3 行第 6 列：unit：water_conservation/water 是体积（m³），不是质量（t）",
                $"ecoplan: {quantities} 第 4 行第 4 列：item：缺少数值；soil_retention 的项目为 siltation, nitrogen, phosphorus",
            ],
            error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Compute_MissingPriceOrBadPrices_Exits2WithTheLine()
    {
        var quantities = WriteFile("q.csv", $"{QuantityHeader}\n110112,2009,water_conservation,,1,m³,x\n");
        var prices = await PricesAsync();
        var badPrices = WriteFile("p.csv", "price_year,service,item,price,unit,source\n2010,water_conservation,water,7.06,元/t,x\n");

        var missing = await CliRunner.RunAsync("gepr", "compute", "--quantities", quantities, "--prices", prices);
        var bad = await CliRunner.RunAsync("gepr", "compute", "--quantities", quantities, "--prices", badPrices);
        var noFile = await CliRunner.RunAsync("gepr", "compute", "--quantities", Path.Combine(_directory, "none.csv"), "--prices", prices);
        var nothing = await CliRunner.RunAsync("gepr", "compute", "--prices", prices);

        Assert.Equal(2, missing.ExitCode);
        Assert.Equal($"ecoplan: {quantities} 第 2 行第 3 列：service：2009 年没有有效的 water_conservation/water 价格（价格表需要一行 price_year ≤ 2009）\n", missing.Error);
        Assert.Equal(2, bad.ExitCode);
        Assert.StartsWith($"ecoplan: {badPrices} 第 2 行第 5 列：unit：单位不匹配：以 m³（体积）计的数量不能按 元/t（质量）计价", bad.Error, StringComparison.Ordinal);
        Assert.Equal(2, noFile.ExitCode);
        Assert.Contains("none.csv: no such file", noFile.Error, StringComparison.Ordinal);
        Assert.Equal(2, nothing.ExitCode);
        Assert.Contains("give --quantities FILE, --inputs FILE or both", nothing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compensate_BadRulesOrMissingYear_Exits2()
    {
        var quantities = WriteFile("q.csv", $"{QuantityHeader}\n110112,2024,water_conservation,,1,m³,x\n");
        var prices = await PricesAsync();
        var badRules = WriteFile("bad.json", "{\n  \"mode\": \"horizontal\",\n  \"rate\": -0.1,\n  \"growth_target\": 0.03\n}\n");
        var goodRules = WriteFile("good.json", "{ \"mode\": \"horizontal\", \"rate\": 0.1, \"growth_target\": 0.03 }");

        var bad = await CliRunner.RunAsync("gepr", "compensate", "--quantities", quantities, "--prices", prices, "--rules", badRules);
        var noPrevious = await CliRunner.RunAsync("gepr", "compensate", "--quantities", quantities, "--prices", prices, "--rules", goodRules);

        Assert.Equal(2, bad.ExitCode);
        Assert.Equal($"ecoplan: {badRules} 第 3 行第 3 列：rate: 不能为负数\n", bad.Error);
        Assert.Equal(2, noPrevious.ExitCode);
        Assert.Contains("110112 通州区 没有上一年的 GEP-R", noPrevious.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Template_WritesEachKindAndKeepsAnExistingFile()
    {
        var quantities = Path.Combine(_directory, "q.csv");
        var first = await CliRunner.RunAsync("gepr", "template", "quantities", "-o", quantities);
        var again = await CliRunner.RunAsync("gepr", "template", "quantities", "-o", quantities);
        var prices = await CliRunner.RunAsync("gepr", "template", "prices");
        var inputs = await CliRunner.RunAsync("gepr", "template", "inputs");
        var rules = await CliRunner.RunAsync("gepr", "template", "rules");
        var unknown = await CliRunner.RunAsync("gepr", "template", "weights");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(QuantityHeader + "\n", await File.ReadAllTextAsync(quantities));
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("already exists", again.Error, StringComparison.Ordinal);
        Assert.StartsWith("price_year,service,item,price,unit,source,confirmed,note\n2010,water_conservation,water,7.06,元/m³,", prices.Output, StringComparison.Ordinal);
        Assert.Equal(17, prices.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal("region_code,year,service,ecosystem,parameter,value,unit,source\n", inputs.Output);
        Assert.Contains("\"mode\": \"horizontal\"", rules.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, unknown.ExitCode);
    }

    [Fact]
    public async Task Template_RulesFeedCompensate()
    {
        var rules = Path.Combine(_directory, "rules.json");
        await CliRunner.RunAsync("gepr", "template", "rules", "-o", rules);
        var quantities = SixteenDistricts();
        var prices = await PricesAsync();

        var (exitCode, output, error) = await CliRunner.RunAsync("gepr", "compensate", "--quantities", quantities, "--prices", prices, "--rules", rules);

        Assert.Equal(0, exitCode);
        Assert.Empty(error);
        Assert.Contains("Who pays whom (元):", output, StringComparison.Ordinal);
    }
}
