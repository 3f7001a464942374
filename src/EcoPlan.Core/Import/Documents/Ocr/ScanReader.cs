using System.Text;

namespace EcoPlan.Core.Import.Documents.Ocr;

/// <summary>
/// Reads scans (a PDF whose pages are images, or an image file) with tesseract: each page's words with their boxes
/// (`tesseract IMAGE - -l chi_sim tsv`), turned into points from the page's top left, and the table rebuilt from
/// them by <see cref="PdfTableBuilder"/>: rows between the horizontal rulings tesseract saw (<see cref="TesseractTsv"/>),
/// else from the gaps between lines. OCR is not exact: the plan read this way is marked for a person to check
/// (<see cref="ParsedPlan.RecognizedByOcr"/>).
/// </summary>
public sealed class ScanReader(OcrOptions options)
{
    // A4 width in points: an image file says nothing reliable about its print size, so its width is taken as a page's.
    private const double PageWidthPoints = 595.28;

    public ScanReader()
        : this(new OcrOptions())
    {
    }

    /// <summary>
    /// Reads a PDF for its text (<see cref="PdfDocumentReader"/>), and by OCR when its pages are scans (ByOcr). Only a
    /// PDF with a page without text is looked at for scans, so a text PDF pays nothing for them. A PDF that mixes scanned
    /// pages with pages of text is refused, naming the scanned ones: one table cannot be built from both.
    /// </summary>
    internal async Task<(DocumentContent Content, bool ByOcr)> ReadPdfAsync(byte[] bytes, string fileName, PdfReaderOptions pdf, CancellationToken cancellationToken)
    {
        List<PdfPageLayout> pages;
        try
        {
            pages = new PdfDocumentReader(pdf).ReadPages(bytes, fileName, cancellationToken);
        }
        catch (DocumentReadException) when (ScannedPdf.Find(bytes, pdf) is { Scanned.Count: > 0 } scan)
        {
            // No page has text (else this is another refusal, which stands).
            return (await ReadScannedPagesAsync(fileName, scan.TextPages, scan.Scanned, cancellationToken).ConfigureAwait(false), true);
        }

        if (PdfDocumentReader.PagesWithoutText(pages).Count > 0 && ScannedPdf.Find(bytes, pdf) is { Scanned.Count: > 0 } some)
        {
            return (await ReadScannedPagesAsync(fileName, some.TextPages, some.Scanned, cancellationToken).ConfigureAwait(false), true);
        }

        return (PdfTableBuilder.Build(fileName, pages), false);
    }

    /// <summary>The scanned pages by OCR; blank pages are passed over, pages of text beside them refused.</summary>
    private async Task<DocumentContent> ReadScannedPagesAsync(string fileName, int textPages, List<ScannedPage> pages, CancellationToken cancellationToken)
    {
        var numbers = string.Join(CoreText.Get("Ocr_PageSeparator"), pages.Select(p => p.Number.ToString(CultureInfo.InvariantCulture)));
        if (textPages > 0)
        {
            throw new DocumentReadException(CoreText.Get("Ocr_MixedPages", numbers));
        }

        CheckPageCount(pages.Count);
        await CheckInstalledAsync(CoreText.Get("Ocr_ScannedPages", numbers), cancellationToken).ConfigureAwait(false);
        var layouts = new List<PdfPageLayout>();
        foreach (var page in pages)
        {
            if (page.Image is null || page.ImageBounds is not { } bounds)
            {
                throw new DocumentReadException(CoreText.Get("Ocr_ImageUnreadable", page.Number));
            }

            foreach (var image in await RecognizeAsync(page.Image, page.ImageExtension!, page.Number, cancellationToken).ConfigureAwait(false))
            {
                // The image's pixels onto its place on the page; PDF y runs up from the bottom, the layout's down from the top.
                layouts.Add(Layout(page.Number, page.Width, page.Height, image, bounds.Left, page.Height - bounds.Top, bounds.Width / image.Width, bounds.Height / image.Height));
            }
        }

        return PdfTableBuilder.Build(fileName, layouts);
    }

