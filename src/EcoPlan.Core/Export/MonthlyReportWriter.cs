using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using EcoPlan.Core.Progress;

namespace EcoPlan.Core.Export;

/// <summary>
/// The Word 月报 of a plan for one reporting period, in the usual structure of a government monthly report:
/// 一、总体进展 二、已完成事项 三、滞后事项及责任单位 四、量化目标完成情况 (五、生态保护线索核查整改情况, when the reader sees
/// clues of the plan's region) 五/六、下步工作. Its figures are the
/// dashboard's (<see cref="Dashboard.ForPeriodAsync"/>), so the page and the report never disagree.
/// </summary>
public static class MonthlyReportWriter
{
    // A4 portrait, 2.5 cm margins: 11906 − 2 × 1418 twips of text width.
    private const int TextWidth = 9070;

    /// <summary>Writes the 月报 of plan <paramref name="planId"/> for a period (its first day), with what the caller may read of its reports; not found when there is no such plan the caller may see.</summary>
    public static async Task<UseCaseResult<Done>> WriteAsync(
        EcoPlanDbContext db, UserAccess user, int planId, DateOnly period, DateOnly today, Stream output, TimeZoneInfo? zone = null, CancellationToken cancellationToken = default)
    {
        var dashboard = await Dashboard.ForPeriodAsync(db, user, planId, period, today, zone, cancellationToken);
        if (dashboard.Value is null)
        {
            return dashboard.Refusal<Done>();
        }

        Write(dashboard.Value, output);
        return new Done();
    }

