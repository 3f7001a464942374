using System.Text.RegularExpressions;

namespace EcoPlan.Core.Import.Documents;

/// <summary>The table body split into rows, by the ruled lines where the PDF draws them, else by the gaps between lines.</summary>
internal static partial class PdfTableBuilder
{
    /// <summary>
    /// The body's rows, and the words above and below the table's rulings (text before or after the table on this
    /// page). The table starts at the last ruling at or above its first word: the header's bottom line, or on a
    /// page the table runs on to, the table's top frame.
    /// </summary>
    private static (List<PdfWord> Before, List<Row> Rows, List<PdfWord> After) SplitRows(PdfPageLayout page, Header grid, List<PdfWord> body)
    {
        if (body.Count == 0)
        {
            return ([], [], []);
        }

        var top = body.Min(w => w.YMin);
        var anchor = grid.IndexOf(ColumnRole.Text);
        if (anchor < 0)
        {
            anchor = Enumerable.Range(0, grid.Columns.Count).MaxBy(c => grid.Columns[c].XMax - grid.Columns[c].XMin);
        }

        var rulings = page.RulingsKnown ? HorizontalRulingsAt(page, grid.Centre(anchor)) : [];
        var start = rulings.Where(y => y <= top + 1).DefaultIfEmpty(double.NegativeInfinity).Max();
        var rowLines = rulings.Where(y => y >= start - 0.5).ToList();
        return rowLines.Count >= 2 && SeparatesRows(grid, body, rowLines)
            ? SplitByRulings(page, grid, body, rowLines)
            : ([], SplitByGaps(page, grid, body), []);
    }

    /// <summary>
    /// False when two 序号 stand between the same two rulings: the lines are only the table's frame (a table without
    /// inner borders), not row borders, and the gaps must split the rows.
    /// </summary>
    private static bool SeparatesRows(Header grid, List<PdfWord> body, List<double> rowLines)
    {
        var number = grid.IndexOf(ColumnRole.Number);
        if (number < 0)
        {
            return true;
        }

        var numbers = VisualLines(body.Where(w => grid.ColumnOf(w.XCentre) == number))
            .Where(line => NumberRegex().IsMatch(CellText(line, "")))
            .Select(line => line.Average(w => w.YCentre));
        return numbers
            .GroupBy(y => rowLines.FindIndex(r => r > y))
            .All(band => band.Count() < 2);
    }

    private static List<double> HorizontalRulingsAt(PdfPageLayout page, double x)
    {
        var positions = page.Rulings
            .Where(r => r.Horizontal && r.From - 1 <= x && r.To + 1 >= x)
            .Select(r => r.Position)
            .Order()
            .ToList();
        var distinct = new List<double>();
        foreach (var y in positions)
        {
            if (distinct.Count == 0 || y - distinct[^1] > 1.5)
            {
                distinct.Add(y);
            }
        }

        return distinct;
    }

    private static (List<PdfWord> Before, List<Row> Rows, List<PdfWord> After) SplitByRulings(PdfPageLayout page, Header grid, List<PdfWord> body, List<double> rowLines)
    {
        var bands = new List<Band>();
        for (var i = 1; i < rowLines.Count; i++)
        {
            bands.Add(new Band(rowLines[i - 1], rowLines[i], Heading: false));
        }

        var columnLines = Enumerable.Range(0, grid.Columns.Count).Select(c => HorizontalRulingsAt(page, grid.Centre(c))).ToList();
        var assigned = bands.Select(_ => new List<PdfWord>()).ToList();
        var before = new List<PdfWord>();
        var after = new List<PdfWord>();
        foreach (var word in body)
        {
            if (word.YCentre < rowLines[0] || word.YCentre > rowLines[^1])
            {
                (word.YCentre < rowLines[0] ? before : after).Add(word);
                continue;
            }

            // The cell holding the word starts at the column's last ruling above it; the word belongs to the
            // first row band at or below that ruling (a merged cell belongs to its first row).
            var column = grid.ColumnOf(word.XCentre);
            var cellTop = columnLines[column].Where(y => y <= word.YCentre).DefaultIfEmpty(double.NaN).Max();
            var band = double.IsNaN(cellTop)
                ? bands.FindIndex(b => word.YCentre <= b.Bottom)
                : bands.FindIndex(b => b.Top >= cellTop - 1 && b.Bottom > cellTop + 1);
            if (band < 0 || bands[band].Top > word.YCentre)
            {
                band = bands.FindIndex(b => word.YCentre <= b.Bottom);
            }

            assigned[Math.Max(band, 0)].Add(word);
        }

        var rows = new List<Row>();
        for (var i = 0; i < bands.Count; i++)
        {
            if (assigned[i].Count > 0)
            {
                rows.Add(MakeRow(grid, assigned[i], page.Number));
            }
        }

        return (before, rows, after);
    }

