namespace EcoPlan.Core.Indicators.GepR;

/// <summary>One price: from <see cref="PriceYear"/> on, one <see cref="PricedUnit"/> of a service's item is worth <see cref="Price"/> 元.</summary>
public sealed record PriceEntry(
    int PriceYear,
    string Service,
    string Item,
    decimal Price,
    PhysicalUnit PricedUnit,
    string Source,
    bool Confirmed,
    string? Note,
    int Row = 0)
{
    public string UnitText => $"{GepRUnits.Currency}/{PricedUnit.Symbol}";
}

/// <summary>
/// Prices versioned by year. The price of an item in year Y is the entry with the latest price year not after Y (a
/// price version stays in force until a newer one); there is none for years before the item's first version.
/// </summary>
public sealed class PriceTable
{
    private readonly Dictionary<(string Service, string Item), List<PriceEntry>> _entries;

    public PriceTable(IEnumerable<PriceEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = entries.ToList();
        _entries = Entries
            .GroupBy(e => (e.Service, e.Item))
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.PriceYear).ToList());
    }

    public IReadOnlyList<PriceEntry> Entries { get; }

    /// <summary>The price in force in <paramref name="year"/>, or null when the table has none that early.</summary>
    public PriceEntry? InForce(string service, string item, int year) =>
        _entries.TryGetValue((service, item), out var versions) ? versions.LastOrDefault(e => e.PriceYear <= year) : null;
}

/// <summary>
/// The csv form of a price table: <c>price_year,service,item,price,unit,source</c>, optionally <c>confirmed</c>
/// (true/false or 是/否, default false) and <c>note</c>; columns, services and items may be named in Chinese. Units are <c>元/&lt;unit&gt;</c> of the item's dimension.
/// </summary>
public static class PriceCsv
{
    public static IReadOnlyList<string> RequiredColumns { get; } = ["price_year", "service", "item", "price", "unit", "source"];
    public static IReadOnlyList<string> OptionalColumns { get; } = ["confirmed", "note"];

    /// <summary>The prices the methods note gives (RCEES, Garzê, 2010 price level), each with its tag and flagged as unconfirmed for Beijing.</summary>
    public static string ShippedPrices()
    {
        using var stream = RegulatingServiceCatalog.OpenResource("prices-rcees-2010.csv");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Reads and checks every row: known service and item, a year, a price ≥ 0, a unit of the item's dimension, a source, no duplicate.</summary>
    public static GepRReadResult<PriceEntry> Read(TextReader reader, string file, RegulatingServiceSet services)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(services);
        var records = new List<PriceEntry>();
        using var csv = new GepRCsvReader(reader, file, RequiredColumns, OptionalColumns);
        if (!csv.ReadHeader())
        {
            return new(records, csv.Errors);
        }

        var seen = new Dictionary<(int, string, string), int>();
        while (csv.ReadRow())
        {
            var before = csv.Errors.Count;
            var row = csv.Row;
            var year = csv.Year("price_year");
            var (service, item) = ReadServiceItem(csv, services);
            var price = csv.Number("price");
            var unitText = csv.Required("unit");
            PhysicalUnit? unit = null;
            if (unitText is not null)
            {
                if (!GepRUnits.TryParsePriceUnit(unitText, out var parsed))
                {
                    csv.Error(row, csv.ColumnNumber("unit"), Localization.CoreText.Get("Price_NotPriceUnit", unitText, GepRUnits.Known));
                }
                else if (item is not null && GepRUnits.TryParse(item.Unit, out var itemUnit) && itemUnit.Dimension != parsed.Dimension)
                {
                    csv.Error(row, csv.ColumnNumber("unit"), Localization.CoreText.Get("Price_UnitMismatch", GepRUnits.Mismatch(itemUnit, parsed), service!.Key, item.Key, item.Unit));
                }
                else
                {
                    unit = parsed;
                }
            }

            var source = csv.Required("source");
            var confirmed = false;
            if (csv.Text("confirmed") is { } confirmedText)
            {
                if (!bool.TryParse(confirmedText, out confirmed) && !YesNo(confirmedText, out confirmed))
                {
                    csv.Error(row, csv.ColumnNumber("confirmed"), Localization.CoreText.Get("Price_NotBool", confirmedText));
                }
            }

            if (year is { } y && service is not null && item is not null)
            {
                if (seen.TryGetValue((y, service.Key, item.Key), out var first))
                {
                    csv.Error(row, csv.ColumnNumber("item"), Localization.CoreText.Get("Price_Twice",
                        y.ToString(CultureInfo.InvariantCulture), service.Key, item.Key, first.ToString(CultureInfo.InvariantCulture)));
                }
                else
                {
                    seen.Add((y, service.Key, item.Key), row);
                }
            }

            if (csv.Errors.Count == before)
            {
                records.Add(new PriceEntry(year!.Value, service!.Key, item!.Key, price!.Value, unit!, source!, confirmed, csv.Text("note"), row));
            }
        }

        csv.RequireData(records.Count);
        return new(records, csv.Errors);
    }

    private static bool YesNo(string text, out bool value)
    {
        value = text is "是";
        return text is "是" or "否";
    }

    /// <summary>Reads the service and item columns (keys or Chinese names); the item may be left empty when the service has a single item.</summary>
    internal static (RegulatingService? Service, ServiceItem? Item) ReadServiceItem(GepRCsvReader csv, RegulatingServiceSet services)
    {
        var key = csv.Required("service");
        if (key is null)
        {
            return (null, null);
        }

        var service = services.Find(key) ?? services.Services.FirstOrDefault(s => IndicatorColumns.Normalize(s.Name) == IndicatorColumns.Normalize(key));
        if (service is null)
        {
            csv.Error(csv.Row, csv.ColumnNumber("service"), Localization.CoreText.Get("Price_UnknownService", key, string.Join(", ", services.Services.Select(s => s.Key))));
            return (null, null);
        }

        var itemKey = csv.Text("item");
        if (itemKey is null)
        {
            if (service.Items.Count == 1)
            {
                return (service, service.Items[0]);
            }

            csv.Error(csv.Row, Math.Max(1, csv.ColumnNumber("item")), Localization.CoreText.Get("Price_ItemMissing", service.Key, string.Join(", ", service.Items.Select(i => i.Key))));
            return (service, null);
        }

        var item = service.FindItem(itemKey) ?? service.Items.FirstOrDefault(i => IndicatorColumns.Normalize(i.Name) == IndicatorColumns.Normalize(itemKey));
        if (item is null)
        {
            csv.Error(csv.Row, csv.ColumnNumber("item"), Localization.CoreText.Get("Price_UnknownItem", service.Key, itemKey, string.Join(", ", service.Items.Select(i => i.Key))));
        }

        return (service, item);
    }
}
