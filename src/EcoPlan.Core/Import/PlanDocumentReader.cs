using System.Security.Cryptography;
using EcoPlan.Core.Import.Documents;
using EcoPlan.Core.Import.Documents.Ocr;
using EcoPlan.Core.Import.Documents.Ofd;

namespace EcoPlan.Core.Import;

public enum PlanFileFormat
{
    Auto,
    Text,
    Docx,
    Xlsx,
    Pdf,
    Ofd,

    /// <summary>Word 97–2003 (.doc), converted by LibreOffice.</summary>
    Doc,

    /// <summary>WPS Writer (.wps), converted by LibreOffice.</summary>
    Wps,

    /// <summary>WPS Spreadsheets (.et), converted by LibreOffice.</summary>
    Et,

    /// <summary>A scan as an image file (PNG, JPEG, TIFF), read by OCR.</summary>
    Image,
}

/// <summary>A plan document read and parsed, with what identifies the file.</summary>
public sealed record PlanDocument(string FileName, PlanFileFormat Format, string Sha256, long Length, ParsedPlan Plan);

/// <summary>
/// Reads any plan document EcoPlan accepts (text, Word, Excel, PDF, OFD, the old and WPS formats, scans) into a <see cref="ParsedPlan"/>.
/// Every failure is a <see cref="PlanImportException"/> that says where (line, table row, page) and why.
/// </summary>
public static class PlanDocumentReader
{
    public const long DefaultMaxBytes = 20L * 1024 * 1024;

    private static readonly byte[] s_oleSignature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public static async Task<PlanDocument> ReadAsync(string path, PlanFileFormat format = PlanFileFormat.Auto, int? year = null, long maxBytes = DefaultMaxBytes, ZipLimits? zipLimits = null, PlanReaderTools? tools = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var fileName = Path.GetFileName(path);
        FileInfo file;
        try
        {
            file = new FileInfo(path);
            if (!file.Exists)
            {
                throw new PlanImportException(fileName, null, Localization.CoreText.Get("Import_FileMissing"));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new PlanImportException(fileName, null, ex.Message);
        }

        // Refuse before reading: a 200 MB upload must not be loaded to find out it is too big.
        CheckSize(fileName, file.Length, maxBytes);
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PlanImportException(fileName, null, Localization.CoreText.Get("Import_CannotRead", ex.Message));
        }

        return await ReadAsync(bytes, fileName, format, year, maxBytes, zipLimits, tools, cancellationToken);
    }

    /// <summary>
    /// A zip-based document (docx, xlsx, OFD) is read under <paramref name="zipLimits"/> (<see cref="ZipLimits.Default"/> when null);
    /// old formats and scans with the programs of <paramref name="tools"/> (<see cref="PlanReaderTools.Default"/> when null).
    /// </summary>
    public static async Task<PlanDocument> ReadAsync(byte[] bytes, string fileName, PlanFileFormat format = PlanFileFormat.Auto, int? year = null, long maxBytes = DefaultMaxBytes, ZipLimits? zipLimits = null, PlanReaderTools? tools = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(fileName);
        CheckSize(fileName, bytes.LongLength, maxBytes);
        if (bytes.Length == 0)
        {
            throw new PlanImportException(fileName, null, Localization.CoreText.Get("Import_FileEmpty"));
        }

        var actual = format == PlanFileFormat.Auto ? Detect(bytes, fileName, zipLimits) : format;
        var options = new PlanParseOptions(year);
        tools ??= PlanReaderTools.Default;
        var plan = actual switch
        {
            PlanFileFormat.Text => ParseText(bytes, fileName, options),
            PlanFileFormat.Docx => ParseContent(fileName, options, await ReadContentAsync(fileName, () => Task.FromResult(DocxDocumentReader.Read(new MemoryStream(bytes, writable: false), fileName, zipLimits)))),
            PlanFileFormat.Xlsx => ParseContent(fileName, options, await ReadContentAsync(fileName, () => Task.FromResult(XlsxDocumentReader.Read(new MemoryStream(bytes, writable: false), fileName, zipLimits)))),
            PlanFileFormat.Pdf => await ReadPdfAsync(bytes, fileName, options, maxBytes, tools, cancellationToken),
            PlanFileFormat.Ofd => ParseContent(fileName, options, await ReadContentAsync(fileName, () => Task.FromResult(OfdDocumentReader.Read(new MemoryStream(bytes, writable: false), fileName, zipLimits)))),
            PlanFileFormat.Doc or PlanFileFormat.Wps => ParseContent(fileName, options, await ReadContentAsync(fileName, () => new OfficeConverter(tools.Office).ReadTextDocumentAsync(bytes, fileName, "." + actual.ToString().ToLowerInvariant(), zipLimits, cancellationToken))),
            PlanFileFormat.Et => ParseContent(fileName, options, await ReadContentAsync(fileName, () => new OfficeConverter(tools.Office).ReadSpreadsheetAsync(bytes, fileName, ".et", zipLimits, cancellationToken))),
            PlanFileFormat.Image => ScanReader.MarkRecognized(ParseContent(fileName, options, await ReadContentAsync(fileName, () => new ScanReader(tools.Ocr).ReadImageAsync(bytes, fileName, cancellationToken)))),
            PlanFileFormat.Auto => throw new InvalidOperationException("Detect returns a concrete format."),
        };
        return new PlanDocument(fileName, actual, Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.LongLength, plan);
    }

