using System.Text;
using System.Text.RegularExpressions;

namespace EcoPlan.Core.Import.Documents;

/// <summary>
/// Rebuilds paragraphs and table rows from positioned words.
/// <list type="bullet">
/// <item>Page furniture: a line made only of dashes and a page number (`— 15 —`, `—`, `15`) in the top 10% or
/// bottom 15% of a page, and carrying a dash or centred on the page, is dropped.</item>
/// <item>Header: the first line holding words of at least four header meanings (序号, 重点任务, 工作措施,
/// 完成时限, 牵头…, 主责…, 协办…) is the table header; its cells are the header words grouped by horizontal
/// overlap (a wrapped header cell is one group). Column boundaries are the vertical rulings between
/// neighbouring header cells, or the midpoints between them. Every later word belongs to the column
/// holding its horizontal centre. A header found again on a later page is a repeat and dropped.</item>
/// <item>Rows, with rulings (pdftocairo): rows are the bands between horizontal rulings that cross the 工作措施
/// column. A cell whose column has no ruling between two bands (a vertically merged cell) belongs to the
/// first band it covers, whatever its vertical alignment.</item>
/// <item>Rows, without rulings: lines of the columns after 重点任务 form one band while the vertical gap to the
/// next line is at most the usual gap between lines of one cell (+0.3pt); a new 序号 line also starts a
/// band. Lines of 序号/重点任务 cells go, as one block, to the band holding their first line.</item>
/// <item>Headings: a band whose text crosses two header cells (it spans the table), or that is a single
/// line in one column beginning with a heading numeral (`一、`, `（二）`, `(四)`) and no 序号, is a heading
/// row: its text goes in the first cell.</item>
/// <item>Page breaks: the first row under a page's repeated header continues the previous page's last row
/// when its 序号 cell is empty and one of the two parts has no 完成时限 (a row prints one deadline); without
/// a 完成时限 column, when its 序号 and 重点任务 cells are both empty. Its cells are appended to that row's.</item>
/// <item>Text above the first header, and below the last ruling of the table, becomes paragraphs; lines
/// of one height that follow closely and fill the line before them are one paragraph.</item>
/// </list>
/// </summary>
internal static partial class PdfTableBuilder
{
    // The header words are TableHeader's synonyms, matched inside a word (PDF words run together); "任务"
    // alone is the loosest word, so the task column is tried last.
    private static readonly (ColumnRole Role, string[] Words)[] s_headerWords =
    [
        .. TableHeader.Synonyms
            .GroupBy(s => s.Value, s => s.Key)
            .OrderBy(g => g.Key == ColumnRole.Task ? 1 : 0)
            .Select(g => (g.Key, g.ToArray())),
    ];

    private sealed record Column(ColumnRole? Role, string Header, double XMin, double XMax);

    private sealed record Header(IReadOnlyList<Column> Columns, double[] Boundaries, double Top, double Bottom)
    {
        public int ColumnOf(double x)
        {
            var i = 0;
            while (i < Boundaries.Length && x >= Boundaries[i])
            {
                i++;
            }

            return i;
        }

        public int IndexOf(ColumnRole role)
        {
            for (var i = 0; i < Columns.Count; i++)
            {
                if (Columns[i].Role == role)
                {
                    return i;
                }
            }

            return -1;
        }

        public double Centre(int column)
        {
            var left = column == 0 ? Columns[0].XMin : Boundaries[column - 1];
            var right = column == Columns.Count - 1 ? Columns[^1].XMax : Boundaries[column];
            return (left + right) / 2;
        }
    }

    private sealed class Row(string[] cells, bool heading, int page)
    {
        public string[] Cells { get; } = cells;

        public bool Heading { get; } = heading;

        public int Page { get; } = page;

        public int? LastPage { get; set; }
    }

    private sealed record Band(double Top, double Bottom, bool Heading);

