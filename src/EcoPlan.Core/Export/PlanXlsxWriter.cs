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
        SheetParts.AddStyles(workbook, bodyFontSize: 11);

        var sheetPart = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        var merges = new List<string>();
        uint r = 0;
        if (layout.Attachment is { } attachment)
        {
            data.Append(SheetParts.TextRow(++r, [attachment], SheetStyle.Title));
        }

        data.Append(SheetParts.TextRow(++r, [layout.Title], SheetStyle.Title));
        merges.Add($"A{r}:G{r}");
        var headerRow = ++r;
        data.Append(SheetParts.TextRow(r, layout.Header, SheetStyle.Header));
        foreach (var row in layout.Rows)
        {
            switch (row)
            {
                case HeadingRow heading:
                    data.Append(SheetParts.TextRow(++r, [heading.Text], SheetStyle.Heading));
                    merges.Add($"A{r}:G{r}");
                    break;
                case MeasureRow measure:
                    data.Append(SheetParts.TextRow(++r, [.. measure.Cells.Select(c => string.Join('\n', c))], SheetStyle.Body));
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
}
