using EcoPlan.Core.Indicators;

namespace EcoPlan.Core.Tests.Indicators;

public sealed class EiCalculatorTests
{
    private static readonly Methodology s_hj192 = MethodologyCatalog.Load(MethodologyCatalog.Hj192);

    private static Dictionary<string, decimal> Hj192Values(decimal bio, decimal veg, decimal water, decimal land, decimal pollution) => new()
    {
        ["biological_abundance"] = bio,
        ["vegetation_cover"] = veg,
        ["water_network_density"] = water,
        ["land_stress"] = land,
        ["pollution_load"] = pollution,
    };

    [Fact]
    public void Ei_IsTheWeightedSum_WithStressAndPollutionInverted()
    {
        // 0.35·40 + 0.25·60 + 0.15·30 + 0.15·(100 − 35) + 0.10·(100 − 20)
        // = 14 + 15 + 4.5 + 9.75 + 8 = 51.25 → 51.3 (one decimal, half away from zero) → 一般 (35 ≤ EI < 55)
        var outcome = EiCalculator.Compute(s_hj192, Hj192Values(40, 60, 30, 35, 20));

        Assert.True(outcome.IsComputed);
        Assert.Equal(51.25m, EiCalculator.WeightedSum(s_hj192, Hj192Values(40, 60, 30, 35, 20)));
        Assert.Equal(51.3m, outcome.Result!.Ei);
        Assert.Equal("一般", outcome.Result.Grade.Name);
    }

    [Fact]
    public void Ei_RoundsSubIndicesToOneDecimalBeforeWeighting()
    {
        // biological_abundance 40.04 → 40.0, so 0.35·40.0 = 14 (not 14.014); the rest as above: 51.25.
        Assert.Equal(51.25m, EiCalculator.WeightedSum(s_hj192, Hj192Values(40.04m, 60, 30, 35, 20)));
        // 40.05 → 40.1 (half away from zero): 0.35·40.1 = 14.035; 14.035 + 37.25 = 51.285.
        Assert.Equal(51.285m, EiCalculator.WeightedSum(s_hj192, Hj192Values(40.05m, 60, 30, 35, 20)));
    }

    [Fact]
    public void Ei_IsZeroAndHundredAtTheEnds()
    {
        // Best: 0.35·100 + 0.25·100 + 0.15·100 + 0.15·(100 − 0) + 0.10·(100 − 0) = 100.
        Assert.Equal(100m, EiCalculator.Compute(s_hj192, Hj192Values(100, 100, 100, 0, 0)).Result!.Ei);
        // Worst: 0 + 0 + 0 + 0.15·(100 − 100) + 0.10·(100 − 100) = 0.
        Assert.Equal(0m, EiCalculator.Compute(s_hj192, Hj192Values(0, 0, 0, 100, 100)).Result!.Ei);
    }

    [Theory]
    [InlineData("100", "优")]
    [InlineData("75.0", "优")]
    [InlineData("74.9", "良")]
    [InlineData("55.0", "良")]
    [InlineData("54.9", "一般")]
    [InlineData("35.0", "一般")]
    [InlineData("34.9", "较差")]
    [InlineData("20.0", "较差")]
    [InlineData("19.9", "差")]
    [InlineData("0", "差")]
    public void Grade_LowerBoundsAreInclusive(string ei, string grade)
    {
        Assert.Equal(grade, EiCalculator.Grade(s_hj192, decimal.Parse(ei, System.Globalization.CultureInfo.InvariantCulture)).Name);
    }

