using System.Globalization;
using System.Xml;
using EcoPlan.Core.Import.Documents;

namespace EcoPlan.Benchmarks;

/// <summary>
/// The peer's ruling lines (<see cref="PopplerPdfReader"/>): the straight lines of each page in the SVG that
/// poppler's `pdftocairo -svg` writes: stroked straight segments, and thin filled rectangles (how some writers draw borders). Glyph
/// outlines (inside &lt;defs&gt;) and curves are ignored.
/// </summary>
internal static class PopplerSvgRulings
{
    private const double MinimumLength = 5;
    private const double MaximumThickness = 3;

    public static List<List<PdfRuling>> Parse(Stream svg)
    {
        // Streamed: pdftocairo writes every glyph outline into <defs>, most of the file, which is skipped unread.
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, IgnoreComments = true, IgnoreWhitespace = true };
        using var reader = XmlReader.Create(svg, settings);
        var pages = new List<List<PdfRuling>>();
        List<PdfRuling>? current = null;
        var transforms = new Stack<(int Depth, Matrix Matrix)>();
        transforms.Push((-1, Matrix.Identity));
        var read = reader.Read();
        while (read)
        {
            if (reader.NodeType == XmlNodeType.EndElement)
            {
                if (transforms.Peek().Depth == reader.Depth)
                {
                    transforms.Pop();
                }

                read = reader.Read();
                continue;
            }

            if (reader.NodeType != XmlNodeType.Element)
            {
                read = reader.Read();
                continue;
            }

            var name = reader.LocalName;
            if (name is "defs" or "symbol" or "clipPath" or "mask" or "pattern")
            {
                reader.Skip();
                read = !reader.EOF;
                continue;
            }

            if (name == "page")
            {
                current = [];
                pages.Add(current);
            }

            var matrix = transforms.Peek().Matrix;
            var transform = reader.GetAttribute("transform");
            var drawable = true;
            if (transform is not null)
            {
                drawable = Matrix.TryParse(transform, out var local);
                matrix = matrix.Then(local);
            }

            if (name == "path" && drawable)
            {
                if (current is null)
                {
                    current = [];
                    pages.Add(current);
                }

                AddRulings(reader.GetAttribute("style") ?? "", reader.GetAttribute("d") ?? "", matrix, current);
            }

            if (!reader.IsEmptyElement && transform is not null)
            {
                transforms.Push((reader.Depth, matrix));
            }

            read = reader.Read();
        }

