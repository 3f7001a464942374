using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace EcoPlan.Core.Tests.Import.Documents;

/// <summary>How a plan table is printed: the lead column's header, how rows are numbered, how headings read.</summary>
internal sealed record PlanTableStyle(
    string LeadHeader,
    bool NumberEachMeasure,
    Func<TruthSection, string> SectionHeading,
    string EmptyCooperating)
{
    /// <summary>The Tongzhou 2026 form: 序号 numbers rows, 牵头领导, headings （一）…, `——` for no 协办单位.</summary>
    public static PlanTableStyle District { get; } = new(
        "牵头领导",
        NumberEachMeasure: true,
        s => s.Code == "四" ? $"({s.Code}) {s.Title}" : $"（{s.Code}）{s.Title}",
        "——");

    /// <summary>The Beijing 2025 form: 序号 numbers tasks (merged over their measures), 牵头部门, headings 一、…, `———`.</summary>
    public static PlanTableStyle Municipal { get; } = new(
        "牵头部门",
        NumberEachMeasure: false,
        s => $"{s.Code}、{s.Title}",
        "———");
}

/// <summary>
/// Writes a plan as an issued .docx looks: 附件 label, title, then one table with a header row repeated on
/// every page, heading rows spanning all columns (gridSpan), task cells merged down their measures (vMerge),
/// unit names one per line (some broken inside the name), and a `— N —` page number in the footer.
/// A test helper; the product's own docx exporter may replace it.
/// </summary>
internal static partial class PlanDocxBuilder
{
    private const string Font = "Noto Serif CJK SC";

    // Column widths in twentieths of a point; A4 portrait with 1000-twip side margins.
    private static readonly int[] s_widths = [700, 1300, 3300, 1100, 1100, 1300, 1100];

    // Names that the issued documents print broken over two lines inside one cell.
    private static readonly Dictionary<string, string> s_brokenNames = new(StringComparer.Ordinal)
    {
        ["市规划自然资源委通州分局"] = "市规划自然资源委\n通州分局",
        ["北京经济技术开发区管委会"] = "北京经济技术\n开发区管委会",
    };

    public static IReadOnlyList<string> HeaderRow(PlanTableStyle style) =>
        ["序号", "重点任务", "工作措施", "完成时限", style.LeadHeader, "主责单位", "协办单位"];

    /// <summary>The table as rows of cell texts (line breaks as '\n'), in the order the document prints them.</summary>
    public static List<IReadOnlyList<string>> Rows(TruthPlan plan, PlanTableStyle style)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(style);
        var rows = new List<IReadOnlyList<string>> { HeaderRow(style) };
        if (plan.Part is not null)
        {
            rows.Add(Spanning(plan.Part));
        }

        foreach (var section in plan.Sections)
        {
            rows.Add(Spanning(style.SectionHeading(section)));
            foreach (var task in section.Tasks)
            {
                for (var i = 0; i < task.Measures.Count; i++)
                {
                    var measure = task.Measures[i];
                    var number = style.NumberEachMeasure
                        ? measure.Number?.ToString(CultureInfo.InvariantCulture) ?? ""
                        : i == 0 ? task.Number.ToString(CultureInfo.InvariantCulture) : "";
                    rows.Add(
                    [
                        number,
                        i == 0 ? task.Name : "",
                        string.Join('\n', MeasureParagraphs(measure.Text)),
                        measure.Deadline.Raw,
                        Units(measure.Lead, ""),
                        Units(measure.Responsible, ""),
                        Units(measure.Cooperating, style.EmptyCooperating),
                    ]);
                }
            }
        }

