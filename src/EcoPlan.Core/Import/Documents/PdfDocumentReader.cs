using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace EcoPlan.Core.Import.Documents;

/// <summary>Limits and tools for <see cref="PdfDocumentReader"/>.</summary>
public sealed record PdfReaderOptions
{
    /// <summary>Files larger than this are refused before any tool runs.</summary>
    public long MaxFileBytes { get; init; } = 50L * 1024 * 1024;

    /// <summary>How long each poppler tool may run.</summary>
    public TimeSpan ToolTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The pdftotext program (Debian package poppler-utils).</summary>
    public string PdfToText { get; init; } = "pdftotext";

    /// <summary>The pdftocairo program (also poppler-utils), used to read table ruling lines; null to use gaps only.</summary>
    public string? PdfToCairo { get; init; } = "pdftocairo";
}

/// <summary>
/// Reads a PDF plan document with poppler's `pdftotext -bbox-layout` (every word with its box) and, where
/// available, `pdftocairo -svg` (the table's ruling lines), and rebuilds its paragraphs and table rows
/// (<see cref="PdfTableBuilder"/> describes how).
/// </summary>
public sealed class PdfDocumentReader(PdfReaderOptions options)
{
    private static string InstallHint => Localization.CoreText.Get("Pdf_InstallHint");

    public PdfDocumentReader()
        : this(new PdfReaderOptions())
    {
    }

    public async Task<DocumentContent> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = new FileInfo(path);
        var name = file.Name;
        if (!file.Exists)
        {
            throw new DocumentReadException(Localization.CoreText.Get("Pdf_NotExists", name));
        }

        if (file.Length > options.MaxFileBytes)
        {
            throw new DocumentReadException(Localization.CoreText.Get("Pdf_TooLarge", name, file.Length, options.MaxFileBytes));
        }

        await CheckEnvelopeAsync(file, cancellationToken).ConfigureAwait(false);

