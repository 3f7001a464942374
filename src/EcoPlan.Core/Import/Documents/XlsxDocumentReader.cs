using ExcelDataReader;
using ExcelDataReader.Exceptions;

namespace EcoPlan.Core.Import.Documents;

/// <summary>
/// Reads a spreadsheet (.xlsx, or the older .xls that 台账 are often kept in) sheet by sheet. Merged
/// ranges keep their value in the top-left cell only, as in Word. Rows with one filled cell above the
/// table (title, 附件 label) become paragraphs. A date cell is written as 2025年6月30日, so the deadline
/// parser reads it like printed text.
/// </summary>
public static class XlsxDocumentReader
{
    static XlsxDocumentReader() => System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);

    public static DocumentContent Read(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            using var reader = ExcelReaderFactory.CreateReader(stream);
            var blocks = new List<DocumentBlock>();
            do
            {
                ReadSheet(reader, blocks);
            }
            while (reader.NextResult());

            return new DocumentContent(sourceName, blocks);
        }
        catch (Exception ex) when (ex is ExcelReaderException or InvalidDataException or IOException or NotSupportedException or ArgumentException or InvalidOperationException or System.Xml.XmlException)
        {
            throw new DocumentReadException(Localization.CoreText.Get("Xlsx_Unreadable", sourceName, Data.SetupException.OneLine(ex.Message)), ex);
        }
    }

    private static void ReadSheet(IExcelDataReader reader, List<DocumentBlock> blocks)
    {
        var rows = new List<string[]>();
        while (reader.Read())
        {
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
