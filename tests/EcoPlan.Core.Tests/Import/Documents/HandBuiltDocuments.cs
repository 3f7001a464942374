using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using W = DocumentFormat.OpenXml.Wordprocessing;
using X = DocumentFormat.OpenXml.Spreadsheet;

namespace EcoPlan.Core.Tests.Import.Documents;

/// <summary>A cell of a hand-built table: its text ('\n' = a line break inside the cell) and how it merges.</summary>
internal sealed record CellSpec(string Text, int ColumnSpan = 1, CellMerge Merge = CellMerge.None)
{
    public static implicit operator CellSpec(string text) => new(text);
}

internal enum CellMerge
{
    None,
    Restart,
    Continue,
}

/// <summary>A table row of a hand-built document; <see cref="RepeatAsHeader"/> marks Word's "repeat header row".</summary>
internal sealed record RowSpec(IReadOnlyList<CellSpec> Cells, bool RepeatAsHeader = false);

/// <summary>Writes Word and Excel files of arbitrary table layouts, as people make them by hand.</summary>
internal static class HandBuiltDocuments
{
    public static MemoryStream Docx(IEnumerable<string> paragraphsBefore, IEnumerable<RowSpec> rows)
    {
        var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new W.Body();
            foreach (var text in paragraphsBefore)
            {
                body.Append(WordParagraph(text));
            }

            var table = new W.Table(new W.TableProperties(new W.TableBorders(new W.InsideHorizontalBorder { Val = W.BorderValues.Single })));
            foreach (var row in rows)
            {
                var tableRow = new W.TableRow();
                if (row.RepeatAsHeader)
                {
                    tableRow.Append(new W.TableRowProperties(new W.TableHeader()));
                }

                foreach (var cell in row.Cells)
                {
                    var properties = new W.TableCellProperties();
                    if (cell.ColumnSpan > 1)
                    {
                        properties.Append(new W.GridSpan { Val = cell.ColumnSpan });
                    }

                    if (cell.Merge == CellMerge.Restart)
                    {
                        properties.Append(new W.VerticalMerge { Val = W.MergedCellValues.Restart });
                    }
                    else if (cell.Merge == CellMerge.Continue)
                    {
                        properties.Append(new W.VerticalMerge());
                    }

                    // A cell's lines become separate paragraphs, as when someone presses Enter inside a cell.
                    var tableCell = new W.TableCell(properties);
                    foreach (var line in cell.Text.Split('\n'))
                    {
                        tableCell.Append(WordParagraph(line));
                    }

                    tableRow.Append(tableCell);
                }

                table.Append(tableRow);
            }

            body.Append(table);
            main.Document = new W.Document(body);
        }

        stream.Position = 0;
        return stream;
    }

    private static W.Paragraph WordParagraph(string text) => new(new W.Run(new W.Text(text) { Space = SpaceProcessingModeValues.Preserve }));

    /// <summary>An .xlsx whose rows are given cell by cell; a <see cref="DateOnly"/> value is stored as an Excel date.</summary>
    public static MemoryStream Xlsx(string sheetName, IReadOnlyList<object?[]> rows, IEnumerable<string> mergedRanges)
    {
        var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new X.Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new X.Stylesheet(
                new X.Fonts(new X.Font()) { Count = 1 },
                new X.Fills(new X.Fill()) { Count = 1 },
                new X.Borders(new X.Border()) { Count = 1 },
                new X.CellStyleFormats(new X.CellFormat()) { Count = 1 },
                new X.CellFormats(new X.CellFormat(), new X.CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }) { Count = 2 });

            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new X.SheetData();
            for (var r = 0; r < rows.Count; r++)
            {
                var row = new X.Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var reference = $"{(char)('A' + c)}{r + 1}";
                    row.Append(rows[r][c] switch
                    {
                        null => new X.Cell { CellReference = reference },
                        int n => new X.Cell { CellReference = reference, CellValue = new X.CellValue(n), DataType = X.CellValues.Number },
                        DateOnly d => new X.Cell { CellReference = reference, CellValue = new X.CellValue((d.ToDateTime(TimeOnly.MinValue) - new DateTime(1899, 12, 30)).Days), StyleIndex = 1 },
                        var value => new X.Cell { CellReference = reference, DataType = X.CellValues.InlineString, InlineString = new X.InlineString(new X.Text(value.ToString()!)) },
                    });
                }

                data.Append(row);
            }

            var worksheet = new X.Worksheet(data);
            var merges = mergedRanges.Select(m => new X.MergeCell { Reference = m }).ToList();
            if (merges.Count > 0)
            {
                worksheet.Append(new X.MergeCells(merges) { Count = (uint)merges.Count });
            }

            sheetPart.Worksheet = worksheet;
            workbook.Workbook.AppendChild(new X.Sheets(new X.Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName }));
        }

        stream.Position = 0;
        return stream;
    }
}
