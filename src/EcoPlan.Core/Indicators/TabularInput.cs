using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using EcoPlan.Core.Import.Documents;
using ExcelDataReader.Exceptions;

namespace EcoPlan.Core.Indicators;

/// <summary>
/// Indicator input as csv text, whether it came as csv (UTF-8, a BOM is fine) or as a workbook (.xlsx/.xls, first
/// sheet). A workbook row becomes the csv line of the same number, so the csv readers' row and column numbers point
/// at the spreadsheet's cells (column 3 = C). A workbook is read under <see cref="ZipLimits.Default"/>, as a plan is.
/// </summary>
public static class TabularInput
{
    static TabularInput() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static bool IsWorkbook(string fileName) =>
        Path.GetExtension(fileName).ToLowerInvariant() is ".xlsx" or ".xls";

    /// <summary>The file as csv text; throws <see cref="InvalidDataException"/> for a workbook that cannot be read.</summary>
    public static string ToCsv(byte[] content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(fileName);
        if (!IsWorkbook(fileName))
        {
            using var reader = new StreamReader(new MemoryStream(content), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }

        try
        {
            using var stream = new MemoryStream(content);
            using var excel = XlsxDocumentReader.OpenReader(stream, fileName, ZipLimits.Default);
            using var text = new StringWriter(CultureInfo.InvariantCulture);
            using var csv = new CsvWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n", ShouldQuote = a => (a.Field ?? "").IndexOfAny([',', '"', '\n']) >= 0 });
            var (rows, laidOut) = (0, 0L);
            while (excel.Read())
            {
                XlsxDocumentReader.CountRow(excel, ++rows, fileName, ZipLimits.Default, ref laidOut);
                var cells = Enumerable.Range(0, excel.FieldCount).Select(i => Format(excel.GetValue(i))).ToList();
                var length = cells.Count;
                while (length > 0 && cells[length - 1].Trim().Length == 0)
                {
                    length--;
                }

                foreach (var cell in cells.Take(length))
                {
                    csv.WriteField(cell);
                }

                csv.NextRecord();
            }

            csv.Flush();
            return text.ToString();
        }
        catch (Exception ex) when (ex is ExcelReaderException or InvalidDataException or IOException or NotSupportedException or ArgumentException or InvalidOperationException or System.Xml.XmlException)
        {
            throw new InvalidDataException(Localization.CoreText.Get("Xlsx_NotReadableWorkbook", fileName, Data.SetupException.OneLine(ex.Message)), ex);
        }
        catch (DocumentReadException ex)
        {
            throw new InvalidDataException(ex.Message, ex);
        }
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        double d => d.ToString("G15", CultureInfo.InvariantCulture),
        DateTime date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
