using EcoPlan.Core.Import.Documents;

namespace EcoPlan.Core.Tests.Import.Documents;

public sealed class DocxAndXlsxReaderTests
{
    private static readonly CellSpec[] s_header = ["序号", "重点任务", "工作措施", "完成时限", "牵头领导", "主责单位", "协办单位"];

    [Fact]
    public void Docx_ResolvesMergedCellsLineBreaksAndKeepsOrder()
    {
        using var file = HandBuiltDocuments.Docx(
            ["附件 6", "加快绿色低碳转型 2026 年行动计划（加强生态保护）"],
            [
                new RowSpec(s_header, RepeatAsHeader: true),
                new RowSpec([new CellSpec("（三）维护生态空间格局稳定性", ColumnSpan: 7)]),
                new RowSpec(["7", new CellSpec("着力提升建成区绿视率", Merge: CellMerge.Restart), "推进园林绿化“增绿提质”。", "9月底", "林正航", "区园林绿化局", "——"]),
                new RowSpec(["8", new CellSpec("", Merge: CellMerge.Continue), "区园林绿化局推进垂直绿化；\n区住房城乡建设委推进花园住宅建设。", "9 月底", "林正航\n姚伟龙", "区园林绿化局\n区住房城乡建设委", "——"]),
                new RowSpec(["9", "加强重要生态空间监督管理", "落实生态保护红线管理。", "9月底", "姚伟龙", "市规划自然资源委\n通州分局", "北京经济技术\n开发区管委会"]),
            ]);

        var content = DocxDocumentReader.Read(file, "plan.docx");

        Assert.Equal(["附件 6", "加快绿色低碳转型 2026 年行动计划（加强生态保护）"], content.Blocks.OfType<DocumentParagraph>().Select(p => p.Text));
        var rows = content.Blocks.OfType<DocumentTableRow>().ToList();
        Assert.Equal(5, rows.Count);
        Assert.Equal(s_header.Select(h => h.Text), rows[0].Cells);
        Assert.Equal(["（三）维护生态空间格局稳定性", "", "", "", "", "", ""], rows[1].Cells);
        Assert.Equal("着力提升建成区绿视率", rows[2].Cells[1]);
        Assert.Equal("", rows[3].Cells[1]);
        Assert.Equal("林正航\n姚伟龙", rows[3].Cells[4]);
        Assert.Equal("table 1, row 4", rows[3].Location);

        var locations = new List<string>();
        var text = content.ToTabSeparatedText(locations).Split('\n');
        Assert.Equal("8\t\t区园林绿化局推进垂直绿化； 区住房城乡建设委推进花园住宅建设。\t9 月底\t林正航 姚伟龙\t区园林绿化局 区住房城乡建设委\t——", text[5]);
        Assert.Equal("9\t加强重要生态空间监督管理\t落实生态保护红线管理。\t9月底\t姚伟龙\t市规划自然资源委 通州分局\t北京经济技术 开发区管委会", text[6]);
        Assert.Equal(7, locations.Count);
        Assert.Equal("table 1, row 5", locations[6]);
    }

    [Fact]
    public void Xlsx_BlanksMergedRangesWritesDatesAsChineseAndTitlesAsParagraphs()
    {
        using var file = HandBuiltDocuments.Xlsx("附件5",
            [
                ["附件5", null, null, null, null, null, null],
                ["生态保护2025年行动计划", null, null, null, null, null, null],
                ["序号", "重点任务", "工作措施", "完成时限", "牵头部门", "主责单位", "协办单位"],
                ["一、生态环境质量状况目标", null, null, null, null, null, null],
                [1, "目标任务", "全市生态环境质量指数（EI）稳中向好。", "年底前", "市生态环境局", "各区政府", "———"],
                [2, "目标任务", "森林覆盖率达到45%。", new DateOnly(2025, 6, 30), null, "市园林绿化局", null],
            ],
            ["A2:G2", "A4:G4", "B5:B6"]);

        var content = XlsxDocumentReader.Read(file, "plan.xlsx");

        Assert.Equal(["附件5", "生态保护2025年行动计划"], content.Blocks.OfType<DocumentParagraph>().Select(p => p.Text));
        var rows = content.Blocks.OfType<DocumentTableRow>().ToList();
        Assert.Equal(4, rows.Count);
        Assert.Equal(["一、生态环境质量状况目标"], rows[1].Cells);
        Assert.Equal(["1", "目标任务", "全市生态环境质量指数（EI）稳中向好。", "年底前", "市生态环境局", "各区政府", "———"], rows[2].Cells);
        Assert.Equal("", rows[3].Cells[1]); // merged B5:B6: the value stands in B5 only
        Assert.Equal("2025年6月30日", rows[3].Cells[3]);
        Assert.Equal("sheet '附件5', row 6", rows[3].Location);
    }

    public static TheoryData<string, byte[]> BrokenFiles()
    {
        using var good = HandBuiltDocuments.Docx(["标题"], [new RowSpec(s_header)]);
        var bytes = good.ToArray();
        var random = new byte[4096];
        new Random(7).NextBytes(random);
        return new TheoryData<string, byte[]>
        {
            { "empty", [] },
            { "random bytes", random },
            { "truncated zip", bytes[..(bytes.Length / 2)] },
            { "text", "序号\t重点任务"u8.ToArray() },
        };
    }

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void BrokenFile_IsRefusedWithTheFileNamed(string what, byte[] bytes)
    {
        var docx = Assert.Throws<DocumentReadException>(() => DocxDocumentReader.Read(new MemoryStream(bytes), "plan.docx"));
        var xlsx = Assert.Throws<DocumentReadException>(() => XlsxDocumentReader.Read(new MemoryStream(bytes), "plan.xlsx"));

        Assert.StartsWith("plan.docx: not a readable Word", docx.Message, StringComparison.Ordinal);
        Assert.StartsWith("plan.xlsx: not a readable Excel", xlsx.Message, StringComparison.Ordinal);
        Assert.NotEmpty(what);
    }
}
