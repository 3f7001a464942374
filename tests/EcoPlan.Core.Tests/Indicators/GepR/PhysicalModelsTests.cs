using EcoPlan.Core.Indicators.GepR;
using EcoPlan.Core.Regions;

namespace EcoPlan.Core.Tests.Indicators.GepR;

public sealed class PhysicalModelsTests
{
    private const string Header = "region_code,year,service,ecosystem,parameter,value,unit,source";

    private static IReadOnlyList<QuantityRecord> Compute(string text)
    {
        var inputs = GepRTestData.Inputs(text);
        Assert.True(inputs.IsValid, string.Join("\n", inputs.Errors));
        var result = PhysicalModels.Compute(inputs.Records, GepRTestData.Services);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Records;
    }

    [Fact]
    public void WaterConservation_SumsPMinusRMinusEtTimesAreaOverEcosystems()
    {
        var quantities = Compute($"""
            {Header}
            110112,2024,water_conservation,林地,precipitation,600,mm,气象站
            110112,2024,water_conservation,林地,storm_runoff,50,mm,水文站
            110112,2024,water_conservation,林地,evapotranspiration,400,mm,MODIS
            110112,2024,water_conservation,林地,area,10,km²,土地利用
            110112,2024,water_conservation,草地,precipitation,600,mm,气象站
            110112,2024,water_conservation,草地,storm_runoff,80,mm,水文站
            110112,2024,water_conservation,草地,evapotranspiration,450,mm,MODIS
            110112,2024,water_conservation,草地,area,200,hm²,土地利用
            """);

        // 林地: (600 − 50 − 400) mm = 0.15 m; 10 km² = 10,000,000 m²; 0.15 × 10,000,000 = 1,500,000 m³
        // 草地: (600 − 80 − 450) mm = 0.07 m; 200 hm² = 2,000,000 m²; 0.07 × 2,000,000 = 140,000 m³
        // Q_w = 1,500,000 + 140,000 = 1,640,000 m³
        var q = Assert.Single(quantities);
        Assert.Equal(("110112", 2024, "water_conservation", "water"), (q.RegionCode, q.Year, q.Service, q.Item));
        Assert.Equal(1_640_000m, q.Quantity);
        Assert.Equal("m³", q.Unit.Symbol);
        Assert.Contains("rows 2,3,4,5,6,7,8,9", q.Source, StringComparison.Ordinal);
        Assert.Contains("气象站; 水文站; MODIS; 土地利用", q.Source, StringComparison.Ordinal);

        // V_w = 1,640,000 m³ × 7.06 元/m³ = 11,578,400 元
        var report = GepRTestData.Report(quantities, GepRTestData.ShippedPrices());
        Assert.Equal(11_578_400m, report.Regions.Single().Value);
    }

    [Fact]
    public void WaterConservationTerm_KeepsANegativeTerm()
    {
        // A lake: (500 − 0 − 900) mm = −0.4 m over 1,000 m² = −400 m³
        Assert.Equal(-400m, PhysicalModels.WaterConservationTerm(0.5m, 0m, 0.9m, 1000m));
    }

    [Fact]
    public void SoilRetention_GivesSiltationNitrogenAndPhosphorus_AndTheirValues()
    {
        var quantities = Compute($"""
            {Header}
            110109,2024,soil_retention,,potential_erosion,10000,t,USLE
            110109,2024,soil_retention,,actual_erosion,2000,t,USLE
            """);

        // A_s = 10,000 − 2,000 = 8,000 t
        // siltation = λ·A_s/ρ = 0.24 × 8,000 / 0.93 = 1,920 / 0.93 = 2,064.516… m³
        // N = A_s·C_N = 8,000 × 0.37 % = 29.6 t; P = A_s·C_P = 8,000 × 0.108 % = 8.64 t
        var byItem = quantities.ToDictionary(q => q.Item, q => q.Quantity);
        Assert.Equal(1920m / 0.93m, byItem["siltation"]);
        Assert.Equal(29.6m, byItem["nitrogen"]);
        Assert.Equal(8.64m, byItem["phosphorus"]);

        // V_s1 = 2,064.516… × 15.58 = 32,165.16 元; V_s2 = 29.6 × 875 + 8.64 × 2,800 = 25,900 + 24,192 = 50,092 元
        // V = 32,165.16 + 50,092 = 82,257.16 元
        var report = GepRTestData.Report(quantities, GepRTestData.ShippedPrices());
        Assert.Equal(82_257.16m, decimal.Round(report.Regions.Single().Value, 2));
    }

    [Fact]
    public void SoilRetention_TakesParametersFromTheInputs()
    {
        var quantities = Compute($"""
            {Header}
            110109,2024,soil_retention,林地,potential_erosion,6000,t,USLE
            110109,2024,soil_retention,林地,actual_erosion,1000,t,USLE
            110109,2024,soil_retention,草地,potential_erosion,3,万t,USLE
            110109,2024,soil_retention,草地,actual_erosion,29000,t,USLE
            110109,2024,soil_retention,,bulk_density,1.2,t/m³,local survey
            110109,2024,soil_retention,,nitrogen_content,0.1,%,local survey
            """);

        // A_s = (6,000 − 1,000) + (30,000 − 29,000) = 6,000 t
        // siltation = 0.24 × 6,000 / 1.2 = 1,200 m³; N = 6,000 × 0.1 % = 6 t; P (default 0.108 %) = 6.48 t
        var byItem = quantities.ToDictionary(q => q.Item, q => q.Quantity);
        Assert.Equal(1200m, byItem["siltation"]);
        Assert.Equal(6m, byItem["nitrogen"]);
        Assert.Equal(6.48m, byItem["phosphorus"]);
    }

