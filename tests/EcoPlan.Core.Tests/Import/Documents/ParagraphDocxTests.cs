using EcoPlan.Core.Import;
using EcoPlan.Core.Import.Documents;

namespace EcoPlan.Core.Tests.Import.Documents;

/// <summary>A text plan saved as Word by LibreOffice: no table, each line a paragraph with its tabs.</summary>
public sealed class ParagraphDocxTests
{
    [RequiresToolFact("soffice")]
    public async Task Docx_MadeByLibreOfficeFromTheTextSample_ImportsExactlyAsTheText()
    {
        var directory = Directory.CreateTempSubdirectory("ecoplan-paragraph-docx-");
        try
        {
            var text = Path.Combine(directory.FullName, "tongzhou.txt");
            File.Copy(RepoFiles.PathOf(RepoFiles.Tongzhou), text);
            var profile = new Uri(Path.Combine(directory.FullName, "lo-profile")).AbsoluteUri;
            PdfSamples.Run("soffice", [$"-env:UserInstallation={profile}", "--headless", "--convert-to", "docx", "--outdir", directory.FullName, text]);
            var path = Path.ChangeExtension(text, ".docx");
            var content = DocxDocumentReader.Read(File.OpenRead(path), "tongzhou.docx");
            Assert.Empty(content.Blocks.OfType<DocumentTableRow>());

            var document = await PlanDocumentReader.ReadAsync(path);

            Assert.Equal(PlanFileFormat.Docx, document.Format);
            TruthComparison.AssertMatchesTruth("000", document.Plan);
            var fromText = await PlanDocumentReader.ReadAsync(RepoFiles.PathOf(RepoFiles.Tongzhou));
            Assert.Equal(Measures(fromText.Plan), Measures(document.Plan));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
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
