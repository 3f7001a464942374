using System.Globalization;
using System.Text.RegularExpressions;
using EcoPlan.Core.Export;
using EcoPlan.Core.Import;
using EcoPlan.Core.Import.Documents;

namespace EcoPlan.Core.Tests.Import.Documents;

public sealed partial class PdfDocumentReaderTests(PdfSamples samples) : IClassFixture<PdfSamples>
{
    [RequiresToolFact("pdftotext", "pdftocairo", "soffice")]
    public async Task Read_DistrictPlan_RowsMatchTruth()
    {
        var content = await new PdfDocumentReader().ReadAsync(samples.DistrictPdf);

        AssertMatches(PdfSamples.District, content);
    }

    [RequiresToolFact("pdftotext", "pdftocairo", "soffice")]
    public async Task Read_MunicipalPlan_RowsMatchTruth()
    {
        var content = await new PdfDocumentReader().ReadAsync(samples.MunicipalPdf);

        AssertMatches(PdfSamples.Municipal, content);
    }

    [RequiresToolFact("pdftotext", "soffice")]
    public async Task Read_WithoutRulings_RowsFromGapsMatchTruth()
    {
        // Without pdftocairo the reader splits rows by vertical gaps and new 序号 lines only.
        var reader = new PdfDocumentReader(new PdfReaderOptions { PdfToCairo = null });

        AssertMatches(PdfSamples.District, await reader.ReadAsync(samples.DistrictPdf));
        AssertMatches(PdfSamples.Municipal, await reader.ReadAsync(samples.MunicipalPdf));
    }

    [RequiresToolFact("pdftotext", "pdftocairo", "soffice")]
    public async Task Read_RowBrokenAcrossPages_IsOneRow()
    {
        var content = await new PdfDocumentReader().ReadAsync(samples.MunicipalPdf);

        var rows = content.Blocks.OfType<DocumentTableRow>().ToList();
        Assert.True(PageOf(rows[^1].Location) >= 3, "The test document should run over several pages.");
        Assert.Contains(rows, r => r.Location.Contains("continued on page", StringComparison.Ordinal));
    }

    [RequiresToolFact("pdftotext", "pdftocairo", "soffice")]
    public async Task Read_DistrictPlan_TabSeparatedTextHasTheSampleShape()
    {
        var content = await new PdfDocumentReader().ReadAsync(samples.DistrictPdf);
        var locations = new List<string>();

        var lines = content.ToTabSeparatedText(locations).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(lines.Length, locations.Count);
        Assert.Equal("附件 6", lines[0]);
        Assert.Equal("序号\t重点任务\t工作措施\t完成时限\t牵头领导\t主责单位\t协办单位", lines[2]);
        Assert.Equal("三、加强生态保护\t\t\t\t\t\t", lines[3]);
        Assert.Equal("（一）生态环境质量状况目标\t\t\t\t\t\t", lines[4]);
        Assert.StartsWith("1\t目标任务\t全区生态环境质量指数（EI）力", lines[5], StringComparison.Ordinal);
        Assert.All(lines, line => Assert.DoesNotMatch(PageNumber(), line));
        Assert.Equal("page 1, row 1", locations[2]);
    }

    [RequiresToolFact("pdftotext", "pdftoppm", "soffice")]
    public async Task Read_Scan_IsRefusedForHavingNoTextLayer()
    {
        var error = await Assert.ThrowsAsync<DocumentReadException>(() => new PdfDocumentReader().ReadAsync(samples.ScanPdf));

        Assert.Contains("no text layer", error.Message, StringComparison.Ordinal);
    }

    [RequiresToolFact("pdftotext", "qpdf", "soffice")]
    public async Task Read_EncryptedPdf_IsRefused()
    {
        var error = await Assert.ThrowsAsync<DocumentReadException>(() => new PdfDocumentReader().ReadAsync(samples.EncryptedPdf));

        Assert.Contains("encrypted", error.Message, StringComparison.Ordinal);
    }

    [RequiresToolFact("pdftotext")]
    public async Task Read_RandomBytes_ThrowsDocumentReadException()
    {
        var random = new Random(20261122);
        var bytes = new byte[20_000];
        random.NextBytes(bytes);
        var plain = Write("random.pdf", bytes);
        // The same noise between a PDF header and end marker, so that pdftotext itself has to reject it.
        var framed = Write("framed.pdf", [.. "%PDF-1.7\n"u8, .. bytes, .. "\n%%EOF\n"u8]);

        await Assert.ThrowsAsync<DocumentReadException>(() => new PdfDocumentReader().ReadAsync(plain));
        await Assert.ThrowsAsync<DocumentReadException>(() => new PdfDocumentReader().ReadAsync(framed));
    }

