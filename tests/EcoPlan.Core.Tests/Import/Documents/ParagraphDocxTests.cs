using EcoPlan.Core.Import;
using EcoPlan.Core.Import.Documents;

namespace EcoPlan.Core.Tests.Import.Documents;

/// <summary>A text plan saved as Word by LibreOffice: no table, each line a paragraph (with its tabs, in the tab-separated sample).</summary>
public sealed class ParagraphDocxTests(LegacyOfficeSamples samples) : IClassFixture<LegacyOfficeSamples>
{
    [RequiresToolTheory("soffice")]
    [InlineData("000", RepoFiles.Tongzhou)]
    [InlineData("001", RepoFiles.Beijing)]
    public async Task Docx_MadeByLibreOfficeFromASampleText_ImportsAsTheText(string seed, string text)
    {
        var path = samples.TextDocx(seed);
        var content = DocxDocumentReader.Read(File.OpenRead(path), Path.GetFileName(path));
        Assert.Empty(content.Blocks.OfType<DocumentTableRow>());

        var document = await PlanDocumentReader.ReadAsync(path);

        Assert.Equal(PlanFileFormat.Docx, document.Format);
        await AssertReadsAsTheTextAsync(seed, text, document.Plan);
    }

    [RequiresToolTheory("soffice")]
    [InlineData("000", RepoFiles.Tongzhou)]
    [InlineData("001", RepoFiles.Beijing)]
    public async Task Doc_SavedFromThatDocx_ImportsAsTheText(string seed, string text)
    {
        var document = await PlanDocumentReader.ReadAsync(samples.TextDoc(seed));

        Assert.Equal(PlanFileFormat.Doc, document.Format);
        await AssertReadsAsTheTextAsync(seed, text, document.Plan);
    }

    private static async Task AssertReadsAsTheTextAsync(string seed, string text, ParsedPlan plan)
    {
        var score = PlanFieldScore.Score(seed, plan);
        Assert.True(score.Percent >= 99, $"{score.Matched}/{score.Total} fields: {string.Join("; ", score.Differences.Take(10))}");
        var fromText = await PlanDocumentReader.ReadAsync(RepoFiles.PathOf(text));
        Assert.Equal(Measures(fromText.Plan), Measures(plan));
    }

    [Fact]
    public void Paragraphs_WithTabsInADocumentWithATable_AreFlattenedAsBefore()
    {
        var content = new DocumentContent("plan.docx",
        [
            new DocumentParagraph("附件\t6", "paragraph 1"),
            new DocumentTableRow(["序号", "重点任务"], "table 1, row 1"),
        ]);

        var text = content.ToTabSeparatedText([]);

        Assert.Equal("附件 6\n序号\t重点任务\n", text);
    }

    private static List<string> Measures(ParsedPlan plan) =>
        [.. plan.Sections.SelectMany(s => s.Tasks).SelectMany(t => t.Measures.Select(m =>
            $"{t.Number}|{t.Name}|{m.Number}|{m.Text}|{m.Deadline.Raw}|{string.Join("、", m.Lead)}|{string.Join("、", m.Responsible)}|{string.Join("、", m.Cooperating)}"))];
}
