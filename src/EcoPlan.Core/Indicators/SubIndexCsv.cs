using CsvHelper;
using CsvHelper.Configuration;

namespace EcoPlan.Core.Indicators;

/// <summary>One region and year of sub-index values, with the line it came from (1-based; the header is line 1).</summary>
public sealed record SubIndexRecord(string RegionCode, int Year, IReadOnlyDictionary<string, decimal> Values, int RestrictionLevel, int Row = 0);

/// <summary>What is wrong with a cell of an input file: its line and column (both 1-based) and why.</summary>
public sealed record InputError(int Row, int Column, string Message)
{
    public string ToString(string file) =>
        Localization.CoreText.Get("Input_At", file, Row.ToString(CultureInfo.InvariantCulture), Column.ToString(CultureInfo.InvariantCulture), Message);
}

public sealed record SubIndexCsvResult(IReadOnlyList<SubIndexRecord> Records, IReadOnlyList<InputError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// The csv form of sub-index values: <c>region_code,year,</c> one column per sub-index of the methodology (its keys),
/// then <c>environmental_restriction</c> when the methodology has a restriction rule. The header may name the columns
/// in Chinese instead (区划代码 or 地区, 年份, the sub-indices' names: <see cref="IndicatorColumns"/>), and a region may be
/// given by its name. Values are read with the invariant culture (a dot for decimals).
/// </summary>
public static class SubIndexCsv
{
    public const string RegionColumn = "region_code";
    public const string YearColumn = "year";
    public const string RestrictionColumn = "environmental_restriction";
    public const int MinYear = 1980;
    public const int MaxYear = 2100;

    /// <summary>The columns of the csv for <paramref name="methodology"/>, in template order.</summary>
    public static IReadOnlyList<string> Columns(Methodology methodology)
    {
        ArgumentNullException.ThrowIfNull(methodology);
        var columns = new List<string> { RegionColumn, YearColumn };
        columns.AddRange(methodology.SubIndices.Select(s => s.Key));
        if (methodology.Restriction is not null)
        {
            columns.Add(RestrictionColumn);
        }

        return columns;
    }

    /// <summary>Writes the header line of the csv for <paramref name="methodology"/>.</summary>
    public static void WriteTemplate(TextWriter writer, Methodology methodology)
    {
        ArgumentNullException.ThrowIfNull(writer);
        using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" }, leaveOpen: true);
        foreach (var column in Columns(methodology))
        {
            csv.WriteField(column);
        }

        csv.NextRecord();
    }

    /// <summary>
    /// Reads and checks every row: known region code, a whole year, every value present, numeric, not negative and
    /// within the methodology's range, a defined restriction level, no region and year twice. All errors are returned.
    /// </summary>
    public static SubIndexCsvResult Read(TextReader reader, Methodology methodology, IReadOnlyDictionary<string, string> regions)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(methodology);
        ArgumentNullException.ThrowIfNull(regions);
        var errors = new List<InputError>();
        var records = new List<SubIndexRecord>();
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            TrimOptions = TrimOptions.Trim,
            IgnoreBlankLines = true,
            DetectDelimiter = false,
            BadDataFound = null,
        };
        using var csv = new CsvReader(reader, configuration, leaveOpen: true);

        if (!csv.Read())
        {
            errors.Add(new InputError(1, 1, Localization.CoreText.Get("Csv_EmptyExpectHeader", string.Join(',', Columns(methodology)))));
            return new SubIndexCsvResult(records, errors);
        }

        var headerRow = csv.Parser.RawRow;
        var header = Enumerable.Range(0, csv.Parser.Count).Select(i => csv.Parser[i] ?? "").ToList();
        var expected = Columns(methodology);
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            var name = IndicatorColumns.KeyOf(header[i], expected, methodology);
            if (!expected.Contains(name, StringComparer.Ordinal))
            {
                errors.Add(new InputError(headerRow, i + 1, Localization.CoreText.Get("Csv_UnknownColumnOf", name, methodology.Id, string.Join(',', expected))));
            }
            else if (!positions.TryAdd(name, i))
            {
                errors.Add(new InputError(headerRow, i + 1, Localization.CoreText.Get("Csv_ColumnTwice", name)));
            }
        }

        foreach (var (name, index) in expected.Select((c, i) => (c, i)).Where(x => !positions.ContainsKey(x.c)))
        {
            errors.Add(new InputError(headerRow, index + 1, Localization.CoreText.Get("Csv_MissingColumn", name)));
        }

        if (errors.Count > 0)
        {
            return new SubIndexCsvResult(records, errors);
        }

        var seen = new Dictionary<(string, int), int>();
        var levels = methodology.Restriction?.Levels.Select(l => l.Level).ToHashSet() ?? [];
        while (csv.Read())
        {
            var row = csv.Parser.RawRow;
            var fields = csv.Parser.Count;
            var rowErrors = errors.Count;
            if (fields > header.Count)
            {
                errors.Add(new InputError(row, header.Count + 1, Localization.CoreText.Get("Csv_FieldCount", fields.ToString(CultureInfo.InvariantCulture), header.Count.ToString(CultureInfo.InvariantCulture))));
            }

            string? Cell(string column, out int columnNumber)
            {
                var index = positions[column];
                columnNumber = index + 1;
                var value = index < fields ? csv.Parser[index] : null;
                if (string.IsNullOrWhiteSpace(value))
                {
                    errors.Add(new InputError(row, columnNumber, Localization.CoreText.Get("Csv_MissingValue", IndicatorColumns.Label(column, methodology))));
                    return null;
                }

                return value.Trim();
            }

            var region = Cell(RegionColumn, out var regionColumn);
            if (region is not null && IndicatorColumns.RegionCode(region, regions) is { } code)
            {
                region = code;
            }
            else if (region is not null)
            {
                errors.Add(new InputError(row, regionColumn, Localization.CoreText.Get("Csv_UnknownRegion", IndicatorColumns.Label(RegionColumn), region)));
            }

            var yearText = Cell(YearColumn, out var yearColumn);
            var year = 0;
            if (yearText is not null)
            {
                if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out year))
                {
                    errors.Add(new InputError(row, yearColumn, Localization.CoreText.Get("Csv_NotAYear", IndicatorColumns.Label(YearColumn), yearText)));
                }
                else if (year is < MinYear or > MaxYear)
                {
                    errors.Add(new InputError(row, yearColumn, Localization.CoreText.Get("Csv_YearRange", IndicatorColumns.Label(YearColumn), year.ToString(CultureInfo.InvariantCulture), MinYear.ToString(CultureInfo.InvariantCulture), MaxYear.ToString(CultureInfo.InvariantCulture))));
                }
            }

            var values = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var s in methodology.SubIndices)
            {
                var text = Cell(s.Key, out var column);
                if (text is null)
                {
                    continue;
                }

                if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value))
                {
                    errors.Add(new InputError(row, column, Localization.CoreText.Get("Csv_NotANumber", IndicatorColumns.Label(s.Key, methodology), text)));
                }
                else if (value < 0)
                {
                    errors.Add(new InputError(row, column, Localization.CoreText.Get("Csv_Negative", IndicatorColumns.Label(s.Key, methodology), text)));
                }
                else if (value < methodology.SubIndexMin || value > methodology.SubIndexMax)
                {
                    errors.Add(new InputError(row, column, Localization.CoreText.Get("Csv_ValueRange", IndicatorColumns.Label(s.Key, methodology), text,
                        methodology.SubIndexMin.ToString(CultureInfo.InvariantCulture), methodology.SubIndexMax.ToString(CultureInfo.InvariantCulture))));
                }
                else
                {
                    values[s.Key] = value;
                }
            }

            var level = 0;
            if (methodology.Restriction is not null)
            {
                var text = Cell(RestrictionColumn, out var column);
                var allowed = "0, " + string.Join(", ", levels.Select(l => l.ToString(CultureInfo.InvariantCulture)));
                if (text is not null && !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out level))
                {
                    errors.Add(new InputError(row, column, Localization.CoreText.Get("Csv_RestrictionNotWhole", IndicatorColumns.Label(RestrictionColumn), text, allowed)));
                }
                else if (text is not null && level != 0 && !levels.Contains(level))
                {
                    errors.Add(new InputError(row, column, Localization.CoreText.Get("Csv_RestrictionUnknown", IndicatorColumns.Label(RestrictionColumn), text, methodology.Id, allowed)));
                }
            }

            if (region is not null && year is >= MinYear and <= MaxYear)
            {
                if (seen.TryGetValue((region, year), out var first))
                {
                    errors.Add(new InputError(row, regionColumn, Localization.CoreText.Get("Csv_RegionYearTwice", IndicatorColumns.Label(RegionColumn), region, year.ToString(CultureInfo.InvariantCulture), first.ToString(CultureInfo.InvariantCulture))));
                }
                else
                {
                    seen.Add((region, year), row);
                }
            }

            if (errors.Count == rowErrors)
            {
                records.Add(new SubIndexRecord(region!, year, values, level, row));
            }
        }

        if (records.Count == 0 && errors.Count == 0)
        {
            errors.Add(new InputError(headerRow + 1, 1, Localization.CoreText.Get("Csv_NoDataRows")));
        }

        return new SubIndexCsvResult(records, errors);
    }
}