    private static List<Row> SplitByGaps(PdfPageLayout page, Header grid, List<PdfWord> body)
    {
        var height = Median(body.Select(w => w.Height));
        var byColumn = Enumerable.Range(0, grid.Columns.Count)
            .Select(c => VisualLines([.. body.Where(w => grid.ColumnOf(w.XCentre) == c)]))
            .ToList();

        // The usual gap between two lines of one cell: the lower quartile of gaps between neighbouring lines of a column.
        var gaps = byColumn
            .SelectMany(lines => lines.Zip(lines.Skip(1), (a, b) => b.Min(w => w.YMin) - a.Max(w => w.YMax)))
            .Where(g => g > -height && g < height)
            .Order()
            .ToList();
        var lineGap = gaps.Count > 0 ? gaps[gaps.Count / 4] : 0.2 * height;
        var threshold = lineGap + Math.Max(0.3, 0.03 * height);

        var number = grid.IndexOf(ColumnRole.Number);
        var task = grid.IndexOf(ColumnRole.Task);
        var defining = Enumerable.Range(0, grid.Columns.Count).Where(c => c != number && c != task).ToList();
        if (defining.Count == 0)
        {
            defining = [.. Enumerable.Range(0, grid.Columns.Count)];
        }

        // Headings first: they span the table, so they are their own bands.
        var headingWords = new HashSet<PdfWord>();
        var items = new List<(double Top, double Bottom, bool Heading)>();
        foreach (var line in VisualLines(body))
        {
            if (line.Any(w => Crosses(grid, w)))
            {
                headingWords.UnionWith(line);
                items.Add((line.Min(w => w.YMin), line.Max(w => w.YMax), true));
            }
        }

        foreach (var c in defining)
        {
            foreach (var line in byColumn[c].Where(l => !l.Any(headingWords.Contains)))
            {
                items.Add((line.Min(w => w.YMin), line.Max(w => w.YMax), false));
            }
        }

        var bands = new List<Band>();
        foreach (var item in items.OrderBy(i => i.Top))
        {
            if (bands.Count > 0 && !item.Heading && !bands[^1].Heading && item.Top - bands[^1].Bottom <= threshold)
            {
                bands[^1] = bands[^1] with { Bottom = Math.Max(bands[^1].Bottom, item.Bottom) };
            }
            else
            {
                bands.Add(new Band(item.Top, item.Bottom, item.Heading));
            }
        }

        // A new 序号 starts a row even without a gap, when what stands above it in the band is a whole row: one
        // with its deadline. A 序号 centred in a tall row has only the upper lines of its own cells above it.
        var deadline = grid.IndexOf(ColumnRole.Deadline);
        bool RowAbove(Band band, double y) =>
            deadline < 0 || byColumn[deadline].Any(l => l.Min(w => w.YMin) >= band.Top - 0.5 && l.Max(w => w.YMax) <= y);
        if (number >= 0)
        {
            foreach (var line in byColumn[number].Where(l => NumberRegex().IsMatch(CellText([.. l], ""))))
            {
                var lineTop = line.Min(w => w.YMin);
                var index = bands.FindIndex(b => !b.Heading && b.Top < lineTop - (0.5 * height) && b.Bottom > lineTop);
                if (index >= 0 && RowAbove(bands[index], lineTop))
                {
                    var band = bands[index];
                    bands[index] = band with { Bottom = lineTop - 0.01 };
                    bands.Insert(index + 1, band with { Top = lineTop });
                }
            }
        }

        if (bands.Count == 0)
        {
            bands.Add(new Band(body.Min(w => w.YMin), body.Max(w => w.YMax), Heading: false));
        }

        int BandOf(double y)
        {
            var inside = bands.FindIndex(b => y >= b.Top - threshold && y <= b.Bottom + threshold);
            if (inside >= 0)
            {
                return inside;
            }

            var next = bands.FindIndex(b => b.Top > y);
            return next >= 0 ? next : bands.Count - 1;
        }

        var assigned = bands.Select(_ => new List<PdfWord>()).ToList();
        foreach (var word in body.Where(w => headingWords.Contains(w) || defining.Contains(grid.ColumnOf(w.XCentre))))
        {
            assigned[BandOf(word.YCentre)].Add(word);
        }

        // 序号 and 重点任务 cells may be merged or centred: each block of close lines goes to the band of its first line.
        foreach (var c in new[] { number, task }.Where(c => c >= 0 && !defining.Contains(c)))
        {
            var lines = byColumn[c].Where(l => !l.Any(headingWords.Contains)).ToList();
            var blockBand = -1;
            var previousBottom = double.NegativeInfinity;
            foreach (var line in lines)
            {
                var lineTop = line.Min(w => w.YMin);
                var startsBlock = lineTop - previousBottom > threshold || (c == number && NumberRegex().IsMatch(CellText([.. line], "")));
                if (startsBlock || blockBand < 0)
                {
                    blockBand = BandOf(line.Average(w => w.YCentre));
                }

                assigned[blockBand].AddRange(line);
                previousBottom = line.Max(w => w.YMax);
            }
        }

        var rows = new List<Row>();
        for (var i = 0; i < bands.Count; i++)
        {
            if (assigned[i].Count > 0)
            {
                rows.Add(MakeRow(grid, assigned[i], page.Number));
            }
        }

        return rows;
    }

