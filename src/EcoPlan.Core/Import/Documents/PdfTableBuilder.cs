namespace EcoPlan.Core.Import.Documents;

/// <summary>
/// Rebuilds paragraphs and table rows from positioned words.
/// <list type="bullet">
/// <item>Page furniture: a line made only of dashes and a page number (`— 15 —`, `—`, `15`) in the top 10% or
/// bottom 15% of a page, and carrying a dash or centred on the page, or a footer <see cref="PageFurniture"/> knows
/// (`第 3 页`, `第 3 页 共 9 页`, `3/35`), is dropped; so is a running head or foot, a line in the top or bottom 10%
/// that prints the same text (digits aside) on two pages or more and is not part of a table header.</item>
/// <item>Header: the first line holding words of at least four header meanings (序号, 重点任务, 工作措施,
/// 完成时限, 牵头…, 主责…, 协办…), counting the first part of a header word wrapped in a narrow cell (`序`,
/// `牵头`, `完成时`), is the table header; its band runs between the rulings around it, or takes in the
/// wrapped lines over and under it and the lines beside it. Its cells are the band's words grouped by horizontal
/// overlap (a wrapped header cell is one group: `完成时` / `限` is 完成时限). Column boundaries are the vertical
/// rulings between neighbouring header cells, or the stretch between them that the fewest words below cross.
/// Every later word belongs to the column holding its horizontal centre. A header found again on a later page is
/// a repeat and dropped; it may move or reorder the columns.</item>
/// <item>Pages without a header continue the table in the known columns; where the page's vertical rulings
/// stand at every known boundary moved by one distance (a gutter, mirrored margins), the columns move with them.
/// The table on such a page starts at the last ruling at or above its first word (the top frame).</item>
/// <item>Rows, with rulings (drawn cell borders): rows are the bands between horizontal rulings that cross the
/// 工作措施 column. A cell whose column has no ruling between two bands (a vertically merged cell) belongs to the
/// first band it covers, whatever its vertical alignment. Rulings with two 序号 between them are only the
/// table's frame (no inner borders): the gap rules apply.</item>
/// <item>Rows, without rulings: lines of the columns after 重点任务 form one band while the vertical gap to the
/// next line is at most the usual gap between lines of one cell (+0.3pt); a new 序号 line also starts a band
/// when what stands above it in the band holds a deadline (a whole row). Lines of 序号/重点任务 cells go, as one
/// block, to the band holding their first line; a merged cell centred vertically is not told apart.</item>
/// <item>Headings: a band whose text crosses two header cells (it spans the table), or that is a single
/// line in one column beginning with a heading numeral (`一、`, `（二）`, `(四)`) and no 序号, or a single line whose
/// 序号 cell holds such a numeral (a heading OCR cut into words of several columns), is a heading row: its text goes
/// in the first cell.</item>
/// <item>Page breaks, with or without a repeated header: the first row of a page continues the previous page's
/// last row when the two parts hold at most one 序号 and at most one 完成时限 between them (a whole row prints
/// its deadline once, and its 序号 once, on whichever part its alignment puts them); without a 完成时限 column,
/// when the new part has no 序号 and no 重点任务. Its cells are appended to that row's. So a row that lacks its
/// deadline at the top of a page is read as the rest of the row above, not refused.</item>
/// <item>Merged cells across a page break: the cut part of a merged 重点任务 cell stands in the first row of the
/// next page; when that row has no 序号 and the document numbers every task it names, the text is appended to the
/// task above (the merged cell's first row).</item>
/// <item>Text above the first header, above the first ruling of a page the table runs on to, and below the last
/// ruling, becomes paragraphs; lines of one height that follow closely and fill the line before them are one
/// paragraph.</item>
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

    private sealed record Header(List<Column> Columns, double[] Boundaries, double Top, double Bottom)
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
        // Rows are kept as Row objects until the end: a merged cell continued on a later page still adds to its row.
        var items = new List<object>();
        Header? table = null;
        Row? pending = null;

        void Flush()
        {
            if (pending is not null)
            {
                items.Add(pending);
                pending = null;
            }
        }

        var pageWords = WithoutFurniture(pages);
        for (var p = 0; p < pages.Count; p++)
        {
            var page = pages[p];
            var words = pageWords[p];
            var header = FindHeader(page, words);
            List<PdfWord> body;
            if (header is not null)
            {
                var above = words.Where(w => w.YCentre < header.Top).ToList();
                if (table is null)
                {
                    items.AddRange(Paragraphs(above, page.Number));
                    items.Add(new Row([.. header.Columns.Select(c => c.Header)], heading: false, page.Number));
                }
                else if (above.Count > 0)
                {
                    // Text above a repeated header that is not furniture is kept as paragraphs.
                    Flush();
                    items.AddRange(Paragraphs(above, page.Number));
                }

                table = header;
                body = [.. words.Where(w => w.YCentre > header.Bottom)];
            }
            else if (table is null)
            {
                items.AddRange(Paragraphs(words, page.Number));
                continue;
            }
            else
            {
                // No header: the table runs on in the previous page's columns.
                body = words;
                table = ContinuedGrid(page, table);
            }

            var (before, rows, after) = SplitRows(page, table, body);
            if (before.Count > 0)
            {
                Flush();
                items.AddRange(Paragraphs(before, page.Number));
            }

            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                if (i == 0 && pending is not null && Continues(table, pending, row))
                {
                    for (var c = 0; c < row.Cells.Length && c < pending.Cells.Length; c++)
                    {
                        pending.Cells[c] = JoinParts(pending.Cells[c], row.Cells[c]);
                    }

                    pending.LastPage = page.Number;
                    continue;
                }

                if (i == 0 && pending is not null && ContinuesTask(table, pending, row))
                {
                    // The rest of a merged 重点任务 cell that the page break cut belongs to the task above, in a
                    // document whose tasks are numbered (a new task would print its 序号). The header row is not a task.
                    var earlier = items.OfType<Row>().Skip(1).Append(pending).ToList();
                    if (NumbersTasks(table, earlier) && earlier.LastOrDefault(r => TaskCell(table, r).Length > 0) is { } taskRow)
                    {
                        var task = table.IndexOf(ColumnRole.Task);
                        taskRow.Cells[task] = JoinParts(taskRow.Cells[task], row.Cells[task]);
                        taskRow.LastPage = page.Number;
                        row.Cells[task] = "";
                    }
                }

                Flush();
                pending = row;
            }

            if (after.Count > 0)
            {
                Flush();
                items.AddRange(Paragraphs(after, page.Number));
            }
        }

        Flush();
        return new DocumentContent(sourceName, Blocks(items));
    }

    private static List<DocumentBlock> Blocks(List<object> items)
    {
        var blocks = new List<DocumentBlock>();
        var rowNumber = 0;
        foreach (var item in items)
        {
            if (item is not Row row)
            {
                blocks.Add((DocumentBlock)item);
                continue;
            }

            rowNumber++;
            var location = Localization.CoreText.Get("Location_PageRow", row.Page, rowNumber);
            if (row.LastPage is { } last)
            {
                location += Localization.CoreText.Get("Location_ContinuedOnPage", last);
            }

            blocks.Add(new DocumentTableRow(row.Cells, location));
        }

        return blocks;
    }

    /// <summary>
    /// On a page without a header the table runs on in the known columns. Where this page's vertical rulings stand
    /// at every known boundary moved by one distance (a gutter, mirrored margins), they are the boundaries here.
    /// </summary>
    private static Header ContinuedGrid(PdfPageLayout page, Header table)
    {
        var verticals = page.Rulings.Where(r => !r.Horizontal).Select(r => r.Position).ToList();
        if (table.Boundaries.Length == 0 || verticals.Count == 0)
        {
            return table;
        }

        const double Tolerance = 2;
        double? best = null;
        foreach (var shift in verticals.Select(v => v - table.Boundaries[0]))
        {
            var fits = table.Boundaries.All(b => verticals.Any(v => Math.Abs(v - (b + shift)) <= Tolerance));
            if (fits && (best is null || Math.Abs(shift) < Math.Abs(best.Value)))
            {
                best = shift;
            }
        }

        if (best is not { } moved || Math.Abs(moved) <= Tolerance)
        {
            return table;
        }

        var boundaries = table.Boundaries.Select(b => verticals.MinBy(v => Math.Abs(v - (b + moved)))).ToArray();
        var columns = table.Columns.Select(c => c with { XMin = c.XMin + moved, XMax = c.XMax + moved }).ToList();
        return table with { Columns = columns, Boundaries = boundaries };
    }

    /// <summary>
    /// The first row of a page continues the last row of the previous page when the two parts hold at most one 序号
    /// and at most one 完成时限 between them: every whole row prints a deadline, and a row numbered at all is
    /// numbered once, so two parts that would need two of either are two rows. Without a 完成时限 column, when the
    /// new part has neither 序号 nor 重点任务.
    /// </summary>
    private static bool Continues(Header grid, Row previous, Row first)
    {
        if (previous.Heading || first.Heading || previous.Page == first.Page)
        {
            return false;
        }

        var number = grid.IndexOf(ColumnRole.Number);
        var numbered = number >= 0 && first.Cells[number].Length > 0;
        if (numbered && previous.Cells[number].Length > 0)
        {
            return false;
        }

        var deadline = grid.IndexOf(ColumnRole.Deadline);
        if (deadline >= 0)
        {
            return first.Cells[deadline].Length == 0 || previous.Cells[deadline].Length == 0;
        }

        var task = grid.IndexOf(ColumnRole.Task);
        return !numbered && number >= 0 && task >= 0 && first.Cells[task].Length == 0;
    }

    /// <summary>
    /// A whole row at the top of a page whose 重点任务 cell has text but whose 序号 is empty, below a row of the same
    /// table, holds the rest of a merged task cell: a task that starts has its 序号 printed with it.
    /// </summary>
    private static bool ContinuesTask(Header grid, Row previous, Row first)
    {
        var number = grid.IndexOf(ColumnRole.Number);
        var task = grid.IndexOf(ColumnRole.Task);
        return number >= 0 && task >= 0 && !previous.Heading && !first.Heading && previous.Page != first.Page
            && first.Cells[number].Length == 0 && first.Cells[task].Length > 0;
    }

    /// <summary>True when every row so far that names a task also has a 序号 (the document numbers its tasks).</summary>
    private static bool NumbersTasks(Header grid, IEnumerable<Row> rows)
    {
        var number = grid.IndexOf(ColumnRole.Number);
        var task = grid.IndexOf(ColumnRole.Task);
        return rows.Where(r => !r.Heading && r.Cells[task].Length > 0).All(r => r.Cells[number].Length > 0);
    }

    private static string TaskCell(Header grid, Row row) => row.Heading ? "" : row.Cells[grid.IndexOf(ColumnRole.Task)];

    private static string JoinParts(string first, string second) =>
        first.Length == 0 ? second : second.Length == 0 ? first : first + "\n" + second;
}
