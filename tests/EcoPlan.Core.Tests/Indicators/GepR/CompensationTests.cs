using EcoPlan.Core.Indicators.GepR;
using EcoPlan.Core.Regions;

namespace EcoPlan.Core.Tests.Indicators.GepR;

public sealed class CompensationTests
{
    // Four districts (GEP-R at comparable prices, 元): previous year → assessed year.
    private static readonly DistrictGepR[] s_districts =
    [
        new("110101", "东城区", 100_000_000m, 101_000_000m),
        new("110108", "海淀区", 200_000_000m, 205_000_000m),
        new("110118", "密云区", 80_000_000m, 84_400_000m),
        new("110119", "延庆区", 50_000_000m, 54_000_000m),
    ];

    private static CompensationRules Horizontal => new()
    {
        Mode = CompensationMode.Horizontal,
        Rate = 0.1m,
        GrowthTarget = 0.03m,
        GrowthTargets = new Dictionary<string, decimal> { ["110119"] = 0.05m },
    };

    [Fact]
    public void Horizontal_ShortfallPaysIntoAPoolSharedBySurplus()
    {
        var (lines, transfers, notice) = CompensationCalculator.Horizontal(s_districts, Horizontal);
        var rows = lines.ToDictionary(r => r.RegionCode);

        // 东城: Δ = 1,000,000; target 3 % × 100,000,000 = 3,000,000; shortfall 2,000,000; pays 0.1 × 2,000,000 = 200,000
        // 海淀: Δ = 5,000,000; target 3 % × 200,000,000 = 6,000,000; shortfall 1,000,000; pays 100,000
        // 密云: Δ = 4,400,000; target 3 % × 80,000,000 = 2,400,000; surplus 2,000,000
        // 延庆: Δ = 4,000,000; target 5 % × 50,000,000 = 2,500,000; surplus 1,500,000
        // pool = 300,000; 密云 300,000 × 2/3.5 = 171,428.57…; 延庆 300,000 × 1.5/3.5 = 128,571.43…
        // floors 171,428 + 128,571 = 299,999; the last yuan goes to the larger remainder (.57 > .43): 密云 171,429
        Assert.Null(notice);
        Assert.Equal((2_000_000m, 0m, 200_000L, 0L), (rows["110101"].Shortfall, rows["110101"].Surplus, rows["110101"].Pays, rows["110101"].Receives));
        Assert.Equal((1_000_000m, 100_000L), (rows["110108"].Shortfall, rows["110108"].Pays));
        Assert.Equal((2_000_000m, 171_429L, 0L), (rows["110118"].Surplus, rows["110118"].Receives, rows["110118"].Pays));
        Assert.Equal((0.05m, 2_500_000m, 1_500_000m, 128_571L), (rows["110119"].TargetRate, rows["110119"].TargetDelta, rows["110119"].Surplus, rows["110119"].Receives));
        Assert.Equal(0.01m, rows["110101"].Growth);

        // Who pays whom, payer by payer in proportion to what each receiver still has to get:
        // 东城 200,000: 密云 200,000 × 171,429 / 300,000 = 114,286; 延庆 200,000 × 128,571 / 300,000 = 85,714
        // 海淀 100,000: the rest, 密云 171,429 − 114,286 = 57,143; 延庆 128,571 − 85,714 = 42,857
        Assert.Equal(
            [("110101", "110118", 114_286L), ("110101", "110119", 85_714L), ("110108", "110118", 57_143L), ("110108", "110119", 42_857L)],
            transfers.Select(t => (t.FromCode, t.ToCode, t.Amount)));
    }

    [Fact]
    public void Horizontal_WithNoDistrictAboveTarget_NobodyPays()
    {
        var rules = Horizontal with { GrowthTarget = 0.5m, GrowthTargets = new Dictionary<string, decimal>() };

        var (rows, transfers, notice) = CompensationCalculator.Horizontal(s_districts, rules);

        Assert.All(rows, r => Assert.Equal((0L, 0L), (r.Pays, r.Receives)));
        Assert.Empty(transfers);
        Assert.Contains("no receiver", notice, StringComparison.Ordinal);
    }

    [Fact]
    public void Vertical_ByShare_SplitsTheFundByGepR()
    {
        var rules = new CompensationRules { Mode = CompensationMode.Vertical, Fund = 1_000_000m, AllocateBy = AllocationBasis.Share };

        var shares = CompensationCalculator.Vertical(s_districts, rules, "北京市");
        var (rows, transfers, undistributed) = (shares.Districts, shares.Transfers, shares.Undistributed);

        // total 101 + 205 + 84.4 + 54 = 444.4 million; quotas 227,272.73 / 461,296.13 / 189,918.99 / 121,512.15
        // floors add up to 999,998; the two yuan go to the largest remainders: 密云 (.99) and 东城 (.73)
        Assert.Equal([227_273L, 461_296L, 189_919L, 121_512L], rows.Select(r => r.Receives));
        Assert.Equal(1_000_000L, transfers.Sum(t => t.Amount));
        Assert.All(transfers, t => Assert.Equal(("110000", "北京市"), (t.FromCode, t.FromName)));
        Assert.Equal(0, undistributed);
    }

