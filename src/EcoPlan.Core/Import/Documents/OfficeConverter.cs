namespace EcoPlan.Core.Import.Documents;

/// <summary>Where LibreOffice is and how long and how large its conversions may be.</summary>
public sealed record OfficeConverterOptions
{
    /// <summary>The soffice program (Debian: libreoffice-writer-nogui for text, libreoffice-calc-nogui for spreadsheets).</summary>
    public string Soffice { get; init; } = "soffice";

    /// <summary>How long one conversion may run before LibreOffice's whole process tree is killed.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>A converted file larger than this is refused (a crafted .doc must not become a huge .docx).</summary>
    public long MaxOutputBytes { get; init; } = 50L * 1024 * 1024;
}

/// <summary>
/// Reads the old binary formats (.doc, .wps; .et) by converting them with LibreOffice headless to .docx (.xlsx) and
/// reading that. Each conversion runs in its own temporary folder with its own LibreOffice profile (so conversions
/// can run side by side and never touch a user's profile), with an argument list and a timeout; the folder is
/// deleted afterwards.
/// </summary>
public sealed class OfficeConverter(OfficeConverterOptions options)
{
    public OfficeConverter()
        : this(new OfficeConverterOptions())
    {
    }

    /// <summary>A Word-like document (.doc, .wps) as the paragraphs and table rows of its .docx conversion.</summary>
    public async Task<DocumentContent> ReadTextDocumentAsync(byte[] bytes, string fileName, string extension, ZipLimits? zipLimits = null, CancellationToken cancellationToken = default)
    {
        var docx = await ConvertAsync(bytes, extension, "docx", "libreoffice-writer-nogui", cancellationToken).ConfigureAwait(false);
        return DocxDocumentReader.Read(new MemoryStream(docx, writable: false), fileName, zipLimits);
    }

    /// <summary>A spreadsheet (.et) as the rows of its .xlsx conversion (read under <paramref name="zipLimits"/>, as an uploaded .xlsx is).</summary>
    public async Task<DocumentContent> ReadSpreadsheetAsync(byte[] bytes, string fileName, string extension, ZipLimits? zipLimits = null, CancellationToken cancellationToken = default)
    {
        var xlsx = await ConvertAsync(bytes, extension, "xlsx", "libreoffice-calc-nogui", cancellationToken).ConfigureAwait(false);
        return XlsxDocumentReader.Read(new MemoryStream(xlsx, writable: false), fileName, zipLimits);
    }

    private async Task<byte[]> ConvertAsync(byte[] bytes, string extension, string target, string package, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var directory = Directory.CreateTempSubdirectory("ecoplan-office-");
        try
        {
            // The input keeps its extension: LibreOffice picks the import filter (WPS, ET) from it as well as from the bytes.
            var input = Path.Combine(directory.FullName, "document" + extension);
            await File.WriteAllBytesAsync(input, bytes, cancellationToken).ConfigureAwait(false);
            var output = Path.Combine(directory.FullName, "out");
            var profile = new Uri(Path.Combine(directory.FullName, "profile")).AbsoluteUri;
            ExternalToolResult? result;
            try
            {
                result = await ExternalTool.RunAsync(
                    options.Soffice,
                    [$"-env:UserInstallation={profile}", "--headless", "--norestore", "--nologo", "--convert-to", target, "--outdir", output, input],
                    options.Timeout,
                    maxOutputBytes: 1024 * 1024,
                    cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is TimeoutException or InvalidDataException)
            {
                throw new DocumentReadException(CoreText.Get("Legacy_Timeout", options.Timeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)), e);
            }

            if (result is null)
            {
                throw new DocumentReadException(CoreText.Get("Legacy_NeedsLibreOffice", extension, options.Soffice, package));
            }

            var converted = new FileInfo(Path.Combine(output, "document." + target));
            if (result.ExitCode != 0 || !converted.Exists)
            {
                var reason = ExternalTool.FirstLines(result.Error + " " + System.Text.Encoding.UTF8.GetString(result.Output));
                throw new DocumentReadException(CoreText.Get("Legacy_ConversionFailed", result.ExitCode, reason.Length > 0 ? reason : "—"));
            }

            if (converted.Length > options.MaxOutputBytes)
            {
                throw new DocumentReadException(CoreText.Get("Legacy_ConvertedTooLarge", converted.Length / 1024 / 1024, options.MaxOutputBytes / 1024 / 1024));
            }

            return await File.ReadAllBytesAsync(converted.FullName, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
