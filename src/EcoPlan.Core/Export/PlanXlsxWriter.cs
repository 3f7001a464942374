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
    private const int TaskColumn = 1;
    private const double BodyFontSize = 11;
    private const double TitleFontSize = 14;

    public static void Write(ParsedPlan plan, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var layout = PlanTableLayout.From(plan);
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        SheetParts.AddStyles(workbook, bodyFontSize: BodyFontSize);

        var sheetPart = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        var merges = new List<string>();
        // Spreadsheets carry no automatic row height: without these, wrapped measure texts overlap and are cut in print.
        var heights = new RowHeights();
        var fullWidth = s_widths.Sum();
        void Add(Row row, double height)
        {
            data.Append(row);
            heights.Add(row, height);
        }

        uint r = 0;
        if (layout.Attachment is { } attachment)
        {
            Add(SheetParts.TextRow(++r, [attachment], SheetStyle.Title), SheetParts.TextHeight(attachment, fullWidth, TitleFontSize));
            merges.Add($"A{r}:G{r}");
        }

        Add(SheetParts.TextRow(++r, [layout.Title], SheetStyle.Title), SheetParts.TextHeight(layout.Title, fullWidth, TitleFontSize));
        merges.Add($"A{r}:G{r}");
        var headerRow = ++r;
        Add(SheetParts.TextRow(r, layout.Header, SheetStyle.Header), layout.Header.Select((text, c) => SheetParts.TextHeight(text, s_widths[c], BodyFontSize)).Max());
        foreach (var row in layout.Rows)
        {
            switch (row)
            {
                case HeadingRow heading:
                    Add(SheetParts.TextRow(++r, [heading.Text], SheetStyle.Heading), SheetParts.TextHeight(heading.Text, fullWidth, BodyFontSize));
                    merges.Add($"A{r}:G{r}");
                    break;
                case MeasureRow measure:
                    var cells = measure.Cells.Select(c => string.Join('\n', c)).ToList();
                    var mergedTask = measure.FirstOfTask && measure.TaskRows > 1;
                    if (mergedTask)
                    {
                        // The task cell is merged down over the task's measures: those rows share its height.
                        heights.Span(heights.Count, measure.TaskRows, SheetParts.TextHeight(cells[TaskColumn], s_widths[TaskColumn], BodyFontSize));
                        merges.Add($"B{r + 1}:B{r + (uint)measure.TaskRows}");
                    }

                    Add(SheetParts.TextRow(++r, cells, SheetStyle.Body),
                        cells.Select((text, c) => c == TaskColumn && mergedTask ? 0 : SheetParts.TextHeight(text, s_widths[c], BodyFontSize)).Max());
                    break;
            }
        }

        heights.Apply();
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
}
