using System.IO.Compression;
using System.Xml;
using System.Xml.Linq;

namespace EcoPlan.Core.Import.Documents.Ofd;

/// <summary>
/// The zip of an OFD file, read only through <see cref="OpenEntry"/>: part names are resolved inside the
/// package (a location that climbs out of it, like <c>../../etc/passwd</c>, is refused), and every part is
/// counted while it inflates, so a small file cannot unpack into gigabytes of XML.
/// </summary>
internal sealed class OfdPackage : IDisposable
{
    /// <summary>A real page is tens of KiB of XML; fonts and images are never read.</summary>
    public const long MaxPartBytes = 16L * 1024 * 1024;

    public const long MaxTotalBytes = 64L * 1024 * 1024;

    private static readonly XmlReaderSettings s_xml = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    private readonly ZipArchive _zip;
    private readonly Dictionary<string, ZipArchiveEntry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private long _inflated;

    private OfdPackage(ZipArchive zip, string fileName)
    {
        _zip = zip;
        FileName = fileName;
        foreach (var entry in zip.Entries)
        {
            // Some writers name parts "/Doc_0/…" or with backslashes; the first of two equal names wins.
            _entries.TryAdd(entry.FullName.Replace('\\', '/').TrimStart('/'), entry);
        }
    }

    public string FileName { get; }

    public static OfdPackage Open(Stream stream, string fileName)
    {
        try
        {
            return new OfdPackage(new ZipArchive(stream, ZipArchiveMode.Read), fileName);
        }
        catch (InvalidDataException ex)
        {
            throw new DocumentReadException(CoreText.Get("Ofd_DamagedZip", fileName, ex.Message), ex);
        }
    }

    public bool Contains(string part) => _entries.ContainsKey(part);

    /// <summary>
    /// The part a location names (ST_Loc): relative to the folder of <paramref name="from"/>, or to the
    /// package root when it starts with '/'. Null when it climbs out of the package or is a URL or drive path.
    /// </summary>
    public static string? Resolve(string from, string location)
    {
        var path = location.Trim().Replace('\\', '/');
        if (path.Length == 0 || path.Contains(':', StringComparison.Ordinal))
        {
            return null;
        }

        var folder = path.StartsWith('/') ? "" : from[..(from.LastIndexOf('/') + 1)];
        var parts = new List<string>();
        foreach (var segment in (folder + path).Split('/'))
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (parts.Count == 0)
                {
                    return null;
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(segment);
        }

        return parts.Count == 0 ? null : string.Join('/', parts);
    }

    /// <summary>The part <paramref name="location"/> names from <paramref name="from"/>, refused when it is outside the package or missing.</summary>
    public string Require(string from, string location)
    {
        var part = Resolve(from, location) ?? throw new DocumentReadException(CoreText.Get("Ofd_PartOutside", FileName, from, location));
        return Contains(part) ? part : throw new DocumentReadException(CoreText.Get("Ofd_PartMissing", FileName, from, location));
    }

    /// <summary>The inflated bytes of a part, refused once they pass the part's or the package's limit.</summary>
    public Stream OpenEntry(string part)
    {
        if (!_entries.TryGetValue(part, out var entry))
        {
            throw new InvalidOperationException($"{part} is not in the package; Require a part before opening it.");
        }

        try
        {
            return new CountingStream(entry.Open(), this, part);
        }
        catch (InvalidDataException ex)
        {
            throw new DocumentReadException(CoreText.Get("Ofd_DamagedPart", FileName, part, ex.Message), ex);
        }
    }

    /// <summary>A streaming reader over a part, with DTDs prohibited and nothing resolved outside the package.</summary>
    public XmlReader OpenXml(string part) => XmlReader.Create(OpenEntry(part), s_xml);

    public XDocument LoadXml(string part)
    {
        using var reader = OpenXml(part);
        try
        {
            return XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            throw BadXml(part, ex);
        }
    }

    /// <summary>A refusal for a part that is not XML, or declares a DTD; <paramref name="where"/> is the part or its page.</summary>
    public DocumentReadException BadXml(string where, XmlException ex) =>
        new(CoreText.Get("Ofd_BadXml", FileName, where, ex.Message), ex);

    public void Dispose() => _zip.Dispose();

    private void Count(string part, long partBytes, int read)
    {
        _inflated += read;
        if (partBytes > MaxPartBytes)
        {
            throw new DocumentReadException(CoreText.Get("Ofd_PartTooLarge", FileName, part, MaxPartBytes / 1024 / 1024));
        }

        if (_inflated > MaxTotalBytes)
        {
            throw new DocumentReadException(CoreText.Get("Ofd_TooMuchXml", FileName, MaxTotalBytes / 1024 / 1024));
        }
    }

    /// <summary>Counts what a part inflates to while it is read; the sizes a zip declares can lie.</summary>
    private sealed class CountingStream(Stream inner, OfdPackage package, string part) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _read;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int read;
            try
            {
                read = inner.Read(buffer);
            }
            catch (InvalidDataException ex)
            {
                throw new DocumentReadException(CoreText.Get("Ofd_DamagedPart", package.FileName, part, ex.Message), ex);
            }

            _read += read;
            package.Count(part, _read, read);
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
