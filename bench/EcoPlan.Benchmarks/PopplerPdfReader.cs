using System.Diagnostics;
using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using EcoPlan.Core.Import.Documents;

namespace EcoPlan.Benchmarks;

/// <summary>
/// The PDF reader as it was before PdfPig (main until the sixth benchmark round), kept here only as the peer the
/// in-process reader is measured against: poppler's `pdftotext -bbox-layout` (words) and `pdftocairo -svg`
/// (ruling lines) run as two processes at once, then the same <see cref="PdfTableBuilder"/>. Needs poppler-utils.
/// </summary>
internal static class PopplerPdfReader
{
    public static DocumentContent Read(string path)
    {
        var rulings = Task.Run(() => PopplerSvgRulings.Parse(new MemoryStream(Run("pdftocairo", "-svg", path, "-"), writable: false)));
        var pages = ParseBboxLayout(Run("pdftotext", "-bbox-layout", "-enc", "UTF-8", path, "-"));
        var lines = rulings.GetAwaiter().GetResult();
        return PdfTableBuilder.Build(Path.GetFileName(path), [.. pages.Select((p, i) => p with { Rulings = lines[i], RulingsKnown = true })]);
    }

    /// <summary>Pages of words from pdftotext's -bbox-layout XHTML.</summary>
    public static List<PdfPageLayout> ParseBboxLayout(byte[] xhtml)
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
                .Select(w => new PdfWord(w.Value.Trim(), Number(w, "xMin"), Number(w, "yMin"), Number(w, "xMax"), Number(w, "yMax")))
                .Where(w => w.Text.Length > 0)
                .ToList();
            pages.Add(new PdfPageLayout(pages.Count + 1, Number(page, "width"), Number(page, "height"), words, [], RulingsKnown: false));
        }

        return pages;
    }

    public static byte[] Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        using var output = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        return process.ExitCode == 0 ? output.ToArray() : throw new InvalidOperationException($"{tool} failed ({process.ExitCode}).");
    }

    private static double Number(XElement element, string attribute) =>
        double.Parse((string?)element.Attribute(attribute) ?? throw new FormatException($"<{element.Name.LocalName}> has no {attribute}."), NumberStyles.Float, CultureInfo.InvariantCulture);
}
