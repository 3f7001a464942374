using EcoPlan.Core.Indicators;

namespace EcoPlan.Core.Tests.Indicators;

public sealed class Hj192FormulasTests
{
    private static readonly Methodology s_hj192 = MethodologyCatalog.Load(MethodologyCatalog.Hj192);

    [Fact]
    public void HabitatQuality_WeighsEachSubClassByClassAndSubClassWeight()
    {
        var areas = new Dictionary<string, double>
        {
            ["forest_closed"] = 20,      // 0.35 × 0.6  = 0.21   → 20 × 0.21   = 4.2
            ["forest_shrub"] = 10,       // 0.35 × 0.25 = 0.0875 → 10 × 0.0875 = 0.875
            ["grassland_high"] = 10,     // 0.21 × 0.6  = 0.126  → 10 × 0.126  = 1.26
            ["water_river"] = 5,         // 0.28 × 0.1  = 0.028  →  5 × 0.028  = 0.14
            ["cropland_dry"] = 40,       // 0.11 × 0.4  = 0.044  → 40 × 0.044  = 1.76
            ["construction_urban"] = 15, // 0.04 × 0.3  = 0.012  → 15 × 0.012  = 0.18
        };

        // Σ = 8.415; 511.2642131067 × 8.415 / 100 = 43.0228835329…
        Assert.Equal(43.0228835329, Hj192Formulas.HabitatQuality(s_hj192, areas, 100), 9);
        Assert.True(Hj192Formulas.AreasAddUp(areas, 100));
        Assert.False(Hj192Formulas.AreasAddUp(areas, 110));
    }

    [Fact]
    public void HabitatQuality_IsCappedAt100()
    {
        // All closed forest: 511.2642131067 × 0.21 × 100 / 100 = 107.36… → 100
        Assert.Equal(100, Hj192Formulas.HabitatQuality(s_hj192, new Dictionary<string, double> { ["forest_closed"] = 100 }, 100));
    }

    [Fact]
    public void HabitatQuality_RejectsUnknownClassesAndNegativeAreas()
    {
        Assert.Throws<ArgumentException>(() => Hj192Formulas.HabitatQuality(s_hj192, new Dictionary<string, double> { ["jungle"] = 1 }, 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => Hj192Formulas.HabitatQuality(s_hj192, new Dictionary<string, double> { ["forest_closed"] = -1 }, 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => Hj192Formulas.HabitatQuality(s_hj192, new Dictionary<string, double> { ["forest_closed"] = 1 }, 0));
    }

    [Fact]
    public void WaterNetworkDensity_AveragesTheThreeNormalisedTerms()
    {
        // (84.3704083981 × 50 + 591.7908642005 × 2 + 86.3869548281 × 20) / (3 × 100)
        // = (4218.520419905 + 1183.581728401 + 1727.739096562) / 300 = 7129.841244868 / 300 = 23.7661374829
        Assert.Equal(23.7661374829, Hj192Formulas.WaterNetworkDensity(s_hj192, 50, 2, 20, 100), 9);
    }

    [Theory]
    // a = this year / multi-year mean (100)
    [InlineData(120, 120)]   // a = 1.2 ≤ 1.4 → this year's value
    [InlineData(140, 140)]   // a = 1.4 → still this year's value
    [InlineData(200, 40)]    // a = 2.0 → 100 × (2.4 − 2.0) = 40
    [InlineData(240, 0)]     // a = 2.4 → 100 × (2.4 − 2.4) = 0
    [InlineData(300, 0)]     // a = 3.0 > 2.4 → 0
    public void AdjustedWaterResources_FollowsTheRatioRule(double thisYear, double expected)
    {
        Assert.Equal(expected, Hj192Formulas.AdjustedWaterResources(thisYear, 100), 9);
    }

    [Fact]
    public void LandStress_WeighsSevereErosionDouble()
    {
        // 0.4 × 1 + 0.2 × 2 + 0.2 × 30 + 0.2 × 5 = 0.4 + 0.4 + 6 + 1 = 7.8; 236.04356779 × 7.8 / 100 = 18.41139828762
        Assert.Equal(18.41139828762, Hj192Formulas.LandStress(s_hj192, 1, 2, 30, 5, 100), 9);
    }

    [Fact]
    public void PollutionLoad_DividesWaterLoadsByPrecipitationAndAirLoadsByArea()
    {
        // P = 600 mm × 100 km² = 60000
        // 0.2 × 4.3937397289 × 1000 / 60000  = 0.0146457991
        // 0.2 × 40.1764754986 × 100 / 60000  = 0.0133921585
        // 0.2 × 0.0648660287 × 500 / 100     = 0.0648660287
        // 0.1 × 4.0904459321 × 400 / 100     = 1.6361783728
        // 0.2 × 0.5103049278 × 2000 / 100    = 2.0412197112
        // 0.1 × 0.0749894283 × 50 / 100      = 0.0037494714
        // Σ = 3.7740515418
        var loads = new PollutionLoads(Cod: 1000, AmmoniaNitrogen: 100, SulfurDioxide: 500, SmokeAndDust: 400, NitrogenOxides: 2000, SolidWaste: 50, MeanPrecipitationMm: 600, RegionAreaKm2: 100);

        Assert.Equal(3.7740515418, Hj192Formulas.PollutionLoad(s_hj192, loads), 9);
    }

    [Fact]
    public void VegetationCover_NeedsTheUnconfirmedCoefficientSupplied()
    {
        var ex = Assert.Throws<CoefficientNotConfiguredException>(() => Hj192Formulas.VegetationCover(s_hj192, 0.6));
        Assert.Equal("A_veg", ex.Key);

        // With a user-supplied A_veg = 125: 125 × 0.6 = 75
        var supplied = s_hj192.WithCoefficients(new Dictionary<string, double> { ["A_veg"] = 125 });
        Assert.Equal(75, Hj192Formulas.VegetationCover(supplied, 0.6), 9);
    }

    [Fact]
    public void ComputedSubIndices_GiveTheEi()
    {
        // The four computable sub-indices from the examples above, 生物丰度 taken as 生境质量 for the test
        // (the real combination with 生物多样性 is UNCONFIRMED), 植被覆盖 75 with A_veg = 125 and NDVI 0.6:
        // rounded to one decimal: 43.0, 75.0, 23.8, 18.4, 3.8
        // EI = 0.35·43.0 + 0.25·75.0 + 0.15·23.8 + 0.15·(100 − 18.4) + 0.10·(100 − 3.8)
        //    = 15.05 + 18.75 + 3.57 + 12.24 + 9.62 = 59.23 → 59.2 (良)
        var values = new Dictionary<string, decimal>
        {
            ["biological_abundance"] = 43.0228835329m,
            ["vegetation_cover"] = 75m,
            ["water_network_density"] = 23.7661374829m,
            ["land_stress"] = 18.41139828762m,
            ["pollution_load"] = 3.7740515418m,
        };

        var result = EiCalculator.Compute(s_hj192, values).Result!;

        Assert.Equal(59.23m, EiCalculator.WeightedSum(s_hj192, values));
        Assert.Equal(59.2m, result.Ei);
        Assert.Equal("良", result.Grade.Name);
    }
}