    /// <summary>Decides the format from the file's first bytes, which a renamed file cannot fake.</summary>
    public static PlanFileFormat Detect(ReadOnlySpan<byte> bytes, string fileName, ZipLimits? zipLimits = null)
    {
        if (bytes.StartsWith("%PDF-"u8))
        {
            return PlanFileFormat.Pdf;
        }

        if (bytes.StartsWith("PK\u0003\u0004"u8))
        {
            return DetectOfficeZip(bytes.ToArray(), fileName, zipLimits);
        }

        if (bytes.StartsWith(s_oleSignature))
        {
            return DetectCompoundFile(bytes, fileName);
        }

        if (ImageFile.IsImage(bytes))
        {
            return PlanFileFormat.Image;
        }

        if (LooksBinary(bytes))
        {
            throw new PlanImportException(fileName, null, Localization.CoreText.Get("Import_NotADocument"));
        }

        return PlanFileFormat.Text;
    }

    private static PlanFileFormat DetectOfficeZip(byte[] bytes, string fileName, ZipLimits? zipLimits)
    {
        try
        {
            using var zip = BoundedZip.Open(new MemoryStream(bytes, writable: false), fileName, zipLimits);
            if (zip.Contains("word/document.xml"))
            {
                return PlanFileFormat.Docx;
            }

            if (zip.Contains("xl/workbook.xml"))
            {
                return PlanFileFormat.Xlsx;
            }

            // GB/T 33190: the package's entry point is OFD.xml at its root.
            if (zip.EntryNames.Any(name => name.Equals("OFD.xml", StringComparison.OrdinalIgnoreCase)))
            {
                return PlanFileFormat.Ofd;
            }
        }
        catch (InvalidDataException ex)
        {
            throw new PlanImportException(fileName, null, Localization.CoreText.Get("Import_DamagedZip", ex.Message));
        }
        catch (DocumentReadException ex)
        {
            throw new PlanImportException(fileName, null, WithoutFileName(fileName, ex), ex);
        }

        throw new PlanImportException(fileName, null, Localization.CoreText.Get("Import_ZipNotOffice"));
    }

    /// <summary>An OLE compound file by the streams it holds; a .wps or .et by its name when its streams do not tell.</summary>
    private static PlanFileFormat DetectCompoundFile(ReadOnlySpan<byte> bytes, string fileName)
    {
        bool Named(string extension) => fileName.EndsWith(extension, StringComparison.OrdinalIgnoreCase);
        return CompoundFile.Kind(bytes) switch
        {
            CompoundFileKind.Encrypted => throw new PlanImportException(fileName, null, Localization.CoreText.Get("Legacy_Encrypted")),
            CompoundFileKind.Word => Named(".wps") ? PlanFileFormat.Wps : PlanFileFormat.Doc,
            CompoundFileKind.Workbook => Named(".et") ? PlanFileFormat.Et : PlanFileFormat.Xlsx,
            _ when Named(".wps") => PlanFileFormat.Wps,
            _ when Named(".et") => PlanFileFormat.Et,
            _ => throw new PlanImportException(fileName, null, Localization.CoreText.Get("Legacy_UnknownCompound")),
        };
    }

