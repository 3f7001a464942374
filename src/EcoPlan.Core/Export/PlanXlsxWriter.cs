using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using EcoPlan.Core.Import;

namespace EcoPlan.Core.Export;

/// <summary>
/// Writes a plan as an Excel 台账 in the issued table layout: 附件 label and title rows, the header (repeated
/// on every printed page), headings merged across the table, task cells merged down, wrapped text.
/// </summary>
public static class PlanXlsxWriter
{
    private static readonly double[] s_widths = [6, 16, 60, 10, 12, 18, 18];

    public static void Write(ParsedPlan plan, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var layout = PlanTableLayout.From(plan);
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        AddStyles(workbook);

        var sheetPart = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        var merges = new List<string>();
        uint r = 0;
        if (layout.Attachment is { } attachment)
        {
            data.Append(Row(++r, [attachment], Style.Title));
        }

        data.Append(Row(++r, [layout.Title], Style.Title));
        merges.Add($"A{r}:G{r}");
        var headerRow = ++r;
        data.Append(Row(r, layout.Header, Style.Header));
        foreach (var row in layout.Rows)
        {
            switch (row)
            {
                case HeadingRow heading:
                    data.Append(Row(++r, [heading.Text], Style.Heading));
                    merges.Add($"A{r}:G{r}");
                    break;
                case MeasureRow measure:
                    data.Append(Row(++r, [.. measure.Cells.Select(c => string.Join('\n', c))], Style.Body));
                    if (measure.FirstOfTask && measure.TaskRows > 1)
                    {
                        merges.Add($"B{r}:B{r + (uint)measure.TaskRows - 1}");
                    }

                    break;
            }
        }

        var columns = new Columns(s_widths.Select((w, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = w, CustomWidth = true }));
        // FitToPage switches on the fit-to-width page setup below; without it Excel ignores FitToWidth.
        var worksheet = new Worksheet(new SheetProperties(new PageSetupProperties { FitToPage = true }), columns, data);
        if (merges.Count > 0)
        {
            worksheet.Append(new MergeCells(merges.Select(m => new MergeCell { Reference = m })) { Count = (uint)merges.Count });
        }

        worksheet.Append(new PageSetup { Orientation = OrientationValues.Landscape, PaperSize = 9, FitToWidth = 1, FitToHeight = 0 });
        sheetPart.Worksheet = worksheet;
        var sheetName = SheetName(layout.Attachment);
        workbook.Workbook.Append(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName }));
        // Print the header row on every page, as the issued table does.
        workbook.Workbook.Append(new DefinedNames(new DefinedName($"'{sheetName}'!${headerRow}:${headerRow}") { Name = "_xlnm.Print_Titles", LocalSheetId = 0 }));
        workbook.Workbook.Save();
    }

    private static string SheetName(string? attachment)
    {
        var name = string.Concat((attachment ?? "行动计划").Where(c => c is not ('\\' or '/' or '?' or '*' or '[' or ']' or ':' or '\'')));
        return name.Length is 0 or > 31 ? "行动计划" : name;
    }

    private static Row Row(uint index, IReadOnlyList<string> cells, Style style)
    {
        var row = new Row { RowIndex = index };
        for (var c = 0; c < cells.Count; c++)
        {
            row.Append(new Cell
            {
                CellReference = $"{(char)('A' + c)}{index.ToString(CultureInfo.InvariantCulture)}",
                DataType = CellValues.InlineString,
                InlineString = new InlineString(new Text(cells[c]) { Space = SpaceProcessingModeValues.Preserve }),
                StyleIndex = (uint)style,
            });
        }

        return row;
    }

    private enum Style : uint
    {
        Default = 0,
        Title = 1,
        Header = 2,
        Heading = 3,
        Body = 4,
    }

    private static void AddStyles(WorkbookPart workbook)
    {
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        var thin = new Border(
            new LeftBorder { Style = BorderStyleValues.Thin }, new RightBorder { Style = BorderStyleValues.Thin },
            new TopBorder { Style = BorderStyleValues.Thin }, new BottomBorder { Style = BorderStyleValues.Thin }, new DiagonalBorder());
        CellFormat Format(uint font, uint border, HorizontalAlignmentValues horizontal) => new(
            new Alignment { Horizontal = horizontal, Vertical = VerticalAlignmentValues.Center, WrapText = true })
        { FontId = font, BorderId = border, ApplyFont = true, ApplyBorder = true, ApplyAlignment = true };

        styles.Stylesheet = new Stylesheet(
            new Fonts(new Font(new FontSize { Val = 11 }), new Font(new Bold(), new FontSize { Val = 14 }), new Font(new Bold(), new FontSize { Val = 11 })) { Count = 3 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border(), thin) { Count = 2 },
            new CellStyleFormats(new CellFormat()) { Count = 1 },
            new CellFormats(
                new CellFormat(),
                Format(1, 0, HorizontalAlignmentValues.Left),
                Format(2, 1, HorizontalAlignmentValues.Center),
                Format(2, 1, HorizontalAlignmentValues.Left),
                Format(0, 1, HorizontalAlignmentValues.Left)) { Count = 5 });
    }
}
