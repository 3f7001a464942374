using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using EcoPlan.Core.Plans;
using EcoPlan.Core.Progress;
using TargetProgress = EcoPlan.Core.Progress.TargetProgress;

namespace EcoPlan.Core.Export;

/// <summary>
/// The Excel 工作台账: the plan in its own table layout (<see cref="PlanTableLayout"/>) plus progress columns, one sheet
/// per section, one row per measure and responsible unit (the measure's cells merged down over its units). Every figure is the dashboard's (<see cref="Dashboard"/>), so the two cannot disagree: the review state
/// of each unit's latest report (草稿 / 待审核 / 已通过 / 已退回 / 未报送, with the reason of a return), the status and
/// percent of its latest <i>accepted</i> report (a submitted or returned 已完成 is not achieved), the targets against
/// their accepted quantities, the narrative, the last report date and the reminders sent. Ready to print from Excel,
/// WPS or LibreOffice: wrapped text in rows tall enough for it (spreadsheet files carry no automatic row height),
/// A4 landscape fitted to the page width, the header row repeated on every page, gridlines, page numbers.
/// </summary>
public static class PlanLedgerWriter
{
    public static readonly IReadOnlyList<string> ProgressHeader = ["审核状态", "认定进展状态", "认定完成比例", "目标完成情况", "进展情况", "最近报送日期", "催办次数"];

    private const double BodyFontSize = 10;
    private const double TitleFontSize = 14;
    private const int TaskColumn = 1;
    private const int ResponsibleColumn = 5;
    private const int TargetsColumn = 10;
    private const int RemindersColumn = 13;

    // In Excel's character units; about 175 in all, which A4 landscape prints at roughly 80 % (fit to width).
    private static readonly double[] s_widths = [5, 11, 32, 8, 8, 12, 11, 12, 8, 7, 20, 24, 10, 6];

    /// <summary>Writes the 台账 of plan <paramref name="planId"/> as of a date, with what the caller may read of its reports (the dashboard's); not found when there is no such plan the caller may see.</summary>
    public static async Task<UseCaseResult<Done>> WriteAsync(
        EcoPlanDbContext db, UserAccess user, int planId, DateOnly asOf, TimeZoneInfo zone, Stream output, CancellationToken cancellationToken = default)
    {
        var plan = await PlanQueries.GetAsync(db, user, planId, cancellationToken);
        if (plan.Value is null)
        {
            return plan.Refusal<Done>();
        }

        var dashboard = await Dashboard.ComputeAsync(db, user, planId, asOf, zone, cancellationToken);
        if (dashboard.Value is null)
        {
            return dashboard.Refusal<Done>();
        }

        Write(plan.Value, dashboard.Value, zone, output);
        return new Done();
    }