    private static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        var sample = bytes[..Math.Min(bytes.Length, 8192)];
        var control = 0;
        foreach (var b in sample)
        {
            if (b == 0)
            {
                return true;
            }

            if (b < 0x09 || b is > 0x0D and < 0x20)
            {
                control++;
            }
        }

        return control > sample.Length / 20;
    }

    private static void CheckSize(string fileName, long length, long maxBytes)
    {
        if (length > maxBytes)
        {
            throw new PlanImportException(fileName, null, Localization.CoreText.Get("Import_TooLarge", (length / 1024.0 / 1024.0).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture), (maxBytes / 1024.0 / 1024.0).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    private static ParsedPlan ParseText(byte[] bytes, string fileName, PlanParseOptions options)
    {
        try
        {
            return PlanTextParser.Parse(bytes, options);
        }
        catch (PlanParseException ex)
        {
            var where = ex.Line >= 1 ? Localization.CoreText.Get("Location_Line", ex.Line) : null;
            if (ex.Column is not null)
            {
                where = where is null ? Localization.CoreText.Get("Location_Column", ex.Column) : Localization.CoreText.Get("Location_LineColumn", ex.Line, ex.Column);
            }

            throw new PlanImportException(fileName, where, ex.Reason, ex);
        }
    }

    private static async Task<DocumentContent> ReadContentAsync(string fileName, Func<Task<DocumentContent>> read)
    {
        try
        {
            return await read();
        }
        catch (DocumentReadException ex)
        {
            throw new PlanImportException(fileName, null, WithoutFileName(fileName, ex), ex);
        }
    }

    /// <summary>A reader's message starts with the file name, which the import exception adds itself.</summary>
    private static string WithoutFileName(string fileName, DocumentReadException ex)
    {
        // "x.pdf: …", "x.pdf：…" or "x.pdf is damaged…": the import message puts "x.pdf: " in front of the rest once.
        foreach (var separator in (string[])[": ", "：", " "])
        {
            if (ex.Message.StartsWith(fileName + separator, StringComparison.Ordinal))
            {
                return ex.Message[(fileName.Length + separator.Length)..];
            }
        }

        return ex.Message;
    }

    /// <summary>A PDF read for its text, or, when its pages are scans, by OCR (<see cref="ScanReader.ReadPdfAsync"/>), the plan then marked for checking.</summary>
    private static async Task<ParsedPlan> ReadPdfAsync(byte[] bytes, string fileName, PlanParseOptions options, long maxBytes, PlanReaderTools tools, CancellationToken cancellationToken)
    {
        var byOcr = false;
        var content = await ReadContentAsync(fileName, async () =>
        {
            var (read, recognized) = await new ScanReader(tools.Ocr).ReadPdfAsync(bytes, fileName, new PdfReaderOptions { MaxFileBytes = maxBytes }, cancellationToken);
            byOcr = recognized;
            return read;
        });
        var plan = ParseContent(fileName, options, content);
        return byOcr ? ScanReader.MarkRecognized(plan) : plan;
    }

    private static ParsedPlan ParseContent(string fileName, PlanParseOptions options, DocumentContent content)
    {
        var locations = new List<string>();
        var text = content.ToTabSeparatedText(locations);
        try
        {
            return PlanTextParser.Parse(text, options);
        }
        catch (PlanParseException ex)
        {
            // The parser counts lines of the rendered text; name the table row or paragraph they came from.
            var where = ex.Line >= 1 && ex.Line <= locations.Count ? locations[ex.Line - 1] : null;
            if (where is not null && ex.Column is not null)
            {
                where = Localization.CoreText.Get("Location_Join", where, Localization.CoreText.Get("Location_Column", ex.Column));
            }

            throw new PlanImportException(fileName, where, ex.Reason, ex);
        }
    }
}

/// <summary>A plan document that cannot be imported, with where and why; nothing has been stored.</summary>
public sealed class PlanImportException : Exception
{
    public PlanImportException(string fileName, string? location, string reason, Exception? innerException = null)
        : base(location is null ? $"{fileName}: {reason}" : $"{fileName}: {location}: {reason}", innerException)
    {
        FileName = fileName;
        Location = location;
        Reason = reason;
    }

    public PlanImportException() : this("", null, "") { }
    public PlanImportException(string message) : this("", null, message) { }
    public PlanImportException(string message, Exception innerException) : this("", null, message, innerException) { }

    public string FileName { get; } = "";
    public string? Location { get; }
    public string Reason { get; } = "";
}