        return pages;
    }

    private static void AddRulings(string style, string data, Matrix matrix, List<PdfRuling> rulings)
    {
        var stroked = style.Contains("stroke:", StringComparison.Ordinal) && !style.Contains("stroke:none", StringComparison.Ordinal);
        var filled = !style.Contains("fill:none", StringComparison.Ordinal);
        if (!TryParsePolyline(data, out var points))
        {
            return;
        }

        var mapped = points.Select(p => matrix.Apply(p)).ToList();
        if (stroked)
        {
            for (var i = 1; i < mapped.Count; i++)
            {
                AddSegment(mapped[i - 1], mapped[i], rulings);
            }
        }
        else if (filled && mapped.Count >= 4)
        {
            // A thin axis-aligned filled rectangle is a border line.
            var xMin = mapped.Min(p => p.X);
            var xMax = mapped.Max(p => p.X);
            var yMin = mapped.Min(p => p.Y);
            var yMax = mapped.Max(p => p.Y);
            if (yMax - yMin <= MaximumThickness && xMax - xMin >= MinimumLength)
            {
                rulings.Add(new PdfRuling((yMin + yMax) / 2, xMin, xMax, Horizontal: true));
            }
            else if (xMax - xMin <= MaximumThickness && yMax - yMin >= MinimumLength)
            {
                rulings.Add(new PdfRuling((xMin + xMax) / 2, yMin, yMax, Horizontal: false));
            }
        }
    }

    private static void AddSegment((double X, double Y) a, (double X, double Y) b, List<PdfRuling> rulings)
    {
        if (Math.Abs(a.Y - b.Y) < 0.5 && Math.Abs(a.X - b.X) >= MinimumLength)
        {
            rulings.Add(new PdfRuling((a.Y + b.Y) / 2, Math.Min(a.X, b.X), Math.Max(a.X, b.X), Horizontal: true));
        }
        else if (Math.Abs(a.X - b.X) < 0.5 && Math.Abs(a.Y - b.Y) >= MinimumLength)
        {
            rulings.Add(new PdfRuling((a.X + b.X) / 2, Math.Min(a.Y, b.Y), Math.Max(a.Y, b.Y), Horizontal: false));
        }
    }

    /// <summary>Points of a path made only of M, L, H, V and Z commands (absolute); false for anything else.</summary>
    private static bool TryParsePolyline(string data, out List<(double X, double Y)> points)
    {
        points = [];
        var tokens = data.Split([' ', ',', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var i = 0;
        (double X, double Y) current = default;
        while (i < tokens.Length)
        {
            var command = tokens[i++];
            switch (command)
            {
                case "M" or "L" when i + 1 < tokens.Length && TryNumber(tokens[i], out var x) && TryNumber(tokens[i + 1], out var y):
                    current = (x, y);
                    points.Add(current);
                    i += 2;
                    break;
                case "H" when i < tokens.Length && TryNumber(tokens[i], out var h):
                    current = (h, current.Y);
                    points.Add(current);
                    i++;
                    break;
                case "V" when i < tokens.Length && TryNumber(tokens[i], out var v):
                    current = (current.X, v);
                    points.Add(current);
                    i++;
                    break;
                case "Z" or "z":
                    if (points.Count > 0)
                    {
                        points.Add(points[0]);
                    }

                    break;
                default:
                    return false;
            }
        }

        return points.Count >= 2;
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>An SVG affine transform: x' = a x + c y + e, y' = b x + d y + f.</summary>
    private readonly record struct Matrix(double A, double B, double C, double D, double E, double F)
    {
        public static Matrix Identity => new(1, 0, 0, 1, 0, 0);

        public (double X, double Y) Apply((double X, double Y) p) => ((A * p.X) + (C * p.Y) + E, (B * p.X) + (D * p.Y) + F);

        /// <summary>This transform applied after <paramref name="inner"/>.</summary>
        public Matrix Then(Matrix inner) => new(
            (A * inner.A) + (C * inner.B),
            (B * inner.A) + (D * inner.B),
            (A * inner.C) + (C * inner.D),
            (B * inner.C) + (D * inner.D),
            (A * inner.E) + (C * inner.F) + E,
            (B * inner.E) + (D * inner.F) + F);

        public static bool TryParse(string text, out Matrix matrix)
        {
            matrix = Identity;
            var open = text.IndexOf('(', StringComparison.Ordinal);
            var close = text.IndexOf(')', StringComparison.Ordinal);
            if (open < 0 || close < open)
            {
                return false;
            }

            var name = text[..open].Trim();
            var values = text[(open + 1)..close]
                .Split([' ', ','], StringSplitOptions.RemoveEmptyEntries)
                .Select(v => TryNumber(v, out var n) ? n : double.NaN)
                .ToArray();
            if (values.Any(double.IsNaN) || text[(close + 1)..].Trim().Length > 0)
            {
                return false;
            }

            matrix = (name, values.Length) switch
            {
                ("matrix", 6) => new Matrix(values[0], values[1], values[2], values[3], values[4], values[5]),
                ("translate", 1) => new Matrix(1, 0, 0, 1, values[0], 0),
                ("translate", 2) => new Matrix(1, 0, 0, 1, values[0], values[1]),
                ("scale", 1) => new Matrix(values[0], 0, 0, values[0], 0, 0),
                ("scale", 2) => new Matrix(values[0], 0, 0, values[1], 0, 0),
                _ => new Matrix(double.NaN, 0, 0, 0, 0, 0),
            };
            return !double.IsNaN(matrix.A);
        }
    }
}
