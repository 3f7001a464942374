using EcoPlan.Core.Indicators.GepR;

namespace EcoPlan.Core.Tests.Indicators.GepR;

public sealed class GepRUnitsTests
{
    private static PhysicalUnit U(string symbol) => GepRUnits.TryParse(symbol, out var unit) ? unit : throw new ArgumentException(symbol);

    [Theory]
    // 1,000 m³ × 7.06 元/m³ = 7,060 元
    [InlineData("1000", "m³", "7.06", "m³", "7060")]
    // 2 万m³ = 20,000 m³; × 7.06 = 141,200 元
    [InlineData("2", "万m³", "7.06", "m³", "141200")]
    // 500 kg = 0.5 t; × 380 元/t = 190 元
    [InlineData("500", "kg", "380", "t", "190")]
    // 3 km² = 300 hm²; × 375 元/hm² = 112,500 元
    [InlineData("3", "km²", "375", "hm²", "112500")]
    // ASCII m3 is m³; 1.5 万kWh = 15,000 kWh × 0.53 = 7,950 元
    [InlineData("1.5", "万kWh", "0.53", "kWh", "7950")]
    public void Value_IsQuantityTimesPrice_WithTheUnitsConverted(string quantity, string unit, string price, string pricedUnit, string expected)
    {
        var value = GepRUnits.Value(decimal.Parse(quantity, System.Globalization.CultureInfo.InvariantCulture), U(unit),
            decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture), U(pricedUnit));

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Fact]
    public void Value_RejectsAUnitMismatch()
    {
        var error = Assert.Throws<GepRException>(() => GepRUnits.Value(10, U("t"), 7.06m, U("m³")));

        Assert.Equal("unit mismatch: a quantity in t (mass) cannot be priced in 元/m³ (volume)", error.Message);
    }

    [Fact]
    public void PriceUnits_AreYuanPerAKnownUnit()
    {
        Assert.True(GepRUnits.TryParsePriceUnit("元/m³", out var m3));
        Assert.Equal(Dimension.Volume, m3.Dimension);
        Assert.True(GepRUnits.TryParsePriceUnit("yuan/hm2", out var hm2));
        Assert.Equal(10_000m, hm2.Factor);
        Assert.False(GepRUnits.TryParsePriceUnit("m³", out _));
        Assert.False(GepRUnits.TryParsePriceUnit("元/亩", out _));
        Assert.False(GepRUnits.TryParsePriceUnit("$/t", out _));
    }
}
