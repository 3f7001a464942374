using System.Text;
using EcoPlan.Core.Import;

namespace EcoPlan.Core.Tests.Import;

public class BadInputTests
{
    private const string Header = "序号\t重点任务\t工作措施\t完成时限\t牵头部门\t主责单位\t协办单位";

    [Fact]
    public void Parse_EmptyFile_SaysEmptyAtLine1()
    {
        var ex = Assert.Throws<PlanParseException>(() => PlanTextParser.Parse([]));

        Assert.Equal(1, ex.Line);
        Assert.Contains("empty", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OnlyBlankLines_Fails()
    {
        var ex = Assert.Throws<PlanParseException>(() => PlanTextParser.Parse("\n \r\n\t\n"u8));

        Assert.Equal(1, ex.Line);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Parse_RandomBytes_FailsWithLine(int seed)
    {
        var bytes = new byte[4096];
        new Random(seed).NextBytes(bytes);

        var ex = Assert.Throws<PlanParseException>(() => PlanTextParser.Parse(bytes));

        Assert.True(ex.Line >= 1);
    }

    [Fact]
    public void Parse_ZipFile_IsNotText()
    {
        byte[] bytes = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00];

        var ex = Assert.Throws<PlanParseException>(() => PlanTextParser.Parse(bytes));

        Assert.Contains("not a text document", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoHeader_SaysWhichColumnsWereExpected()
    {
        var ex = Assert.Throws<PlanParseException>(() => PlanTextParser.Parse("生态保护2025年行动计划\n\n一、加强保护\n加强保护。 年底前 市水务局\n"));

        Assert.Contains("no table header", ex.Reason, StringComparison.Ordinal);
        Assert.Contains("完成时限", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TabbedRowWithoutDeadline_FailsAtThatLineAndColumn()
    {
        var text = $"生态保护2025年行动计划\n{Header}\n（一）保护\n1\t任务甲\t措施甲。\t年底前\t市水务局\t各区政府\t——\n2\t任务乙\t措施乙。\t\t市水务局\t各区政府\t——\n";

        var ex = Assert.Throws<PlanParseException>(() => PlanTextParser.Parse(text));

        Assert.Equal(5, ex.Line);
        Assert.Equal("完成时限", ex.Column);
    }

    [Fact]
    public void Parse_ExtractedRowWithoutDeadline_FailsAtTheRowsFirstLine()
    {
        var lines = Encoding.UTF8.GetString(RepoFiles.Bytes(RepoFiles.Beijing)).Split('\n');
        Assert.StartsWith("年底前 ", lines[191], StringComparison.Ordinal);
        lines[191] = lines[191]["年底前 ".Length..];

        var ex = Assert.Throws<PlanParseException>(() => PlanTextParser.Parse(string.Join('\n', lines)));

        Assert.Equal(182, ex.Line);
        Assert.Equal("完成时限", ex.Column);
    }

    [Fact]
    public void Parse_RowNumberNotANumber_NamesTheColumn()
    {
        var text = $"生态保护2025年行动计划\n{Header}\n一号\t任务甲\t措施甲。\t年底前\t市水务局\t各区政府\t——\n";

        var ex = Assert.Throws<PlanParseException>(() => PlanTextParser.Parse(text));

        Assert.Equal((3, "序号"), (ex.Line, ex.Column));
    }

    [Fact]
    public void Parse_ContinuationRowWithoutTask_Fails()
    {
        var text = $"生态保护2025年行动计划\n{Header}\n1\t\t措施甲。\t年底前\t市水务局\t各区政府\t——\n";

        var ex = Assert.Throws<PlanParseException>(() => PlanTextParser.Parse(text));

        Assert.Equal((3, "重点任务"), (ex.Line, ex.Column));
    }

    [Fact]
    public void Parse_NoYearAnywhere_AsksForYearOption()
    {
        var text = $"生态保护行动计划\n{Header}\n1\t任务甲\t措施甲。\t年底前\t市水务局\t各区政府\t——\n";

        var ex = Assert.Throws<PlanParseException>(() => PlanTextParser.Parse(text));
        var plan = PlanTextParser.Parse(text, new PlanParseOptions(Year: 2027));

        Assert.Contains("--year", ex.Reason, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2027, 12, 31), plan.Sections[0].Tasks[0].Measures[0].Deadline.Date);
    }

    [Fact]
    public void Parse_TextOutsideTable_Fails()
    {
        var text = $"生态保护2025年行动计划\n{Header}\n1\t任务甲\t措施甲。\t年底前\t市水务局\t各区政府\t——\n注：本表由市生态环境局负责解释。\n";

        var ex = Assert.Throws<PlanParseException>(() => PlanTextParser.Parse(text));

        Assert.Equal(4, ex.Line);
    }

    [Fact]
    public void Parse_HeaderWithoutRows_Fails()
    {
        var ex = Assert.Throws<PlanParseException>(() => PlanTextParser.Parse($"生态保护2025年行动计划\n{Header}\n"));

        Assert.Equal(2, ex.Line);
    }

    [Fact]
    public void Parse_ExtractedTextWithDeadlineAfterUnits_SaysTheOrderCannotBeRead()
    {
        const string text = "生态保护2025年行动计划\n序号 重点任务 工作措施 牵头部门 完成时限\n1 任务甲 措施甲。 市水务局 年底前\n";

        var ex = Assert.Throws<PlanParseException>(() => PlanTextParser.Parse(text));

        Assert.Equal(2, ex.Line);
        Assert.Contains("order", ex.Reason, StringComparison.Ordinal);
    }
}