    public static void Write(DashboardView dashboard, Stream output)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        ArgumentNullException.ThrowIfNull(output);
        using var document = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document);
        var main = document.AddMainDocumentPart();
        var body = new Body();
        body.Append(
            Paragraph($"{dashboard.PlanTitle}", bold: true, size: 36, centered: true),
            Paragraph($"落实情况月报（{ProgressLabels.Month(dashboard.Period)}）", bold: true, size: 32, centered: true),
            Paragraph($"{dashboard.RegionName} · 统计截至{ProgressLabels.Day(dashboard.AsOf)}", size: 24, centered: true));

        body.Append(Heading("一、总体进展"));
        foreach (var line in Summary(dashboard))
        {
            body.Append(Paragraph(line, indent: true));
        }

        body.Append(Heading("二、已完成事项"));
        var completed = dashboard.Measures.Where(m => m.Completed).ToList();
        if (completed.Count == 0)
        {
            body.Append(Paragraph("截至本期，暂无经审核确认完成的工作措施。", indent: true));
        }
        else
        {
            body.Append(Table(["序号", "重点任务", "工作措施", "主责单位", "完成情况"], [600, 1400, 3670, 1400, 2000],
                completed.Select(m => (IReadOnlyList<string>)[m.Number ?? "", m.TaskName, m.Text, Units(m.Duties.Select(d => d.Organization)),
                    string.Join('\n', m.Duties.Select(d => d.Narrative).Where(n => !string.IsNullOrEmpty(n)))])));
        }

        body.Append(Heading("三、滞后事项及责任单位"));
        var late = dashboard.Measures.Where(m => m.Late).ToList();
        if (late.Count == 0)
        {
            body.Append(Paragraph("截至本期，无滞后事项。", indent: true));
        }
        else
        {
            body.Append(Table(["序号", "重点任务", "工作措施", "完成时限", "滞后情况", "责任单位"], [600, 1300, 3070, 900, 1700, 1500],
                late.Select(m => (IReadOnlyList<string>)[m.Number ?? "", m.TaskName, m.Text, m.DeadlineRaw, LateReason(m), Units(m.LateUnits)])));
        }

        body.Append(Heading("四、量化目标完成情况"));
        if (dashboard.Targets.Count == 0)
        {
            body.Append(Paragraph("本计划未设置量化目标。", indent: true));
        }
        else
        {
            body.Append(Table(["措施序号", "指标", "目标值", "已完成", "完成比例"], [1000, 3270, 1800, 1500, 1500],
                dashboard.Targets.Select(t => (IReadOnlyList<string>)[t.MeasureNumber ?? "", t.Metric, TargetValue(t),
                    Achieved(t), t.Percent is { } p ? $"{p}%" : "——"])));
        }

        if (dashboard.Clues is { } clues)
        {
            body.Append(Heading("五、生态保护线索核查整改情况"));
            body.Append(Paragraph(ClueSummary(dashboard)!, indent: true));
            var manyDistricts = clues.ByDistrict.Count > 1;
            body.Append(Table(["乡镇（街道）", "接收", "已核查", "按时核查", "整改中", "逾期", "已销号"], [2770, 1050, 1050, 1050, 1050, 1050, 1050],
                clues.ByTownship.Select(t => ClueRow((manyDistricts ? t.District.Name : "") + (t.Township?.Name ?? "待分派（区级）"), t.Counts))
                    .Append(ClueRow("合计", clues.Total))));
        }

        body.Append(Heading(dashboard.Clues is null ? "五、下步工作" : "六、下步工作"));
        foreach (var line in NextSteps(dashboard))
        {
            body.Append(Paragraph(line, indent: true));
        }

        body.Append(new SectionProperties(
            new PageSize { Width = 11906, Height = 16838 },
            new PageMargin { Top = 1440, Bottom = 1440, Left = 1418, Right = 1418, Header = 851, Footer = 992, Gutter = 0 }));
        main.Document = new Document(body);
        main.Document.Save();
    }

    /// <summary>The summary paragraph's sentences, with the dashboard's figures.</summary>
    public static IReadOnlyList<string> Summary(DashboardView dashboard)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        var s = dashboard.Summary;
        return
        [
            $"本计划共有工作措施{s.Measures}项，分解为主责单位任务{s.Duties}项。本期（{ProgressLabels.Month(dashboard.Period)}）应报送进展{s.Expected}份，"
                + $"已报送{s.Reported}份，已审核通过{s.Accepted}份，退回修改{s.Returned}份。",
            $"截至{ProgressLabels.Day(dashboard.AsOf)}，已完成工作措施{s.Completed}项，滞后{s.Late}项，逾期未报送进展的单位任务{s.Overdue}项。"
                + $"按完成时限风险，红色{dashboard.Count(RiskLevel.Red)}项、黄色{dashboard.Count(RiskLevel.Amber)}项、绿色{dashboard.Count(RiskLevel.Green)}项。",
        ];
    }

    /// <summary>The clue paragraph, as a leader reads it; null when the reader sees no clue of the plan's region.</summary>
    public static string? ClueSummary(DashboardView dashboard)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        if (dashboard.Clues is not { Total: var t } clues)
        {
            return null;
        }

        var month = clues.ReceivedBetween(new DateOnly(dashboard.AsOf.Year, dashboard.AsOf.Month, 1), dashboard.AsOf);
        return $"本月新增线索{month}条，累计接收线索{t.Received}条。截至{ProgressLabels.Day(dashboard.AsOf)}，已核查{t.Verified}条（按时核查{t.VerifiedOnTime}条），"
            + $"其中伪变化{t.PseudoChange}条、合法合规{t.Compliant}条、违法违规（新增）{t.ViolationNew}条、违法违规（历史遗留）{t.ViolationLegacy}条；"
            + $"整改中{t.Rectifying}条，逾期未完成核查或整改{t.Overdue}条；已销号{t.Closed}条（按期销号{t.ClosedOnTime}条）。";
    }

    private static IReadOnlyList<string> ClueRow(string name, EcoPlan.Core.Clues.ClueTally t) =>
        [name, .. new[] { t.Received, t.Verified, t.VerifiedOnTime, t.Rectifying, t.Overdue, t.Closed }.Select(n => n.ToString(CultureInfo.InvariantCulture))];

    private static IEnumerable<string> NextSteps(DashboardView dashboard)
    {
        var lateUnits = dashboard.Measures.Where(m => m.Late).SelectMany(m => m.LateUnits).Distinct().ToList();
        var n = 0;
        string Numbered(string text) => $"（{"一二三四五"[n++]}）{text}";
        if (lateUnits.Count > 0)
        {
            yield return Numbered($"督促{string.Join("、", lateUnits)}加快推进滞后事项，明确完成时间，按期报送进展。");
        }

        if (dashboard.Summary.Overdue > 0)
        {
            yield return Numbered($"对逾期未报送进展的{dashboard.Summary.Overdue}项单位任务继续催办，必要时报牵头领导督办。");
        }

        if (dashboard.Clues?.Total.Overdue is > 0 and var lateClues)
        {
            yield return Numbered($"督促有关乡镇（街道）加快核查整改逾期线索{lateClues}条，按期完成核查、整改和销号。");
        }

        var amber = dashboard.Count(RiskLevel.Amber);
        if (amber > 0)
        {
            yield return Numbered($"关注{amber}项临近时限或进展不足的工作措施，防止出现新的滞后。");
        }

        yield return Numbered(dashboard.PeriodDue is { } due
            ? $"各责任单位于{ProgressLabels.Month(dashboard.Period.AddMonths(1))}按时报送下一期进展，继续做好工作留痕。"
                + $"（本期报送截止日为{ProgressLabels.Day(due)}。）"
            : "各责任单位按报送周期按时报送进展，继续做好工作留痕。");
    }

    private static string LateReason(MeasureState measure)
    {
        var reasons = new List<string>();
        if (measure.Reason is RiskReason.DeadlinePassed or RiskReason.ReportedLate)
        {
            reasons.Add(ProgressLabels.Reason(measure.Reason));
        }

        foreach (var duty in measure.Duties.Where(d => d.Late))
        {
            if (duty.Missing)
            {
                reasons.Add($"{duty.Organization}{ProgressLabels.Month(duty.LastDuePeriod!.Value)}进展逾期未报送");
            }
            else if (duty.Status is ProgressStatus.Late or ProgressStatus.CannotComplete)
            {
                reasons.Add($"{duty.Organization}报告{ProgressLabels.Status(duty.Status.Value)}");
            }
        }

        return string.Join('\n', reasons.Distinct());
    }

    /// <summary>What was achieved; a dash where the reader may not see the measure's quantities.</summary>
    private static string Achieved(TargetProgress target) =>
        target.Achieved is not { } achieved ? "——" : target.Reports == 0 ? "未报" : $"{ProgressLabels.Number(achieved)}{target.Unit}";

    private static string TargetValue(TargetProgress target) => target.Value is { } value
        ? $"{ProgressLabels.Comparator(target.Comparator)}{ProgressLabels.Number(value)}{target.Unit}"
        : ProgressLabels.Comparator(target.Comparator);

    private static string Units(IEnumerable<string> units) => string.Join("、", units.Distinct());

    private static Paragraph Heading(string text) => Paragraph(text, bold: true, size: 30, font: "黑体");

    private static Table Table(IReadOnlyList<string> header, IReadOnlyList<int> widths, IEnumerable<IReadOnlyList<string>> rows)
    {
        // Schema order: top, left, bottom, right, inside horizontal, inside vertical.
        var borders = new BorderType[] { new TopBorder(), new LeftBorder(), new BottomBorder(), new RightBorder(), new InsideHorizontalBorder(), new InsideVerticalBorder() };
        foreach (var b in borders)
        {
            b.Val = BorderValues.Single;
            b.Size = 4;
        }

        var table = new Table(
            new TableProperties(new TableWidth { Type = TableWidthUnitValues.Dxa, Width = TextWidth.ToString(CultureInfo.InvariantCulture) }, new TableBorders(borders), new TableLayout { Type = TableLayoutValues.Fixed }),
            new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) })));
        table.Append(Row(header, widths, bold: true, isHeader: true));
        foreach (var row in rows)
        {
            table.Append(Row(row, widths, bold: false, isHeader: false));
        }

        return table;
    }

    private static TableRow Row(IReadOnlyList<string> cells, IReadOnlyList<int> widths, bool bold, bool isHeader)
    {
        var row = isHeader ? new TableRow(new TableRowProperties(new TableHeader(), new CantSplit())) : new TableRow();
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = new TableCell(new TableCellProperties(new TableCellWidth { Type = TableWidthUnitValues.Dxa, Width = widths[i].ToString(CultureInfo.InvariantCulture) }));
            foreach (var line in cells[i].Split('\n'))
            {
                cell.Append(Paragraph(line, bold, size: 21, centered: isHeader || i == 0));
            }

            row.Append(cell);
        }

        return row;
    }

    private static Paragraph Paragraph(string text, bool bold = false, int size = 28, bool centered = false, bool indent = false, string font = "仿宋")
    {
        // The schema fixes the order of run properties: fonts, bold, size.
        var runProperties = new RunProperties(new RunFonts { EastAsia = font, Ascii = "Times New Roman", HighAnsi = "Times New Roman" });
        if (bold)
        {
            runProperties.Append(new Bold());
        }

        runProperties.Append(new FontSize { Val = size.ToString(CultureInfo.InvariantCulture) });
        var paragraph = new Paragraph(new Run(runProperties, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        if (centered)
        {
            paragraph.PrependChild(new ParagraphProperties(new Justification { Val = JustificationValues.Center }));
        }
        else if (indent)
        {
            // Two characters of first-line indent, as official documents are set.
            paragraph.PrependChild(new ParagraphProperties(new Indentation { FirstLineChars = 200 }));
        }

        return paragraph;
    }
}