    [Fact]
    public void SandFixation_IsTheFixedMassOverDensityTimesThickness()
    {
        var quantities = Compute($"""
            {Header}
            110119,2024,sand_fixation,,potential_wind_erosion,5000,t,RWEQ
            110119,2024,sand_fixation,,actual_wind_erosion,1160,t,RWEQ
            """);

        // Q_f = 5,000 − 1,160 = 3,840 t; area = 3,840 / (1.28 × 0.1) = 3,840 / 0.128 = 30,000 m²; V = 30,000 × 3.75 = 112,500 元
        var q = Assert.Single(quantities);
        Assert.Equal(30_000m, q.Quantity);
        Assert.Equal(112_500m, GepRTestData.Report(quantities, GepRTestData.ShippedPrices()).Regions.Single().Value);
    }

    [Theory]
    [InlineData("110112,2024,air_purification,,so2,5,t,x", 3, "service: EcoPlan has no physical model for air_purification")]
    [InlineData("110112,2024,water_conservation,林地,rainfall,600,mm,x", 5, "parameter: water_conservation has no parameter 'rainfall'")]
    [InlineData("110112,2024,water_conservation,林地,precipitation,600,t,x", 7, "unit: precipitation is a length; 't' is not a unit of length")]
    [InlineData("110112,2024,water_conservation,,precipitation,600,mm,x", 4, "ecosystem: missing value")]
    [InlineData("110112,2024,soil_retention,林地,bulk_density,1.2,t/m³,x", 4, "ecosystem: bulk_density applies to the whole region and year")]
    [InlineData("110112,2024,soil_retention,,siltation_coefficient,0.2,%,x", 7, "unit: siltation_coefficient has no unit")]
    [InlineData("110112,2024,soil_retention,,potential_erosion,-3,t,x", 6, "value: -3 is negative")]
    [InlineData("110112,2024,soil_retention,,potential_erosion,3,t,", 8, "source: missing value")]
    public void Read_NamesTheRowAndColumnOfABadInput(string line, int column, string message)
    {
        var result = GepRTestData.Inputs($"{Header}\n{line}\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal((2, column), (error.Row, error.Column));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_ReportsAMissingParameterAndErosionAbovePotential()
    {
        var inputs = GepRTestData.Inputs($"""
            {Header}
            110112,2024,water_conservation,林地,precipitation,600,mm,x
            110112,2024,water_conservation,林地,evapotranspiration,400,mm,x
            110112,2024,water_conservation,林地,area,10,km²,x
            110109,2024,soil_retention,,potential_erosion,100,t,x
            110109,2024,soil_retention,,actual_erosion,120,t,x
            """);
        Assert.True(inputs.IsValid);

        var result = PhysicalModels.Compute(inputs.Records, GepRTestData.Services);

        Assert.Equal(
            [
                "in.csv:6:6: soil_retention of region 110109 in 2024: actual_erosion (120 t) exceeds potential_erosion (100 t)",
                "in.csv:2:1: water_conservation of region 110112 in 2024: ecosystem 林地 lacks storm_runoff",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Compute_RejectsANegativeRegionalWaterConservation()
    {
        var inputs = GepRTestData.Inputs($"""
            {Header}
            110112,2024,water_conservation,水域,precipitation,500,mm,x
            110112,2024,water_conservation,水域,storm_runoff,0,mm,x
            110112,2024,water_conservation,水域,evapotranspiration,900,mm,x
            110112,2024,water_conservation,水域,area,1,km²,x
            """);

        var result = PhysicalModels.Compute(inputs.Records, GepRTestData.Services);

        Assert.Contains("comes out negative (-400000 m³)", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ComputedQuantities_ClashWithTheSameGivenQuantity()
    {
        var inputs = GepRTestData.Inputs($"{Header}\n110119,2024,sand_fixation,,potential_wind_erosion,5000,t,x\n110119,2024,sand_fixation,,actual_wind_erosion,1160,t,x\n");
        var computed = PhysicalModels.Compute(inputs.Records, GepRTestData.Services).Records;
        var given = GepRTestData.ValidQuantities("region_code,year,service,item,quantity,unit,source\n110119,2024,sand_fixation,area,100,m²,x\n");

        var ledger = GepRLedger.Build([.. given, .. computed], GepRTestData.ShippedPrices(), GepRTestData.Services, RegionCatalog.Names);

        var error = Assert.Single(ledger.Errors);
        Assert.Equal(("in.csv", 2, 3), (error.File, error.Row, error.Column));
        Assert.Contains("already given (q.csv row 2)", error.Message, StringComparison.Ordinal);
    }
}
