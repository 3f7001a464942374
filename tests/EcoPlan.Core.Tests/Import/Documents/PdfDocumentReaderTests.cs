using System.Globalization;
using System.Text.RegularExpressions;
using EcoPlan.Core.Export;
using EcoPlan.Core.Import;
using EcoPlan.Core.Import.Documents;

namespace EcoPlan.Core.Tests.Import.Documents;

public sealed partial class PdfDocumentReaderTests(PdfSamples samples) : IClassFixture<PdfSamples>
{
    [RequiresToolFact("soffice")]
    public void Read_DistrictPlan_RowsMatchTruth()
    {
        var content = Read(samples.DistrictPdf);

        AssertMatches(PdfSamples.District, content);
    }

    [RequiresToolFact("soffice")]
    public void Read_MunicipalPlan_RowsMatchTruth()
    {
        var content = Read(samples.MunicipalPdf);

        AssertMatches(PdfSamples.Municipal, content);
    }

    [RequiresToolFact("soffice")]
    public void Read_WithoutRulings_RowsFromGapsMatchTruth()
    {
        // Without ruling lines the reader splits rows by vertical gaps and new 序号 lines only.
        var options = new PdfReaderOptions { UseRulings = false };

        AssertMatches(PdfSamples.District, Read(samples.DistrictPdf, options));
        AssertMatches(PdfSamples.Municipal, Read(samples.MunicipalPdf, options));
    }

    [RequiresToolFact("soffice")]
    public void Read_RowBrokenAcrossPages_IsOneRow()
    {
        var content = Read(samples.MunicipalPdf);

        var rows = content.Blocks.OfType<DocumentTableRow>().ToList();
        Assert.True(PageOf(rows[^1].Location) >= 3, "The test document should run over several pages.");
        Assert.Contains(rows, r => r.Location.Contains("continued on page", StringComparison.Ordinal));
    }