    [RequiresToolFact("pdftotext", "pdftocairo", "soffice")]
    public async Task Read_TruncatedPdf_ThrowsDocumentReadException()
    {
        var bytes = await File.ReadAllBytesAsync(samples.DistrictPdf);
        foreach (var fraction in new[] { 0.1, 0.5, 0.9 })
        {
            var path = Write(string.Create(CultureInfo.InvariantCulture, $"truncated-{fraction}.pdf"), bytes[..(int)(bytes.Length * fraction)]);

            var error = await Assert.ThrowsAsync<DocumentReadException>(() => new PdfDocumentReader().ReadAsync(path));

            Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Read_FileOverSizeLimit_IsRefusedBeforePdftotextRuns()
    {
        var path = Write("big.pdf", [.. "%PDF-1.7\n"u8, .. new byte[4096], .. "\n%%EOF\n"u8]);
        // A pdftotext that does not exist: reaching it would fail with "not installed" instead.
        var reader = new PdfDocumentReader(new PdfReaderOptions { MaxFileBytes = 1024, PdfToText = "/nonexistent/pdftotext" });

        var error = await Assert.ThrowsAsync<DocumentReadException>(() => reader.ReadAsync(path));

        Assert.Contains("larger than 1,024 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_WithoutPdftotext_SaysToInstallPopplerUtils()
    {
        var path = Write("tiny.pdf", [.. "%PDF-1.7\n"u8, .. "\n%%EOF\n"u8]);
        var reader = new PdfDocumentReader(new PdfReaderOptions { PdfToText = "/nonexistent/pdftotext" });

        var error = await Assert.ThrowsAsync<DocumentReadException>(() => reader.ReadAsync(path));

        Assert.Contains("poppler-utils", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Compares what the reader rebuilt with the table the docx was written from (<see cref="PlanTableLayout"/>):
    /// the same rows in the same order, each cell equal once whitespace is removed (unit names wrap inside
    /// narrow cells).
    /// </summary>
    private static void AssertMatches(ParsedPlan plan, DocumentContent content)
    {
        var layout = PlanTableLayout.From(plan);
        var paragraphs = content.Blocks.TakeWhile(b => b is DocumentParagraph).Cast<DocumentParagraph>().Select(p => Compact(p.Text)).ToList();
        Assert.Equal([Compact(layout.Attachment!), Compact(layout.Title)], paragraphs);

        var expected = ExpectedRows(layout);
        var actual = content.Blocks.OfType<DocumentTableRow>().ToList();
        Assert.All(content.Blocks.SkipWhile(b => b is DocumentParagraph), b => Assert.IsType<DocumentTableRow>(b));
        for (var i = 0; i < Math.Min(expected.Count, actual.Count); i++)
        {
            Assert.True(
                expected[i].Select(Compact).SequenceEqual(actual[i].Cells.Select(Compact)),
                $"Row {i + 1} ({actual[i].Location}):\n expected {string.Join(" | ", expected[i].Select(Compact))}\n actual   {string.Join(" | ", actual[i].Cells.Select(Compact))}");
        }

        Assert.Equal(expected.Count, actual.Count);
        Assert.Single(actual, r => Compact(r.Cells[0]) == "序号");
    }

    /// <summary>The table's rows as printed: the header, headings in the first cell of a full-width row, measures cell by cell.</summary>
    private static List<IReadOnlyList<string>> ExpectedRows(PlanTableLayout layout) =>
    [
        layout.Header,
        .. layout.Rows.Select(row => row switch
        {
            HeadingRow heading => (IReadOnlyList<string>)[heading.Text, .. Enumerable.Repeat("", layout.Header.Count - 1)],
            MeasureRow measure => [.. measure.Cells.Select(lines => string.Join('\n', lines))],
            _ => throw new InvalidOperationException($"Unknown row {row.GetType().Name}."),
        }),
    ];

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(samples.Directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static int PageOf(string location) =>
        int.Parse(PageInLocation().Match(location).Groups[1].Value, CultureInfo.InvariantCulture);

    private static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    [GeneratedRegex(@"^page (\d+)")]
    private static partial Regex PageInLocation();

    [GeneratedRegex(@"^\s*[—–-]+\s*\d*\s*[—–-]*\s*$")]
    private static partial Regex PageNumber();
}
