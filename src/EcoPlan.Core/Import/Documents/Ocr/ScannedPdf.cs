using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;

namespace EcoPlan.Core.Import.Documents.Ocr;

/// <summary>A page of a PDF with no text layer: its size in points and the image that covers it.</summary>
internal sealed record ScannedPage(int Number, double Width, double Height, PdfRectangle? ImageBounds, byte[]? Image, string? ImageExtension);

/// <summary>
/// Finds the pages of a PDF that have no text but an image (a scan), and takes out each such page's largest image
/// as a file tesseract reads (PNG, or the JPEG the PDF holds). Blank pages (neither text nor image) are not scans.
/// </summary>
internal static class ScannedPdf
{
    /// <summary>The page count and the scanned pages; none when the PDF has text on every page with images, or PdfPig cannot open it (the PDF reader then says why).</summary>
    public static (int PageCount, List<ScannedPage> Scanned) Find(byte[] bytes)
    {
        var scanned = new List<ScannedPage>();
        try
        {
            using var document = PdfDocument.Open(bytes);
            foreach (var page in document.GetPages())
            {
                if (page.Letters.Count > 0 || page.NumberOfImages == 0)
                {
                    continue;
                }

                scanned.Add(Scan(page));
            }

            return (document.NumberOfPages, scanned);
        }
        catch (Exception e) when (e is PdfDocumentFormatException or InvalidOperationException or ArgumentException or IndexOutOfRangeException or NullReferenceException or InvalidCastException or IOException)
        {
            // Damaged or encrypted: not for OCR; the PDF reader refuses it with its own message.
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