    [RequiresToolFact("soffice")]
    public void Read_DistrictPlan_TabSeparatedTextHasTheSampleShape()
    {
        var content = Read(samples.DistrictPdf);
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

    [RequiresToolFact("soffice")]
    public void Read_Stream_ReadsLikeBytes()
    {
        using var stream = File.OpenRead(samples.DistrictPdf);

        var content = new PdfDocumentReader().Read(stream, "tongzhou.pdf");

        AssertMatches(PdfSamples.District, content);
    }

    [RequiresToolFact("pdftoppm", "soffice")]
    public void Read_Scan_IsRefusedForHavingNoTextLayer()
    {
        var error = Assert.Throws<DocumentReadException>(() => Read(samples.ScanPdf));

        Assert.Contains("no text layer", error.Message, StringComparison.Ordinal);
    }

    [RequiresToolFact("qpdf", "soffice")]
    public void Read_EncryptedPdf_IsRefused()
    {
        var error = Assert.Throws<DocumentReadException>(() => Read(samples.EncryptedPdf));

        Assert.Equal("encrypted.pdf is encrypted (password-protected); save an unprotected copy and import that.", error.Message);
    }

    [RequiresToolFact("qpdf", "soffice")]
    public void Read_PdfForbiddingCopy_IsRefused()
    {
        var error = Assert.Throws<DocumentReadException>(() => Read(samples.CopyForbiddenPdf));

        Assert.Contains("does not permit copying its text", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RandomBytes_ThrowsDocumentReadException()
    {
        var random = new Random(20261122);
        var bytes = new byte[20_000];
        random.NextBytes(bytes);
        // The same noise between a PDF header and end marker, so that the parser itself has to reject it.
        byte[] framed = [.. "%PDF-1.7\n"u8, .. bytes, .. "\n%%EOF\n"u8];

        var plain = Assert.Throws<DocumentReadException>(() => new PdfDocumentReader().Read(bytes, "random.pdf"));
        var inFrame = Assert.Throws<DocumentReadException>(() => new PdfDocumentReader().Read(framed, "framed.pdf"));

        Assert.Contains("is not a PDF document", plain.Message, StringComparison.Ordinal);
        Assert.StartsWith("framed.pdf is damaged", inFrame.Message, StringComparison.Ordinal);
    }

    [RequiresToolFact("soffice")]
    public void Read_TruncatedPdf_ThrowsDocumentReadException()
    {
        var bytes = File.ReadAllBytes(samples.DistrictPdf);
        foreach (var fraction in new[] { 0.1, 0.5, 0.9 })
        {
            var error = Assert.Throws<DocumentReadException>(() => new PdfDocumentReader().Read(bytes.AsMemory(0, (int)(bytes.Length * fraction)), "cut.pdf"));

            Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Damage a parser meets in the wild, past the envelope check: a file cut short with an end marker put
    /// back, stretches overwritten with noise, a stretch deleted. Each is read or refused with a
    /// <see cref="DocumentReadException"/>, never another exception.
    /// </summary>
    [RequiresToolFact("soffice")]
    public void Read_GarbledPdf_ThrowsOnlyDocumentReadException()
    {
        var original = File.ReadAllBytes(samples.DistrictPdf);
        var random = new Random(20261203);
        var refused = 0;
        for (var i = 0; i < 40; i++)
        {
            var bytes = (byte[])original.Clone();
            var at = random.Next(16, bytes.Length - 2048);
            var length = random.Next(1, 4096);
            bytes = (i % 4) switch
            {
                0 => [.. bytes[..at], .. "\n%%EOF\n"u8],
                1 => Overwrite(bytes, at, Math.Min(length, bytes.Length - 1024 - at), random),
                2 => [.. bytes[..at], .. bytes[Math.Min(at + length, bytes.Length - 1024)..]],
                _ => Overwrite(bytes, random.Next(16, bytes.Length - 1024), 1, random),
            };

            var error = Record.Exception(() => new PdfDocumentReader().Read(bytes, "garbled.pdf"));

            if (error is not null)
            {
                var refusal = Assert.IsType<DocumentReadException>(error);
                Assert.StartsWith("garbled.pdf", refusal.Message, StringComparison.Ordinal);
                refused++;
            }
        }

        Assert.True(refused > 0, "Some of the damaged files should have been refused.");
    }

    [RequiresToolFact("soffice")]
    public void Read_MorePagesThanTheCap_IsRefusedBeforeReadingThem()
    {
        var reader = new PdfDocumentReader(new PdfReaderOptions { MaxPages = 2 });

        var error = Assert.Throws<DocumentReadException>(() => reader.Read(File.ReadAllBytes(samples.DistrictPdf), "tongzhou.pdf"));

        Assert.Equal("tongzhou.pdf has 3 pages; PDF documents of more than 2 pages are not read.", error.Message);
    }

    [RequiresToolFact("soffice")]
    public void Read_OverTime_IsRefusedNamingThePage()
    {
        var reader = new PdfDocumentReader(new PdfReaderOptions { Timeout = TimeSpan.Zero });

        var error = Assert.Throws<DocumentReadException>(() => reader.Read(File.ReadAllBytes(samples.DistrictPdf), "tongzhou.pdf"));

        Assert.Contains("stopped at page 1 of 3", error.Message, StringComparison.Ordinal);
    }

    [RequiresToolFact("soffice")]
    public void Read_Cancelled_Throws()
    {
        var bytes = File.ReadAllBytes(samples.DistrictPdf);

        Assert.ThrowsAny<OperationCanceledException>(() => new PdfDocumentReader().Read(bytes, "tongzhou.pdf", new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Read_StreamInflatingPastTheCap_IsRefusedWithoutInflatingIt()
    {
        // 64 MB of spaces (valid, empty page content) compress to about 64 KB; the cap is 16 MB.
        var bomb = OnePagePdf(new byte[64 << 20].AsSpan(), fill: (byte)' ');
        var reader = new PdfDocumentReader(new PdfReaderOptions { MaxInflatedBytes = 16 << 20 });
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var error = Assert.Throws<DocumentReadException>(() => reader.Read(bomb, "bomb.pdf"));

        Assert.Equal("bomb.pdf: its compressed contents inflate to more than 16,777,216 bytes; it is not read (the file is damaged or made to exhaust memory).", error.Message);
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 8 << 20, "The stream should be counted, not inflated into memory.");
    }

    [Fact]
    public void Read_FileOverSizeLimit_IsRefusedBeforeParsing()
    {
        byte[] bytes = [.. "%PDF-1.7\n"u8, .. new byte[4096], .. "\n%%EOF\n"u8];
        var reader = new PdfDocumentReader(new PdfReaderOptions { MaxFileBytes = 1024 });

        var fromBytes = Assert.Throws<DocumentReadException>(() => reader.Read(bytes, "big.pdf"));
        var fromStream = Assert.Throws<DocumentReadException>(() => reader.Read(new MemoryStream(bytes), "big.pdf"));

        Assert.Contains("larger than 1,024 bytes", fromBytes.Message, StringComparison.Ordinal);
        Assert.Contains("larger than 1,024 bytes", fromStream.Message, StringComparison.Ordinal);
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

    private static DocumentContent Read(string path, PdfReaderOptions? options = null) =>
        new PdfDocumentReader(options ?? new PdfReaderOptions()).Read(File.ReadAllBytes(path), Path.GetFileName(path));

    /// <summary>A one-page PDF whose content stream is <paramref name="content"/>, filled with <paramref name="fill"/>, Flate-compressed.</summary>
    private static byte[] OnePagePdf(Span<byte> content, byte fill)
    {
        content.Fill(fill);
        using var compressed = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(compressed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(content);
        }

        using var pdf = new MemoryStream();
        var offsets = new List<long>();
        void Write(string text) => pdf.Write(System.Text.Encoding.ASCII.GetBytes(text));
        Write("%PDF-1.4\n");
        foreach (var body in (string[])[
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            string.Create(CultureInfo.InvariantCulture, $"<< /Length {compressed.Length} /Filter /FlateDecode >>")])
        {
            offsets.Add(pdf.Position);
            Write(string.Create(CultureInfo.InvariantCulture, $"{offsets.Count} 0 obj\n{body}\n"));
            if (offsets.Count == 4)
            {
                Write("stream\n");
                pdf.Write(compressed.ToArray());
                Write("\nendstream\n");
            }

            Write("endobj\n");
        }

        var xref = pdf.Position;
        Write(string.Create(CultureInfo.InvariantCulture, $"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n"));
        foreach (var offset in offsets)
        {
            Write(string.Create(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n"));
        }

        Write(string.Create(CultureInfo.InvariantCulture, $"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"));
        return pdf.ToArray();
    }

    private static byte[] Overwrite(byte[] bytes, int at, int length, Random random)
    {
        random.NextBytes(bytes.AsSpan(at, Math.Max(1, length)));
        return bytes;
    }

    private static int PageOf(string location) =>
        int.Parse(PageInLocation().Match(location).Groups[1].Value, CultureInfo.InvariantCulture);

    private static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    [GeneratedRegex(@"^page (\d+)")]
    private static partial Regex PageInLocation();

    [GeneratedRegex(@"^\s*[—–-]+\s*\d*\s*[—–-]*\s*$")]
    private static partial Regex PageNumber();
}
