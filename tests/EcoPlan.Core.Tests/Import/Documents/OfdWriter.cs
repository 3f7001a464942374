using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Graphics;

namespace EcoPlan.Core.Tests.Import.Documents;

/// <summary>How <see cref="OfdWriter"/> writes text: the shapes OFD writers produce.</summary>
public enum OfdTextStyle
{
    /// <summary>A text object per run of one font on one baseline, glyph advances in DeltaX (with `g` repeats), spaces left out as gaps.</summary>
    Runs,

    /// <summary>As <see cref="Runs"/>, at Size 1 with the font size in the object's CTM.</summary>
    ScaledRuns,

    /// <summary>A text object per glyph.</summary>
    Glyphs,
}

/// <summary>
/// Writes OFD packages (GB/T 33190-2016) for the reader tests: a PDF's pages again as OFD pages (every
/// letter PdfPig reads becomes text, every stroked or filled path a path object, PDF points from the bottom
/// left becoming millimetres from the top left), or a package from page contents given as XML.
/// </summary>
internal static class OfdWriter
{
    public static readonly XNamespace Ns = "http://www.ofdspec.org/2016";

    private const double MillimetresPerPoint = 25.4 / 72;

    /// <summary>The pages of <paramref name="pdfPath"/> as an OFD package.</summary>
    public static byte[] FromPdf(string pdfPath, OfdTextStyle style) => Zip(PartsFromPdf(pdfPath, style));

    public static Dictionary<string, string> PartsFromPdf(string pdfPath, OfdTextStyle style)
    {
        using var pdf = PdfDocument.Open(pdfPath);
        var ids = new Ids();
        var fonts = new Dictionary<string, int>(StringComparer.Ordinal);
        var pages = new List<XElement>();
        double width = 210, height = 297;
        foreach (var page in pdf.GetPages())
        {
            width = page.Width * MillimetresPerPoint;
            height = page.Height * MillimetresPerPoint;
            var layer = new XElement(Ns + "Layer", new XAttribute("ID", ids.Next()), new XAttribute("Type", "Body"));
            foreach (var path in page.Paths.Where(p => !p.IsClipping && (p.IsStroked || p.IsFilled)))
            {
                layer.Add(PathObject(path, page.Height, ids));
            }

            foreach (var run in Runs(page.Letters, style))
            {
                var font = fonts.TryGetValue(FontName(run[0]), out var known) ? known : fonts[FontName(run[0])] = ids.Next();
                layer.Add(TextObject(run, font, page.Height, style, ids));
            }

            pages.Add(new XElement(Ns + "Content", layer));
        }

        return Parts(pages, width, height, fonts, ids);
    }

    /// <summary>A whole package around page contents (each an ofd:Content element), the pages A4 unless given.</summary>
    public static Dictionary<string, string> Parts(IReadOnlyList<XElement> contents, double width = 210, double height = 297)
    {
        var ids = new Ids();
        return Parts(contents, width, height, new Dictionary<string, int> { ["SimSun"] = ids.Next() }, ids);
    }

    /// <summary>A text object of one line in a font of <paramref name="size"/> mm, glyphs <paramref name="size"/> apart, at (x, y) mm from the page's top left.</summary>
    public static XElement Text(string text, double x, double y, double size = 3.7) =>
        new(Ns + "TextObject",
            new XAttribute("ID", 900),
            new XAttribute("Boundary", Numbers(x, y - size, (text.Length + 1) * size, size * 1.4)),
            new XAttribute("Font", 1),
            new XAttribute("Size", Number(size)),
            new XElement(Ns + "TextCode", new XAttribute("X", 0), new XAttribute("Y", Number(size)), new XAttribute("DeltaX", DeltaX(Enumerable.Repeat(size, text.Length - 1).ToList())), text));

