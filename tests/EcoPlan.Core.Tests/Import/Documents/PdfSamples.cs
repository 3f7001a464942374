using System.Globalization;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using EcoPlan.Core.Export;
using EcoPlan.Core.Import;

namespace EcoPlan.Core.Tests.Import.Documents;

/// <summary>
/// Real PDFs for the reader tests, made once per test class in a private temporary folder: the two truth
/// plans written as .docx by our exporter (<see cref="PlanDocxWriter"/>), given what issued plans have and
/// the exporter leaves out (a `— N —` page number in the footer, padded cells), and printed by LibreOffice; a scan of the first page (an image, no text
/// layer, rendered by poppler's pdftoppm); an encrypted copy and one that forbids copying text (qpdf). Each is made on
/// first use, so a test that needs none of them needs none of these programs.
/// </summary>
public sealed class PdfSamples : IDisposable
{
    private static readonly TimeSpan s_toolTimeout = TimeSpan.FromMinutes(3);
    private readonly string _directory = System.IO.Directory.CreateTempSubdirectory("ecoplan-pdf-tests-").FullName;
    private readonly Lazy<(string District, string Municipal)> _plans;
    private readonly Lazy<string> _scan;
    private readonly Lazy<string> _sharpScan;
    private readonly Lazy<string> _encrypted;
    private readonly Lazy<string> _copyForbidden;

    public PdfSamples()
    {
        _plans = new(ConvertPlans);
        _scan = new(() => MakeScan("scan", 60));
        _sharpScan = new(() => MakeScan("scan-200dpi", 200));
        _encrypted = new(MakeEncrypted);
        _copyForbidden = new(MakeCopyForbidden);
    }

    public string Directory => _directory;

    /// <summary>000.truth.json (通州区, 牵头领导) as a LibreOffice PDF.</summary>
    public string DistrictPdf => _plans.Value.District;

    /// <summary>001.truth.json (北京市, 牵头部门) as a LibreOffice PDF.</summary>
    public string MunicipalPdf => _plans.Value.Municipal;

    /// <summary>The first page of <see cref="DistrictPdf"/> as a grey image in a PDF with no text.</summary>
    public string ScanPdf => _scan.Value;

    /// <summary>The first page of <see cref="DistrictPdf"/> scanned at 200 dpi, sharp enough for OCR, in a PDF with no text.</summary>
    public string SharpScanPdf => _sharpScan.Value;

    /// <summary><see cref="DistrictPdf"/> encrypted with a user password.</summary>
    public string EncryptedPdf => _encrypted.Value;

    /// <summary><see cref="DistrictPdf"/> with no user password but permissions that forbid copying text.</summary>
    public string CopyForbiddenPdf => _copyForbidden.Value;

    /// <summary>000.truth.json: 通州区, 牵头领导, 序号 numbers the measures.</summary>
    internal static ParsedPlan District => RepoFiles.TruthPlan("000");

    /// <summary>001.truth.json: 北京市, 牵头部门, 序号 numbers the tasks.</summary>
    internal static ParsedPlan Municipal => RepoFiles.TruthPlan("001");

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    private (string, string) ConvertPlans()
    {
        var district = WriteDocx("tongzhou.docx", District);
        var municipal = WriteDocx("beijing.docx", Municipal);
        PrintToPdf(_directory, district, municipal);
        return (Path.ChangeExtension(district, ".pdf"), Path.ChangeExtension(municipal, ".pdf"));
    }

    /// <summary>Prints Word documents to PDF with LibreOffice, next to each other in <paramref name="directory"/>.</summary>
    internal static void PrintToPdf(string directory, params string[] documents)
    {
        var profile = new Uri(Path.Combine(directory, "lo-profile")).AbsoluteUri;
        Run("soffice", [$"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", directory, .. documents]);
    }

    private string WriteDocx(string name, ParsedPlan plan)
    {
        var path = Path.Combine(_directory, name);
        using (var stream = new MemoryStream())
        {
            PlanDocxWriter.Write(plan, stream);
            MakeLikeIssued(stream);
            File.WriteAllBytes(path, stream.ToArray());
        }

        return path;
    }

