using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace EcoPlan.Core.Export;

/// <summary>A sheet of a plain workbook: a name and rows of cells (text, numbers, or null for an empty cell). The first row is the header.</summary>
public sealed record XlsxSheet(string Name, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>
/// Writes plain tables as an .xlsx workbook (input templates, result tables): inline strings, numbers as numbers, a
/// bold header row. For the issued plan layout see <see cref="PlanXlsxWriter"/>.
/// </summary>
public static class SimpleXlsxWriter
{
    public static void Write(Stream output, IReadOnlyList<XlsxSheet> sheets)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(sheets);
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = new Stylesheet(
            new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border()) { Count = 1 },
            new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }) { Count = 2 });
        var sheetList = workbook.Workbook.AppendChild(new Sheets());
        uint id = 1;
        foreach (var sheet in sheets)
        {
            var part = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            uint r = 0;
            foreach (var cells in sheet.Rows)
            {
                r++;
                var row = new Row { RowIndex = r };
                var c = 0;
                foreach (var value in cells)
                {
                    var reference = ColumnName(c++) + r.ToString(CultureInfo.InvariantCulture);
                    if (value is null)
                    {
                        continue;
                    }

                    var cell = value switch
                    {
                        decimal or double or float or int or long => new Cell
                        {
                            CellReference = reference,
                            DataType = CellValues.Number,
                            CellValue = new CellValue(Convert.ToString(value, CultureInfo.InvariantCulture)!),
                        },
                        _ => new Cell
                        {
                            CellReference = reference,
                            DataType = CellValues.InlineString,
                            InlineString = new InlineString(new Text(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "") { Space = SpaceProcessingModeValues.Preserve }),
                        },
                    };
                    if (r == 1)
                    {
                        cell.StyleIndex = 1;
                    }

                    row.Append(cell);
                }

                data.Append(row);
            }

            part.Worksheet = new Worksheet(data);
            sheetList.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id++, Name = sheet.Name.Length > 31 ? sheet.Name[..31] : sheet.Name });
        }

        workbook.Workbook.Save();
    }

    /// <summary>A, B, …, Z, AA, … for a 0-based column index.</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        for (var i = index + 1; i > 0; i = (i - 1) / 26)
        {
            name = (char)('A' + ((i - 1) % 26)) + name;
        }

        return name;
    }
}
