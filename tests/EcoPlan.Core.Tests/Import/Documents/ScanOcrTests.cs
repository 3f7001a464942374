using EcoPlan.Core.Import;
using EcoPlan.Core.Import.Documents.Ocr;
using EcoPlan.Core.Localization;
using EcoPlan.Core.Plans;

namespace EcoPlan.Core.Tests.Import.Documents;

/// <summary>
/// Scans of the district plan's first page (a PDF of an image, and the image file) read by tesseract. OCR is not
/// exact, so these ask for what it must get right: the table found, a known measure's deadline, and every measure
/// flagged for a person to check.
/// </summary>
public sealed class ScanOcrTests(PdfSamples samples) : IClassFixture<PdfSamples>
{
    private static readonly PlanReaderTools s_noTesseract = new() { Ocr = new OcrOptions { Tesseract = "/nonexistent/tesseract" } };

    [RequiresToolFact("soffice", "pdftoppm", "tesseract")]
    public async Task Read_ScannedPdf_IsRecognizedByOcrAndEveryMeasureFlagged()
    {
        var document = await PlanDocumentReader.ReadAsync(samples.SharpScanPdf);

        Assert.Equal(PlanFileFormat.Pdf, document.Format);
        AssertRecognizedFirstPage(document.Plan);
    }

    [RequiresToolFact("soffice", "pdftoppm", "tesseract")]
    public async Task Read_ScannedImage_IsRecognizedByOcr()
    {
        var prefix = Path.Combine(samples.Directory, "page1-image");
        PdfSamples.Run("pdftoppm", ["-r", "200", "-gray", "-png", "-f", "1", "-l", "1", "-singlefile", samples.DistrictPdf, prefix]);

        var document = await PlanDocumentReader.ReadAsync(prefix + ".png");

        Assert.Equal(PlanFileFormat.Image, document.Format);
        AssertRecognizedFirstPage(document.Plan);
    }

    [RequiresToolFact("soffice", "pdftoppm")]
    public async Task Read_ScannedPdfWithoutTesseract_SaysWhichPagesAndWhatToInstall()
    {
        var error = await Assert.ThrowsAsync<PlanImportException>(() => PlanDocumentReader.ReadAsync(samples.SharpScanPdf, tools: s_noTesseract));

        Assert.Equal("scan-200dpi.pdf", error.FileName);
        Assert.StartsWith(CoreText.Get("Ocr_ScannedPages", "1"), error.Reason, StringComparison.Ordinal);
        Assert.Contains("apt-get install tesseract-ocr tesseract-ocr-chi-sim", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_ImageWithoutTesseract_SaysWhatToInstall()
    {
        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D];

        var error = await Assert.ThrowsAsync<PlanImportException>(() => PlanDocumentReader.ReadAsync(png, "扫描件.png", tools: s_noTesseract));

        Assert.StartsWith(CoreText.Get("Ocr_ImageFile"), error.Reason, StringComparison.Ordinal);
        Assert.Contains("tesseract-ocr-chi-sim", error.Reason, StringComparison.Ordinal);
    }

    [RequiresToolFact("soffice", "pdftoppm", "tesseract")]
    public async Task Read_ScanWithoutTheLanguageData_SaysWhichPackage()
    {
        var tools = new PlanReaderTools { Ocr = new OcrOptions { Language = "xyz_missing" } };

        var error = await Assert.ThrowsAsync<PlanImportException>(() => PlanDocumentReader.ReadAsync(samples.SharpScanPdf, tools: tools));

        Assert.Contains("xyz_missing", error.Reason, StringComparison.Ordinal);
        Assert.Contains("apt-get install tesseract-ocr-chi-sim", error.Reason, StringComparison.Ordinal);
    }

    [RequiresToolFact("soffice", "pdftoppm", "qpdf")]
    public async Task Read_PdfMixingTextAndScannedPages_NamesTheScannedPages()
    {
        var mixed = Path.Combine(samples.Directory, "mixed.pdf");
        PdfSamples.Run("qpdf", ["--empty", "--pages", samples.DistrictPdf, "1", samples.SharpScanPdf, "1", "--", mixed]);

        var error = await Assert.ThrowsAsync<PlanImportException>(() => PlanDocumentReader.ReadAsync(mixed));

        Assert.Equal(CoreText.Get("Ocr_MixedPages", "2"), error.Reason);
    }

    [Fact]
    public void MarkRecognized_FlagsThePlanAndEveryMeasure_InTheJson()
    {
        var plan = ScanReader.MarkRecognized(RepoFiles.TruthPlan("000"));

        var json = System.Text.Json.Nodes.JsonNode.Parse(PlanJson.Serialize(plan))!;
        Assert.True(json["recognized_by_ocr"]!.GetValue<bool>());
        var measures = json["sections"]!.AsArray().SelectMany(s => s!["tasks"]!.AsArray()).SelectMany(t => t!["measures"]!.AsArray()).ToList();
        Assert.NotEmpty(measures);
        Assert.All(measures, m => Assert.True(m!["recognized_by_ocr"]!.GetValue<bool>()));
        Assert.DoesNotContain("recognized_by_ocr", PlanJson.Serialize(RepoFiles.TruthPlan("000")), StringComparison.Ordinal);
    }

    /// <summary>
    /// The first page holds the header and the first measures: 1 (全区生态环境质量指数…, 年底前, 林正航…) and 2–5 of
    /// （二）生态环境质量, each 9月底.
    /// </summary>
    private static void AssertRecognizedFirstPage(ParsedPlan plan)
    {
        Assert.True(plan.RecognizedByOcr);
        var measures = plan.Sections.SelectMany(s => s.Tasks).SelectMany(t => t.Measures).ToList();
        Assert.True(measures.Count >= 4, $"{measures.Count} measures recognized");
        Assert.All(measures, m => Assert.True(m.RecognizedByOcr));
        var first = measures.First(m => m.Text.Contains("生态环境质量指数", StringComparison.Ordinal));
        Assert.Equal("年底前", first.Deadline.Raw);
        Assert.Equal(DeadlineKind.Date, first.Deadline.Kind);
        Assert.Contains(measures, m => m.Deadline.Raw == "9月底");
        Assert.Equal(LeadKind.Leader, plan.LeadKind);
    }
}