    /// <summary>Reads an image file (PNG, JPEG, TIFF with one or more pages), each page taken as A4 wide.</summary>
    public async Task<DocumentContent> ReadImageAsync(byte[] bytes, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        await CheckInstalledAsync(CoreText.Get("Ocr_ImageFile"), cancellationToken).ConfigureAwait(false);
        var recognized = await RecognizeAsync(bytes, ImageFile.Extension(bytes), page: null, cancellationToken).ConfigureAwait(false);
        CheckPageCount(recognized.Count);
        var layouts = recognized
            .Select(image => (Image: image, Scale: PageWidthPoints / image.Width))
            .Select(p => Layout(p.Image.Page, PageWidthPoints, p.Image.Height * p.Scale, p.Image, 0, 0, p.Scale, p.Scale))
            .ToList();
        return PdfTableBuilder.Build(fileName, layouts);
    }

    private void CheckPageCount(int pages)
    {
        if (pages > options.MaxPages)
        {
            throw new DocumentReadException(CoreText.Get("Ocr_TooManyPages", pages, options.MaxPages));
        }
    }

    /// <summary>A recognized image as a page of words and horizontal rulings in points, placed at (<paramref name="left"/>, <paramref name="top"/>) on the page.</summary>
    private static PdfPageLayout Layout(int number, double width, double height, OcrPage image, double left, double top, double scaleX, double scaleY)
    {
        var words = image.Lines
            .SelectMany(line => line.Words.Select(w => new PdfWord(
                w.Text,
                left + (w.Left * scaleX),
                top + (line.Top * scaleY),
                left + (w.Right * scaleX),
                top + ((line.Top + line.Height) * scaleY))))
            .ToList();
        var rulings = image.Rulings
            .Select(r => new PdfRuling(top + (r.Y * scaleY), left + (r.Left * scaleX), left + (r.Right * scaleX), Horizontal: true))
            .ToList();
        // Without rulings (a table printed without borders) the rows come from the gaps.
        return new PdfPageLayout(number, width, height, words, rulings, RulingsKnown: rulings.Count > 0);
    }

    /// <summary>Refuses at once, saying what to install, when tesseract or its Chinese data is missing.</summary>
    private async Task CheckInstalledAsync(string what, CancellationToken cancellationToken)
    {
        var result = await RunAsync(["--list-langs"], page: null, cancellationToken).ConfigureAwait(false)
            ?? throw new DocumentReadException(CoreText.Get("Ocr_NeedsTesseract", what, options.Tesseract));
        var languages = (Encoding.UTF8.GetString(result.Output) + "\n" + result.Error).Split('\n', StringSplitOptions.TrimEntries);
        if (!languages.Contains(options.Language, StringComparer.Ordinal))
        {
            throw new DocumentReadException(CoreText.Get("Ocr_LanguageMissing", what, options.Language));
        }
    }

    private async Task<List<OcrPage>> RecognizeAsync(byte[] image, string extension, int? page, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("ecoplan-ocr-");
        try
        {
            var path = Path.Combine(directory.FullName, "page" + extension);
            await File.WriteAllBytesAsync(path, image, cancellationToken).ConfigureAwait(false);
            var result = await RunAsync([path, "-", "-l", options.Language, "tsv"], page, cancellationToken).ConfigureAwait(false)
                ?? throw new DocumentReadException(CoreText.Get("Ocr_NeedsTesseract", Where(page), options.Tesseract));
            if (result.ExitCode != 0)
            {
                throw new DocumentReadException(CoreText.Get("Ocr_Failed", Where(page), result.ExitCode, ExternalTool.FirstLines(result.Error)));
            }

            return TesseractTsv.Parse(Encoding.UTF8.GetString(result.Output));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>Null when tesseract is not installed.</summary>
    private async Task<ExternalToolResult?> RunAsync(string[] arguments, int? page, CancellationToken cancellationToken)
    {
        try
        {
            return await ExternalTool.RunAsync(options.Tesseract, arguments, options.PageTimeout, maxOutputBytes: 64L * 1024 * 1024, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or InvalidDataException)
        {
            throw new DocumentReadException(CoreText.Get("Ocr_Timeout", Where(page), options.PageTimeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)), e);
        }
    }

    private static string Where(int? page) => page is { } number ? CoreText.Get("Location_Page", number) : CoreText.Get("Ocr_TheImage");

    /// <summary>The plan read from a scan, it and every measure marked as recognized by OCR, for a person to check.</summary>
    public static ParsedPlan MarkRecognized(ParsedPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan with
        {
            RecognizedByOcr = true,
            Sections = [.. plan.Sections.Select(s => s with
            {
                Tasks = [.. s.Tasks.Select(t => t with { Measures = [.. t.Measures.Select(m => m with { RecognizedByOcr = true })] })],
            })],
        };
    }
}
