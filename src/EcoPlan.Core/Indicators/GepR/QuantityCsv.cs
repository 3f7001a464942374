namespace EcoPlan.Core.Indicators.GepR;

/// <summary>
/// A physical quantity of one item of a regulating service in a region and year, with its unit and source, and the
/// file and line it came from (for a quantity computed by a model: the first input line).
/// </summary>
public sealed record QuantityRecord(
    string RegionCode,
    int Year,
    string Service,
    string Item,
    decimal Quantity,
    PhysicalUnit Unit,
    string Source,
    string File = "",
    int Row = 0,
    int Column = 0);

/// <summary>
/// The csv form of physical quantities: <c>region_code,year,service,item,quantity,unit,source</c>, one line per
/// region, year, service and item. <c>item</c> may be empty (or the column absent) for a service with one item.
/// </summary>
public static class QuantityCsv
{
    public static IReadOnlyList<string> RequiredColumns { get; } = ["region_code", "year", "service", "quantity", "unit", "source"];
    public static IReadOnlyList<string> OptionalColumns { get; } = ["item"];

    /// <summary>The template's columns, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["region_code", "year", "service", "item", "quantity", "unit", "source"];

    /// <summary>
    /// Reads and checks every row: known region code, a year, a known service and item, a quantity ≥ 0, a unit of the
    /// item's dimension, a source, and no region, year, service and item twice.
    /// </summary>
    public static GepRReadResult<QuantityRecord> Read(TextReader reader, string file, RegulatingServiceSet services, IReadOnlyDictionary<string, string> regions)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(regions);
        var records = new List<QuantityRecord>();
        using var csv = new GepRCsvReader(reader, file, RequiredColumns, OptionalColumns);
        if (!csv.ReadHeader())
        {
            return new(records, csv.Errors);
        }

        var seen = new Dictionary<(string, int, string, string), int>();
        while (csv.ReadRow())
        {
            var before = csv.Errors.Count;
            var row = csv.Row;
            var region = csv.Region("region_code", regions);
            var year = csv.Year("year");
            var (service, item) = PriceCsv.ReadServiceItem(csv, services);
            var quantity = csv.Number("quantity");
            var unit = ReadUnit(csv, "unit", service, item);
            var source = csv.Required("source");

            if (region is not null && year is { } y && service is not null && item is not null)
            {
                if (seen.TryGetValue((region, y, service.Key, item.Key), out var first))
                {
                    csv.Error(row, csv.ColumnNumber("service"), Localization.CoreText.Get("Quantity_Twice",
                        service.Key, item.Key, region, y.ToString(CultureInfo.InvariantCulture), first.ToString(CultureInfo.InvariantCulture)));
                }
                else
                {
                    seen.Add((region, y, service.Key, item.Key), row);
                }
            }

            if (csv.Errors.Count == before)
            {
                records.Add(new QuantityRecord(region!, year!.Value, service!.Key, item!.Key, quantity!.Value, unit!, source!, file, row, csv.ColumnNumber("service")));
            }
        }

        csv.RequireData(records.Count);
        return new(records, csv.Errors);
    }

    private static PhysicalUnit? ReadUnit(GepRCsvReader csv, string column, RegulatingService? service, ServiceItem? item)
    {
        var text = csv.Required(column);
        if (text is null)
        {
            return null;
        }

        if (!GepRUnits.TryParse(text, out var unit))
        {
            csv.Error(csv.Row, csv.ColumnNumber(column), Localization.CoreText.Get("Quantity_UnknownUnit", column, text, GepRUnits.Known));
            return null;
        }

        if (service is not null && item is not null && GepRUnits.TryParse(item.Unit, out var itemUnit) && itemUnit.Dimension != unit.Dimension)
        {
            csv.Error(csv.Row, csv.ColumnNumber(column), Localization.CoreText.Get("Quantity_WrongDimension",
                column, service.Key, item.Key, GepRUnits.Name(itemUnit.Dimension), item.Unit, GepRUnits.Name(unit.Dimension), unit.Symbol));
            return null;
        }

        return unit;
    }

    public static void WriteTemplate(TextWriter writer) => GepRCsvReader.WriteHeader(writer, Columns);
}
