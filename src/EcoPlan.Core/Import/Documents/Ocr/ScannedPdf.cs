using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;

namespace EcoPlan.Core.Import.Documents.Ocr;

/// <summary>A page of a PDF with no text layer: its size in points and the image that covers it.</summary>
internal sealed record ScannedPage(int Number, double Width, double Height, PdfRectangle? ImageBounds, byte[]? Image, string? ImageExtension);

/// <summary>
/// Finds the pages of a PDF that have no text but an image (a scan), and takes out each such page's largest image
/// as a file tesseract reads (PNG, or the JPEG the PDF holds). Blank pages (neither text nor image) are not scans.
/// It opens the PDF under the same limits as <see cref="PdfDocumentReader"/>, which has read it first.
/// </summary>
internal static class ScannedPdf
{
    /// <summary>
    /// How many pages have text, and the scanned pages; none when no page is a scan, or the PDF is damaged, encrypted, has too
    /// many pages or inflates past the reader's limit (<see cref="PdfReaderOptions"/>): the PDF reader has said why.
    /// </summary>
    public static (int TextPages, List<ScannedPage> Scanned) Find(byte[] bytes, PdfReaderOptions limits)
    {
        var scanned = new List<ScannedPage>();
        try
        {
            using var document = PdfDocument.Open(bytes, new ParsingOptions
            {
                UseLenientParsing = true,
                SkipMissingFonts = true,
                FilterProvider = new PdfStreamFilters(limits.MaxInflatedBytes),
            });
            if (document.NumberOfPages > limits.MaxPages)
            {
                return (0, []);
            }

            var textPages = 0;
            foreach (var page in document.GetPages())
            {
                if (page.Letters.Count > 0)
                {
                    textPages++;
                }
                else if (page.NumberOfImages > 0)
                {
                    scanned.Add(Scan(page));
                }
            }

            return (textPages, scanned);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (0, []);
        }
    }

    private static ScannedPage Scan(Page page)
    {
        var image = page.GetImages().OrderByDescending(i => i.WidthInSamples * (long)i.HeightInSamples).First();
        var (bytes, extension) = Encode(image);
        return new ScannedPage(page.Number, page.Width, page.Height, image.BoundingBox, bytes, extension);
    }

    /// <summary>PNG when PdfPig can decode the image's pixels; the JPEG itself when the PDF keeps one (DCTDecode); else nothing (CCITT, JBIG2).</summary>
    private static (byte[]?, string?) Encode(IPdfImage image)
    {
        if (image.TryGetPng(out var png))
        {
            return (png, ".png");
        }

        var raw = image.RawBytes;
        return raw.Length > 3 && raw[0] == 0xFF && raw[1] == 0xD8 && raw[2] == 0xFF ? (raw.ToArray(), ".jpg") : (null, null);
    }
}
