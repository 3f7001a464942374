using EcoPlan.Core.Indicators.GepR;
using FsCheck;
using FsCheck.Fluent;

namespace EcoPlan.Core.Tests.Indicators.GepR;

/// <summary>Properties that must hold for any input, checked on 500–1000 generated cases each.</summary>
public sealed class GepRPropertyTests
{
    private static readonly Config s_config = Config.QuickThrowOnFailure.WithMaxTest(1000);
    private static readonly string[] s_codes = ["110101", "110102", "110105", "110106", "110107", "110108", "110109", "110111", "110112", "110113", "110114", "110115", "110116", "110117", "110118", "110119"];

    /// <summary>GEP-R in 元 with fen, up to about 20 billion.</summary>
    private static Gen<decimal> Money => Gen.Zip(Gen.Choose(0, 2_000_000), Gen.Choose(0, 999_999)).Select(p => p.Item1 * 10_000m + p.Item2 / 100m);

    /// <summary>A growth rate from −20 % to +30 % in basis points.</summary>
    private static Gen<decimal> Rate(int min, int max) => Gen.Choose(min, max).Select(i => i / 10_000m);

    /// <summary>1 to 16 districts with the previous and current GEP-R and a growth target each.</summary>
    private static Gen<(DistrictGepR[] Districts, Dictionary<string, decimal> Targets)> Districts =>
        from n in Gen.Choose(1, 16)
        from previous in Money.ArrayOf(n)
        from growth in Rate(-2000, 3000).ArrayOf(n)
        from targets in Rate(-500, 1000).ArrayOf(n)
        select (
            Enumerable.Range(0, n).Select(i => new DistrictGepR(s_codes[i], s_codes[i], previous[i], decimal.Round(previous[i] * (1 + growth[i]), 2))).ToArray(),
            Enumerable.Range(0, n).ToDictionary(i => s_codes[i], i => targets[i]));

    private static Gen<decimal> CompensationRate => Gen.Choose(0, 20_000).Select(i => i / 10_000m);

    [Fact]
    public void Horizontal_TableAlwaysBalancesToTheYuan()
    {
        var arb = Gen.Zip(Districts, CompensationRate).ToArbitrary();
        Check.One(s_config, Prop.ForAll(arb, input =>
        {
            var ((districts, targets), rate) = input;
            var rules = new CompensationRules { Mode = CompensationMode.Horizontal, Rate = rate, GrowthTargets = targets };
            var (rows, transfers, _) = CompensationCalculator.Horizontal(districts, rules);
            var paid = rows.Sum(r => r.Pays);
            var received = rows.Sum(r => r.Receives);
            var rowsBalance = rows.All(r => transfers.Where(t => t.FromCode == r.RegionCode).Sum(t => t.Amount) == r.Pays
                && transfers.Where(t => t.ToCode == r.RegionCode).Sum(t => t.Amount) == r.Receives);
            return paid == received && transfers.Sum(t => t.Amount) == paid && rowsBalance && transfers.All(t => t.Amount > 0 && t.FromCode != t.ToCode);
        }));
    }

    [Fact]
    public void Horizontal_OnlyDistrictsBelowTargetPay_AndOnlyThoseAboveReceive()
    {
        var arb = Gen.Zip(Districts, CompensationRate).ToArbitrary();
        Check.One(s_config, Prop.ForAll(arb, input =>
        {
            var ((districts, targets), rate) = input;
            var rules = new CompensationRules { Mode = CompensationMode.Horizontal, Rate = rate, GrowthTargets = targets };
            var rows = CompensationCalculator.Horizontal(districts, rules).Districts;
            return rows.All(r =>
                (r.Pays == 0 || r.Delta < r.TargetDelta)
                && (r.Receives == 0 || r.Delta > r.TargetDelta)
                && (r.Pays == 0 || r.Receives == 0));
        }));
    }

    [Fact]
    public void Horizontal_EachPaymentIsWithinOneAndAHalfYuanOfRateTimesShortfall()
    {
        var arb = Gen.Zip(Districts, CompensationRate).ToArbitrary();
        Check.One(s_config, Prop.ForAll(arb, input =>
        {
            var ((districts, targets), rate) = input;
            var rules = new CompensationRules { Mode = CompensationMode.Horizontal, Rate = rate, GrowthTargets = targets };
            var (rows, _, notice) = CompensationCalculator.Horizontal(districts, rules);
            // When nobody can receive, nobody pays (notice); otherwise the pool is the rounded sum of the exact payments.
            return rows.Sum(r => r.Surplus) == 0
                ? rows.All(r => r.Pays == 0) && notice is not null
                : rows.All(r => Math.Abs(r.Pays - r.ExactPayment) <= 1.5m);
        }));
    }

