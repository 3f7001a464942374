using EcoPlan.Core.Import.Documents;

namespace EcoPlan.Core.Tests.Import.Documents;

/// <summary>
/// Table rules that LibreOffice's PDFs do not show, on pages laid out by hand (<see cref="Layout"/>): mirrored
/// margins, a table with only its frame, a merged task cell cut by a page break, a header wrapped in every cell,
/// running heads.
/// </summary>
public sealed class PdfTableBuilderTests
{
    private static readonly string[] s_header = ["序号", "重点任务", "工作措施", "完成时限", "牵头领导", "主责单位", "协办单位"];

    [Fact]
    public void PageWithoutHeader_WithRulingsMovedByTheGutter_TakesTheMovedColumns()
    {
        var first = new Layout(1).Title().Header().Row("1", "目标任务", "全区生态环境质量指数稳中向好。", "年底前", "邹海涛", "区生态环境局", "——");
        // The even page's text block stands 40pt further right: at the old boundaries 序号 would fall into 重点任务.
        var second = new Layout(2, shift: 40).Row("2", "强化工作机制", "推进生物多样性保护工作。", "9月底", "邹海涛", "区生态环境局", "各镇");

        var rows = Rows(first, second);

        Assert.Equal(["2", "强化工作机制", "推进生物多样性保护工作。", "9月底", "邹海涛", "区生态环境局", "各镇"], rows[^1]);
    }

    [Fact]
    public void TableWithOnlyItsFrame_SplitsRowsByGaps()
    {
        var page = new Layout(1, ruled: false).Title().Header()
            .Row("1", "目标任务", "全区生态环境质量指数稳中向好。", "年底前", "邹海涛", "区生态环境局", "——")
            .Row("2", "强化工作机制", "推进生物多样性保护工作。", "9月底", "邹海涛", "区生态环境局", "各镇")
            .Frame();

        var rows = Rows(page);

        Assert.Equal(3, rows.Count);
        Assert.Equal("2", rows[2][0]);
        Assert.Equal("推进生物多样性保护工作。", rows[2][2]);
    }

    [Fact]
    public void MergedTaskCellCutByAPageBreak_ContinuesItsTask()
    {
        var first = new Layout(1).Title().Header()
            .Row("7", "加强重要\n生态空间", "加强生态保护红线管理。", "年底前", "邹海涛", "区生态环境局", "——", mergedBelow: true);
        var second = new Layout(2).Row("", "监督管理", "编制自然保护地规划。", "9月底", "邹海涛", "区生态环境局", "——");

        var rows = Rows(first, second);

        Assert.Equal("加强重要\n生态空间\n监督管理", rows[1][1]);
        Assert.Equal(["", "", "编制自然保护地规划。", "9月底"], rows[2].Take(4));
    }

    [Fact]
    public void HeadingCutIntoWordsOfSeveralColumns_IsAHeading()
    {
        // As tesseract reads a scanned heading row: "(二)" lands in 序号, the words after it in the next columns.
        var page = new Layout(1).Title().Header()
            .Row("(二)", "强化生物", "多样性保护", "", "", "", "")
            .Row("2", "强化工作机制", "推进生物多样性保护工作。", "9月底", "邹海涛", "区生态环境局", "各镇");

        var rows = Rows(page);

        Assert.StartsWith("(二)", rows[1][0], StringComparison.Ordinal);
        Assert.Contains("多样性保护", rows[1][0], StringComparison.Ordinal);
        Assert.All(rows[1].Skip(1), cell => Assert.Equal("", cell));
        Assert.Equal("2", rows[2][0]);
    }

    [Fact]
    public void HeaderWrappedInEveryCell_IsRecognised()
    {
        var page = new Layout(1).Title().Header(wrapped: true).Row("1", "目标任务", "全区生态环境质量指数稳中向好。", "年底前", "邹海涛", "区生态环境局", "——");

        var rows = Rows(page);

        Assert.Equal(s_header, rows[0]);
    }

    [Fact]
    public void RunningHeadsAndPageNumbers_AreDropped()
    {
        var first = new Layout(1).RunningHead("生态保护行动计划任务分解表").Title().Header()
            .Row("1", "目标任务", "全区生态环境质量指数稳中向好。", "年底前", "邹海涛", "区生态环境局", "——").Footer("第 1 页 共 2 页");
        var second = new Layout(2).RunningHead("生态保护行动计划任务分解表")
            .Row("2", "强化工作机制", "推进生物多样性保护工作。", "9月底", "邹海涛", "区生态环境局", "各镇").Footer("2/2");

        var content = PdfTableBuilder.Build("plan.pdf", [first.Page, second.Page]);

        Assert.Equal(["加快绿色低碳转型行动计划"], content.Blocks.OfType<DocumentParagraph>().Select(p => p.Text));
        Assert.Equal(3, content.Blocks.OfType<DocumentTableRow>().Count());
    }