    private static Row MakeRow(Header grid, List<PdfWord> words, int page)
    {
        var byColumn = words.GroupBy(w => grid.ColumnOf(w.XCentre)).ToDictionary(g => g.Key, g => g.ToList());
        var cells = new string[grid.Columns.Count];
        if (words.Any(w => Crosses(grid, w)) || IsHeadingLine(grid, byColumn, words))
        {
            Array.Fill(cells, "");
            cells[0] = string.Join(" ", VisualLines(words).Select(JoinWords));
            return new Row(cells, heading: true, page);
        }

        for (var c = 0; c < cells.Length; c++)
        {
            cells[c] = byColumn.TryGetValue(c, out var cellWords) ? CellText(cellWords, "\n") : "";
        }

        return new Row(cells, heading: false, page);
    }

    /// <summary>
    /// One line opening with a heading numeral (<c>（二）</c>, <c>三、</c>) is a heading: standing in one column that is not
    /// 序号, or cut into words that fall into several columns (OCR splits a heading at its spaces) with the numeral in
    /// the 序号 column, where a row number never looks like that.
    /// </summary>
    private static bool IsHeadingLine(Header grid, Dictionary<int, List<PdfWord>> byColumn, List<PdfWord> words)
    {
        if (VisualLines(words).Count != 1)
        {
            return false;
        }

        var number = grid.IndexOf(ColumnRole.Number);
        var opening = byColumn.Count == 1 && !byColumn.ContainsKey(number) ? byColumn.Values.Single() : byColumn.GetValueOrDefault(number);
        return opening is not null && HeadingRegex().IsMatch(CellText(opening, ""));
    }

    /// <summary>A word that covers parts of two header cells spans columns: only headings do.</summary>
    private static bool Crosses(Header grid, PdfWord word) =>
        grid.Columns.Count(c => Math.Min(c.XMax, word.XMax) - Math.Max(c.XMin, word.XMin) > 1) >= 2;

    [GeneratedRegex(@"^\s*([（(]\s*[一二三四五六七八九十百]+\s*[）)]|[一二三四五六七八九十百]+\s*[、.．])")]
    private static partial Regex HeadingRegex();

    [GeneratedRegex(@"^\d{1,4}(\.\d{1,3})?$")]
    private static partial Regex NumberRegex();
}