    [Fact]
    public void Vertical_ByGrowth_SplitsTheFundByPositiveChange()
    {
        var rules = new CompensationRules { Mode = CompensationMode.Vertical, Fund = 1_000_000m, AllocateBy = AllocationBasis.Growth };

        var rows = CompensationCalculator.Vertical(s_districts, rules, "北京市").Districts;

        // Δ = 1.0, 5.0, 4.4, 4.0 million (14.4 million); quotas 69,444.44 / 347,222.22 / 305,555.56 / 277,777.78
        // floors add up to 999,998; the two yuan go to 延庆 (.78) and 密云 (.56)
        Assert.Equal([69_444L, 347_222L, 305_556L, 277_778L], rows.Select(r => r.Receives));
    }

    [Fact]
    public void Vertical_ByGrowth_WithNoGrowth_LeavesTheFundUnallocated()
    {
        var rules = new CompensationRules { Mode = CompensationMode.Vertical, Fund = 500m, AllocateBy = AllocationBasis.Growth };
        DistrictGepR[] shrinking = [new("110101", "东城区", 10m, 9m)];

        var shares = CompensationCalculator.Vertical(shrinking, rules, "北京市");
        var (rows, transfers, notice, undistributed) = (shares.Districts, shares.Transfers, shares.Notice, shares.Undistributed);

        Assert.Equal(0L, rows.Single().Receives);
        Assert.Empty(transfers);
        Assert.Equal(500L, undistributed);
        Assert.Contains("No district grew", notice, StringComparison.Ordinal);
    }

    [Fact]
    public void Horizontal_NeedsThePreviousYear()
    {
        DistrictGepR[] lacking = [new("110101", "东城区", null, 9m)];

        var error = Assert.Throws<GepRException>(() => CompensationCalculator.Horizontal(lacking, Horizontal));

        Assert.Contains("110101 东城区 has no GEP-R for the previous year", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RulesFile_IsReadWithItsDefaults()
    {
        var (rules, error) = CompensationRulesFile.Read(CompensationRulesFile.Template, "rules.json", RegionCatalog.Names);

        Assert.Null(error);
        Assert.Equal(CompensationMode.Horizontal, rules!.Mode);
        Assert.Equal(0.1m, rules.Rate);
        Assert.Equal(0.05m, rules.TargetOf("110119"));
        Assert.Equal(0.03m, rules.TargetOf("110112"));
        Assert.Contains("官方补偿公式未公开", rules.Label, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\n  \"mode\": \"horizontal\",\n  \"rate\": 0.1,\n  \"growth_target\": 0.03,\n}x", 5, 2, "not a valid rules file")]
    [InlineData("{\n  \"mode\": \"diagonal\"\n}", 2, 21, "not a valid rules file")]
    [InlineData("{\n  \"mode\": \"horizontal\",\n  \"growth_target\": 0.03\n}", 2, 3, "mode: horizontal compensation needs \"rate\"")]
    [InlineData("{\n  \"mode\": \"horizontal\",\n  \"rate\": -1,\n  \"growth_target\": 0.03\n}", 3, 3, "rate: must not be negative")]
    [InlineData("{\n  \"mode\": \"horizontal\",\n  \"rate\": 1,\n  \"growth_targets\": { \"999999\": 0.03 }\n}", 4, 23, "999999: unknown region code in growth_targets")]
    [InlineData("{\n  \"mode\": \"vertical\",\n  \"fund\": 10.5,\n  \"allocate_by\": \"share\"\n}", 3, 3, "fund: must be a whole number of yuan")]
    [InlineData("{\n  \"mode\": \"vertical\",\n  \"fund\": 10\n}", 2, 3, "mode: vertical compensation needs \"fund\" (whole yuan) and \"allocate_by\"")]
    [InlineData("{\n  \"mode\": \"vertical\",\n  \"fund\": 10,\n  \"allocate_by\": \"share\",\n  \"weights\": 1\n}", 5, 13, "not a valid rules file")]
    public void RulesFile_NamesTheLineAndColumnOfAProblem(string json, int line, int column, string message)
    {
        var (rules, error) = CompensationRulesFile.Read(json, "rules.json", RegionCatalog.Names);

        Assert.Null(rules);
        Assert.Equal(("rules.json", line, column), (error!.File, error.Row, error.Column));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LargestRemainder_AddsUpExactly_TiesGoingToTheEarlierShare()
    {
        // 10 over three equal weights: quotas 3.33 each, floors 9, the one left to the first
        Assert.Equal([4L, 3L, 3L], LargestRemainder.Apportion(10, [1m, 1m, 1m]));
        Assert.Equal([0L, 0L], LargestRemainder.Apportion(0, [0m, 0m]));
        // caps: 5 over weights 3:1 with the first capped at 3 → 3 and 2
        Assert.Equal([3L, 2L], LargestRemainder.Apportion(5, [3m, 1m], [3L, 5L]));
        Assert.Throws<ArgumentException>(() => LargestRemainder.Apportion(5, [0m, 0m]));
    }
}
