using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using ParsedPlan = EcoPlan.Core.Import.ParsedPlan;

namespace EcoPlan.Core.Export;

/// <summary>
/// Writes a plan as a Word document in the issued form: landscape A4, 附件 label and title, then the table
/// with its header repeated on every page, headings spanning the table, and task cells merged down.
/// </summary>
public static class PlanDocxWriter
{
    // Column widths in twentieths of a point, summing to the landscape A4 text width.
    private static readonly int[] s_widths = [700, 1700, 6200, 1100, 1300, 1600, 1600];

    public static void Write(ParsedPlan plan, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var layout = PlanTableLayout.From(plan);
        using var document = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document);
        var main = document.AddMainDocumentPart();
        var body = new Body();
        if (layout.Attachment is { } attachment)
        {
            body.Append(Paragraph(attachment, bold: true, size: 32));
        }

        body.Append(Paragraph(layout.Title, bold: true, size: 40, centered: true));
        body.Append(Table(layout));
        // Word ends a body with a paragraph; without one LibreOffice's Word 97 (.doc) export drops the whole table.
        body.Append(new Paragraph());
        body.Append(new SectionProperties(
            new PageSize { Width = 16838, Height = 11906, Orient = PageOrientationValues.Landscape },
            new PageMargin { Top = 1134, Bottom = 1134, Left = 1134, Right = 1134, Header = 567, Footer = 567, Gutter = 0 }));
        main.Document = new Document(body);
        main.Document.Save();
    }

    private static Table Table(PlanTableLayout layout)
    {
        // Schema order: top, left, bottom, right, inside horizontal, inside vertical.
        var border = new BorderType[] { new TopBorder(), new LeftBorder(), new BottomBorder(), new RightBorder(), new InsideHorizontalBorder(), new InsideVerticalBorder() };
        foreach (var b in border)
        {
            b.Val = BorderValues.Single;
            b.Size = 4;
        }

        var table = new Table(
            new TableProperties(new TableWidth { Type = TableWidthUnitValues.Dxa, Width = s_widths.Sum().ToString(System.Globalization.CultureInfo.InvariantCulture) }, new TableBorders(border), new TableLayout { Type = TableLayoutValues.Fixed }),
            new TableGrid(s_widths.Select(w => new GridColumn { Width = w.ToString(System.Globalization.CultureInfo.InvariantCulture) })));

        var header = new TableRow(new TableRowProperties(new TableHeader(), new CantSplit()));
        for (var i = 0; i < layout.Header.Count; i++)
        {
            header.Append(Cell([layout.Header[i]], i, bold: true));
        }

        table.Append(header);
        foreach (var row in layout.Rows)
        {
            table.Append(row switch
            {
                HeadingRow heading => new TableRow(Cell([heading.Text], 0, bold: true, span: layout.Header.Count)),
                MeasureRow measure => MeasureRow(measure),
                _ => throw new InvalidOperationException($"Unknown row {row.GetType().Name}."),
            });
        }

        return table;
    }

    private static TableRow MeasureRow(MeasureRow measure)
    {
        var row = new TableRow();
        var cells = measure.Cells;
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = Cell(cells[i], i);
            if (i == 1 && measure.TaskRows > 1)
            {
                cell.TableCellProperties!.Append(measure.FirstOfTask ? new VerticalMerge { Val = MergedCellValues.Restart } : new VerticalMerge());
            }

            row.Append(cell);
        }

        return row;
    }

    private static TableCell Cell(IReadOnlyList<string> lines, int column, bool bold = false, int span = 1)
    {
        var width = span == 1 ? s_widths[column] : s_widths.Sum();
        var properties = new TableCellProperties(new TableCellWidth { Type = TableWidthUnitValues.Dxa, Width = width.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        if (span > 1)
        {
            properties.Append(new GridSpan { Val = span });
        }

        var cell = new TableCell(properties);
        foreach (var line in lines)
        {
            cell.Append(Paragraph(line, bold, size: 21, centered: column != 2 && span == 1));
        }

        return cell;
    }

    private static Paragraph Paragraph(string text, bool bold = false, int size = 24, bool centered = false)
    {
        // The schema fixes the order of run properties: fonts, bold, size.
        var runProperties = new RunProperties(new RunFonts { EastAsia = "宋体", Ascii = "Times New Roman", HighAnsi = "Times New Roman" });
        if (bold)
        {
            runProperties.Append(new Bold());
        }

        runProperties.Append(new FontSize { Val = size.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        var paragraph = new Paragraph(new Run(runProperties, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        if (centered)
        {
            paragraph.PrependChild(new ParagraphProperties(new Justification { Val = JustificationValues.Center }));
        }

        return paragraph;
    }
}
