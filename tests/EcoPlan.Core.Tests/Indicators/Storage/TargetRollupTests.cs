using EcoPlan.Core.Plans;

namespace EcoPlan.Core.Tests.Indicators.Storage;

public sealed class TargetRollupTests
{
    private static AchievementRow Row(string name, decimal value, decimal? weight = null) => new(0, name, name, 2026, value, weight, "test", null);

    [Theory]
    [InlineData(TargetComparator.AtLeast, "处", RollupRule.Sum)]
    [InlineData(TargetComparator.Approximately, "公顷", RollupRule.Sum)]
    [InlineData(TargetComparator.AtLeast, "%", RollupRule.AreaWeightedMean)]
    [InlineData(TargetComparator.NotBelowBaseline, null, RollupRule.Minimum)]
    [InlineData(TargetComparator.Equal, null, RollupRule.None)]
    public void RuleFor_PicksTheRuleOfTheMetric(TargetComparator comparator, string? unit, RollupRule expected) =>
        Assert.Equal(expected, TargetProgress.RuleFor(comparator, unit));

    [Fact]
    public void Roll_AreaWeightedMean_WeighsByArea()
    {
        // (40 × 900 + 60 × 100) / 1000 = 42, not the plain mean 50.
        var rollup = TargetProgress.Roll(RollupRule.AreaWeightedMean, [Row("A", 40m, 900m), Row("B", 60m, 100m)]);

        Assert.Equal(42m, rollup.Value);
    }

    [Fact]
    public void Roll_AreaWeightedMean_WithoutAnArea_SaysWhichIsMissing()
    {
        var rollup = TargetProgress.Roll(RollupRule.AreaWeightedMean, [Row("甲区", 40m, 900m), Row("乙区", 60m)]);

        Assert.Null(rollup.Value);
        Assert.Contains("乙区", rollup.Missing, StringComparison.Ordinal);
    }

    [Fact]
    public void Roll_SumAndMinimum()
    {
        Assert.Equal(130m, TargetProgress.Roll(RollupRule.Sum, [Row("A", 100m), Row("B", 30m)]).Value);
        Assert.Equal(-0.4m, TargetProgress.Roll(RollupRule.Minimum, [Row("A", 1.2m), Row("B", -0.4m)]).Value);
    }

    [Theory]
    [InlineData(TargetComparator.AtLeast, 45.0, null, 45.5, true)]
    [InlineData(TargetComparator.AtMost, 30.0, null, 31.0, false)]
    [InlineData(TargetComparator.NotBelowBaseline, null, null, -0.4, false)]
    [InlineData(TargetComparator.NotBelowBaseline, null, 60.0, 60.0, true)]
    public void Meets_ComparesWithTheTarget(TargetComparator comparator, double? target, double? baseline, double achieved, bool expected) =>
        Assert.Equal(expected, TargetProgress.Meets(comparator, (decimal?)target, (decimal?)baseline, (decimal)achieved));
}