    private static List<string[]> Rows(params Layout[] pages) =>
        [.. PdfTableBuilder.Build("plan.pdf", [.. pages.Select(p => p.Page)]).Blocks.OfType<DocumentTableRow>().Select(r => r.Cells.ToArray())];

    /// <summary>
    /// A landscape A4 page drawn top down: 10.5pt words, cells 6pt apart, the seven columns at fixed positions
    /// (moved right by <c>shift</c>), each row closed by a ruling unless the page is unruled.
    /// </summary>
    private sealed class Layout(int number, double shift = 0, bool ruled = true)
    {
        private const double Size = 10.5;
        private static readonly double[] s_edges = [50, 80, 170, 480, 540, 600, 680, 760];
        private readonly List<PdfWord> _words = [];
        private readonly List<PdfRuling> _rulings = [];
        private double? _tableTop;
        private double _y = 60;

        public PdfPageLayout Page => new(number, 842, 595, _words, ruled ? [.. _rulings, .. Verticals()] : _rulings, RulingsKnown: true);

        public Layout RunningHead(string text)
        {
            Word(text, 350, 25);
            return this;
        }

        public Layout Footer(string text)
        {
            Word(text, 400, 560);
            return this;
        }

        public Layout Title()
        {
            Word("加快绿色低碳转型行动计划", 300, _y);
            _y += 30;
            return this;
        }

        public Layout Header(bool wrapped = false)
        {
            string[][] cells = [.. s_header.Select(h => wrapped ? new[] { h[..2], h[2..] } : [h])];
            return Cells(cells, mergedBelow: false);
        }

        public Layout Row(string n, string task, string text, string deadline, string lead, string responsible, string cooperating, bool mergedBelow = false) =>
            Cells([[n], task.Split('\n'), [text], [deadline], [lead], [responsible], [cooperating]], mergedBelow);

        /// <summary>The table's frame alone, for an unruled page: its top and bottom lines and its sides.</summary>
        public Layout Frame()
        {
            var top = _tableTop ?? _y;
            _rulings.Add(new PdfRuling(top, s_edges[0] + shift, s_edges[^1] + shift, Horizontal: true));
            _rulings.Add(new PdfRuling(_y, s_edges[0] + shift, s_edges[^1] + shift, Horizontal: true));
            _rulings.Add(new PdfRuling(s_edges[0] + shift, top, _y, Horizontal: false));
            _rulings.Add(new PdfRuling(s_edges[^1] + shift, top, _y, Horizontal: false));
            return this;
        }

        /// <summary>One table row; a merged task cell goes on below it, so the task column gets no ruling under it.</summary>
        private Layout Cells(string[][] cells, bool mergedBelow)
        {
            if (_tableTop is null)
            {
                _tableTop = _y;
                Rule(0, s_edges.Length - 1);
            }

            for (var c = 0; c < cells.Length; c++)
            {
                for (var line = 0; line < cells[c].Length; line++)
                {
                    if (cells[c][line].Length > 0)
                    {
                        Word(cells[c][line], s_edges[c] + 4, _y + 6 + (line * 13));
                    }
                }
            }

            _y += 12 + (cells.Max(c => c.Length) * 13);
            if (mergedBelow)
            {
                Rule(0, 1);
                Rule(2, s_edges.Length - 1);
            }
            else
            {
                Rule(0, s_edges.Length - 1);
            }

            return this;
        }

        private void Rule(int from, int to)
        {
            if (ruled)
            {
                _rulings.Add(new PdfRuling(_y, s_edges[from] + shift, s_edges[to] + shift, Horizontal: true));
            }
        }

        private IEnumerable<PdfRuling> Verticals() => s_edges.Select(x => new PdfRuling(x + shift, _tableTop ?? _y, _y, Horizontal: false));

        private void Word(string text, double x, double y)
        {
            var width = text.Sum(ch => char.IsAscii(ch) ? Size / 2 : Size);
            _words.Add(new PdfWord(text, x + shift, y, x + shift + width, y + Size));
        }
    }
}