    public static DocumentContent Build(string sourceName, IReadOnlyList<PdfPageLayout> pages)
    {
        var blocks = new List<DocumentBlock>();
        Header? table = null;
        var rowNumber = 0;
        Row? pending = null;

        void Flush()
        {
            if (pending is null)
            {
                return;
            }

            rowNumber++;
            var location = Localization.CoreText.Get("Location_PageRow", pending.Page, rowNumber);
            if (pending.LastPage is { } last)
            {
                location += Localization.CoreText.Get("Location_ContinuedOnPage", last);
            }

            blocks.Add(new DocumentTableRow(pending.Cells, location));
            pending = null;
        }

        foreach (var page in pages)
        {
            var words = WithoutFurniture(page);
            var header = FindHeader(page, words);
            List<PdfWord> body;
            if (header is not null)
            {
                var above = words.Where(w => w.YCentre < header.Top).ToList();
                if (table is null)
                {
                    blocks.AddRange(Paragraphs(above, page.Number));
                    table = header;
                    pending = new Row([.. header.Columns.Select(c => c.Header)], heading: false, page.Number);
                    Flush();
                }
                else
                {
                    // Text above a repeated header (a running page header) is kept as paragraphs.
                    if (above.Count > 0)
                    {
                        Flush();
                        blocks.AddRange(Paragraphs(above, page.Number));
                    }
                }

                body = [.. words.Where(w => w.YCentre > header.Bottom)];
            }
            else if (table is null)
            {
                blocks.AddRange(Paragraphs(words, page.Number));
                continue;
            }
            else
            {
                body = words;
            }

            var grid = header ?? table;
            var (rows, after) = SplitRows(page, grid, body);
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                if (i == 0 && pending is not null && Continues(grid, pending, row))
                {
                    for (var c = 0; c < row.Cells.Length && c < pending.Cells.Length; c++)
                    {
                        pending.Cells[c] = JoinParts(pending.Cells[c], row.Cells[c]);
                    }

                    pending.LastPage = page.Number;
                    continue;
                }

                Flush();
                pending = row;
            }

            if (after.Count > 0)
            {
                Flush();
                blocks.AddRange(Paragraphs(after, page.Number));
            }
        }

