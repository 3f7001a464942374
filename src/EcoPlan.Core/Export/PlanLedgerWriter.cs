using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using EcoPlan.Core.Data;
using EcoPlan.Core.Plans;
using EcoPlan.Core.Progress;

namespace EcoPlan.Core.Export;

/// <summary>
/// The Excel 工作台账: the plan in its own table layout (<see cref="PlanTableLayout"/>) plus progress columns
/// (latest status, percent, narrative, last report date, reminders sent), one sheet per section, ready to
/// print: A4 landscape, fitted to the page width, the header row repeated on every page.
/// </summary>
public static class PlanLedgerWriter
{
    public static readonly IReadOnlyList<string> ProgressHeader = ["最新进展状态", "完成比例", "进展情况", "最近报送日期", "催办次数"];

    private static readonly double[] s_widths = [6, 14, 44, 9, 10, 14, 12, 14, 9, 40, 12, 8];

    /// <summary>Writes the 台账 of plan <paramref name="planId"/> as of a date; false when there is no such plan.</summary>
    public static async Task<bool> WriteAsync(EcoPlanDbContext db, int planId, DateOnly asOf, TimeZoneInfo zone, Stream output, CancellationToken cancellationToken = default)
    {
        if (await PlanQueries.GetAsync(db, planId, cancellationToken) is not { } plan
            || await Dashboard.ComputeAsync(db, planId, asOf, cancellationToken) is not { } dashboard)
        {
            return false;
        }

        Write(plan, dashboard, zone, output);
        return true;
    }

    public static void Write(PlanDetail plan, DashboardView dashboard, TimeZoneInfo zone, Stream output)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(dashboard);
        ArgumentNullException.ThrowIfNull(zone);
        var states = dashboard.Measures.ToDictionary(m => m.MeasureId);
        var parsed = PlanExport.ToParsedPlan(plan);

        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        SheetParts.AddStyles(workbook, bodyFontSize: 10);
        var sheets = new Sheets();
        var printTitles = new DefinedNames();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var sections = plan.Sections.Count == 0 ? [new SectionDetail("", "", [])] : plan.Sections;
        for (var s = 0; s < sections.Count; s++)
        {
            var section = sections[s];
            var layout = PlanTableLayout.From(parsed with { Part = null, Sections = parsed.Sections.Count == 0 ? [] : [parsed.Sections[s]] });
            var measureIds = section.Tasks.SelectMany(t => t.Measures).Select(m => m.Id).ToList();
            var (worksheet, headerRow) = Sheet(layout, measureIds, states, dashboard, zone);
            var part = workbook.AddNewPart<WorksheetPart>();
            part.Worksheet = worksheet;
            var name = SheetName(section, s, names);
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)(s + 1), Name = name });
            printTitles.Append(new DefinedName($"'{name}'!${headerRow}:${headerRow}") { Name = "_xlnm.Print_Titles", LocalSheetId = (uint)s });
        }

        workbook.Workbook.Append(sheets, printTitles);
        workbook.Workbook.Save();
    }

    private static (Worksheet Worksheet, uint HeaderRow) Sheet(PlanTableLayout layout, List<int> measureIds, Dictionary<int, MeasureState> states, DashboardView dashboard, TimeZoneInfo zone)
    {
        var header = layout.Header.Concat(ProgressHeader).ToList();
        var last = SheetParts.Column(header.Count - 1);
        var data = new SheetData();
        var merges = new List<string>();
        uint r = 0;
        data.Append(SheetParts.TextRow(++r, [$"{layout.Title}工作台账"], SheetStyle.Title));
        merges.Add($"A{r}:{last}{r}");
        data.Append(SheetParts.TextRow(++r, [$"统计截至{ProgressLabels.Day(dashboard.AsOf)}（报送期：{ProgressLabels.Month(dashboard.Period)}）"], SheetStyle.Default));
        merges.Add($"A{r}:{last}{r}");
        var headerRow = ++r;
        data.Append(SheetParts.TextRow(r, header, SheetStyle.Header));
        var measure = 0;
        foreach (var row in layout.Rows)
        {
            switch (row)
            {
                case HeadingRow heading:
                    data.Append(SheetParts.TextRow(++r, [heading.Text], SheetStyle.Heading));
                    merges.Add($"A{r}:{last}{r}");
                    break;
                case MeasureRow measureRow:
                    var state = states.GetValueOrDefault(measureIds[measure++]);
                    var cells = measureRow.Cells.Select(c => string.Join('\n', c)).Concat(Progress(state, zone)).ToList();
                    var excelRow = SheetParts.TextRow(++r, cells, SheetStyle.Body);
                    // Reminders are a number, so the sheet can sum them.
                    var reminders = (Cell)excelRow.LastChild!;
                    reminders.DataType = null;
                    reminders.InlineString = null;
                    reminders.CellValue = new CellValue((state?.Reminders ?? 0).ToString(CultureInfo.InvariantCulture));
                    reminders.StyleIndex = (uint)SheetStyle.Number;
                    data.Append(excelRow);
                    if (measureRow.FirstOfTask && measureRow.TaskRows > 1)
                    {
                        merges.Add($"B{r}:B{r + (uint)measureRow.TaskRows - 1}");
                    }

                    break;
            }
        }

        var worksheet = new Worksheet(
            new SheetProperties(new PageSetupProperties { FitToPage = true }),
            new SheetViews(new SheetView { WorkbookViewId = 0, Pane = new Pane { VerticalSplit = headerRow, TopLeftCell = $"A{headerRow + 1}", State = PaneStateValues.Frozen, ActivePane = PaneValues.BottomLeft } }),
            new Columns(s_widths.Select((w, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = w, CustomWidth = true })),
            data);
        worksheet.Append(new MergeCells(merges.Select(m => new MergeCell { Reference = m })) { Count = (uint)merges.Count });
        worksheet.Append(new PageMargins { Left = 0.4, Right = 0.4, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
        worksheet.Append(new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 });
        return (worksheet, headerRow);
    }

    /// <summary>The progress cells of a measure; with several responsible units, one line per unit, named.</summary>
    private static IEnumerable<string> Progress(MeasureState? state, TimeZoneInfo zone)
    {
        var duties = state?.Duties ?? [];
        string Lines(Func<DutyState, string> cell) => duties.Count switch
        {
            0 => "",
            1 => cell(duties[0]),
            _ => string.Join('\n', duties.Select(d => $"{d.Organization}：{cell(d)}")),
        };

        yield return Lines(d => d.Status is { } s ? ProgressLabels.Status(s) : ProgressLabels.NotReported);
        yield return Lines(d => d.Percent is { } p ? $"{p}%" : "");
        yield return Lines(d => d.Narrative ?? "");
        var lastReport = duties.Max(d => d.LastSubmittedAt);
        yield return lastReport is { } at
            ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(at, DateTimeKind.Utc), zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : "";
        yield return ""; // reminders, written as a number
    }

    private static string SheetName(SectionDetail section, int index, HashSet<string> taken)
    {
        var raw = section.Code.Length > 0 ? $"{section.Code}、{section.Title}" : section.Title;
        var name = string.Concat(raw.Where(c => c is not ('\\' or '/' or '?' or '*' or '[' or ']' or ':' or '\''))).Trim();
        if (name.Length > 31)
        {
            name = name[..31];
        }

        if (name.Length == 0 || !taken.Add(name))
        {
            name = $"第{index + 1}部分";
            taken.Add(name);
        }

        return name;
    }
}
