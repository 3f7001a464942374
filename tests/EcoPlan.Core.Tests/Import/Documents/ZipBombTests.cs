using System.Diagnostics;
using EcoPlan.Core.Import;
using EcoPlan.Core.Import.Documents;

namespace EcoPlan.Core.Tests.Import.Documents;

/// <summary>
/// Crafted Word and Excel files (made by <see cref="ZipBombs"/> at run time) are refused while they are read, within
/// seconds, with the Chinese message naming the file, the part and the place. Their peak memory is measured in a
/// child process by the CLI tests (EcoPlan.Cli.Tests/Plans/ZipBombMemoryTests).
/// </summary>
public class ZipBombTests
{
    private static readonly TimeSpan s_quickly = TimeSpan.FromSeconds(10);

    [Fact]
    public Task Import_RefusesDocxInflatingToAGigabyte() =>
        AssertRefusedAsync("bomb.docx", ZipBombs.DocxInflatingTo(ZipBombs.OneGigabyte), "部件 word/document.xml", "解压后的内容超过 100 MB");

    /// <summary>The zip reader stops at the declared size, so the part reads as cut short, not as a gigabyte.</summary>
    [Fact]
    public Task Import_RefusesDocxWhoseHeadersUnderstateItsSize() =>
        AssertRefusedAsync("bomb.docx", ZipBombs.DocxWithLyingSizes(ZipBombs.OneGigabyte), "不是可读取的 Word（.docx）文档", "部件 word/document.xml: ");

    [Fact]
    public Task Import_RefusesDocxOfAMillionParagraphs() =>
        AssertRefusedAsync("bomb.docx", ZipBombs.DocxWithParagraphs(1_000_000), "部件 word/document.xml，第 100001 段", "段落超过 100000 个");

    [Fact]
    public Task Import_RefusesDocxOfTwoMillionCells() =>
        AssertRefusedAsync("bomb.docx", ZipBombs.DocxWithCells(200_000), "部件 word/document.xml，表 1 第 20001 行，单元格 1", "单元格超过 200000 个");

    [Fact]
    public Task Import_RefusesDocxCellSpanningTwoBillionColumns() =>
        AssertRefusedAsync("bomb.docx", ZipBombs.DocxWithHugeGridSpan(), "部件 word/document.xml，表 1 第 1 行，单元格 1", "单元格超过 200000 个");

    [Fact]
    public Task Import_RefusesDocxWithBillionLaughs() =>
        AssertRefusedAsync("bomb.docx", ZipBombs.DocxWithBillionLaughs(), "部件 word/document.xml", "文档类型声明（DTD）");

    [Fact]
    public Task Import_RefusesDocxNestedAHundredThousandDeep() =>
        AssertRefusedAsync("bomb.docx", ZipBombs.DocxNestedDeep(100_000), "部件 word/document.xml", "XML 嵌套超过 256 层");

    [Fact]
    public Task Import_RefusesDocxWithOneTextOfFiftyMillionCharacters() =>
        AssertRefusedAsync("bomb.docx", ZipBombs.DocxWithLongText(50_000_000), "部件 word/document.xml", "单个 XML 节点（一段文本或一个标记）超过 1000000 个字符");

    [Fact]
    public Task Import_RefusesZipOfAHundredThousandEntries() =>
        AssertRefusedAsync("bomb.docx", ZipBombs.DocxWithEntries(100_000), "bomb.docx: ZIP 压缩包的条目超过 10000 个", "未保存任何内容");

    [Fact]
    public Task Import_RefusesXlsxWhoseSheetInflatesToAGigabyte() =>
        AssertRefusedAsync("bomb.xlsx", ZipBombs.XlsxWithCells(6_500_000), "部件 xl/worksheets/sheet1.xml，第 200001 个单元格", "单元格超过 200000 个");

    [Fact]
    public Task Import_RefusesXlsxWithTwoMillionSharedStrings() =>
        AssertRefusedAsync("bomb.xlsx", ZipBombs.XlsxWithSharedStrings(2_000_000), "部件 xl/sharedStrings.xml，第 200001 个共享字符串", "共享字符串超过 200000 个");

    [Fact]
    public Task Import_RefusesXlsxWithOneSharedStringOfTwentyMillionCharacters() =>
        AssertRefusedAsync("bomb.xlsx", ZipBombs.XlsxWithLongSharedString(20_000_000), "部件 xl/sharedStrings.xml", "单个 XML 节点");

    [Fact]
    public Task Import_RefusesXlsxLaidOutOverSeventeenBillionCells() =>
        AssertRefusedAsync("bomb.xlsx", ZipBombs.XlsxWithFarCells(), "工作表“附件5”第 13 行", "单元格超过 200000 个");

    [Fact]
    public Task Import_RefusesXlsxCellPastExcelsLastColumn() =>
        AssertRefusedAsync("bomb.xlsx", ZipBombs.XlsxWithCellPastTheGrid(), "部件 xl/worksheets/sheet1.xml，单元格 ZZZZZZ1", "超出 Excel 的表格范围");

    [Fact]
    public void Limits_AreOptions_ALowerCapRefusesAPlanTheDefaultsRead()
    {
        var docx = ZipBombs.DocxWithParagraphs(50);
        Assert.Equal(50, DocxDocumentReader.Read(new MemoryStream(docx), "plan.docx").Blocks.Count);

        var ex = Assert.Throws<DocumentReadException>(() => DocxDocumentReader.Read(new MemoryStream(docx), "plan.docx", new ZipLimits { MaxParagraphs = 10 }));

        Assert.Equal("plan.docx: part word/document.xml, paragraph 11: more than 10 paragraphs; refused (the file looks crafted to exhaust the server), nothing was stored.", ex.Message);
    }

    [Fact]
    public void Indicators_WorkbookBomb_IsRefusedAsUnreadableInput()
    {
        var ex = Assert.Throws<InvalidDataException>(() => Core.Indicators.TabularInput.ToCsv(ZipBombs.XlsxWithSharedStrings(2_000_000), "ei.xlsx"));

        Assert.StartsWith("ei.xlsx: part xl/sharedStrings.xml, shared string 200001: more than 200000 shared strings", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Attachments_ZipOfAHundredThousandEntries_IsNoOfficeFile() =>
        Assert.Null(Core.Progress.AttachmentTypes.Detect(ZipBombs.DocxWithEntries(100_000)));

    private static async Task AssertRefusedAsync(string fileName, byte[] bomb, string where, string why)
    {
        Assert.True(bomb.Length < PlanDocumentReader.DefaultMaxBytes, $"the bomb is {bomb.Length} bytes, over the upload limit");
        var clock = Stopwatch.StartNew();
        var ex = await ResourceTexts.InCultureAsync("zh-CN", () => Assert.ThrowsAsync<PlanImportException>(() => PlanDocumentReader.ReadAsync(bomb, fileName)));
        clock.Stop();

        Assert.Contains(where, ex.Message, StringComparison.Ordinal);
        Assert.Contains(why, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith(fileName + ": ", ex.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < s_quickly, $"refused after {clock.Elapsed.TotalSeconds:0.0} s: {ex.Message}");
    }
}