    /// <summary>
    /// Adds what issued plans have and our exporter leaves out: a page number in the footer (<paramref name="pageNumber"/>,
    /// {0} the page, {1} the page count) and optionally a running head, page furniture for the reader to drop; and
    /// cells padded above and below, so that rows stand apart by a gap larger than the lines of one cell and the
    /// reader can find them without ruling lines too.
    /// </summary>
    internal static void MakeLikeIssued(Stream docx, string pageNumber = "— {0} —", string? runningHead = null)
    {
        using var document = WordprocessingDocument.Open(docx, isEditable: true);
        var main = document.MainDocumentPart!;
        var footer = main.AddNewPart<FooterPart>();
        footer.Footer = new Footer(Centred(PageNumberRuns(pageNumber)));
        footer.Footer.Save();
        var body = main.Document.Body!;
        var section = body.Elements<SectionProperties>().Single();
        // The schema puts header and footer references first in the section properties, cell margins last in the table's.
        section.PrependChild(new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) });
        if (runningHead is not null)
        {
            var header = main.AddNewPart<HeaderPart>();
            header.Header = new Header(Centred([new Run(new Text(runningHead))]));
            header.Header.Save();
            section.PrependChild(new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(header) });
        }

        body.Elements<Table>().Single().GetFirstChild<TableProperties>()!
            .Append(new TableCellMarginDefault(
                new TopMargin { Width = "60", Type = TableWidthUnitValues.Dxa },
                new BottomMargin { Width = "60", Type = TableWidthUnitValues.Dxa }));
        main.Document.Save();
    }

    private static Paragraph Centred(IEnumerable<OpenXmlElement> runs) =>
        new([new ParagraphProperties(new Justification { Val = JustificationValues.Center }), .. runs]);

    /// <summary>The footer's runs: the format's text around PAGE and NUMPAGES fields.</summary>
    private static IEnumerable<OpenXmlElement> PageNumberRuns(string format)
    {
        foreach (var part in System.Text.RegularExpressions.Regex.Split(format, @"(\{[01]\})").Where(p => p.Length > 0))
        {
            yield return part switch
            {
                "{0}" => new SimpleField(new Run(new Text("1"))) { Instruction = " PAGE " },
                "{1}" => new SimpleField(new Run(new Text("1"))) { Instruction = " NUMPAGES " },
                _ => new Run(new Text(part) { Space = SpaceProcessingModeValues.Preserve }),
            };
        }
    }

    private string MakeEncrypted()
    {
        var path = Path.Combine(_directory, "encrypted.pdf");
        Run("qpdf", ["--encrypt", "user-secret", "owner-secret", "256", "--", DistrictPdf, path]);
        return path;
    }

    private string MakeCopyForbidden()
    {
        var path = Path.Combine(_directory, "no-copy.pdf");
        Run("qpdf", ["--encrypt", "", "owner-secret", "256", "--extract=n", "--", DistrictPdf, path]);
        return path;
    }

    private string MakeScan(string name, int dpi)
    {
        var prefix = Path.Combine(_directory, name);
        Run("pdftoppm", ["-r", dpi.ToString(CultureInfo.InvariantCulture), "-gray", "-f", "1", "-l", "1", "-singlefile", DistrictPdf, prefix]);
        var (width, height, pixels) = ReadPgm(File.ReadAllBytes(prefix + ".pgm"));
        var path = prefix + ".pdf";
        File.WriteAllBytes(path, ImagePdf(width, height, pixels, dpi));
        return path;
    }

    /// <summary>Runs a tool with an argument list and a timeout; fails the test with its output when it fails.</summary>
    internal static void Run(string tool, IEnumerable<string> arguments)
    {
        // Called from fixture setup and other sync helpers, so it waits for the run here.
        var (exitCode, stdout, stderr) = ExternalProgram.RunAsync(tool, arguments, s_toolTimeout).GetAwaiter().GetResult();
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed ({exitCode}): {stdout} {stderr}");
        }
    }

    private static (int Width, int Height, byte[] Pixels) ReadPgm(byte[] pgm)
    {
        // Binary PGM: "P5", width, height, maxval, one whitespace byte, then the pixels.
        var position = 0;
        string Token()
        {
            while (char.IsWhiteSpace((char)pgm[position]))
            {
                position++;
            }

            var start = position;
            while (!char.IsWhiteSpace((char)pgm[position]))
            {
                position++;
            }

            return Encoding.ASCII.GetString(pgm, start, position - start);
        }

        if (Token() != "P5")
        {
            throw new InvalidDataException("pdftoppm did not write a binary PGM.");
        }

        var width = int.Parse(Token(), CultureInfo.InvariantCulture);
        var height = int.Parse(Token(), CultureInfo.InvariantCulture);
        _ = Token();
        position++;
        return (width, height, pgm[position..(position + (width * height))]);
    }

    /// <summary>A one-page PDF whose only content is a grey image filling the page (its size at <paramref name="dpi"/>): what a scanner produces.</summary>
    private static byte[] ImagePdf(int width, int height, byte[] pixels, int dpi)
    {
        var (pageWidth, pageHeight) = (Math.Round(width * 72.0 / dpi), Math.Round(height * 72.0 / dpi));
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(pixels);
        }

        var content = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"q {pageWidth} 0 0 {pageHeight} 0 0 cm /Im1 Do Q\n"));
        return WritePdf(
            ("<< /Type /Catalog /Pages 2 0 R >>", null),
            ("<< /Type /Pages /Kids [3 0 R] /Count 1 >>", null),
            (string.Create(CultureInfo.InvariantCulture, $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {pageWidth} {pageHeight}] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>"), null),
            (string.Create(CultureInfo.InvariantCulture, $"<< /Length {content.Length} >>"), content),
            (string.Create(CultureInfo.InvariantCulture, $"<< /Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length {compressed.Length} >>"),
                compressed.ToArray()));
    }

    /// <summary>A PDF of the given objects (numbered from 1; the first is the catalog), with its cross-reference table.</summary>
    internal static byte[] WritePdf(params (string Dictionary, byte[]? Stream)[] objects)
    {
        using var pdf = new MemoryStream();
        var offsets = new List<long>();
        void Write(string text) => pdf.Write(Encoding.ASCII.GetBytes(text));
        Write("%PDF-1.4\n");
        foreach (var (dictionary, stream) in objects)
        {
            offsets.Add(pdf.Position);
            Write(string.Create(CultureInfo.InvariantCulture, $"{offsets.Count} 0 obj\n{dictionary}\n"));
            if (stream is not null)
            {
                Write("stream\n");
                pdf.Write(stream);
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
}
