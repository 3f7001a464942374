using System.Buffers.Binary;
using System.IO.Compression;
using System.Xml;

namespace EcoPlan.Core.Import.Documents;

/// <summary>
/// A zip-based document (docx, xlsx, OFD) opened for bounded reading: whatever the file declares, reading it
/// never unfolds past <see cref="ZipLimits"/>. Use it instead of <see cref="ZipArchive"/> for any zip a user sent:
/// <code>
/// using var zip = BoundedZip.Open(stream, "plan.docx");           // refuses more than MaxEntries entries
/// using var xml = zip.OpenXml("word/document.xml");               // DTD refused, depth, node length, elements, text and bytes counted
/// while (xml.Read()) { … zip.CountParagraph(() => where); … }    // the format's own counts, with the place for the message
/// </code>
/// <see cref="OpenPart"/> gives a part's raw inflated bytes, counted the same way. The counts run over the whole
/// document, all parts together. A limit reached throws a <see cref="DocumentReadException"/> whose message names
/// the file, the part (and the paragraph or cell when the reader gives it) and the limit, in the current language.
/// </summary>
public sealed class BoundedZip : IDisposable
{
    private readonly ZipArchive _archive;
    private long _inflatedBytes;
    private long _elements;
    private long _textCharacters;
    private int _paragraphs;
    private long _cells;

    private BoundedZip(ZipArchive archive, string sourceName, ZipLimits limits)
    {
        _archive = archive;
        SourceName = sourceName;
        Limits = limits;
    }

    public string SourceName { get; }

    public ZipLimits Limits { get; }

    /// <summary>Every entry's full name, in the order of the central directory (a name written twice appears twice).</summary>
    public IEnumerable<string> EntryNames => _archive.Entries.Select(e => e.FullName);

