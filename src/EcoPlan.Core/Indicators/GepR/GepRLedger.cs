namespace EcoPlan.Core.Indicators.GepR;

/// <summary>
/// One line of the ledger: a quantity of a service's item in a region and year, the price in force that year and the
/// value (quantity × price, in 元); with a base year, also the base year's price and the comparable value.
/// </summary>
public sealed record LedgerLine(
    QuantityRecord Quantity,
    string RegionName,
    RegulatingService Service,
    ServiceItem Item,
    PriceEntry Price,
    decimal Value,
    PriceEntry? ComparablePrice,
    decimal? ComparableValue);

/// <summary>Values the quantities at the prices in force, and at a base year's prices for comparable (real) series.</summary>
public static class GepRLedger
{
    /// <summary>
    /// Prices every quantity. Errors (against the quantity's file and line): no price in force in its year or in the
    /// base year; the same region, year, service and item twice (e.g. given and computed by a model); a region given
    /// together with a region that contains it (the city and its districts), which would count twice in the totals.
    /// </summary>
    public static GepRReadResult<LedgerLine> Build(
        IReadOnlyList<QuantityRecord> quantities,
        PriceTable prices,
        RegulatingServiceSet services,
        IReadOnlyDictionary<string, string> regionNames,
        int? baseYear = null)
    {
        ArgumentNullException.ThrowIfNull(quantities);
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(regionNames);
        var errors = new List<GepRInputError>();
        var lines = new List<LedgerLine>();
        var seen = new Dictionary<(string, int, string, string), QuantityRecord>();
        var firstOfRegion = new Dictionary<string, QuantityRecord>(StringComparer.Ordinal);

        foreach (var q in quantities)
        {
            if (seen.TryGetValue((q.RegionCode, q.Year, q.Service, q.Item), out var earlier))
            {
                errors.Add(Error(q, Localization.CoreText.Get("Ledger_Twice",
                    q.Service, q.Item, q.RegionCode, q.Year.ToString(CultureInfo.InvariantCulture), earlier.File, earlier.Row.ToString(CultureInfo.InvariantCulture))));
                continue;
            }

            seen.Add((q.RegionCode, q.Year, q.Service, q.Item), q);
            firstOfRegion.TryAdd(q.RegionCode, q);
            var service = services.Service(q.Service);
            var item = service.FindItem(q.Item) ?? throw new GepRException($"Service {q.Service} has no item {q.Item}.");
            var price = prices.InForce(q.Service, q.Item, q.Year);
            if (price is null)
            {
                errors.Add(Error(q, Localization.CoreText.Get("Ledger_NoPrice", q.Service, q.Item, q.Year.ToString(CultureInfo.InvariantCulture))));
                continue;
            }

            PriceEntry? comparable = null;
            if (baseYear is { } b)
            {
                comparable = prices.InForce(q.Service, q.Item, b);
                if (comparable is null)
                {
                    errors.Add(Error(q, Localization.CoreText.Get("Ledger_NoBasePrice", q.Service, q.Item, b.ToString(CultureInfo.InvariantCulture))));
                    continue;
                }
            }

            decimal value, comparableValue = 0;
            try
            {
                value = GepRUnits.Value(q.Quantity, q.Unit, price.Price, price.PricedUnit);
                if (comparable is not null)
                {
                    comparableValue = GepRUnits.Value(q.Quantity, q.Unit, comparable.Price, comparable.PricedUnit);
                }
            }
            catch (GepRException ex)
            {
                errors.Add(Error(q, $"{q.Service}/{q.Item}: {ex.Message}"));
                continue;
            }
            catch (OverflowException)
            {
                errors.Add(Error(q, Localization.CoreText.Get("Ledger_TooLarge", q.Service, q.Item)));
                continue;
            }

            var name = regionNames.TryGetValue(q.RegionCode, out var n) ? n : q.RegionCode;
            lines.Add(new LedgerLine(q, name, service, item, price, value, comparable, comparable is null ? null : comparableValue));
        }

        foreach (var (code, first) in firstOfRegion.OrderBy(p => p.Value.File, StringComparer.Ordinal).ThenBy(p => p.Value.Row))
        {
            var inner = firstOfRegion.Keys.Where(other => Contains(code, other)).Order(StringComparer.Ordinal).ToList();
            if (inner.Count > 0)
            {
                errors.Add(new GepRInputError(first.File, first.Row, 1,
                    Localization.CoreText.Get("Ledger_Nested", code, string.Join(", ", inner.Take(3)) + (inner.Count > 3 ? ", …" : ""))));
            }
        }

        return new(lines, errors);
    }

    /// <summary>
    /// Whether region <paramref name="outer"/> contains <paramref name="inner"/> by GB/T 2260 codes: a province
    /// (xx0000) its prefectures and counties, a prefecture (xxxx00) its counties, a county (6 digits) its townships (9 digits).
    /// </summary>
    public static bool Contains(string outer, string inner)
    {
        ArgumentNullException.ThrowIfNull(outer);
        ArgumentNullException.ThrowIfNull(inner);
        if (outer == inner || outer.Length != 6)
        {
            return false;
        }

        var prefix = outer.EndsWith("0000", StringComparison.Ordinal) ? outer[..2]
            : outer.EndsWith("00", StringComparison.Ordinal) ? outer[..4]
            : outer;
        return inner.StartsWith(prefix, StringComparison.Ordinal) && inner.Length >= outer.Length;
    }

    private static GepRInputError Error(QuantityRecord q, string message) =>
        new(q.File, q.Row, q.Column == 0 ? 1 : q.Column, message);
}