        // The two tools read the same file independently: pdftocairo (the slower) runs while pdftotext runs
        // and its words are read. When the text fails, or there is none, pdftocairo is stopped unheard.
        using var rulingsCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var rulingsTask = ReadRulingsAsync(file.FullName, name, rulingsCancellation.Token);
        try
        {
            var text = await RunToolAsync(options.PdfToText, ["-bbox-layout", "-enc", "UTF-8", file.FullName, "-"], name, cancellationToken)
                .ConfigureAwait(false);
            if (text.ExitCode != 0)
            {
                throw new DocumentReadException(DescribeFailure(name, text));
            }

            var pages = ParseBboxLayout(text.Output, name);
            if (pages.All(p => p.Words.Count == 0))
            {
                throw new DocumentReadException(Localization.CoreText.Get("Pdf_NoTextLayer", name, pages.Count));
            }

            var rulings = await rulingsTask.ConfigureAwait(false);
            if (rulings is not null && rulings.Count == pages.Count)
            {
                pages = [.. pages.Select((p, i) => p with { Rulings = rulings[i], RulingsKnown = true })];
            }

            return PdfTableBuilder.Build(name, pages);
        }
        finally
        {
            if (!rulingsTask.IsCompleted)
            {
                await rulingsCancellation.CancelAsync().ConfigureAwait(false);
                try
                {
                    await rulingsTask.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Stopped because the text could not be read; that error is the one to report.
                }
            }
        }
    }

    /// <summary>Parses pdftotext's -bbox-layout XHTML into pages of words.</summary>
    internal static List<PdfPageLayout> ParseBboxLayout(byte[] xhtml, string name)
    {
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
            using var stream = new MemoryStream(xhtml);
            using var reader = XmlReader.Create(stream, settings);
            var document = XDocument.Load(reader);
            var pages = new List<PdfPageLayout>();
            foreach (var page in document.Descendants().Where(e => e.Name.LocalName == "page"))
            {
                var words = page.Descendants()
                    .Where(e => e.Name.LocalName == "word")
                    .Select(w => new PdfWord(
                        w.Value.Trim(),
                        Number(w, "xMin"),
                        Number(w, "yMin"),
                        Number(w, "xMax"),
                        Number(w, "yMax")))
                    .Where(w => w.Text.Length > 0)
                    .ToList();
                pages.Add(new PdfPageLayout(pages.Count + 1, Number(page, "width"), Number(page, "height"), words, [], RulingsKnown: false));
            }

            return pages;
        }
        catch (Exception e) when (e is XmlException or FormatException)
        {
            throw new DocumentReadException(Localization.CoreText.Get("Pdf_OutputUnreadable", name, e.Message), e);
        }
    }

    private static double Number(XElement element, string attribute) =>
        double.Parse((string?)element.Attribute(attribute) ?? throw new FormatException($"<{element.Name.LocalName}> has no {attribute}."), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>
    /// A PDF starts with `%PDF-` (within its first KiB) and ends with `%%EOF` (within its last KiB); a file
    /// without them is not a PDF or was cut short, and pdftotext might otherwise half-read it.
    /// </summary>
    private static async Task CheckEnvelopeAsync(FileInfo file, CancellationToken cancellationToken)
    {
        const int Window = 1024;
        var stream = file.OpenRead();
        await using (stream.ConfigureAwait(false))
        {
            var head = new byte[(int)Math.Min(Window, file.Length)];
            await stream.ReadExactlyAsync(head, cancellationToken).ConfigureAwait(false);
            if (head.AsSpan().IndexOf("%PDF-"u8) < 0)
            {
                throw new DocumentReadException(Localization.CoreText.Get("Pdf_NotPdf", file.Name));
            }

            var tailLength = (int)Math.Min(Window, file.Length);
            stream.Seek(-tailLength, SeekOrigin.End);
            var tail = new byte[tailLength];
            await stream.ReadExactlyAsync(tail, cancellationToken).ConfigureAwait(false);
            if (tail.AsSpan().IndexOf("%%EOF"u8) < 0)
            {
                throw new DocumentReadException(Localization.CoreText.Get("Pdf_Truncated", file.Name));
            }
        }
    }

    private static string DescribeFailure(string name, ToolResult result)
    {
        var error = result.Error.Trim();
        if (error.Contains("password", StringComparison.OrdinalIgnoreCase) || error.Contains("encrypt", StringComparison.OrdinalIgnoreCase))
        {
            return Localization.CoreText.Get("Pdf_Encrypted", name, FirstLines(error));
        }

        if (result.ExitCode == 3)
        {
            return Localization.CoreText.Get("Pdf_NoCopy", name, FirstLines(error));
        }

        return Localization.CoreText.Get("Pdf_Unreadable", name, result.ExitCode, error.Length > 0 ? FirstLines(error) : Localization.CoreText.Get("Pdf_NoReason"));
    }

    private static string FirstLines(string text) =>
        string.Join(" ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(3));

    /// <summary>The ruling lines of every page, or null when pdftocairo is missing or fails (gaps are used then).</summary>
    private async Task<List<List<PdfRuling>>?> ReadRulingsAsync(string path, string name, CancellationToken cancellationToken)
    {
        if (options.PdfToCairo is null)
        {
            return null;
        }

        ToolResult result;
        try
        {
            result = await RunToolAsync(options.PdfToCairo, ["-svg", path, "-"], name, cancellationToken).ConfigureAwait(false);
        }
        catch (DocumentReadException)
        {
            return null;
        }

        if (result.ExitCode != 0)
        {
            return null;
        }

        try
        {
            using var stream = new MemoryStream(result.Output);
            return PdfRulingReader.Parse(stream);
        }
        catch (Exception e) when (e is XmlException or FormatException)
        {
            return null;
        }
    }

    private sealed record ToolResult(int ExitCode, byte[] Output, string Error);

    /// <summary>Runs a poppler tool with an argument list (no shell) and the configured timeout.</summary>
    private async Task<ToolResult> RunToolAsync(string tool, IEnumerable<string> arguments, string name, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new DocumentReadException(Localization.CoreText.Get("Pdf_ToolDidNotStart", tool, InstallHint));
        }
        catch (Win32Exception e)
        {
            throw new DocumentReadException(Localization.CoreText.Get("Pdf_ToolMissing", tool, InstallHint), e);
        }

        using (process)
        {
            process.StandardInput.Close();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.ToolTimeout);
            using var output = new MemoryStream();
            var copy = process.StandardOutput.BaseStream.CopyToAsync(output, timeout.Token);
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await Task.WhenAll(copy, error, process.WaitForExitAsync(timeout.Token)).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                cancellationToken.ThrowIfCancellationRequested();
                throw new DocumentReadException(Localization.CoreText.Get("Pdf_ToolTimeout", name, tool, options.ToolTimeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)));
            }

            return new ToolResult(process.ExitCode, output.ToArray(), await error.ConfigureAwait(false));
        }
    }
}