    /// <summary>
    /// Opens the zip in <paramref name="stream"/> (seekable; left open). The central directory is walked first, so
    /// a zip of a hundred thousand entries is refused before an entry object is made. A stream that is no zip
    /// throws <see cref="InvalidDataException"/>, as <see cref="ZipArchive"/> does.
    /// </summary>
    public static BoundedZip Open(Stream stream, string sourceName, ZipLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        if (!stream.CanSeek)
        {
            throw new ArgumentException("A zip is read from a seekable stream.", nameof(stream));
        }

        limits ??= ZipLimits.Default;
        var start = stream.Position;
        var entries = CentralDirectory.CountEntries(stream, limits.MaxEntries);
        if (entries > limits.MaxEntries)
        {
            throw Refusal(sourceName, null, CoreText.Get("Zip_TooManyEntries", limits.MaxEntries));
        }

        stream.Position = start;
        return new BoundedZip(new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true), sourceName, limits);
    }

    public bool Contains(string partName) => _archive.GetEntry(partName) is not null;

    /// <summary>The part's inflated bytes, counted against <see cref="ZipLimits.MaxInflatedBytes"/> as they are read.</summary>
    public Stream OpenPart(string partName)
    {
        var entry = _archive.GetEntry(partName)
            ?? throw new DocumentReadException(CoreText.Get("Zip_PartMissing", SourceName, partName));
        return new CountingStream(this, partName, entry.Open());
    }

    /// <summary>
    /// The part as XML: a DTD is refused (no entity expansion: "billion laughs"), and depth, node length, elements
    /// and text are counted as it is read. Read it forward (Read, Skip, ReadElementContentAs…), not with ReadOuterXml.
    /// </summary>
    public XmlReader OpenXml(string partName) => new BoundedXmlReader(this, partName, OpenPart(partName));

    /// <summary>Counts one paragraph; <paramref name="where"/> ("part word/document.xml, paragraph 7") is asked for only when the limit is reached.</summary>
    public void CountParagraph(Func<string> where)
    {
        ArgumentNullException.ThrowIfNull(where);
        if (++_paragraphs > Limits.MaxParagraphs)
        {
            throw Refusal(where(), CoreText.Get("Zip_TooManyParagraphs", Limits.MaxParagraphs));
        }
    }

    /// <summary>Counts <paramref name="count"/> cells; <paramref name="where"/> names the cell reached, asked for only when the limit is reached.</summary>
    public void CountCells(Func<string> where, int count = 1)
    {
        ArgumentNullException.ThrowIfNull(where);
        _cells += count;
        if (_cells > Limits.MaxCells || count < 0)
        {
            throw Refusal(where(), CoreText.Get("Zip_TooManyCells", Limits.MaxCells));
        }
    }

    /// <summary>"part word/document.xml", or with a place inside it: "part xl/worksheets/sheet1.xml, cell B7".</summary>
    public static string PartPlace(string partName, string? inside = null) =>
        inside is null ? CoreText.Get("Zip_Part", partName) : CoreText.Get("Location_Join", CoreText.Get("Zip_Part", partName), inside);

    /// <summary>The refusal for a limit a format reader checks itself (e.g. a cell reference past Excel's grid).</summary>
    public DocumentReadException Refusal(string? where, string why) => Refusal(SourceName, where, why);

    /// <summary>The same refusal for a document read without a zip (an old .xls laid out past the cell limit).</summary>
    public static DocumentReadException Refusal(string sourceName, string? where, string why) =>
        new(where is null ? CoreText.Get("Zip_Refused", sourceName, why) : CoreText.Get("Zip_RefusedAt", sourceName, where, why));

    internal void CountInflated(string partName, int bytes)
    {
        _inflatedBytes += bytes;
        if (_inflatedBytes > Limits.MaxInflatedBytes)
        {
            throw Refusal(PartPlace(partName), CoreText.Get("Zip_TooLarge", Limits.MaxInflatedBytes / 1024 / 1024));
        }
    }

    internal void CountElement(string partName)
    {
        if (++_elements > Limits.MaxXmlElements)
        {
            throw Refusal(PartPlace(partName), CoreText.Get("Zip_TooManyElements", Limits.MaxXmlElements));
        }
    }

    internal void CountText(string partName, int characters)
    {
        _textCharacters += characters;
        if (_textCharacters > Limits.MaxTextCharacters)
        {
            throw Refusal(PartPlace(partName), CoreText.Get("Zip_TooMuchText", Limits.MaxTextCharacters));
        }
    }

    public void Dispose() => _archive.Dispose();

    /// <summary>Counts inflated bytes as they are read; the entry's declared size plays no part.</summary>
    private sealed class CountingStream(BoundedZip zip, string partName, Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

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
                // A damaged deflate stream: say in which part.
                throw new DocumentReadException(CoreText.Get("Zip_PartDamaged", zip.SourceName, partName, Data.SetupException.OneLine(ex.Message)), ex);
            }

            zip.CountInflated(partName, read);
            return read;
        }

        public override void Flush() { }
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

    /// <summary>
    /// Counts the records of a zip's central directory by walking them (the count the end record declares may lie),
    /// stopping one past the limit.
    /// </summary>
    private static class CentralDirectory
    {
        private const uint EndSignature = 0x06054b50;
        private const uint Zip64LocatorSignature = 0x07064b50;
        private const uint Zip64EndSignature = 0x06064b50;
        private const uint EntrySignature = 0x02014b50;

        /// <summary>The number of entries, at most <paramref name="limit"/> + 1; 0 when no end record is found (the zip reader then says what is wrong).</summary>
        public static long CountEntries(Stream stream, int limit)
        {
            var start = stream.Position;
            var length = stream.Length - start;
            var tailLength = (int)Math.Min(length, 22 + 65_535);
            var tail = new byte[tailLength];
            stream.Position = start + length - tailLength;
            stream.ReadExactly(tail);
            var end = -1;
            for (var i = tailLength - 22; i >= 0; i--)
            {
                if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) == EndSignature)
                {
                    end = i;
                    break;
                }
            }

            if (end < 0)
            {
                return 0;
            }

            long declared = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(end + 10));
            long offset = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(end + 16));
            if ((declared == 0xFFFF || offset == 0xFFFFFFFF) && end >= 20 && BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(end - 20)) == Zip64LocatorSignature)
            {
                var zip64End = (long)BinaryPrimitives.ReadUInt64LittleEndian(tail.AsSpan(end - 12));
                var record = new byte[56];
                if (zip64End < 0 || zip64End > length - record.Length)
                {
                    return 0;
                }

                stream.Position = start + zip64End;
                stream.ReadExactly(record);
                if (BinaryPrimitives.ReadUInt32LittleEndian(record) != Zip64EndSignature)
                {
                    return 0;
                }

                declared = (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(32)), long.MaxValue);
                offset = (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(48)), long.MaxValue);
            }

            if (declared > limit)
            {
                return declared;
            }

            // Walk the records themselves: the zip reader reads every record there is, not the count declared.
            if (offset > length)
            {
                return 0;
            }

            stream.Position = start + offset;
            // Memory and file streams buffer these small reads themselves.
            var header = new byte[46];
            long count = 0;
            while (count <= limit && stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length
                && BinaryPrimitives.ReadUInt32LittleEndian(header) == EntrySignature)
            {
                count++;
                var skip = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(28)) + BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(30)) + BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(32));
                stream.Seek(skip, SeekOrigin.Current);
            }

            return count;
        }
    }
}
