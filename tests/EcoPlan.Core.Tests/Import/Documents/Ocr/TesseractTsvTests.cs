using EcoPlan.Core.Import.Documents.Ocr;

namespace EcoPlan.Core.Tests.Import.Documents.Ocr;

/// <summary>
/// tesseract-row.tsv is tesseract 5's TSV of the district plan's first measure row scanned at 200 dpi (with the page
/// row and the ruling above the header): characters one or two to a word, the table's vertical rulings read as `|`
/// with strays beside them, the horizontal ruling as a textless line six pixels high.
/// </summary>
public sealed class TesseractTsvTests
{
    [Fact]
    public void Parse_JoinsCharactersIntoCellWords_AndDropsTheRulingsAndTheirStrays()
    {
        var page = Assert.Single(TesseractTsv.Parse(File.ReadAllText(RepoFiles.PathOf("tests/EcoPlan.Core.Tests/Import/Documents/Ocr/tesseract-row.tsv"))));

        Assert.Equal((2339.0, 1654.0), (page.Width, page.Height));
        var line = Assert.Single(page.Lines);
        Assert.Equal(
            ["1", "目标任务", "全区生态环境质量指数〈EI)力争稳中向好。各责任单位负责本", "年底前", "林正航", "区生态环境局", "——"],
            line.Words.Select(w => w.Text));
        var ruling = Assert.Single(page.Rulings);
        Assert.Equal((303.0, 142.0, 2115.0), (ruling.Y, ruling.Left, ruling.Right));
    }
}
