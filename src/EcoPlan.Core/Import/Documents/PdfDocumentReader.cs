using System.Diagnostics;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;
using UglyToad.PdfPig.Tokens;

namespace EcoPlan.Core.Import.Documents;

/// <summary>Limits for <see cref="PdfDocumentReader"/>.</summary>
public sealed record PdfReaderOptions
{
    /// <summary>Files larger than this are refused before they are parsed.</summary>
    public long MaxFileBytes { get; init; } = 50L * 1024 * 1024;

    /// <summary>What the document's compressed (Flate) streams may inflate to, in all; more is refused as it is reached.</summary>
    public long MaxInflatedBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Documents with more pages are refused before any page is read.</summary>
    public int MaxPages { get; init; } = 1000;

    /// <summary>How long reading may take; checked before each page.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Whether rows come from the table's drawn cell borders (ruling lines) where a page has them; false
    /// splits rows by the gaps between lines only, as for a table printed without borders.
    /// </summary>
    public bool UseRulings { get; init; } = true;
}

/// <summary>
/// Reads a PDF plan document in process with PdfPig: every word with its box (<see cref="PdfWordReader"/>)
/// and the table's ruling lines (<see cref="PdfRulingReader"/>), then rebuilds its paragraphs and table rows
/// (<see cref="PdfTableBuilder"/> describes how). Every failure is a <see cref="DocumentReadException"/>
/// naming the file, and the page where there is one.
/// </summary>
public sealed class PdfDocumentReader(PdfReaderOptions options)
{
    // Bit 5 of the encryption dictionary's /P: "copy or otherwise extract text" (ISO 32000-1, table 22).
    private const long CopyPermission = 1 << 4;

    public PdfDocumentReader()
        : this(new PdfReaderOptions())
    {
    }

    /// <summary>Reads a PDF from a stream, which is read to its end (at most <see cref="PdfReaderOptions.MaxFileBytes"/>).</summary>
    public DocumentContent Read(Stream stream, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream.CanSeek)
        {
            CheckSize(name, stream.Length - stream.Position);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > options.MaxFileBytes)
            {
                throw new DocumentReadException(Localization.CoreText.Get("Pdf_TooLargeStream", name, options.MaxFileBytes));
            }
        }

        return Read(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), name, cancellationToken);
    }

    public DocumentContent Read(ReadOnlyMemory<byte> bytes, string name, CancellationToken cancellationToken = default) =>
        PdfTableBuilder.Build(name, ReadPages(bytes, name, cancellationToken));

    /// <summary>The words and rulings of every page.</summary>
    internal List<PdfPageLayout> ReadPages(ReadOnlyMemory<byte> bytes, string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        CheckSize(name, bytes.Length);
        CheckEnvelope(bytes.Span, name);
        var clock = Stopwatch.StartNew();
        PdfDocument document;
        try
        {
            document = PdfDocument.Open(bytes, new ParsingOptions
            {
                UseLenientParsing = true,
                SkipMissingFonts = true,
                ClipPaths = false,
                FilterProvider = new PdfStreamFilters(options.MaxInflatedBytes),
            });
        }
        catch (PdfDocumentEncryptedException)
        {
            throw new DocumentReadException(Localization.CoreText.Get("Pdf_Encrypted", name));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw Damaged(e, Localization.CoreText.Get("Pdf_Unreadable", name, e.Message), name);
        }

        using (document)
        {
            int count;
            try
            {
                if (CopyForbidden(document))
                {
                    throw new DocumentReadException(Localization.CoreText.Get("Pdf_NoCopy", name));
                }

                count = document.NumberOfPages;
            }
            catch (Exception e) when (e is not (DocumentReadException or OperationCanceledException))
            {
                throw Damaged(e, Localization.CoreText.Get("Pdf_Unreadable", name, e.Message), name);
            }

            if (count > options.MaxPages)
            {
                throw new DocumentReadException(Localization.CoreText.Get("Pdf_TooManyPages", name, count, options.MaxPages));
            }

            var pages = new List<PdfPageLayout>(count);
            for (var number = 1; number <= count; number++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (clock.Elapsed > options.Timeout)
                {
                    throw new DocumentReadException(Localization.CoreText.Get(
                        "Pdf_Timeout", name, options.Timeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture), number, count));
                }

                pages.Add(ReadPage(document, number, name));
            }

            if (PagesWithoutText(pages).Count == pages.Count)
            {
                throw new DocumentReadException(Localization.CoreText.Get("Pdf_NoTextLayer", name, pages.Count));
            }

            return pages;
        }
    }

    /// <summary>
    /// The numbers of the pages with no text layer (not one word): scanned pages, or pages of pictures only.
    /// When every page is one, the document is refused as a scan.
    /// </summary>
    internal static List<int> PagesWithoutText(IReadOnlyList<PdfPageLayout> pages) =>
        [.. pages.Where(p => p.Words.Count == 0).Select(p => p.Number)];

    private PdfPageLayout ReadPage(PdfDocument document, int number, string name)
    {
        try
        {
            var page = document.GetPage(number);
            var rulings = options.UseRulings ? PdfRulingReader.Read(page) : [];
            var words = PdfWordReader.Read(page, [.. rulings.Where(r => !r.Horizontal)]);
            return new PdfPageLayout(number, page.Width, page.Height, words, rulings, RulingsKnown: options.UseRulings);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw Damaged(e, Localization.CoreText.Get("Pdf_PageUnreadable", name, number, e.Message), name);
        }
    }

    /// <summary>The refusal for an exception from PdfPig: the inflation cap when it was reached (PdfPig may wrap it), else <paramref name="message"/>.</summary>
    private static DocumentReadException Damaged(Exception e, string message, string name)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is PdfInflateLimitException limit)
            {
                return new DocumentReadException(Localization.CoreText.Get("Pdf_InflateLimit", name, limit.Limit), e);
            }
        }

        return new DocumentReadException(message, e);
    }

    private void CheckSize(string name, long length)
    {
        if (length > options.MaxFileBytes)
        {
            throw new DocumentReadException(Localization.CoreText.Get("Pdf_TooLarge", name, length, options.MaxFileBytes));
        }
    }

    /// <summary>
    /// A PDF starts with `%PDF-` (within its first KiB) and ends with `%%EOF` (within its last KiB); a file
    /// without them is not a PDF or was cut short, and would otherwise be half read.
    /// </summary>
    private static void CheckEnvelope(ReadOnlySpan<byte> bytes, string name)
    {
        const int Window = 1024;
        if (bytes[..Math.Min(Window, bytes.Length)].IndexOf("%PDF-"u8) < 0)
        {
            throw new DocumentReadException(Localization.CoreText.Get("Pdf_NotPdf", name));
        }

        if (bytes[Math.Max(0, bytes.Length - Window)..].IndexOf("%%EOF"u8) < 0)
        {
            throw new DocumentReadException(Localization.CoreText.Get("Pdf_Truncated", name));
        }
    }

    /// <summary>Whether the document is encrypted with permissions that forbid copying its text.</summary>
    private static bool CopyForbidden(PdfDocument document)
    {
        if (!document.IsEncrypted)
        {
            return false;
        }

        var token = document.Structure.Trailer.EncryptionToken;
        if (token is IndirectReferenceToken reference)
        {
            token = document.Structure.GetObject(reference.Data).Data;
        }

        return token is DictionaryToken encryption
            && encryption.Data.TryGetValue(NameToken.P.Data, out var permissions)
            && permissions is NumericToken flags
            && (flags.Long & CopyPermission) == 0;
    }
}
