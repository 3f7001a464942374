namespace EcoPlan.Core.Indicators.GepR;

/// <summary>The physical dimensions GEP-R quantities come in.</summary>
public enum Dimension
{
    Volume,
    Mass,
    Area,
    Energy,
    Length,
}

/// <summary>A unit: its dimension and how many base units (m³, t, m², kWh, m) one of it is.</summary>
public sealed record PhysicalUnit(string Symbol, Dimension Dimension, decimal Factor)
{
    /// <summary>The base unit of the dimension: m³, t, m², kWh or m.</summary>
    public string BaseSymbol => GepRUnits.BaseSymbol(Dimension);
}

/// <summary>
/// The units EcoPlan accepts for GEP-R quantities and prices, with exact decimal conversion factors within a
/// dimension. Quantities in one unit priced per another of the same dimension are converted (2 万m³ at 7.06 元/m³ is
/// 141,200 元); across dimensions (t priced per m³) they are rejected. 亩 is not accepted: 1 亩 = 10000/15 m² has no
/// exact decimal factor.
/// </summary>
public static class GepRUnits
{
    public const string Currency = "元";

    private static readonly Dictionary<string, PhysicalUnit> s_units = Build();

    /// <summary>The accepted unit symbols, for messages.</summary>
    public static string Known => Localization.CoreText.Get("Units_Known");

    public static string BaseSymbol(Dimension dimension) => dimension switch
    {
        Dimension.Volume => "m³",
        Dimension.Mass => "t",
        Dimension.Area => "m²",
        Dimension.Energy => "kWh",
        Dimension.Length => "m",
    };

    private static Dictionary<string, PhysicalUnit> Build()
    {
        var units = new Dictionary<string, PhysicalUnit>(StringComparer.Ordinal);
        void Add(string symbol, Dimension dimension, decimal factor, params string[] aliases)
        {
            var unit = new PhysicalUnit(symbol, dimension, factor);
            units.Add(symbol, unit);
            foreach (var alias in aliases)
            {
                units.Add(alias, unit);
            }
        }

        Add("m³", Dimension.Volume, 1m, "m3");
        Add("万m³", Dimension.Volume, 10_000m, "万m3");
        Add("亿m³", Dimension.Volume, 100_000_000m, "亿m3");
        Add("t", Dimension.Mass, 1m);
        Add("kg", Dimension.Mass, 0.001m);
        Add("万t", Dimension.Mass, 10_000m);
        Add("m²", Dimension.Area, 1m, "m2");
        Add("hm²", Dimension.Area, 10_000m, "hm2", "ha");
        Add("km²", Dimension.Area, 1_000_000m, "km2");
        Add("kWh", Dimension.Energy, 1m, "kwh");
        Add("万kWh", Dimension.Energy, 10_000m, "万kwh");
        Add("mm", Dimension.Length, 0.001m);
        Add("m", Dimension.Length, 1m);
        return units;
    }

    public static bool TryParse(string? symbol, out PhysicalUnit unit)
    {
        unit = null!;
        return symbol is not null && s_units.TryGetValue(symbol.Trim(), out unit!);
    }

    /// <summary>Parses a price unit <c>元/&lt;unit&gt;</c> (also <c>yuan/&lt;unit&gt;</c>) into the unit priced.</summary>
    public static bool TryParsePriceUnit(string? symbol, out PhysicalUnit unit)
    {
        unit = null!;
        if (symbol is null)
        {
            return false;
        }

        var text = symbol.Trim();
        foreach (var prefix in new[] { Currency + "/", "yuan/" })
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal))
            {
                return TryParse(text[prefix.Length..], out unit);
            }
        }

        return false;
    }

    /// <summary>
    /// The value in 元 of <paramref name="quantity"/> <paramref name="quantityUnit"/> at <paramref name="price"/>
    /// 元 per <paramref name="pricedUnit"/>; throws <see cref="GepRException"/> when the dimensions differ.
    /// </summary>
    public static decimal Value(decimal quantity, PhysicalUnit quantityUnit, decimal price, PhysicalUnit pricedUnit)
    {
        ArgumentNullException.ThrowIfNull(quantityUnit);
        ArgumentNullException.ThrowIfNull(pricedUnit);
        if (quantityUnit.Dimension != pricedUnit.Dimension)
        {
            throw new GepRException(Mismatch(quantityUnit, pricedUnit));
        }

        // quantity [q] × price [元/p] = quantity × (q/p) × price; q/p is exact when both factors are powers of ten.
        return quantityUnit.Factor == pricedUnit.Factor
            ? quantity * price
            : quantity * quantityUnit.Factor * price / pricedUnit.Factor;
    }

    /// <summary>Converts <paramref name="quantity"/> from one unit to another of the same dimension.</summary>
    public static decimal Convert(decimal quantity, PhysicalUnit from, PhysicalUnit to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (from.Dimension != to.Dimension)
        {
            throw new GepRException(Localization.CoreText.Get("Units_CannotConvert", from.Symbol, to.Symbol, Name(from.Dimension), Name(to.Dimension)));
        }

        return from.Factor == to.Factor ? quantity : quantity * from.Factor / to.Factor;
    }

    public static string Mismatch(PhysicalUnit quantityUnit, PhysicalUnit pricedUnit) =>
        Localization.CoreText.Get("Units_Mismatch", quantityUnit.Symbol, Name(quantityUnit.Dimension), Currency, pricedUnit.Symbol, Name(pricedUnit.Dimension));

    public static string Name(Dimension dimension) => dimension switch
    {
        Dimension.Volume => Localization.CoreText.Get("Dimension_Volume"),
        Dimension.Mass => Localization.CoreText.Get("Dimension_Mass"),
        Dimension.Area => Localization.CoreText.Get("Dimension_Area"),
        Dimension.Energy => Localization.CoreText.Get("Dimension_Energy"),
        Dimension.Length => Localization.CoreText.Get("Dimension_Length"),
    };
}
