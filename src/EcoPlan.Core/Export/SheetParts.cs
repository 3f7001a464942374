using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace EcoPlan.Core.Export;

/// <summary>The cell styles EcoPlan's workbooks use, by their index in the stylesheet <see cref="SheetParts.AddStyles"/> writes.</summary>
internal enum SheetStyle : uint
{
    Default = 0,
    Title = 1,
    Header = 2,
    Heading = 3,
    Body = 4,
    Number = 5,
}

/// <summary>What the plan export and the 台账 share: the stylesheet (bordered, wrapped cells) and rows of text cells.</summary>
internal static class SheetParts
{
    public static string Column(int index) => ((char)('A' + index)).ToString();

    public static Row TextRow(uint index, IReadOnlyList<string> cells, SheetStyle style)
    {
        var row = new Row { RowIndex = index };
        for (var c = 0; c < cells.Count; c++)
        {
            row.Append(new Cell
            {
                CellReference = $"{Column(c)}{index.ToString(CultureInfo.InvariantCulture)}",
                DataType = CellValues.InlineString,
                InlineString = new InlineString(new Text(cells[c]) { Space = SpaceProcessingModeValues.Preserve }),
                StyleIndex = (uint)style,
            });
        }

        return row;
    }

    /// <summary>
    /// The height in points that <paramref name="text"/> needs wrapped in a column <paramref name="width"/> wide (Excel's
    /// unit, the width of a digit). Spreadsheet files carry no automatic row height: Excel, WPS and LibreOffice show
    /// a row as tall as the file says, and cut what does not fit. A CJK character takes about two units, others one;
    /// a line is 1.35 times the font size (Excel's and WPS's spacing for CJK fonts), with room for the cell's padding.
    /// </summary>
    public static double TextHeight(string text, double width, double fontSize)
    {
        ArgumentNullException.ThrowIfNull(text);
        var room = Math.Max(width - 1, 2);
        var lines = 0;
        foreach (var line in text.Split('\n'))
        {
            lines++;
            var used = 0.0;
            foreach (var rune in line.EnumerateRunes())
            {
                var advance = rune.Value >= 0x2E80 ? 2 : 1;
                if (used + advance > room)
                {
                    lines++;
                    used = 0;
                }

                used += advance;
            }
        }

        return (lines * fontSize * 1.35) + 4;
    }

    public static void AddStyles(WorkbookPart workbook, double bodyFontSize)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        var thin = new Border(
            new LeftBorder { Style = BorderStyleValues.Thin }, new RightBorder { Style = BorderStyleValues.Thin },
            new TopBorder { Style = BorderStyleValues.Thin }, new BottomBorder { Style = BorderStyleValues.Thin }, new DiagonalBorder());
        CellFormat Format(uint font, uint border, HorizontalAlignmentValues horizontal) => new(
            new Alignment { Horizontal = horizontal, Vertical = VerticalAlignmentValues.Center, WrapText = true })
        { FontId = font, BorderId = border, ApplyFont = true, ApplyBorder = true, ApplyAlignment = true };

        // Order matters: the index of each format is a SheetStyle.
        styles.Stylesheet = new Stylesheet(
            new Fonts(new Font(new FontSize { Val = bodyFontSize }), new Font(new Bold(), new FontSize { Val = 14 }), new Font(new Bold(), new FontSize { Val = bodyFontSize })) { Count = 3 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border(), thin) { Count = 2 },
            new CellStyleFormats(new CellFormat()) { Count = 1 },
            new CellFormats(
                new CellFormat(),
                Format(1, 0, HorizontalAlignmentValues.Center),
                Format(2, 1, HorizontalAlignmentValues.Center),
                Format(2, 1, HorizontalAlignmentValues.Left),
                Format(0, 1, HorizontalAlignmentValues.Left),
                Format(0, 1, HorizontalAlignmentValues.Center)) { Count = 6 });
    }
}

/// <summary>
/// Row heights of one sheet: each row's own need, and cells merged down over several rows, whose height the rows
/// share (what they lack for it is added evenly to them).
/// </summary>
internal sealed class RowHeights
{
    /// <summary>The tallest row Excel allows, in points.</summary>
    private const double MaxRowHeight = 409;

    private readonly List<(Row Row, double Height)> _rows = [];
    private readonly List<(int First, int Count, double Height)> _spans = [];

    public int Count => _rows.Count;

    public void Add(Row row, double height) => _rows.Add((row, height));

    /// <summary>A cell merged over <paramref name="count"/> rows from row <paramref name="first"/> (0-based, in the order added) needs <paramref name="height"/> points.</summary>
    public void Span(int first, int count, double height) => _spans.Add((first, count, height));

    public void Apply()
    {
        // Narrow spans first: a wide span (a task over its measures) then adds only what its rows still lack.
        foreach (var (first, count, height) in _spans.OrderBy(s => s.Count))
        {
            var end = Math.Min(first + count, _rows.Count);
            var shortBy = height - _rows.GetRange(first, end - first).Sum(r => r.Height);
            for (var i = first; i < end && shortBy > 0; i++)
            {
                _rows[i] = (_rows[i].Row, _rows[i].Height + (shortBy / (end - first)));
            }
        }

        foreach (var (row, height) in _rows)
        {
            row.Height = Math.Round(Math.Min(height, MaxRowHeight), 1);
            row.CustomHeight = true;
        }
    }
}
