using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace EcoPlan.Core.Clues;

/// <summary>A part of the 销号申请表: a heading row across the table, then label / value rows (a value may hold several lines).</summary>
public sealed record CloseFormSection(string Heading, IReadOnlyList<CloseFormRow> Rows);

public sealed record CloseFormRow(string Label, string Value);

/// <summary>One evidence file as the form lists it: where it is in the archive, when and where it was taken, its SHA-256.</summary>
public sealed record CloseFormEvidence(int Number, string Kind, string Path, string Taken, string Position, string Distance, string Sha256);

/// <summary>The 销号申请表 as its words: title, the line under it, the sections, the evidence list and the notes at the end.</summary>
public sealed record CloseForm(string Title, string Subtitle, IReadOnlyList<CloseFormSection> Sections, IReadOnlyList<CloseFormEvidence> Evidence,
    IReadOnlyList<string> Notes);

/// <summary>
/// Writes the 销号申请表 as a Word document in the form a township hands in: portrait A4, a title, one bordered table of
/// label and value rows under section headings, the stamp rows, then the evidence list with each file's SHA-256.
/// </summary>
public static class ClueCloseFormWriter
{
    // Twentieths of a point; portrait A4 less 2 cm margins is 9638 wide.
    private const int LabelWidth = 2600;
    private const int ValueWidth = 7038;

    // Half-points: the form in 五号 (10.5 pt), the evidence list a size smaller so a file's row stays on one or two lines.
    private const int ListSize = 18;
    private static readonly int[] s_evidenceWidths = [560, 1200, 2878, 1500, 2500, 1000];