    public static byte[] Zip(IReadOnlyDictionary<string, string> parts)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in parts)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
                entry.Write(Encoding.UTF8.GetBytes(content));
            }
        }

        return buffer.ToArray();
    }

    private static Dictionary<string, string> Parts(IReadOnlyList<XElement> contents, double width, double height, Dictionary<string, int> fonts, Ids ids)
    {
        var parts = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["OFD.xml"] = Xml(new XElement(Ns + "OFD",
                new XAttribute(XNamespace.Xmlns + "ofd", Ns),
                new XAttribute("Version", "1.0"),
                new XAttribute("DocType", "OFD"),
                new XElement(Ns + "DocBody",
                    new XElement(Ns + "DocInfo",
                        new XElement(Ns + "DocID", "6f0d5c1e2a7b4c3d9e8f1a2b3c4d5e6f"),
                        new XElement(Ns + "Title", "EcoPlan test plan"),
                        new XElement(Ns + "CreationDate", "2026-01-15"),
                        new XElement(Ns + "Creator", "EcoPlan tests")),
                    new XElement(Ns + "DocRoot", "Doc_0/Document.xml")))),
            ["Doc_0/PublicRes.xml"] = Xml(new XElement(Ns + "Res",
                new XAttribute(XNamespace.Xmlns + "ofd", Ns),
                new XAttribute("BaseLoc", "Res"),
                new XElement(Ns + "Fonts", fonts.Select(f => new XElement(Ns + "Font",
                    new XAttribute("ID", f.Value),
                    new XAttribute("FontName", f.Key),
                    new XAttribute("FamilyName", f.Key)))))),
            ["Doc_0/DocumentRes.xml"] = Xml(new XElement(Ns + "Res",
                new XAttribute(XNamespace.Xmlns + "ofd", Ns),
                new XAttribute("BaseLoc", "Res"))),
        };
        var pages = new XElement(Ns + "Pages");
        for (var i = 0; i < contents.Count; i++)
        {
            var location = $"Pages/Page_{i}/Content.xml";
            pages.Add(new XElement(Ns + "Page", new XAttribute("ID", ids.Next()), new XAttribute("BaseLoc", location)));
            parts[$"Doc_0/{location}"] = Xml(new XElement(Ns + "Page", new XAttribute(XNamespace.Xmlns + "ofd", Ns), contents[i]));
        }

        parts["Doc_0/Document.xml"] = Xml(new XElement(Ns + "Document",
            new XAttribute(XNamespace.Xmlns + "ofd", Ns),
            new XElement(Ns + "CommonData",
                new XElement(Ns + "MaxUnitID", ids.Next()),
                new XElement(Ns + "PageArea", new XElement(Ns + "PhysicalBox", Numbers(0, 0, width, height))),
                new XElement(Ns + "PublicRes", "PublicRes.xml"),
                new XElement(Ns + "DocumentRes", "DocumentRes.xml")),
            pages));
        return parts;
    }

    /// <summary>Letters in runs: one font and size on one baseline, each following the last; spaces end nothing but are not written.</summary>
    private static List<List<Letter>> Runs(IEnumerable<Letter> letters, OfdTextStyle style)
    {
        var runs = new List<List<Letter>>();
        Letter? previous = null;
        foreach (var letter in letters)
        {
            var printed = !string.IsNullOrWhiteSpace(letter.Value);
            var follows = previous is not null
                && style != OfdTextStyle.Glyphs
                && Math.Abs(letter.StartBaseLine.Y - previous.StartBaseLine.Y) < 0.01
                && FontName(letter) == FontName(previous)
                && Math.Abs(letter.PointSize - previous.PointSize) < 0.01
                && letter.StartBaseLine.X >= previous.EndBaseLine.X - 0.5
                && letter.StartBaseLine.X <= previous.EndBaseLine.X + letter.PointSize;
            if (!follows && printed)
            {
                runs.Add([]);
            }

            if (printed && runs.Count > 0)
            {
                runs[^1].Add(letter);
            }

            previous = follows || printed ? letter : null;
        }

        return runs;
    }

    private static XElement TextObject(List<Letter> run, int font, double pageHeight, OfdTextStyle style, Ids ids)
    {
        var size = run[0].PointSize * MillimetresPerPoint;
        var left = run[0].StartBaseLine.X * MillimetresPerPoint;
        var baseline = (pageHeight - run[0].StartBaseLine.Y) * MillimetresPerPoint;
        var right = run[^1].EndBaseLine.X * MillimetresPerPoint;
        var deltas = run.Zip(run.Skip(1), (a, b) => (b.StartBaseLine.X - a.StartBaseLine.X) * MillimetresPerPoint).ToList();
        var scale = style == OfdTextStyle.ScaledRuns ? size : 1;
        var code = new XElement(Ns + "TextCode",
            new XAttribute("X", 0),
            new XAttribute("Y", Number(size / scale)),
            string.Concat(run.Select(l => l.Value)));
        if (deltas.Count > 0)
        {
            code.Add(new XAttribute("DeltaX", DeltaX([.. deltas.Select(d => d / scale)])));
        }

        var text = new XElement(Ns + "TextObject",
            new XAttribute("ID", ids.Next()),
            new XAttribute("Boundary", Numbers(left, baseline - size, Math.Max(right - left, size), size * 1.4)),
            new XAttribute("Font", font),
            new XAttribute("Size", Number(size / scale)));
        if (style == OfdTextStyle.ScaledRuns)
        {
            text.Add(new XAttribute("CTM", Numbers(scale, 0, 0, scale, 0, 0)));
        }

        text.Add(new XElement(Ns + "FillColor", new XAttribute("Value", "0 0 0")), code);
        return text;
    }

    private static XElement PathObject(PdfPath path, double pageHeight, Ids ids)
    {
        (double X, double Y) Map(PdfPoint p) => (p.X * MillimetresPerPoint, (pageHeight - p.Y) * MillimetresPerPoint);
        var points = path.SelectMany(s => s.Commands).SelectMany(Points).Select(Map).ToList();
        var margin = path.LineWidth * MillimetresPerPoint;
        var x = points.Min(p => p.X) - margin;
        var y = points.Min(p => p.Y) - margin;
        string At(PdfPoint p) => Numbers(Map(p).X - x, Map(p).Y - y);
        var data = new List<string>();
        foreach (var command in path.SelectMany(s => s.Commands))
        {
            data.Add(command switch
            {
                PdfSubpath.Move move => "M " + At(move.Location),
                PdfSubpath.Line line => "L " + At(line.To),
                PdfSubpath.CubicBezierCurve cubic => $"B {At(cubic.FirstControlPoint)} {At(cubic.SecondControlPoint)} {At(cubic.EndPoint)}",
                PdfSubpath.QuadraticBezierCurve quadratic => $"Q {At(quadratic.ControlPoint)} {At(quadratic.EndPoint)}",
                PdfSubpath.Close => "C",
                _ => throw new InvalidOperationException($"Unknown path command {command.GetType().Name}."),
            });
        }

        var element = new XElement(Ns + "PathObject",
            new XAttribute("ID", ids.Next()),
            new XAttribute("Boundary", Numbers(x, y, points.Max(p => p.X) - x + margin, points.Max(p => p.Y) - y + margin)),
            new XAttribute("LineWidth", Number(Math.Max(path.LineWidth, 0.1) * MillimetresPerPoint)));
        if (!path.IsStroked)
        {
            element.Add(new XAttribute("Stroke", "false"));
        }

        if (path.IsFilled)
        {
            element.Add(new XAttribute("Fill", "true"), new XElement(Ns + "FillColor", new XAttribute("Value", "0 0 0")));
        }

        element.Add(new XElement(Ns + "StrokeColor", new XAttribute("Value", "0 0 0")), new XElement(Ns + "AbbreviatedData", string.Join(' ', data)));
        return element;
    }

    private static IEnumerable<PdfPoint> Points(PdfSubpath.IPathCommand command) => command switch
    {
        PdfSubpath.Move move => [move.Location],
        PdfSubpath.Line line => [line.From, line.To],
        PdfSubpath.BezierCurve curve => [curve.StartPoint, curve.EndPoint],
        _ => [],
    };

    /// <summary>Advances as OFD writes them: a run of equal values as `g N value`.</summary>
    private static string DeltaX(List<double> deltas)
    {
        var parts = new List<string>();
        var i = 0;
        while (i < deltas.Count)
        {
            var value = Number(deltas[i]);
            var end = i + 1;
            while (end < deltas.Count && Number(deltas[end]) == value)
            {
                end++;
            }

            parts.Add(end - i >= 2 ? $"g {end - i} {value}" : value);
            i = end;
        }

        return string.Join(' ', parts);
    }

    /// <summary>The font's name without the subset tag (`BAAAAA+NotoSansCJKjp-Bold`).</summary>
    private static string FontName(Letter letter)
    {
        var name = letter.FontName ?? "SimSun";
        return name[(name.IndexOf('+', StringComparison.Ordinal) + 1)..];
    }

    private static string Numbers(params double[] values) => string.Join(' ', values.Select(Number));

    private static string Number(double value) => Math.Round(value, 3).ToString("0.###", CultureInfo.InvariantCulture);

    private static string Xml(XElement root) => new XDeclaration("1.0", "UTF-8", null) + Environment.NewLine + root.ToString(SaveOptions.DisableFormatting);

    /// <summary>OFD object IDs, unique in a document.</summary>
    private sealed class Ids
    {
        private int _last;

        public int Next() => ++_last;
    }
}
