using System.IO.Compression;
using System.Runtime.InteropServices;
using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Tokens;

namespace EcoPlan.Core.Import.Documents;

/// <summary>
/// PdfPig's stream filters, with two changes for reading a plan's text. One read of one document uses one
/// instance, which counts what it inflates.
/// <list type="bullet">
/// <item>A Type 1 font program (the only stream with a /Length2 entry) is not decoded. PdfPig would parse it and
/// run every glyph's outline to find its ink box, most of the time of a short document printed by
/// LibreOffice (which embeds its Latin fonts so); words need only the advance widths (the font's /Widths)
/// and the text (its ToUnicode map or encoding), which come from the font dictionary.</item>
/// <item>What Flate streams inflate to is counted, before PdfPig inflates them, against a cap per document,
/// so that a small file made to inflate to gigabytes is refused instead of filling memory.</item>
/// </list>
/// </summary>
internal sealed class PdfStreamFilters(long maxInflatedBytes) : IFilterProvider
{
    private static readonly IFilterProvider s_default = DefaultFilterProvider.Instance;

    private long _inflated;

    public IReadOnlyList<IFilter> GetFilters(DictionaryToken dictionary) => Wrap(s_default.GetFilters(dictionary));

    public IReadOnlyList<IFilter> GetNamedFilters(IReadOnlyList<NameToken> names) => Wrap(s_default.GetNamedFilters(names));

    public IReadOnlyList<IFilter> GetAllFilters() => Wrap(s_default.GetAllFilters());

    private IFilter[] Wrap(IReadOnlyList<IFilter> filters) => [.. filters.Select(f => (IFilter)new Filter(f, this))];

    /// <summary>Counts a Flate stream's inflated bytes without keeping them; throws past the document's cap.</summary>
    private void Count(Memory<byte> compressed)
    {
        if (compressed.Length < 2)
        {
            return;
        }

        // Like PdfPig: skip the two-byte zlib header, inflate the rest.
        var data = MemoryMarshal.TryGetArray<byte>(compressed[2..], out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(compressed[2..].ToArray(), writable: false);
        using var deflate = new DeflateStream(data, CompressionMode.Decompress);
        var buffer = new byte[81920];
        try
        {
            int read;
            while ((read = deflate.Read(buffer)) > 0)
            {
                _inflated += read;
                if (_inflated > maxInflatedBytes)
                {
                    throw new PdfInflateLimitException(maxInflatedBytes);
                }
            }
        }
        catch (InvalidDataException)
        {
            // Damaged data: PdfPig's own filter decides what to make of it.
        }
    }

    private sealed class Filter(IFilter inner, PdfStreamFilters owner) : IFilter
    {
        public bool IsSupported => inner.IsSupported;

        public Memory<byte> Decode(Memory<byte> input, DictionaryToken streamDictionary, IFilterProvider filterProvider, int filterIndex)
        {
            if (streamDictionary.ContainsKey(NameToken.Length2))
            {
                return Memory<byte>.Empty;
            }

            if (inner is FlateFilter)
            {
                owner.Count(input);
            }

            return inner.Decode(input, streamDictionary, filterProvider, filterIndex);
        }
    }
}

/// <summary>A document's Flate streams inflate to more than <see cref="PdfReaderOptions.MaxInflatedBytes"/>.</summary>
internal sealed class PdfInflateLimitException(long limit) : Exception($"The document's compressed streams inflate to more than {limit} bytes.")
{
    public long Limit { get; } = limit;
}
