using CsvHelper;
using CsvHelper.Configuration;

namespace EcoPlan.Core.Indicators.GepR;

/// <summary>What is wrong with an input: the file (as the caller named it), its line and column (1-based) and why.</summary>
public sealed record GepRInputError(string File, int Row, int Column, string Message)
{
    public override string ToString() =>
        Localization.CoreText.Get("Input_At", File, Row.ToString(CultureInfo.InvariantCulture), Column.ToString(CultureInfo.InvariantCulture), Message);
}

/// <summary>Rows read from a GEP-R input file, or the errors that stop it being used.</summary>
public sealed record GepRReadResult<T>(IReadOnlyList<T> Records, IReadOnlyList<GepRInputError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Reading of the GEP-R csv files: a header of known columns in any order (required and optional ones, by their keys
/// or Chinese names: <see cref="IndicatorColumns"/>), then one record per line; every problem is collected with its line (the header is line 1) and column.
/// </summary>
internal sealed class GepRCsvReader : IDisposable
{
    public const int MinYear = 1980;
    public const int MaxYear = 2100;

    private readonly CsvReader _csv;
    private readonly string _file;
    private readonly IReadOnlyList<string> _required;
    private readonly IReadOnlyList<string> _optional;
    private readonly Dictionary<string, int> _positions = new(StringComparer.Ordinal);
    private int _headerCount;

    public GepRCsvReader(TextReader reader, string file, IReadOnlyList<string> required, IReadOnlyList<string> optional)
    {
        _file = file;
        _required = required;
        _optional = optional;
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            TrimOptions = TrimOptions.Trim,
            IgnoreBlankLines = true,
            DetectDelimiter = false,
            BadDataFound = null,
        };
        _csv = new CsvReader(reader, configuration, leaveOpen: true);
    }

    public List<GepRInputError> Errors { get; } = [];

    public int HeaderRow { get; private set; } = 1;

    public int Row => _csv.Parser.RawRow;

    public IEnumerable<string> AllColumns => _required.Concat(_optional);

    public bool HasColumn(string column) => _positions.ContainsKey(column);

    public void Error(int row, int column, string message) => Errors.Add(new GepRInputError(_file, row, column, message));

    /// <summary>Reads the header; false (with errors) when it is missing, has unknown, repeated or missing columns.</summary>
    public bool ReadHeader()
    {
        if (!_csv.Read())
        {
            Error(1, 1, Localization.CoreText.Get("Csv_EmptyExpectHeader", string.Join(',', AllColumns)));
            return false;
        }

        HeaderRow = _csv.Parser.RawRow;
        _headerCount = _csv.Parser.Count;
        var known = AllColumns.ToList();
        for (var i = 0; i < _headerCount; i++)
        {
            var name = IndicatorColumns.KeyOf(_csv.Parser[i] ?? "", known);
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                Error(HeaderRow, i + 1, Localization.CoreText.Get("Csv_UnknownColumn", name, string.Join(',', known)));
            }
            else if (!_positions.TryAdd(name, i))
            {
                Error(HeaderRow, i + 1, Localization.CoreText.Get("Csv_ColumnTwice", name));
            }
        }

        foreach (var (name, index) in _required.Select((c, i) => (c, i)).Where(x => !_positions.ContainsKey(x.c)))
        {
            Error(HeaderRow, index + 1, Localization.CoreText.Get("Csv_MissingColumn", name));
        }

        return Errors.Count == 0;
    }

    /// <summary>Moves to the next data line; reports a line with more fields than the header.</summary>
    public bool ReadRow()
    {
        if (!_csv.Read())
        {
            return false;
        }

        if (_csv.Parser.Count > _headerCount)
        {
            Error(Row, _headerCount + 1, Localization.CoreText.Get("Csv_FieldCount",
                _csv.Parser.Count.ToString(CultureInfo.InvariantCulture), _headerCount.ToString(CultureInfo.InvariantCulture)));
        }

        return true;
    }

    /// <summary>The 1-based column of <paramref name="column"/> in this file (0 when the optional column is absent).</summary>
    public int ColumnNumber(string column) => _positions.TryGetValue(column, out var index) ? index + 1 : 0;

    /// <summary>The trimmed text of a cell, or null when empty or absent.</summary>
    public string? Text(string column)
    {
        if (!_positions.TryGetValue(column, out var index) || index >= _csv.Parser.Count)
        {
            return null;
        }

        var value = _csv.Parser[index];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>The text of a cell that must be given; reports "missing value" otherwise.</summary>
    public string? Required(string column)
    {
        var text = Text(column);
        if (text is null)
        {
            Error(Row, ColumnNumber(column), Localization.CoreText.Get("Csv_MissingValue", column));
        }

        return text;
    }

    public int? Year(string column)
    {
        var text = Required(column);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            Error(Row, ColumnNumber(column), Localization.CoreText.Get("Csv_NotAYear", column, text));
            return null;
        }

        if (year is < MinYear or > MaxYear)
        {
            Error(Row, ColumnNumber(column), Localization.CoreText.Get("Csv_YearRange", column, year.ToString(CultureInfo.InvariantCulture), MinYear.ToString(CultureInfo.InvariantCulture), MaxYear.ToString(CultureInfo.InvariantCulture)));
            return null;
        }

        return year;
    }

    public string? Region(string column, IReadOnlyDictionary<string, string> regions)
    {
        var text = Required(column);
        if (text is null)
        {
            return null;
        }

        var code = IndicatorColumns.RegionCode(text, regions);
        if (code is null)
        {
            Error(Row, ColumnNumber(column), Localization.CoreText.Get("Csv_UnknownRegion", column, text));
        }

        return code;
    }

    /// <summary>A number with the invariant culture (a dot for decimals); not negative unless allowed.</summary>
    public decimal? Number(string column, bool required = true, bool allowNegative = false)
    {
        var text = required ? Required(column) : Text(column);
        if (text is null)
        {
            return null;
        }

        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value))
        {
            Error(Row, ColumnNumber(column), Localization.CoreText.Get("Csv_NotANumber", column, text));
            return null;
        }

        if (value < 0 && !allowNegative)
        {
            Error(Row, ColumnNumber(column), Localization.CoreText.Get("Csv_Negative", column, text));
            return null;
        }

        return value;
    }

    /// <summary>Adds "no data rows" when the file has a header only.</summary>
    public void RequireData(int records)
    {
        if (records == 0 && Errors.Count == 0)
        {
            Error(HeaderRow + 1, 1, Localization.CoreText.Get("Csv_NoDataRows"));
        }
    }

    public static void WriteHeader(TextWriter writer, IEnumerable<string> columns)
    {
        ArgumentNullException.ThrowIfNull(writer);
        using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" }, leaveOpen: true);
        foreach (var column in columns)
        {
            csv.WriteField(column);
        }

        csv.NextRecord();
    }

    public void Dispose() => _csv.Dispose();
}