    [Fact]
    public void Vertical_FundIsAllocatedExactly()
    {
        var gen = from d in Districts
                  from fund in Gen.Choose(0, int.MaxValue)
                  from basis in Gen.Elements(AllocationBasis.Share, AllocationBasis.Growth)
                  select (d, fund, basis);
        var arb = gen.ToArbitrary();
        Check.One(s_config, Prop.ForAll(arb, input =>
        {
            var ((districts, _), fund, basis) = input;
            var rules = new CompensationRules { Mode = CompensationMode.Vertical, Fund = fund, AllocateBy = basis };
            var shares = CompensationCalculator.Vertical(districts, rules, "北京市");
            var (rows, transfers, undistributed) = (shares.Districts, shares.Transfers, shares.Undistributed);
            var received = rows.Sum(r => r.Receives);
            var growthOnlyToGrowers = basis == AllocationBasis.Share || rows.All(r => r.Receives == 0 || r.Delta > 0);
            return received + undistributed == fund && transfers.Sum(t => t.Amount) == received && growthOnlyToGrowers;
        }));
    }

    [Fact]
    public void LargestRemainder_SharesAddUpAndStayWithinOneOfTheirQuota()
    {
        var arb = Gen.Zip(Gen.Choose(0, int.MaxValue), Money.NonEmptyListOf()).Where(p => p.Item2.Sum() > 0).ToArbitrary();
        Check.One(s_config, Prop.ForAll(arb, input =>
        {
            var (total, weights) = input;
            var shares = LargestRemainder.Apportion(total, weights);
            var sum = weights.Sum();
            return shares.Sum() == total
                && shares.Select((s, i) => Math.Abs(s - total * weights[i] / sum)).All(d => d < 1m);
        }));
    }

    [Fact]
    public void Value_NeverFalls_WhenTheQuantityGrows()
    {
        var prices = GepRTestData.ShippedPrices();
        var items = GepRTestData.Services.Services.SelectMany(s => s.Items.Select(i => (Service: s.Key, Item: i))).ToArray();
        var units = new[] { "m³", "万m³", "t", "kg", "m²", "hm²", "km²", "kWh" };
        var gen = from serviceItem in Gen.Elements(items)
                  from quantity in Money
                  from added in Money
                  from unitSymbol in Gen.Elements(units)
                  select (serviceItem, quantity, (added, unitSymbol));
        var arb = gen.ToArbitrary();
        Check.One(s_config, Prop.ForAll(arb, input =>
        {
            var ((service, item), quantity, (added, unitSymbol)) = input;
            if (!GepRUnits.TryParse(item.Unit, out var itemUnit) || !GepRUnits.TryParse(unitSymbol, out var unit))
            {
                return false;
            }

            var use = unit.Dimension == itemUnit.Dimension ? unit : itemUnit;
            QuantityRecord Q(decimal q) => new("110112", 2024, service, item.Key, q, use, "test");
            decimal Value(decimal q) => GepRTestData.Report([Q(q)], prices).Regions.Single().Value;
            return Value(quantity + added) >= Value(quantity);
        }));
    }

    [Fact]
    public void WaterConservation_NeverFalls_WhenRainfallOrAreaGrows()
    {
        var depth = Gen.Choose(0, 2_000).Select(i => i / 1000m);
        var area = Gen.Choose(0, 100_000_000).Select(i => (decimal)i);
        var gen = from p in depth
                  from r in depth
                  from et in depth
                  from a in area
                  from moreRain in depth
                  from moreArea in area
                  select ((p, r, et), (a, moreRain, moreArea));
        var arb = gen.ToArbitrary();
        Check.One(s_config, Prop.ForAll(arb, input =>
        {
            var ((p, r, et), (a, moreRain, moreArea)) = input;
            var before = PhysicalModels.WaterConservationTerm(p, r, et, a);
            var wetter = PhysicalModels.WaterConservationTerm(p + moreRain, r, et, a);
            var larger = PhysicalModels.WaterConservationTerm(p, r, et, a + moreArea);
            return wetter >= before && (p - r - et < 0 || larger >= before);
        }));
    }
}
