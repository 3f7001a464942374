namespace EcoPlan.Core.Tests;

public sealed class FileNamesTests
{
    [Theory]
    [InlineData("现场照片.jpg", "现场照片.jpg")]
    [InlineData("west:side?.jpg", "west_side_.jpg")]
    [InlineData("a<b>|\"c*.pdf", "a_b___c_.pdf")]
    [InlineData("..", "fallback")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("  报告. ", "报告")]
    [InlineData("批复\u202Efdp.pdf", "批复fdp.pdf")]
    [InlineData("", "fallback")]
    public void Safe_KeepsOneWritableSegment(string uploaded, string expected) =>
        Assert.Equal(expected, FileNames.Safe(uploaded, "fallback"));

    [Fact]
    public void Safe_ShortensALongName_KeepingItsExtension_AndWholeCharacters()
    {
        var emoji = string.Concat(Enumerable.Repeat("\U0001F332", 40)) + ".jpg"; // two chars each

        var safe = FileNames.Safe(emoji, "fallback", 11);

        Assert.Equal(string.Concat(Enumerable.Repeat("\U0001F332", 3)) + ".jpg", safe);
        Assert.Equal(new string('字', 56) + ".pdf", FileNames.Safe(new string('字', 100) + ".pdf", "fallback", 60));
    }
}