        Flush();
        return new DocumentContent(sourceName, blocks);
    }

    private static bool Continues(Header grid, Row previous, Row first)
    {
        if (previous.Heading || first.Heading || previous.Page == first.Page)
        {
            return false;
        }

        var number = grid.IndexOf(ColumnRole.Number);
        if (number >= 0 && first.Cells[number].Length > 0)
        {
            return false;
        }

        var deadline = grid.IndexOf(ColumnRole.Deadline);
        if (deadline >= 0)
        {
            return first.Cells[deadline].Length == 0 || previous.Cells[deadline].Length == 0;
        }

        var task = grid.IndexOf(ColumnRole.Task);
        return number >= 0 && task >= 0 && first.Cells[task].Length == 0;
    }

    private static string JoinParts(string first, string second) =>
        first.Length == 0 ? second : second.Length == 0 ? first : first + "\n" + second;

    // ---- Furniture -------------------------------------------------------------------------------------

    private static List<PdfWord> WithoutFurniture(PdfPageLayout page)
    {
        var furniture = new HashSet<PdfWord>();
        foreach (var line in VisualLines(page.Words))
        {
            var text = string.Concat(line.Select(w => w.Text));
            var top = line.Min(w => w.YMin);
            var bottom = line.Max(w => w.YMax);
            var centre = (line.Min(w => w.XMin) + line.Max(w => w.XMax)) / 2;
            var inMargin = bottom < page.Height * 0.10 || top > page.Height * 0.85;
            var dashed = DashRegex().IsMatch(text);
            var centred = Math.Abs(centre - (page.Width / 2)) < page.Width * 0.1;
            if (inMargin && PageNumberRegex().IsMatch(text) && (dashed || centred))
            {
                furniture.UnionWith(line);
            }
        }

        return [.. page.Words.Where(w => !furniture.Contains(w))];
    }

    [GeneratedRegex(@"^[—–\-－_~]*\s*第?\s*\d{0,4}\s*页?\s*[—–\-－_~]*$")]
    private static partial Regex PageNumberRegex();

    [GeneratedRegex("[—–\\-－_~]")]
    private static partial Regex DashRegex();

    // ---- Header ----------------------------------------------------------------------------------------

    private static ColumnRole? Classify(string text)
    {
        var compact = Compact(text);
        if (compact.Length is 0 or > 8)
        {
            return null;
        }

        foreach (var (role, keywords) in s_headerWords)
        {
            if (keywords.Any(k => compact.Contains(k, StringComparison.Ordinal)))
            {
                return role;
            }
        }

        return null;
    }

    private static Header? FindHeader(PdfPageLayout page, List<PdfWord> words)
    {
        var lines = VisualLines(words);
        for (var index = 0; index < lines.Count; index++)
        {
            var seed = lines[index];
            var roles = seed.Select(w => Classify(w.Text)).Where(r => r is not null).Distinct().Count();
            if (roles < 4)
            {
                continue;
            }

            var (top, bottom) = HeaderBand(page, lines, index);
            var band = words.Where(w => w.YCentre >= top && w.YCentre <= bottom).ToList();
            var cells = GroupByOverlap(band);
            var columns = cells
                .Select(cell => new Column(Classify(CellText(cell, "")), CellText(cell, ""), cell.Min(w => w.XMin), cell.Max(w => w.XMax)))
                .ToList();
            if (columns.Count(c => c.Role is not null) < 4)
            {
                continue;
            }

            var boundaries = new double[columns.Count - 1];
            for (var i = 0; i < boundaries.Length; i++)
            {
                var low = columns[i].XMax;
                var high = columns[i + 1].XMin;
                var middle = (low + high) / 2;
                var ruling = page.Rulings
                    .Where(r => !r.Horizontal && r.Position >= low && r.Position <= high && r.From <= bottom && r.To >= top)
                    .OrderBy(r => Math.Abs(r.Position - middle))
                    .FirstOrDefault();
                boundaries[i] = ruling?.Position ?? EmptiestGap(words.Where(w => w.YMin > bottom).ToList(), low, high);
            }

            return new Header(columns, boundaries, top, bottom);
        }

        return null;
    }

    /// <summary>
    /// Without a ruling, the boundary between two header cells is where the fewest words below the header
    /// cross (the middle of the longest such stretch): header texts are often centred in wide cells, so their
    /// midpoint can fall inside a column's left-aligned text.
    /// </summary>
    private static double EmptiestGap(List<PdfWord> below, double low, double high)
    {
        const double Step = 0.5;
        var best = (Count: int.MaxValue, Start: (low + high) / 2, Length: 0);
        var run = (Count: -1, Start: 0.0, Length: 0);
        for (var x = low; x <= high; x += Step)
        {
            var count = below.Count(w => w.XMin < x && w.XMax > x);
            run = count == run.Count ? run with { Length = run.Length + 1 } : (count, x, 1);
            if (run.Count < best.Count || (run.Count == best.Count && run.Length > best.Length))
            {
                best = run;
            }
        }

        return best.Start + ((best.Length - 1) * Step / 2);
    }

    /// <summary>The vertical extent of the header row: between the rulings around its line, else its line and wrapped neighbours.</summary>
    private static (double Top, double Bottom) HeaderBand(PdfPageLayout page, List<List<PdfWord>> lines, int index)
    {
        var seed = lines[index];
        var top = seed.Min(w => w.YMin);
        var bottom = seed.Max(w => w.YMax);
        var left = seed.Min(w => w.XMin);
        var right = seed.Max(w => w.XMax);
        var across = page.Rulings.Where(r => r.Horizontal && r.From <= left + 5 && r.To >= right - 5).Select(r => r.Position).ToList();
        var above = across.Where(y => y <= top + 1).DefaultIfEmpty(double.NaN).Max();
        var below = across.Where(y => y >= bottom - 1).DefaultIfEmpty(double.NaN).Min();
        if (!double.IsNaN(above) && !double.IsNaN(below))
        {
            return (above, below);
        }

        // No rulings: take in neighbouring lines that follow closely and whose every word is short and sits
        // over or under a header word (the rest of a wrapped header cell).
        var height = seed.Average(w => w.Height);
        bool Wrapped(List<PdfWord> line) =>
            line.All(w => Compact(w.Text).Length <= 4 && seed.Any(s => Math.Min(s.XMax, w.XMax) - Math.Max(s.XMin, w.XMin) > 1));
        for (var i = index - 1; i >= 0 && top - lines[i].Max(w => w.YMax) < 0.35 * height && Wrapped(lines[i]); i--)
        {
            top = lines[i].Min(w => w.YMin);
        }

        for (var i = index + 1; i < lines.Count && lines[i].Min(w => w.YMin) - bottom < 0.35 * height && Wrapped(lines[i]); i++)
        {
            bottom = lines[i].Max(w => w.YMax);
        }

        return (top - 0.5, bottom + 0.5);
    }

    /// <summary>Groups words whose horizontal extents overlap (one group per header cell), left to right.</summary>
    private static List<List<PdfWord>> GroupByOverlap(List<PdfWord> words)
    {
        var groups = new List<List<PdfWord>>();
        double right = double.NegativeInfinity;
        foreach (var word in words.OrderBy(w => w.XMin))
        {
            if (groups.Count > 0 && word.XMin <= right + 1)
            {
                groups[^1].Add(word);
                right = Math.Max(right, word.XMax);
            }
            else
            {
                groups.Add([word]);
                right = word.XMax;
            }
        }

        return groups;
    }

    // ---- Rows ------------------------------------------------------------------------------------------

    private static (List<Row> Rows, List<PdfWord> After) SplitRows(PdfPageLayout page, Header grid, List<PdfWord> body)
    {
        if (body.Count == 0)
        {
            return ([], []);
        }

        var top = body.Min(w => w.YMin) - 1;
        var anchor = grid.IndexOf(ColumnRole.Text);
        if (anchor < 0)
        {
            anchor = Enumerable.Range(0, grid.Columns.Count).MaxBy(c => grid.Columns[c].XMax - grid.Columns[c].XMin);
        }

        var rowLines = page.RulingsKnown ? HorizontalRulingsAt(page, grid.Centre(anchor)).Where(y => y >= Math.Min(top, grid.Bottom) - 2).ToList() : [];
        return rowLines.Count >= 2
            ? SplitByRulings(page, grid, body, rowLines)
            : (SplitByGaps(page, grid, body), []);
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

    private static (List<Row> Rows, List<PdfWord> After) SplitByRulings(PdfPageLayout page, Header grid, List<PdfWord> body, List<double> rowLines)
    {
        var bands = new List<Band>();
        for (var i = 1; i < rowLines.Count; i++)
        {
            bands.Add(new Band(rowLines[i - 1], rowLines[i], Heading: false));
        }

        var columnLines = Enumerable.Range(0, grid.Columns.Count).Select(c => HorizontalRulingsAt(page, grid.Centre(c))).ToList();
        var assigned = bands.Select(_ => new List<PdfWord>()).ToList();
        var after = new List<PdfWord>();
        foreach (var word in body)
        {
            if (word.YCentre > rowLines[^1] || word.YCentre < rowLines[0])
            {
                after.Add(word);
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

        return (rows, after);
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

        // A new 序号 starts a row even without a gap.
        if (number >= 0)
        {
            foreach (var line in byColumn[number].Where(l => NumberRegex().IsMatch(CellText([.. l], ""))))
            {
                var lineTop = line.Min(w => w.YMin);
                var index = bands.FindIndex(b => !b.Heading && b.Top < lineTop - (0.5 * height) && b.Bottom > lineTop);
                if (index >= 0)
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
        var heading = words.Any(w => Crosses(grid, w));
        if (!heading && byColumn.Count == 1 && !byColumn.ContainsKey(grid.IndexOf(ColumnRole.Number)))
        {
            var only = byColumn.Values.Single();
            heading = VisualLines(only).Count == 1 && HeadingRegex().IsMatch(CellText(only, ""));
        }

        if (heading)
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

    /// <summary>A word that covers parts of two header cells spans columns: only headings do.</summary>
    private static bool Crosses(Header grid, PdfWord word) =>
        grid.Columns.Count(c => Math.Min(c.XMax, word.XMax) - Math.Max(c.XMin, word.XMin) > 1) >= 2;

    [GeneratedRegex(@"^\s*([（(]\s*[一二三四五六七八九十百]+\s*[）)]|[一二三四五六七八九十百]+\s*[、.．])")]
    private static partial Regex HeadingRegex();

    [GeneratedRegex(@"^\d{1,4}(\.\d{1,3})?$")]
    private static partial Regex NumberRegex();

    // ---- Text ------------------------------------------------------------------------------------------

    /// <summary>Words grouped into lines by vertical overlap, top to bottom, each left to right.</summary>
    private static List<List<PdfWord>> VisualLines(IEnumerable<PdfWord> words)
    {
        var lines = new List<(double Top, double Bottom, List<PdfWord> Words)>();
        foreach (var word in words.OrderBy(w => w.YCentre).ThenBy(w => w.XMin))
        {
            var index = lines.FindLastIndex(l =>
                Math.Min(l.Bottom, word.YMax) - Math.Max(l.Top, word.YMin) >= 0.5 * Math.Min(l.Bottom - l.Top, word.Height));
            if (index >= 0)
            {
                var line = lines[index];
                line.Words.Add(word);
                lines[index] = (Math.Min(line.Top, word.YMin), Math.Max(line.Bottom, word.YMax), line.Words);
            }
            else
            {
                lines.Add((word.YMin, word.YMax, [word]));
            }
        }

        return [.. lines.OrderBy(l => l.Top).Select(l => l.Words.OrderBy(w => w.XMin).ToList())];
    }

    /// <summary>A line's words, with a space where the printed gap is wider than a hair.</summary>
    private static string JoinWords(List<PdfWord> line)
    {
        var text = new StringBuilder();
        for (var i = 0; i < line.Count; i++)
        {
            if (i > 0 && line[i].XMin - line[i - 1].XMax > 0.12 * Math.Max(line[i].Height, line[i - 1].Height))
            {
                text.Append(' ');
            }

            text.Append(line[i].Text);
        }

        return text.ToString();
    }

    private static string CellText(List<PdfWord> words, string lineSeparator) =>
        string.Join(lineSeparator, VisualLines(words).Select(JoinWords));

    private static List<DocumentParagraph> Paragraphs(List<PdfWord> words, int page)
    {
        var location = Localization.CoreText.Get("Location_Page", page);
        var paragraphs = new List<DocumentParagraph>();
        List<PdfWord>? previous = null;
        StringBuilder? text = null;
        foreach (var line in VisualLines(words))
        {
            var lineText = JoinWords(line);
            if (previous is not null && text is not null && ContinuesParagraph(previous, line))
            {
                var last = text[^1];
                text.Append(char.IsAsciiLetterOrDigit(last) && char.IsAsciiLetterOrDigit(lineText[0]) ? " " : "").Append(lineText);
            }
            else
            {
                if (text is not null)
                {
                    paragraphs.Add(new DocumentParagraph(text.ToString(), location));
                }

                text = new StringBuilder(lineText);
            }

            previous = line;
        }

        if (text is not null)
        {
            paragraphs.Add(new DocumentParagraph(text.ToString(), location));
        }

        return paragraphs;
    }

    private static bool ContinuesParagraph(List<PdfWord> previous, List<PdfWord> line)
    {
        var height = previous.Average(w => w.Height);
        return Math.Abs(height - line.Average(w => w.Height)) <= 1
            && line.Min(w => w.YMin) - previous.Max(w => w.YMax) < 0.5 * height
            && previous.Max(w => w.XMax) >= line.Max(w => w.XMax) - height;
    }

    private static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 12 : sorted[sorted.Count / 2];
    }
}
