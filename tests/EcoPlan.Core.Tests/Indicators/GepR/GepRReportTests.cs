using EcoPlan.Core.Indicators.GepR;
using EcoPlan.Core.Regions;

namespace EcoPlan.Core.Tests.Indicators.GepR;

public sealed class GepRReportTests
{
    private const string Prices = """
        price_year,service,item,price,unit,source
        2023,water_conservation,water,7,元/m³,test
        2024,water_conservation,water,8,元/m³,test
        2023,carbon_sequestration,co2,400,元/t,test
        """;

    private const string Quantities = """
        region_code,year,service,item,quantity,unit,source
        110112,2023,water_conservation,water,1000000,m³,test
        110112,2023,carbon_sequestration,co2,1000,t,test
        110112,2024,water_conservation,water,110,万m³,test
        110112,2024,carbon_sequestration,co2,1000,t,test
        110119,2023,water_conservation,water,3000000,m³,test
        110119,2024,water_conservation,water,2900000,m³,test
        """;

    private static GepRReport Build(int? baseYear) =>
        GepRTestData.Report(GepRTestData.ValidQuantities(Quantities), GepRTestData.ValidPrices(Prices), baseYear);

    [Fact]
    public void Values_AreQuantityTimesThePriceInForce()
    {
        var report = Build(null);

        // 110112 2023: 1,000,000 m³ × 7 + 1,000 t × 400 = 7,000,000 + 400,000 = 7,400,000
        // 110112 2024: 110 万m³ = 1,100,000 m³ × 8 + 1,000 t × 400 (the 2023 price stays in force) = 8,800,000 + 400,000 = 9,200,000
        // 110119 2023: 3,000,000 × 7 = 21,000,000; 2024: 2,900,000 × 8 = 23,200,000
        Assert.Equal([7_400_000m, 21_000_000m, 9_200_000m, 23_200_000m], report.Regions.Select(r => r.Value));
        Assert.Equal(2023, report.Lines.Single(l => l.Quantity.Year == 2024 && l.Service.Key == "carbon_sequestration").Price.PriceYear);
        Assert.Equal([28_400_000m, 32_400_000m], report.Totals.Select(t => t.Value));
    }

    [Fact]
    public void WithoutABaseYear_GrowthAndSharesAreAtThePricesInForce()
    {
        var report = Build(null);
        var tongzhou = report.Regions.Single(r => r.RegionCode == "110112" && r.Year == 2024);

        // Δ = 9,200,000 − 7,400,000 = 1,800,000; growth = 1,800,000 / 7,400,000 = 0.243243…
        Assert.Equal(1_800_000m, tongzhou.Change!.Delta);
        Assert.Equal(1_800_000m / 7_400_000m, tongzhou.Change.Growth);
        // share = 9,200,000 / 32,400,000 = 0.283950…
        Assert.Equal(9_200_000m / 32_400_000m, tongzhou.Share);
        Assert.Null(report.Regions.Single(r => r.RegionCode == "110112" && r.Year == 2023).Change);
    }

    [Fact]
    public void WithABaseYear_EveryYearIsValuedAtThatYearsPrices()
    {
        var report = Build(2023);
        var tongzhou = report.Regions.Single(r => r.RegionCode == "110112" && r.Year == 2024);
        var yanqing = report.Regions.Single(r => r.RegionCode == "110119" && r.Year == 2024);

        // At 2023 prices: 110112 2024 = 1,100,000 × 7 + 1,000 × 400 = 7,700,000 + 400,000 = 8,100,000
        // Δ = 8,100,000 − 7,400,000 = 700,000; real growth = 700,000 / 7,400,000 = 0.094594…
        Assert.Equal(9_200_000m, tongzhou.Value);
        Assert.Equal(8_100_000m, tongzhou.ComparableValue);
        Assert.Equal(700_000m, tongzhou.Change!.Delta);
        Assert.Equal(700_000m / 7_400_000m, tongzhou.Change.Growth);
        // 110119 2024 at 2023 prices: 2,900,000 × 7 = 20,300,000; Δ = −700,000; growth = −700,000 / 21,000,000 = −0.0333…
        Assert.Equal(20_300_000m, yanqing.ComparableValue);
        Assert.Equal(-700_000m / 21_000_000m, yanqing.Change!.Growth);
        // Total at 2023 prices: 8,100,000 + 20,300,000 = 28,400,000, the same as 2023: Δ 0
        var total = report.Totals.Single(t => t.Year == 2024);
        Assert.Equal(28_400_000m, total.ComparableValue);
        Assert.Equal(0m, total.Change!.Delta);
        // Shares at 2023 prices: 8,100,000 / 28,400,000 and 20,300,000 / 28,400,000; they add up to 1
        Assert.Equal(8_100_000m / 28_400_000m, tongzhou.Share);
        Assert.Equal(1m, decimal.Round(tongzhou.Share + yanqing.Share, 20));
    }

    [Fact]
    public void ServiceChanges_ArePerRegionAndService()
    {
        var report = Build(2023);
        var water = report.Services.Single(s => s.RegionCode == "110112" && s.Year == 2024 && s.Service.Key == "water_conservation");
        var carbon = report.Services.Single(s => s.RegionCode == "110112" && s.Year == 2024 && s.Service.Key == "carbon_sequestration");

        // 水源涵养 at 2023 prices: 7,700,000 − 7,000,000 = 700,000, growth 0.1; 固碳: 400,000 − 400,000 = 0
        Assert.Equal(700_000m, water.Change!.Delta);
        Assert.Equal(0.1m, water.Change.Growth);
        Assert.Equal(0m, carbon.Change!.Delta);
        // Services in the order of the catalog: 水源涵养 before 固碳
        Assert.Equal(["water_conservation", "carbon_sequestration"], report.Services.Where(s => s.RegionCode == "110112" && s.Year == 2023).Select(s => s.Service.Key));
    }

    [Fact]
    public void Ledger_ReportsAMissingPriceAgainstTheQuantityLine()
    {
        var quantities = GepRTestData.ValidQuantities("region_code,year,service,item,quantity,unit,source\n110112,2022,water_conservation,water,1,m³,x\n110112,2024,oxygen_release,o2,1,t,x\n");

        var ledger = GepRLedger.Build(quantities, GepRTestData.ValidPrices(Prices), GepRTestData.Services, RegionCatalog.Names, baseYear: 2023);

        Assert.Equal(
            [
                "q.csv:2:3: service: no price of water_conservation/water in force in 2022 (the price table needs a row with price_year ≤ 2022)",
                "q.csv:3:3: service: no price of oxygen_release/o2 in force in 2024 (the price table needs a row with price_year ≤ 2024)",
            ],
            ledger.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Ledger_RejectsTheCityTogetherWithItsDistricts()
    {
        var quantities = GepRTestData.ValidQuantities("region_code,year,service,item,quantity,unit,source\n110112,2024,water_conservation,water,1,m³,x\n110000,2024,water_conservation,water,5,m³,x\n");

        var ledger = GepRLedger.Build(quantities, GepRTestData.ValidPrices(Prices), GepRTestData.Services, RegionCatalog.Names);

        Assert.StartsWith("q.csv:3:1: region_code: region 110000 contains 110112, also in the data", Assert.Single(ledger.Errors).ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("110000", "110112", true)]
    [InlineData("110112", "110112001", true)]
    [InlineData("110112", "110105", false)]
    [InlineData("110105", "110112001", false)]
    [InlineData("110112001", "110112", false)]
    public void Contains_FollowsTheCodeHierarchy(string outer, string inner, bool expected) =>
        Assert.Equal(expected, GepRLedger.Contains(outer, inner));
}
