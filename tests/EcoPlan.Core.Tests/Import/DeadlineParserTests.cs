using EcoPlan.Core.Import;
using EcoPlan.Core.Plans;

namespace EcoPlan.Core.Tests.Import;

public class DeadlineParserTests
{
    [Theory]
    [InlineData("9月底", "2025-09-30")]
    [InlineData("9 月底", "2025-09-30")]
    [InlineData("９月底", "2025-09-30")]
    [InlineData("九月底", "2025-09-30")]
    [InlineData("十二月底前", "2025-12-31")]
    [InlineData("2月底", "2025-02-28")]
    [InlineData("6月底前", "2025-06-30")]
    [InlineData("6月末", "2025-06-30")]
    [InlineData("年底前", "2025-12-31")]
    [InlineData("年底", "2025-12-31")]
    [InlineData("年内", "2025-12-31")]
    [InlineData("2025年6月30日", "2025-06-30")]
    [InlineData("2026年3月31日前", "2026-03-31")]
    [InlineData("6月30日前", "2025-06-30")]
    [InlineData("2026年底前", "2026-12-31")]
    [InlineData("2025-10-15", "2025-10-15")]
    [InlineData("上半年", "2025-06-30")]
    [InlineData("下半年", "2025-12-31")]
    [InlineData("第三季度", "2025-09-30")]
    [InlineData("一季度末", "2025-03-31")]
    [InlineData("10月中旬", "2025-10-20")]
    public void Parse_DatePhrase_GivesDate(string raw, string expected)
    {
        var deadline = DeadlineParser.Parse(raw, 2025);

        Assert.Equal(DeadlineKind.Date, deadline.Kind);
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), deadline.Date);
        Assert.Equal(raw.Trim(), deadline.Raw);
    }

    [Theory]
    [InlineData("持续推进")]
    [InlineData("长期坚持")]
    [InlineData("持续开展")]
    [InlineData(" 持续推进 ")]
    public void Parse_ContinuousPhrase_IsContinuousWithoutDate(string raw)
    {
        var deadline = DeadlineParser.Parse(raw, 2025);

        Assert.Equal(DeadlineKind.Continuous, deadline.Kind);
        Assert.Null(deadline.Date);
    }

    [Theory]
    [InlineData("每月", Recurrence.Monthly)]
    [InlineData("每季度", Recurrence.Quarterly)]
    [InlineData("每季度末", Recurrence.Quarterly)]
    [InlineData("每半年", Recurrence.HalfYearly)]
    [InlineData("每年", Recurrence.Yearly)]
    public void Parse_RecurrencePhrase_IsRecurring(string raw, Recurrence expected)
    {
        var deadline = DeadlineParser.Parse(raw, 2025);

        Assert.Equal(DeadlineKind.Recurring, deadline.Kind);
        Assert.Equal(expected, deadline.Recurrence);
        Assert.Null(deadline.Date);
    }

    [Theory]
    [InlineData("")]
    [InlineData("适时")]
    [InlineData("6月前")]
    [InlineData("6月")]
    [InlineData("2025年前")]
    [InlineData("13月底")]
    [InlineData("2月30日")]
    [InlineData("根据国家部署")]
    [InlineData("9月底、12月底")]
    public void Parse_UnknownPhrase_IsUnparsedAndKeepsRaw(string raw)
    {
        var deadline = DeadlineParser.Parse(raw, 2025);

        Assert.Equal(DeadlineKind.Unparsed, deadline.Kind);
        Assert.Null(deadline.Date);
        Assert.Equal(raw, deadline.Raw);
    }

    [Fact]
    public void Serialize_UnparsedDeadline_SaysSo()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(DeadlineParser.Parse("适时", 2025), PlanJson.Options);

        Assert.Contains("\"unparsed\": true", json, StringComparison.Ordinal);
        Assert.Contains("\"date\": null", json, StringComparison.Ordinal);
    }
}