    public static void Write(CloseForm form, Stream output)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(output);
        using var document = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document);
        var main = document.AddMainDocumentPart();
        var body = new Body(
            Paragraph(form.Title, bold: true, size: 36, centered: true, after: 120),
            Paragraph(form.Subtitle, size: 21, centered: true, after: 200),
            FactsTable(form.Sections));
        body.Append(Paragraph("证据材料清单", bold: true, size: 28, centered: true, before: 360, after: 120));
        body.Append(EvidenceTable(form.Evidence));
        foreach (var note in form.Notes)
        {
            body.Append(Paragraph(note, size: 18, before: 60));
        }

        body.Append(new SectionProperties(
            new PageSize { Width = 11906, Height = 16838 },
            new PageMargin { Top = 1134, Bottom = 1134, Left = 1134, Right = 1134, Header = 567, Footer = 567, Gutter = 0 }));
        main.Document = new Document(body);
        main.Document.Save();
    }

    private static Table FactsTable(IReadOnlyList<CloseFormSection> sections)
    {
        var table = BorderedTable([LabelWidth, ValueWidth]);
        foreach (var section in sections)
        {
            // A section stays on one page where it fits: every row but its last keeps with the next.
            table.Append(new TableRow(new TableRowProperties(new CantSplit()),
                Cell([section.Heading], LabelWidth + ValueWidth, bold: true, span: 2, shaded: true, keepNext: section.Rows.Count > 0)));
            for (var i = 0; i < section.Rows.Count; i++)
            {
                var keep = i < section.Rows.Count - 1;
                table.Append(new TableRow(new TableRowProperties(new CantSplit()),
                    Cell([section.Rows[i].Label], LabelWidth, bold: true, centered: true, keepNext: keep),
                    Cell(section.Rows[i].Value.Split('\n'), ValueWidth, keepNext: keep)));
            }
        }

        return table;
    }

    private static Table EvidenceTable(IReadOnlyList<CloseFormEvidence> evidence)
    {
        var table = BorderedTable(s_evidenceWidths);
        string[] header = ["序号", "类别", "文件（档案内位置）", "拍摄时间", "位置（经度, 纬度）", "距线索"];
        var headerRow = new TableRow(new TableRowProperties(new TableHeader(), new CantSplit()));
        headerRow.Append(header.Select((h, i) => Cell([h], s_evidenceWidths[i], bold: true, centered: true, shaded: true, size: ListSize)));
        table.Append(headerRow);
        if (evidence.Count == 0)
        {
            table.Append(new TableRow(Cell(["无"], s_evidenceWidths.Sum(), span: s_evidenceWidths.Length, centered: true)));
        }

        foreach (var e in evidence)
        {
            // The hash gets a row of its own under the file, so its 64 characters stay on one line.
            var number = Cell([e.Number.ToString(CultureInfo.InvariantCulture)], s_evidenceWidths[0], centered: true, size: ListSize, merge: new VerticalMerge { Val = MergedCellValues.Restart });
            table.Append(new TableRow(new TableRowProperties(new CantSplit()),
                number,
                Cell([e.Kind], s_evidenceWidths[1], centered: true, size: ListSize),
                Cell([e.Path], s_evidenceWidths[2], size: ListSize),
                Cell([e.Taken], s_evidenceWidths[3], centered: true, size: ListSize),
                Cell([e.Position], s_evidenceWidths[4], centered: true, size: ListSize),
                Cell([e.Distance], s_evidenceWidths[5], centered: true, size: ListSize)));
            table.Append(new TableRow(new TableRowProperties(new CantSplit()),
                Cell([""], s_evidenceWidths[0], merge: new VerticalMerge()),
                Cell(["SHA-256：" + e.Sha256], s_evidenceWidths.Skip(1).Sum(), span: s_evidenceWidths.Length - 1, size: 16, monospace: true)));
        }

        return table;
    }

    private static Table BorderedTable(int[] widths)
    {
        // Schema order: top, left, bottom, right, inside horizontal, inside vertical.
        var borders = new BorderType[] { new TopBorder(), new LeftBorder(), new BottomBorder(), new RightBorder(), new InsideHorizontalBorder(), new InsideVerticalBorder() };
        foreach (var b in borders)
        {
            b.Val = BorderValues.Single;
            b.Size = 6;
        }

        return new Table(
            new TableProperties(
                new TableWidth { Type = TableWidthUnitValues.Dxa, Width = Twips(widths.Sum()) },
                new TableBorders(borders),
                new TableLayout { Type = TableLayoutValues.Fixed },
                new TableCellMarginDefault(new TopMargin { Width = "40", Type = TableWidthUnitValues.Dxa }, new TableCellLeftMargin { Width = 80, Type = TableWidthValues.Dxa },
                    new BottomMargin { Width = "40", Type = TableWidthUnitValues.Dxa }, new TableCellRightMargin { Width = 80, Type = TableWidthValues.Dxa })),
            new TableGrid(widths.Select(w => new GridColumn { Width = Twips(w) })));
    }

    private static TableCell Cell(IEnumerable<string> lines, int width, bool bold = false, int span = 1, bool centered = false, bool shaded = false, int size = 21,
        bool monospace = false, VerticalMerge? merge = null, bool keepNext = false)
    {
        // Schema order of cell properties: width, span, (merge), shading, vertical alignment.
        var properties = new TableCellProperties(new TableCellWidth { Type = TableWidthUnitValues.Dxa, Width = Twips(width) });
        if (span > 1)
        {
            properties.Append(new GridSpan { Val = span });
        }

        if (merge is not null)
        {
            properties.Append(merge);
        }

        if (shaded)
        {
            properties.Append(new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = "E7EEF3" });
        }

        properties.Append(new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center });
        var cell = new TableCell(properties);
        foreach (var line in lines)
        {
            cell.Append(Paragraph(line, bold, size, centered, monospace: monospace, keepNext: keepNext));
        }

        return cell;
    }

    private static Paragraph Paragraph(string text, bool bold = false, int size = 24, bool centered = false, int before = 0, int after = 0, bool monospace = false,
        bool keepNext = false)
    {
        // The schema fixes the order of run properties: fonts, bold, size.
        var latin = monospace ? "Courier New" : "Times New Roman";
        var runProperties = new RunProperties(new RunFonts { EastAsia = "宋体", Ascii = latin, HighAnsi = latin });
        if (bold)
        {
            runProperties.Append(new Bold());
        }

        runProperties.Append(new FontSize { Val = size.ToString(CultureInfo.InvariantCulture) });
        // The schema fixes the order of paragraph properties too: keep with next, spacing, justification.
        var paragraphProperties = new ParagraphProperties();
        if (keepNext)
        {
            paragraphProperties.Append(new KeepNext());
        }

        paragraphProperties.Append(new SpacingBetweenLines { Before = before.ToString(CultureInfo.InvariantCulture), After = after.ToString(CultureInfo.InvariantCulture) });
        if (centered)
        {
            paragraphProperties.Append(new Justification { Val = JustificationValues.Center });
        }

        return new Paragraph(paragraphProperties, new Run(runProperties, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }

    private static string Twips(int value) => value.ToString(CultureInfo.InvariantCulture);
}