    [Theory]
    [InlineData("0", "无明显变化", 0)]
    [InlineData("0.9", "无明显变化", 0)]
    [InlineData("-0.9", "无明显变化", 0)]
    [InlineData("1.0", "略微变好", 1)]
    [InlineData("-1.0", "略微变差", -1)]
    [InlineData("2.9", "略微变好", 1)]
    [InlineData("3.0", "明显变好", 1)]
    [InlineData("-3.0", "明显变差", -1)]
    [InlineData("-7.9", "明显变差", -1)]
    [InlineData("8.0", "显著变好", 1)]
    [InlineData("-8.0", "显著变差", -1)]
    [InlineData("25.3", "显著变好", 1)]
    public void ChangeClass_UsesAbsoluteDeltaBands_WithDirection(string delta, string name, int sign)
    {
        var change = EiCalculator.ClassifyChange(s_hj192, decimal.Parse(delta, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(name, change.Name);
        Assert.Equal(sign, change.Sign);
    }

    [Theory]
    // Level 2 drops one grade: the EI is capped just below the lower bound of the grade above the new one.
    [InlineData("85.0", 2, "74.9", "良")]
    [InlineData("60.0", 2, "54.9", "一般")]
    [InlineData("40.0", 2, "34.9", "较差")]
    [InlineData("25.0", 2, "19.9", "差")]
    [InlineData("10.0", 2, "10.0", "差")]
    // Level 3 takes 优 to 一般 (54.9) and the other grades down one.
    [InlineData("85.0", 3, "54.9", "一般")]
    [InlineData("60.0", 3, "54.9", "一般")]
    [InlineData("40.0", 3, "34.9", "较差")]
    // Level 0: no restriction.
    [InlineData("85.0", 0, "85.0", "优")]
    public void Restriction_DowngradesAsTheNoteRecords(string ei, int level, string expected, string grade)
    {
        var (restricted, restrictedGrade) = EiCalculator.ApplyRestriction(s_hj192, decimal.Parse(ei, System.Globalization.CultureInfo.InvariantCulture), level);

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), restricted);
        Assert.Equal(grade, restrictedGrade.Name);
    }

    [Fact]
    public void Compute_KeepsTheUnrestrictedEiBesideTheRestrictedOne()
    {
        // 0.35·80 + 0.25·90 + 0.15·80 + 0.15·90 + 0.10·90 = 28 + 22.5 + 12 + 13.5 + 9 = 85.0 (优); level 2 → 74.9 (良).
        var result = EiCalculator.Compute(s_hj192, Hj192Values(80, 90, 80, 10, 10), restrictionLevel: 2).Result!;

        Assert.Equal(85.0m, result.UnrestrictedEi);
        Assert.Equal("优", result.UnrestrictedGrade.Name);
        Assert.Equal(74.9m, result.Ei);
        Assert.Equal("良", result.Grade.Name);
    }

    [Fact]
    public void Restriction_RejectsAnUndefinedLevel()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EiCalculator.ApplyRestriction(s_hj192, 80, 1));
    }

    [Fact]
    public void Db11_WithoutWeights_SaysWeightsNotConfigured()
    {
        var db11 = MethodologyCatalog.Load(MethodologyCatalog.Db11);
        var values = db11.SubIndices.ToDictionary(s => s.Key, _ => 50m);

        var outcome = EiCalculator.Compute(db11, values);

        Assert.Equal(EiStatus.WeightsNotConfigured, outcome.Status);
        Assert.Null(outcome.Result);
        Assert.Contains("weights not configured", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Db11_WithWeights_ComputesTheWeightedSum()
    {
        var db11 = MethodologyCatalog.Load(MethodologyCatalog.Db11);
        // Test weights only (the real ones are not public): 0.3 on 大气环境指数, 0.7 spread over the other 13 as 0.7/13.
        var weights = db11.SubIndices.ToDictionary(s => s.Key, s => s.Key == "air_environment" ? 0.3m : 0.7m / 13);
        var weighted = MethodologyCatalog.WithWeights(db11, weights, "test");
        var values = db11.SubIndices.ToDictionary(s => s.Key, s => s.Key == "air_environment" ? 90m : 60m);

        // 0.3·90 + 0.7·60 = 27 + 42 = 69.0 → 良
        var result = EiCalculator.Compute(weighted, values).Result!;

        Assert.Equal(69.0m, result.Ei);
        Assert.Equal("良", result.Grade.Name);
    }
}
