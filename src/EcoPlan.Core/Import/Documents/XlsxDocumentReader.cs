using System.Xml;
using ExcelDataReader;
using ExcelDataReader.Exceptions;

namespace EcoPlan.Core.Import.Documents;

/// <summary>
/// Reads a spreadsheet (.xlsx, or the older .xls that 台账 are often kept in) sheet by sheet. Merged
/// ranges keep their value in the top-left cell only, as in Word. Rows with one filled cell above the
/// table (title, 附件 label) become paragraphs. A date cell is written as 2025年6月30日, so the deadline
/// parser reads it like printed text. ExcelDataReader keeps shared strings, styles and each row in memory,
/// so a zipped workbook is first read through a <see cref="BoundedZip"/> and refused there when it would unfold
/// past the <see cref="ZipLimits"/>; rows as laid out (empty cells included) are counted as they are read.
/// </summary>
public static class XlsxDocumentReader
{
    private const string Transitional = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Strict = "http://purl.oclc.org/ooxml/spreadsheetml/main";
    private const int ExcelColumns = 16_384;
    private const int ExcelRows = 1_048_576;

    static XlsxDocumentReader() => System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);

    public static DocumentContent Read(Stream stream, string sourceName, ZipLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        limits ??= ZipLimits.Default;
        try
        {
            using var reader = OpenReader(stream, sourceName, limits);
            var blocks = new List<DocumentBlock>();
            var cells = 0L;
            do
            {
                ReadSheet(reader, blocks, sourceName, limits, ref cells);
            }
            while (reader.NextResult());

            return new DocumentContent(sourceName, blocks);
        }
        catch (Exception ex) when (ex is ExcelReaderException or InvalidDataException or IOException or NotSupportedException or ArgumentException or InvalidOperationException or XmlException)
        {
            throw new DocumentReadException(CoreText.Get("Xlsx_Unreadable", sourceName, Data.SetupException.OneLine(ex.Message)), ex);
        }
    }

    /// <summary>ExcelDataReader over the workbook in <paramref name="stream"/> (seekable), once a zipped workbook has passed <see cref="CheckParts"/>.</summary>
    internal static IExcelDataReader OpenReader(Stream stream, string sourceName, ZipLimits limits)
    {
        var start = stream.Position;
        Span<byte> signature = stackalloc byte[4];
        var isZip = stream.ReadAtLeast(signature, 4, throwOnEndOfStream: false) == 4 && signature.SequenceEqual("PK\u0003\u0004"u8);
        stream.Position = start;
        if (isZip)
        {
            CheckParts(stream, sourceName, limits);
            stream.Position = start;
        }

        return ExcelReaderFactory.CreateReader(stream);
    }

    /// <summary>
    /// Counts a row as ExcelDataReader lays it out (FieldCount cells, at least one),
    /// before it is copied: a sheet with one cell at A1 and one at XFD1048576 is seventeen billion cells.
    /// </summary>
    internal static void CountRow(IExcelDataReader reader, int rowNumber, string sourceName, ZipLimits limits, ref long cells)
    {
        cells += Math.Max(reader.FieldCount, 1);
        if (cells > limits.MaxCells)
        {
            throw BoundedZip.Refusal(sourceName, CoreText.Get("Location_SheetRow", reader.Name, rowNumber), CoreText.Get("Zip_TooManyCells", limits.MaxCells));
        }
    }

    /// <summary>
    /// Reads every XML part of the zip under the limits (bytes, depth, node length, elements, text), counting cells
    /// and shared strings and refusing cell or row numbers past Excel's grid and binary (.xlsb) parts, which
    /// ExcelDataReader would read without these bounds. A part that is not well-formed is left to ExcelDataReader
    /// to report, if it reads it at all.
    /// </summary>
    private static void CheckParts(Stream stream, string sourceName, ZipLimits limits)
    {
        using var zip = BoundedZip.Open(stream, sourceName, limits);
        var (sharedStrings, cells) = (0, 0);
        foreach (var name in zip.EntryNames.Distinct(StringComparer.Ordinal).ToList())
        {
            if (!LooksLikeXml(zip, name))
            {
                continue;
            }

            try
            {
                using var xml = zip.OpenXml(name);
                while (xml.Read())
                {
                    if (xml.NodeType != XmlNodeType.Element)
                    {
                        continue;
                    }

                    if (xml.LocalName == "Relationship")
                    {
                        CheckRelationship(zip, name, xml);
                    }
                    else if (xml.NamespaceURI is not (Transitional or Strict))
                    {
                        continue;
                    }
                    else if (xml.LocalName is "c" or "row")
                    {
                        var reference = xml.GetAttribute("r");
                        var isCell = xml.LocalName == "c";
                        cells += isCell ? 1 : 0;
                        var number = cells;
                        string Place() => BoundedZip.PartPlace(name, (isCell, reference) switch
                        {
                            (false, _) => CoreText.Get("Zip_Row", reference ?? "?"),
                            (true, null) => CoreText.Get("Zip_CellNumber", number),
                            (true, _) => CoreText.Get("Zip_Cell", reference),
                        });
                        if (reference is not null && !InGrid(reference, isRow: !isCell))
                        {
                            throw zip.Refusal(Place(), CoreText.Get("Zip_CellOutOfGrid"));
                        }

                        if (isCell)
                        {
                            zip.CountCells(Place);
                        }
                    }
                    else if (xml.LocalName == "si" && ++sharedStrings > limits.MaxCells)
                    {
                        throw zip.Refusal(BoundedZip.PartPlace(name, CoreText.Get("Zip_SharedString", sharedStrings)), CoreText.Get("Zip_TooManyStrings", limits.MaxCells));
                    }
                }
            }
            catch (XmlException)
            {
                // Not well-formed: ExcelDataReader reports it if the part is one it reads.
            }
        }
    }

    /// <summary>ExcelDataReader reads a workbook, sheet, shared strings or styles part in binary form when its name ends in .bin.</summary>
    private static void CheckRelationship(BoundedZip zip, string partName, XmlReader xml)
    {
        var type = xml.GetAttribute("Type") ?? "";
        var target = xml.GetAttribute("Target") ?? "";
        if (target.EndsWith(".bin", StringComparison.OrdinalIgnoreCase)
            && (type.EndsWith("/officeDocument", StringComparison.Ordinal) || type.EndsWith("/worksheet", StringComparison.Ordinal)
                || type.EndsWith("/sharedStrings", StringComparison.Ordinal) || type.EndsWith("/styles", StringComparison.Ordinal)))
        {
            throw zip.Refusal(BoundedZip.PartPlace(partName), CoreText.Get("Zip_BinaryWorkbook"));
        }
    }

    /// <summary>XML starts with '&lt;', white space or a byte-order mark; images and other binary parts do not.</summary>
    private static bool LooksLikeXml(BoundedZip zip, string name)
    {
        Span<byte> head = stackalloc byte[2];
        using var part = zip.OpenPart(name);
        var read = part.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return read > 0 && (head[0] is (byte)'<' or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0x00 or 0xEF
            || (read == 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF))));
    }

    /// <summary>Whether a cell reference (B7) or row number (7) lies inside Excel's grid.</summary>
    private static bool InGrid(string reference, bool isRow)
    {
        var letters = isRow ? 0 : reference.TakeWhile(char.IsAsciiLetter).Count();
        var column = 0;
        foreach (var c in reference[..Math.Min(letters, 4)])
        {
            column = (column * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        var digits = reference[letters..];
        return letters <= 3 && column <= ExcelColumns
            && (digits.Length == 0 || (digits.Length <= 7 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var row) && row <= ExcelRows));
    }

    private static void ReadSheet(IExcelDataReader reader, List<DocumentBlock> blocks, string sourceName, ZipLimits limits, ref long cells)
    {
        var rows = new List<string[]>();
        while (reader.Read())
        {
            CountRow(reader, rows.Count + 1, sourceName, limits, ref cells);
            var row = new string[reader.FieldCount];
            for (var column = 0; column < row.Length; column++)
            {
                row[column] = Format(reader.GetValue(column));
            }

            rows.Add(row);
        }

        // Excel keeps a merged range's value in its top-left cell already; blank the rest in case a writer repeated it.
        foreach (var range in reader.MergeCells ?? [])
        {
            for (var r = range.FromRow; r <= range.ToRow && r < rows.Count; r++)
            {
                for (var c = range.FromColumn; c <= range.ToColumn && c < rows[r].Length; c++)
                {
                    if (r != range.FromRow || c != range.FromColumn)
                    {
                        rows[r][c] = "";
                    }
                }
            }
        }

        var sheetName = reader.Name;
        var tableStarted = false;
        for (var r = 0; r < rows.Count; r++)
        {
            var filled = rows[r].Where(c => c.Trim().Length > 0).ToList();
            if (filled.Count == 0)
            {
                continue;
            }

            var location = Localization.CoreText.Get("Location_SheetRow", sheetName, r + 1);
            tableStarted |= filled.Count >= 3;
            if (!tableStarted && filled.Count == 1)
            {
                blocks.Add(new DocumentParagraph(filled[0], location));
            }
            else
            {
                blocks.Add(new DocumentTableRow(TrimTrailingEmpty(rows[r]), location));
            }
        }
    }

    private static string[] TrimTrailingEmpty(string[] row)
    {
        var length = row.Length;
        while (length > 0 && row[length - 1].Trim().Length == 0)
        {
            length--;
        }

        return row[..length];
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        double d => d.ToString("G15", CultureInfo.InvariantCulture),
        DateTime date => $"{date.Year}年{date.Month}月{date.Day}日",
        bool b => b ? "是" : "否",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