        return rows;
    }

    public static void Write(string path, TruthPlan plan, PlanTableStyle style)
    {
        ArgumentNullException.ThrowIfNull(plan);
        using var document = WordprocessingDocument.Create(path, WordprocessingDocumentType.Document);
        var main = document.AddMainDocumentPart();
        AddStyles(main);
        var footerId = AddFooter(main);

        var body = new Body();
        if (plan.Attachment is not null)
        {
            body.Append(TextParagraph(plan.Attachment, size: 32, centered: false));
        }

        body.Append(TextParagraph(plan.Title, size: 36, centered: true));
        body.Append(TextParagraph("", size: 21, centered: false));
        body.Append(BuildTable(plan, style));
        body.Append(new Paragraph());
        body.Append(new SectionProperties(
            new FooterReference { Type = HeaderFooterValues.Default, Id = footerId },
            new PageSize { Width = 11906U, Height = 16838U },
            new PageMargin { Top = 1440, Right = 1000U, Bottom = 1440, Left = 1000U, Header = 851U, Footer = 700U, Gutter = 0U }));
        main.Document = new Document(body);
        main.Document.Save();
    }

    private static Table BuildTable(TruthPlan plan, PlanTableStyle style)
    {
        var table = new Table(
            new TableProperties(
                new TableWidth { Width = s_widths.Sum().ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                new TableLayout { Type = TableLayoutValues.Fixed },
                new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 4U },
                    new LeftBorder { Val = BorderValues.Single, Size = 4U },
                    new BottomBorder { Val = BorderValues.Single, Size = 4U },
                    new RightBorder { Val = BorderValues.Single, Size = 4U },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4U },
                    new InsideVerticalBorder { Val = BorderValues.Single, Size = 4U })),
            new TableGrid(s_widths.Select(w => new GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) })));

        var rows = Rows(plan, style);
        var header = new TableRow(new TableRowProperties(new TableHeader()));
        for (var c = 0; c < rows[0].Count; c++)
        {
            header.Append(Cell(c, rows[0][c], bold: true, merge: null));
        }

        table.Append(header);
        foreach (var row in rows.Skip(1))
        {
            if (row.Skip(1).All(string.IsNullOrEmpty))
            {
                var cell = Cell(0, row[0], bold: true, merge: null);
                cell.TableCellProperties!.Append(new GridSpan { Val = s_widths.Length });
                cell.TableCellProperties.TableCellWidth!.Width = s_widths.Sum().ToString(CultureInfo.InvariantCulture);
                table.Append(new TableRow(cell));
                continue;
            }

            var tableRow = new TableRow();
            for (var c = 0; c < row.Count; c++)
            {
                // The task cell (and, where 序号 numbers tasks, the 序号 cell) is merged down the task's measures.
                var merged = c == 1 || (c == 0 && !style.NumberEachMeasure);
                MergedCellValues? merge = merged ? (row[1].Length > 0 ? MergedCellValues.Restart : MergedCellValues.Continue) : null;
                tableRow.Append(Cell(c, row[c], bold: false, merge));
            }

            table.Append(tableRow);
        }

        return table;
    }

    private static TableCell Cell(int column, string text, bool bold, MergedCellValues? merge)
    {
        var properties = new TableCellProperties(
            new TableCellWidth { Width = s_widths[column].ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa });
        if (merge is { } value)
        {
            properties.Append(new VerticalMerge { Val = value });
        }

        // Deadlines and unit columns are centred vertically, as issued plans often do; 序号 and task stay on top.
        if (column >= 3)
        {
            properties.Append(new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center });
        }

        var cell = new TableCell(properties);
        if (merge == MergedCellValues.Continue)
        {
            cell.Append(new Paragraph());
            return cell;
        }

        // A cell's paragraphs: measure texts are split into paragraphs, unit lists into lines of one paragraph.
        var paragraphs = column == 2 ? text.Split('\n') : [text];
        foreach (var paragraphText in paragraphs)
        {
            var run = new Run(new RunProperties(new FontSize { Val = "21" }));
            if (bold)
            {
                run.RunProperties!.Append(new Bold());
            }

            var lines = paragraphText.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (i > 0)
                {
                    run.Append(new Break());
                }

                run.Append(new Text(lines[i]) { Space = SpaceProcessingModeValues.Preserve });
            }

            var justification = column is 0 or 3 || bold && column > 0
                ? JustificationValues.Center
                : JustificationValues.Left;
            cell.Append(new Paragraph(new ParagraphProperties(new Justification { Val = justification }), run));
        }

        return cell;
    }

    private static Paragraph TextParagraph(string text, int size, bool centered)
    {
        var properties = new ParagraphProperties(new Justification { Val = centered ? JustificationValues.Center : JustificationValues.Left });
        var run = new Run(
            new RunProperties(new FontSize { Val = size.ToString(CultureInfo.InvariantCulture) }),
            new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        return new Paragraph(properties, run);
    }

    private static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = Font, HighAnsi = Font, EastAsia = Font, ComplexScript = Font },
                    new FontSize { Val = "21" },
                    new Languages { Val = "en-US", EastAsia = "zh-CN" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                    new SpacingBetweenLines { Before = "0", After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto }))));
        styles.Styles.Save();
    }

    private static string AddFooter(MainDocumentPart main)
    {
        var footer = main.AddNewPart<FooterPart>();
        footer.Footer = new Footer(new Paragraph(
            new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
            new Run(new Text("— ") { Space = SpaceProcessingModeValues.Preserve }),
            new SimpleField(new Run(new Text("1"))) { Instruction = " PAGE " },
            new Run(new Text(" —") { Space = SpaceProcessingModeValues.Preserve })));
        footer.Footer.Save();
        return main.GetIdOfPart(footer);
    }

    private static string Units(IReadOnlyList<string> names, string empty) =>
        names.Count == 0 ? empty : string.Join('\n', names.Select(n => s_brokenNames.GetValueOrDefault(n, n)));

    /// <summary>A measure text as printed: a new paragraph after each `。 ` or `； ` that the truth keeps a space in.</summary>
    private static string[] MeasureParagraphs(string text) => ParagraphBreak().Split(text);

    private static string[] Spanning(string text) => [text, "", "", "", "", "", ""];

    [GeneratedRegex(@"(?<=[。；])\s+")]
    private static partial Regex ParagraphBreak();
}
