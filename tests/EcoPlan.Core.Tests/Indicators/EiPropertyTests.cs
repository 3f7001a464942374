using EcoPlan.Core.Indicators;
using FsCheck;
using FsCheck.Fluent;

namespace EcoPlan.Core.Tests.Indicators;

/// <summary>Properties that must hold for any input in range, checked on 1000 generated cases each.</summary>
public sealed class EiPropertyTests
{
    private static readonly Methodology s_hj192 = MethodologyCatalog.Load(MethodologyCatalog.Hj192);
    private static readonly Config s_config = Config.QuickThrowOnFailure.WithMaxTest(1000);

    /// <summary>A value on the 0–100 scale with up to two decimals.</summary>
    private static Gen<decimal> Percent => Gen.Choose(0, 10000).Select(i => i / 100m);

    [Fact]
    public void Ei_StaysWithin0And100_ForSubIndicesInRange()
    {
        var arb = Gen.Zip(Percent.ArrayOf(5), Gen.Elements(0, 2, 3)).ToArbitrary();
        Check.One(s_config, Prop.ForAll(arb, input =>
        {
            var (v, level) = input;
            var values = new Dictionary<string, decimal>
            {
                ["biological_abundance"] = v[0],
                ["vegetation_cover"] = v[1],
                ["water_network_density"] = v[2],
                ["land_stress"] = v[3],
                ["pollution_load"] = v[4],
            };
            var result = EiCalculator.Compute(s_hj192, values, level).Result!;
            return result.Ei is >= 0 and <= 100 && result.UnrestrictedEi is >= 0 and <= 100;
        }));
    }

    [Fact]
    public void HabitatQuality_NeverFalls_WhenForestAreaGrows()
    {
        var subClasses = s_hj192.LandCover!.Classes.SelectMany(c => c.SubClasses).Select(s => s.Key).ToArray();
        var forests = s_hj192.LandCover.Classes.Single(c => c.Key == "forest").SubClasses.Select(s => s.Key).ToArray();
        var areas = Gen.Choose(0, 100_000).Select(i => i / 100.0).ArrayOf(subClasses.Length);
        var arb = Gen.Zip(areas, Gen.Zip(Gen.Elements(forests), Gen.Choose(1, 100_000).Select(i => i / 100.0))).ToArbitrary();
        Check.One(s_config, Prop.ForAll(arb, input =>
        {
            var (a, (forest, added)) = input;
            var before = subClasses.Zip(a).ToDictionary(p => p.First, p => p.Second);
            // Fixed region area: the region is at least as large as all its classes after the addition.
            var regionArea = a.Sum() + added + 1;
            var after = new Dictionary<string, double>(before) { [forest] = before[forest] + added };
            return Hj192Formulas.HabitatQuality(s_hj192, after, regionArea) >= Hj192Formulas.HabitatQuality(s_hj192, before, regionArea);
        }));
    }

    [Fact]
    public void Restriction_NeverRaisesTheGradeOrTheEi()
    {
        var arb = Gen.Zip(Gen.Choose(0, 1000).Select(i => i / 10m), Gen.Elements(0, 2, 3)).ToArbitrary();
        Check.One(s_config, Prop.ForAll(arb, input =>
        {
            var (ei, level) = input;
            var grade = EiCalculator.Grade(s_hj192, ei);
            var (restricted, restrictedGrade) = EiCalculator.ApplyRestriction(s_hj192, ei, level);
            return restricted <= ei && restrictedGrade.Min <= grade.Min;
        }));
    }
}
