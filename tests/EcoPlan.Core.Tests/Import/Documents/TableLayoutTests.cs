using EcoPlan.Core.Import;

namespace EcoPlan.Core.Tests.Import.Documents;

/// <summary>
/// The truth plans laid out as other offices print them (<see cref="TableLayoutVariant"/>): header printed once,
/// WPS column order and synonyms with wrapped header cells, no inner borders. Each must import exactly, as
/// .docx and as PDF.
/// </summary>
public sealed class TableLayoutTests(TableLayoutSamples samples) : IClassFixture<TableLayoutSamples>
{
    public static TheoryData<string, string> Layouts()
    {
        var data = new TheoryData<string, string>();
        foreach (var seed in TableLayoutSamples.Seeds)
        {
            foreach (var variant in TableLayoutVariant.All)
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

        TruthComparison.AssertMatchesTruth(seed, document.Plan);
    }

    [RequiresToolTheory("soffice", "pdftotext", "pdftocairo")]
    [MemberData(nameof(Layouts))]
    public async Task Pdf_InEveryLayout_ImportsExactly(string seed, string variant)
    {
        var document = await PlanDocumentReader.ReadAsync(samples.Pdf(seed, variant));

        TruthComparison.AssertMatchesTruth(seed, document.Plan);
    }
}