    public static void Write(PlanDetail plan, DashboardView dashboard, TimeZoneInfo zone, Stream output)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(dashboard);
        ArgumentNullException.ThrowIfNull(zone);
        var states = dashboard.Measures.ToDictionary(m => m.MeasureId);
        var targets = dashboard.Targets.ToLookup(t => t.MeasureId);
        var parsed = PlanExport.ToParsedPlan(plan);

        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        SheetParts.AddStyles(workbook, bodyFontSize: BodyFontSize);
        var sheets = new Sheets();
        var printTitles = new DefinedNames();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var sections = plan.Sections.Count == 0 ? [new SectionDetail("", "", [])] : plan.Sections;
        for (var s = 0; s < sections.Count; s++)
        {
            var section = sections[s];
            var layout = PlanTableLayout.From(parsed with { Part = null, Sections = parsed.Sections.Count == 0 ? [] : [parsed.Sections[s]] });
            var measureIds = section.Tasks.SelectMany(t => t.Measures).Select(m => m.Id).ToList();
            var (worksheet, headerRow) = Sheet(layout, measureIds, states, targets, dashboard, zone);
            var part = workbook.AddNewPart<WorksheetPart>();
            part.Worksheet = worksheet;
            var name = SheetName(section, s, names);
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)(s + 1), Name = name });
            printTitles.Append(new DefinedName($"'{name}'!${headerRow}:${headerRow}") { Name = "_xlnm.Print_Titles", LocalSheetId = (uint)s });
        }

        workbook.Workbook.Append(sheets, printTitles);
        workbook.Workbook.Save();
    }

    private static (Worksheet Worksheet, uint HeaderRow) Sheet(
        PlanTableLayout layout, List<int> measureIds, Dictionary<int, MeasureState> states, ILookup<int, TargetProgress> targets, DashboardView dashboard, TimeZoneInfo zone)
    {
        var header = layout.Header.Concat(ProgressHeader).ToList();
        var last = SheetParts.Column(header.Count - 1);
        var fullWidth = s_widths.Sum();
        var data = new SheetData();
        var merges = new List<string>();
        var heights = new RowHeights();
        uint r = 0;
        void Add(Row row, double height)
        {
            data.Append(row);
            heights.Add(row, height);
        }

        var title = $"{layout.Title}工作台账";
        Add(SheetParts.TextRow(++r, [title], SheetStyle.Title), SheetParts.TextHeight(title, fullWidth, TitleFontSize));
        merges.Add($"A{r}:{last}{r}");
        var asOf = $"统计截至{ProgressLabels.Day(dashboard.AsOf)}（报送期：{ProgressLabels.Month(dashboard.Period)}）；每个主责单位一行；认定进展状态和完成比例以审核通过的报告为准。";
        Add(SheetParts.TextRow(++r, [asOf], SheetStyle.Default), SheetParts.TextHeight(asOf, fullWidth, BodyFontSize));
        merges.Add($"A{r}:{last}{r}");
        var headerRow = ++r;
        Add(SheetParts.TextRow(r, header, SheetStyle.Header), RowHeight(header));

        // A measure takes one row per responsible unit (one row when it has none); the plan's cells are merged down over them.
        var rowsOf = measureIds.Select(id => Math.Max(1, states.GetValueOrDefault(id)?.Duties.Count ?? 0)).ToList();
        var measure = 0;
        foreach (var row in layout.Rows)
        {
            switch (row)
            {
                case HeadingRow heading:
                    Add(SheetParts.TextRow(++r, [heading.Text], SheetStyle.Heading), SheetParts.TextHeight(heading.Text, fullWidth, BodyFontSize));
                    merges.Add($"A{r}:{last}{r}");
                    break;
                case MeasureRow measureRow:
                    var id = measureIds[measure];
                    var state = states.GetValueOrDefault(id);
                    var duties = state?.Duties ?? [];
                    var count = rowsOf[measure];
                    var planCells = measureRow.Cells.Select(c => string.Join('\n', c)).ToList();
                    var measureCells = new Dictionary<int, string>
                    {
                        [0] = planCells[0], [2] = planCells[2], [3] = planCells[3], [4] = planCells[4], [6] = planCells[6],
                        [TargetsColumn] = string.Join('\n', targets[id].Select(Target)),
                        [RemindersColumn] = (state?.Reminders ?? 0).ToString(CultureInfo.InvariantCulture),
                    };
                    var first = heights.Count;
                    for (var k = 0; k < count; k++)
                    {
                        var duty = k < duties.Count ? duties[k] : null;
                        var cells = new List<string>(header.Count);
                        for (var c = 0; c < header.Count; c++)
                        {
                            cells.Add(c switch
                            {
                                TaskColumn => k == 0 && measureRow.FirstOfTask ? planCells[TaskColumn] : "",
                                ResponsibleColumn => duty?.Organization ?? planCells[ResponsibleColumn],
                                _ when measureCells.TryGetValue(c, out var text) => k == 0 ? text : "",
                                _ => "",
                            });
                        }

                        var progress = Progress(duty, dashboard.Period, zone).ToList();
                        for (var c = 0; c < progress.Count; c++)
                        {
                            if (progress[c] is { } text)
                            {
                                cells[layout.Header.Count + c] = text;
                            }
                        }

                        var excelRow = SheetParts.TextRow(++r, cells, SheetStyle.Body);
                        // Reminders are a number, so the sheet can sum them.
                        var reminders = (Cell)excelRow.LastChild!;
                        reminders.DataType = null;
                        reminders.InlineString = null;
                        reminders.CellValue = k == 0 ? new CellValue(cells[RemindersColumn]) : null;
                        reminders.StyleIndex = (uint)SheetStyle.Number;
                        // Merged cells are fitted over the rows they span, not counted in this row's own height.
                        Add(excelRow, cells.Select((text, c) => c == TaskColumn || measureCells.ContainsKey(c) ? 0 : SheetParts.TextHeight(text, s_widths[c], BodyFontSize)).Max());
                    }

                    foreach (var (column, text) in measureCells)
                    {
                        heights.Span(first, count, SheetParts.TextHeight(text, s_widths[column], BodyFontSize));
                        if (count > 1)
                        {
                            merges.Add($"{SheetParts.Column(column)}{r - (uint)count + 1}:{SheetParts.Column(column)}{r}");
                        }
                    }

                    if (measureRow.FirstOfTask)
                    {
                        var taskRows = rowsOf.Skip(measure).Take(measureRow.TaskRows).Sum();
                        heights.Span(first, taskRows, SheetParts.TextHeight(planCells[TaskColumn], s_widths[TaskColumn], BodyFontSize));
                        if (taskRows > 1)
                        {
                            merges.Add($"B{r - (uint)count + 1}:B{r - (uint)count + (uint)taskRows}");
                        }
                    }

                    measure++;
                    break;
            }
        }

        heights.Apply();
        var worksheet = new Worksheet(
            new SheetProperties(new PageSetupProperties { FitToPage = true }),
            new SheetViews(new SheetView { WorkbookViewId = 0, Pane = new Pane { VerticalSplit = headerRow, TopLeftCell = $"A{headerRow + 1}", State = PaneStateValues.Frozen, ActivePane = PaneValues.BottomLeft } }),
            new Columns(s_widths.Select((w, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = w, CustomWidth = true })),
            data);
        worksheet.Append(new MergeCells(merges.Select(m => new MergeCell { Reference = m })) { Count = (uint)merges.Count });
        worksheet.Append(new PrintOptions { GridLines = true, HorizontalCentered = true });
        worksheet.Append(new PageMargins { Left = 0.4, Right = 0.4, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
        worksheet.Append(new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 });
        worksheet.Append(new HeaderFooter(new OddFooter("&C第 &P 页，共 &N 页")));
        return (worksheet, headerRow);
    }

    /// <summary>The height (points) a row of body cells needs: that of its tallest cell, each wrapped in its column.</summary>
    private static double RowHeight(IReadOnlyList<string> cells) =>
        cells.Select((text, c) => SheetParts.TextHeight(text, s_widths[c], BodyFontSize)).Max();

    /// <summary>
    /// One responsible unit's progress cells, from the dashboard, in <see cref="ProgressHeader"/>'s order; null for the
    /// measure's own cells (targets, reminders), which stand once per measure.
    /// </summary>
    private static IEnumerable<string?> Progress(DutyState? duty, DateOnly period, TimeZoneInfo zone)
    {
        yield return duty is null ? "" : Review(duty.Review, period);
        yield return duty is null ? "" : duty.Accepted is { } a ? ProgressLabels.Status(a.Status) : "—";
        yield return duty is null ? "" : duty.Accepted is { } b ? $"{b.Percent}%" : "—";
        yield return null; // targets
        yield return duty?.Narrative ?? "";
        yield return duty?.LastSubmittedAt is { } at
            ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(at, DateTimeKind.Utc), zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : "";
        yield return null; // reminders
    }

    /// <summary>已通过, 待审核（7月）, 已退回：reason, 未报送: the period is named when it is not the ledger's.</summary>
    private static string Review(ReviewStanding? review, DateOnly period)
    {
        if (review is null)
        {
            return ProgressLabels.NotReported;
        }

        var text = ProgressLabels.Review(review.State) + (review.Period == period ? "" : $"（{ProgressLabels.Month(review.Period)}）");
        return review.ReturnReason is { Length: > 0 } reason ? $"{text}，退回原因：{reason}" : text;
    }

    /// <summary>生态保育小区：已完成12处，目标≥20处（60%）; a dash for what no accepted report gives yet.</summary>
    private static string Target(TargetProgress target)
    {
        var unit = target.Unit ?? "";
        var goal = target.Value is { } value ? $"，目标{ProgressLabels.Comparator(target.Comparator)}{ProgressLabels.Number(value)}{unit}" : "";
        var percent = target.Percent is { } p ? $"（{p}%）" : "";
        return target is { Reports: > 0, Achieved: { } achieved } ? $"{target.Metric}：已完成{ProgressLabels.Number(achieved)}{unit}{goal}{percent}" : $"{target.Metric}：—{goal}";
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
