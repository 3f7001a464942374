using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EcoPlan.Core.Import;
using EcoPlan.Core.Import.Documents;

namespace EcoPlan.Core.Tests.Import.Documents;

/// <summary>
/// The truth plans laid out as other offices print them (<see cref="TableLayoutVariant"/>): header printed once,
/// WPS column order and synonyms with wrapped header cells, no inner borders. Each must import exactly, as
/// .docx and as PDF.
/// </summary>
public sealed partial class TableLayoutTests(TableLayoutSamples samples) : IClassFixture<TableLayoutSamples>
{
    public static TheoryData<string, string> Layouts() => Of(TableLayoutVariant.All);

    /// <summary>
    /// Without rulings a cell centred vertically cannot be told from one of the next row, so the gap rules are
    /// held only to the layouts whose cells start at the top (Word's default; WPS draws its borders).
    /// </summary>
    public static TheoryData<string, string> TopAlignedLayouts() => Of(TableLayoutVariant.All.Where(v => !v.CentreVertically));

    private static TheoryData<string, string> Of(IEnumerable<TableLayoutVariant> variants)
    {
        var data = new TheoryData<string, string>();
        foreach (var seed in TableLayoutSamples.Seeds)
        {
            foreach (var variant in variants)
            {
                data.Add(seed, variant.Name);
            }
        }

        return data;
    }

    [RequiresToolTheory("soffice")]
    [MemberData(nameof(Layouts))]
    public async Task Docx_InEveryLayout_ImportsExactly(string seed, string variant)
    {
        var document = await PlanDocumentReader.ReadAsync(samples.Docx(seed, variant));

        AssertExact(seed, document.Plan);
    }

    [RequiresToolTheory("soffice")]
    [MemberData(nameof(Layouts))]
    public async Task Pdf_InEveryLayout_ImportsExactly(string seed, string variant)
    {
        var document = await PlanDocumentReader.ReadAsync(samples.Pdf(seed, variant));

        AssertExact(seed, document.Plan);
    }

    [RequiresToolTheory("soffice")]
    [MemberData(nameof(TopAlignedLayouts))]
    public void Pdf_WithoutRulings_ImportsExactly(string seed, string variant)
    {
        // Rows from the gaps between lines alone, as for a PDF whose borders are not drawn as lines.
        using var stream = File.OpenRead(samples.Pdf(seed, variant));
        var content = new PdfDocumentReader(new PdfReaderOptions { UseRulings = false }).Read(stream, $"{seed}-{variant}.pdf");

        AssertExact(seed, PlanTextParser.Parse(content.ToTabSeparatedText([])));
    }

    [RequiresToolFact("soffice")]
    public async Task Docx_TaskMergedOverElevenRowsAcrossAPageBreak_IsOneTask()
    {
        var content = DocxDocumentReader.Read(File.OpenRead(samples.LongTaskDocx), "long-task.docx");
        var rows = content.Blocks.OfType<DocumentTableRow>().ToList();
        var first = rows.FindIndex(r => r.Cells[1] == "加强重要生态空间监督管理");

        Assert.Equal("7", rows[first].Cells[0]);
        Assert.All(rows.Skip(first + 1).Take(10), r => Assert.Equal(["", ""], r.Cells.Take(2)));
        Assert.Equal("（四）促进生态保护可持续发展", rows[first + 11].Cells[0]);
        AssertExact(TableLayoutSamples.LongTaskPlan, (await PlanDocumentReader.ReadAsync(samples.LongTaskDocx)).Plan);
    }

    [RequiresToolFact("soffice")]
    public async Task Pdf_TaskMergedOverElevenRowsAcrossAPageBreak_IsOneTask()
    {
        var pdf = Path.ChangeExtension(samples.LongTaskDocx, ".pdf");
        using var stream = File.OpenRead(pdf);
        var content = new PdfDocumentReader().Read(stream, "long-task.pdf");
        var rows = content.Blocks.OfType<DocumentTableRow>().ToList();
        var first = rows.FindIndex(r => r.Cells[1].Replace("\n", "", StringComparison.Ordinal) == "加强重要生态空间监督管理");
        Assert.NotEqual(PageOf(rows[first]), PageOf(rows[first + 10]));

        AssertExact(TableLayoutSamples.LongTaskPlan, (await PlanDocumentReader.ReadAsync(pdf)).Plan);
    }

    [RequiresToolFact("soffice")]
    public async Task Pdf_RowWithoutDeadlineOnALaterPage_IsRefusedNamingFilePageAndRow()
    {
        var error = await Assert.ThrowsAsync<PlanImportException>(() => PlanDocumentReader.ReadAsync(samples.NoDeadlinePdf));

        Assert.Matches(@"^001-no-deadline\.pdf: page [2-9], row \d+, column 完成时限: the measure has no deadline$", error.Message);
    }

    private static int PageOf(DocumentTableRow row) => int.Parse(PageNumber().Match(row.Location).Groups[1].Value, CultureInfo.InvariantCulture);

    private static void AssertExact(ParsedPlan expected, ParsedPlan actual)
    {
        var score = PlanFieldScore.Score(JsonNode.Parse(PlanJson.Serialize(expected))!, JsonNode.Parse(PlanJson.Serialize(actual))!);
        Assert.True(score.Matched == score.Total, score.ToString());
    }

    /// <summary>Every field the score-plan tool counts, then the whole plan as the truth file has it.</summary>
    private static void AssertExact(string seed, ParsedPlan plan)
    {
        var score = PlanFieldScore.Score(seed, plan);
        Assert.True(score.Matched == score.Total, score.ToString());
        TruthComparison.AssertMatchesTruth(seed, plan);
    }

    [GeneratedRegex(@"^page (\d+)")]
    private static partial Regex PageNumber();
}
