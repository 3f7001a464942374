using EcoPlan.Core.Export;
using EcoPlan.Core.Import;
using EcoPlan.Core.Tests.Import;
using EcoPlan.Core.Tests.Import.Documents;

namespace EcoPlan.Core.Tests.Export;

/// <summary>Truth → our exporter → our importer gives the truth back, for Word, Excel, and Word printed to PDF.</summary>
public sealed class PlanExportRoundTripTests
{
    private static ParsedPlan Truth(string seed) => RepoFiles.TruthPlan(seed);

    private static byte[] Export(ParsedPlan plan, PlanFileFormat format)
    {
        using var stream = new MemoryStream();
        PlanExport.Write(plan, format switch
        {
            PlanFileFormat.Docx => ExportFormat.Docx,
            PlanFileFormat.Xlsx => ExportFormat.Xlsx,
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        }, stream);
        return stream.ToArray();
    }

    [Theory]
    [InlineData("000", PlanFileFormat.Docx)]
    [InlineData("001", PlanFileFormat.Docx)]
    [InlineData("000", PlanFileFormat.Xlsx)]
    [InlineData("001", PlanFileFormat.Xlsx)]
    public async Task ExportThenImport_GivesTheTruthBack(string seed, PlanFileFormat format)
    {
        var bytes = Export(Truth(seed), format);

        var document = await PlanDocumentReader.ReadAsync(bytes, $"plan.{format.ToString().ToLowerInvariant()}");

        Assert.Equal(format, document.Format);
        TruthComparison.AssertMatchesTruth(seed, document.Plan);
    }

    [Fact]
    public void ExportedFiles_AreValidOpenXml()
    {
        foreach (var seed in (string[])["000", "001"])
        {
            using var docx = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(Export(Truth(seed), PlanFileFormat.Docx)), false);
            using var xlsx = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(Export(Truth(seed), PlanFileFormat.Xlsx)), false);
            var validator = new DocumentFormat.OpenXml.Validation.OpenXmlValidator();

            Assert.Empty(validator.Validate(docx).Select(e => $"{e.Path?.XPath}: {e.Description}"));
            Assert.Empty(validator.Validate(xlsx).Select(e => $"{e.Path?.XPath}: {e.Description}"));
        }
    }

    /// <summary>A spreadsheet has no automatic row height: every row of the plan table says how tall it is, tall enough for its wrapped text.</summary>
    [Theory]
    [InlineData("000")]
    [InlineData("001")]
    public void ExportedXlsx_EveryRowIsTallEnoughForItsWrappedText(string seed)
    {
        double[] widths = [6, 16, 60, 10, 12, 18, 18];
        using var xlsx = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(Export(Truth(seed), PlanFileFormat.Xlsx)), false);
        var sheet = xlsx.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var rows = sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().ToList();
        Assert.All(rows, row => Assert.True(row.CustomHeight?.Value == true && row.Height is not null, $"row {row.RowIndex} has no height"));

        // Table rows (header and measures); the task column is merged down, so its rows share its height.
        var tallest = 0.0;
        foreach (var row in rows.Where(r => r.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().Count() == widths.Length))
        {
            var cells = row.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().Select(c => c.InnerText).ToList();
            for (var c = 0; c < cells.Count; c++)
            {
                if (c == 1)
                {
                    continue;
                }

                var needed = SheetParts.TextHeight(cells[c], widths[c], 11);
                Assert.True(row.Height!.Value >= needed - 0.1, $"row {row.RowIndex}, column {c + 1}: {row.Height.Value} pt for text that needs {needed:0.#} pt");
            }

            tallest = Math.Max(tallest, row.Height!.Value);
        }

        // The long measure texts wrap over several lines: far more than Excel's default 15 pt.
        Assert.True(tallest > 60, $"the tallest table row is {tallest} pt");
    }

    [RequiresToolTheory("soffice")]
    [InlineData("000")]
    [InlineData("001")]
    public async Task ExportToWordPrintToPdfThenImport_GivesTheTruthBack(string seed)
    {
        var directory = Directory.CreateTempSubdirectory("ecoplan-export-pdf-");
        try
        {
            var docx = Path.Combine(directory.FullName, $"plan-{seed}.docx");
            await File.WriteAllBytesAsync(docx, Export(Truth(seed), PlanFileFormat.Docx));
            PdfSamples.PrintToPdf(directory.FullName, docx);

            var document = await PlanDocumentReader.ReadAsync(Path.ChangeExtension(docx, ".pdf"));

            Assert.Equal(PlanFileFormat.Pdf, document.Format);
            TruthComparison.AssertMatchesTruth(seed, document.Plan);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
