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
/// <item>Rows, with rulings (drawn cell borders): rows are the bands between horizontal rulings that cross the 工作措施
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
}
