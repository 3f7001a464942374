using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using EcoPlan.Core.Export;
using ParsedPlan = EcoPlan.Core.Import.ParsedPlan;

namespace EcoPlan.Core.Tests.Import.Documents;

/// <summary>
/// How another office lays out the same table: applied to our exporter's .docx (<see cref="PlanDocxWriter"/>) after
/// it is written, so the exporter keeps one layout and the tests make the others. <see cref="Order"/> lists the
/// exporter's column indices (序号 0, 重点任务 1, 工作措施 2, 完成时限 3, 牵头 4, 主责 5, 协办 6) in printed order;
/// <see cref="Headers"/> renames header cells; <see cref="Widths"/> (twips, in printed order) narrow columns so
/// header cells wrap; <see cref="BodyHalfPoints"/> sets the body font size, the header keeps 10.5pt;
/// <see cref="CentreVertically"/> centres every cell's text vertically (WPS's usual table style), so a row cut by a
/// page break may print its 序号 and deadline on either part.
/// </summary>
internal sealed record TableLayoutVariant(
    string Name,
    bool RepeatHeader = false,
    bool InnerBorders = true,
    bool Portrait = false,
    IReadOnlyList<int>? Order = null,
    IReadOnlyDictionary<string, string>? Headers = null,
    IReadOnlyList<int>? Widths = null,
    int? BodyHalfPoints = null,
    bool CentreVertically = false,
    string PageNumber = "— {0} —",
    string? RunningHead = null)
{
    /// <summary>Word's default for a long table: the header printed once, then the rows run on over the pages.</summary>
    public static TableLayoutVariant HeaderOnce { get; } = new("header-once");

    /// <summary>
    /// A WPS-style layout: 完成时间 last, synonyms for every header, narrow 序号/牵头/完成时间 columns whose header
    /// cells wrap (序/号, 牵头/领导, 完成时/间), a 9pt body, cells centred vertically, a running head and `第 N 页`
    /// page numbers.
    /// </summary>
    public static TableLayoutVariant WpsLandscape { get; } = new(
        "wps-landscape",
        Order: [0, 1, 2, 4, 5, 6, 3],
        Headers: new Dictionary<string, string>
        {
            ["重点任务"] = "主要任务",
            ["工作措施"] = "具体措施",
            ["完成时限"] = "完成时间",
            ["牵头部门"] = "牵头单位",
            ["主责单位"] = "责任单位",
            ["协办单位"] = "配合单位",
        },
        Widths: [520, 1500, 6900, 820, 2100, 2100, 940],
        BodyHalfPoints: 18,
        CentreVertically: true,
        PageNumber: "第 {0} 页",
        RunningHead: "生态保护行动计划任务分解表");

    /// <summary>The WPS layout on A4 portrait, with the header repeated on each page and `N/M` page numbers.</summary>
    public static TableLayoutVariant WpsPortrait { get; } = WpsLandscape with
    {
        Name = "wps-portrait",
        Portrait = true,
        RepeatHeader = true,
        Widths = [520, 1100, 3738, 820, 1280, 1240, 940],
        PageNumber = "{0}/{1}",
        RunningHead = null,
    };

    /// <summary>A Word-style table with only its outer frame: rows stand apart by white space alone.</summary>
    public static TableLayoutVariant WordNoInnerBorders { get; } = new("word-gaps", InnerBorders: false);

    public static IReadOnlyList<TableLayoutVariant> All { get; } = [HeaderOnce, WpsLandscape, WpsPortrait, WordNoInnerBorders];

    /// <summary>The plan as this office would issue it, as .docx bytes.</summary>
    public byte[] Write(ParsedPlan plan)
    {
        using var stream = new MemoryStream();
        PlanDocxWriter.Write(plan, stream);
        PdfSamples.MakeLikeIssued(stream, PageNumber, RunningHead);
        Apply(stream);
        return stream.ToArray();
    }

    private void Apply(Stream docx)
    {
        using var document = WordprocessingDocument.Open(docx, isEditable: true);
        var main = document.MainDocumentPart!;
        var body = main.Document.Body!;
        var table = body.Elements<Table>().Single();
        var rows = table.Elements<TableRow>().ToList();
        if (!RepeatHeader)
        {
            rows[0].TableRowProperties!.RemoveAllChildren<DocumentFormat.OpenXml.Wordprocessing.TableHeader>();
        }

        if (!InnerBorders)
        {
            var borders = table.GetFirstChild<TableProperties>()!.GetFirstChild<TableBorders>()!;
            borders.InsideHorizontalBorder!.Val = BorderValues.None;
            borders.InsideVerticalBorder!.Val = BorderValues.None;
        }

        foreach (var cell in rows[0].Elements<TableCell>())
        {
            var text = cell.Descendants<Text>().Single();
            if (Headers?.TryGetValue(text.Text, out var renamed) == true)
            {
                text.Text = renamed;
            }
        }

        if (BodyHalfPoints is { } size)
        {
            foreach (var fontSize in rows.Skip(1).SelectMany(r => r.Descendants<FontSize>()))
            {
                fontSize.Val = size.ToString(CultureInfo.InvariantCulture);
            }
        }

        if (CentreVertically)
        {
            // The schema puts vAlign after the cell's width, span, merge and borders: last in what the exporter writes.
            foreach (var properties in rows.SelectMany(r => r.Elements<TableCell>()).Select(c => c.TableCellProperties!))
            {
                properties.Append(new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center });
            }
        }

        if (Order is { } order)
        {
            foreach (var row in rows)
            {
                var cells = row.Elements<TableCell>().ToList();
                if (cells.Count == order.Count)
                {
                    row.RemoveAllChildren<TableCell>();
                    row.Append(order.Select(i => cells[i]));
                }
            }
        }

        if (Widths is { } widths)
        {
            var grid = table.GetFirstChild<TableGrid>()!;
            grid.RemoveAllChildren<GridColumn>();
            grid.Append(widths.Select(w => new GridColumn { Width = Twips(w) }));
            table.GetFirstChild<TableProperties>()!.GetFirstChild<TableWidth>()!.Width = Twips(widths.Sum());
            foreach (var row in rows)
            {
                var cells = row.Elements<TableCell>().ToList();
                for (var i = 0; i < cells.Count; i++)
                {
                    cells[i].TableCellProperties!.TableCellWidth!.Width = Twips(cells.Count == widths.Count ? widths[i] : widths.Sum());
                }
            }
        }

        if (Portrait)
        {
            var page = body.Elements<SectionProperties>().Single().GetFirstChild<PageSize>()!;
            (page.Width, page.Height, page.Orient) = (11906, 16838, PageOrientationValues.Portrait);
        }

        main.Document.Save();
    }

    private static string Twips(int value) => value.ToString(CultureInfo.InvariantCulture);

    public override string ToString() => Name;
}
