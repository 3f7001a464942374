using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;

namespace EcoPlan.Core.Import.Documents;

/// <summary>
/// The straight ruling lines (table borders) of a page, from the paths it draws: stroked straight segments,
/// and thin filled rectangles (how some writers draw borders). Curves, clipping paths and fills that are
/// not thin (cell shading) are ignored. Segments of one line drawn in pieces (a border per cell) are merged.
/// </summary>
internal static class PdfRulingReader
{
    private const double MinimumLength = 5;
    private const double MaximumThickness = 3;

    // Two segments of one line: this close across it, and overlapping or at most this far apart along it.
    private const double SameLine = 0.5;
    private const double Joinable = 1;

    /// <summary>The page's rulings, in points from its top left like <see cref="PdfWord"/>.</summary>
    public static List<PdfRuling> Read(Page page)
    {
        var height = page.Height;
        var segments = new List<PdfRuling>();
        foreach (var path in page.Paths)
        {
            if (!path.IsStroked && !path.IsFilled)
            {
                continue;
            }

            foreach (var subpath in path)
            {
                if (path.IsStroked)
                {
                    AddStroked(subpath, height, segments);
                }
                else
                {
                    AddThinFill(subpath, height, segments);
                }
            }
        }

        return Merge(segments);
    }

    private static void AddStroked(PdfSubpath subpath, double height, List<PdfRuling> segments)
    {
        PdfPoint? start = null;
        PdfPoint? current = null;
        foreach (var command in subpath.Commands)
        {
            switch (command)
            {
                case PdfSubpath.Move move:
                    start = current = move.Location;
                    break;
                case PdfSubpath.Line line:
                    AddSegment(line.From, line.To, height, segments);
                    start ??= line.From;
                    current = line.To;
                    break;
                case PdfSubpath.BezierCurve curve:
                    // A curve is not a border; the path goes on from its end.
                    current = curve.EndPoint;
                    break;
                case PdfSubpath.Close when start is { } first && current is { } last:
                    AddSegment(last, first, height, segments);
                    current = first;
                    break;
                default:
                    break;
            }
        }
    }

    private static void AddSegment(PdfPoint a, PdfPoint b, double height, List<PdfRuling> segments)
    {
        if (Math.Abs(a.Y - b.Y) < SameLine && Math.Abs(a.X - b.X) >= MinimumLength)
        {
            segments.Add(new PdfRuling(height - ((a.Y + b.Y) / 2), Math.Min(a.X, b.X), Math.Max(a.X, b.X), Horizontal: true));
        }
        else if (Math.Abs(a.X - b.X) < SameLine && Math.Abs(a.Y - b.Y) >= MinimumLength)
        {
            segments.Add(new PdfRuling((a.X + b.X) / 2, height - Math.Max(a.Y, b.Y), height - Math.Min(a.Y, b.Y), Horizontal: false));
        }
    }

    /// <summary>A filled subpath made of straight lines only, as thin as a border and long enough, is one.</summary>
    private static void AddThinFill(PdfSubpath subpath, double height, List<PdfRuling> segments)
    {
        if (subpath.Commands.Any(c => c is PdfSubpath.BezierCurve) || subpath.GetBoundingRectangle() is not { } box)
        {
            return;
        }

        if (box.Height <= MaximumThickness && box.Width >= MinimumLength)
        {
            segments.Add(new PdfRuling(height - ((box.Bottom + box.Top) / 2), box.Left, box.Right, Horizontal: true));
        }
        else if (box.Width <= MaximumThickness && box.Height >= MinimumLength)
        {
            segments.Add(new PdfRuling((box.Left + box.Right) / 2, height - box.Top, height - box.Bottom, Horizontal: false));
        }
    }

    /// <summary>Collinear segments that overlap or nearly touch become one ruling.</summary>
    private static List<PdfRuling> Merge(List<PdfRuling> segments)
    {
        var merged = new List<PdfRuling>(segments.Count);
        foreach (var orientation in segments.GroupBy(s => s.Horizontal))
        {
            var sorted = orientation.OrderBy(s => s.Position).ToList();
            var first = 0;
            while (first < sorted.Count)
            {
                // One line: positions within SameLine of its first segment; along it, intervals joined in order.
                var end = first;
                while (end < sorted.Count && sorted[end].Position - sorted[first].Position <= SameLine)
                {
                    end++;
                }

                PdfRuling? current = null;
                foreach (var segment in sorted[first..end].OrderBy(s => s.From))
                {
                    if (current is not null && segment.From <= current.To + Joinable)
                    {
                        current = current with { To = Math.Max(current.To, segment.To) };
                        continue;
                    }

                    if (current is not null)
                    {
                        merged.Add(current);
                    }

                    current = segment;
                }

                merged.Add(current!);
                first = end;
            }
        }

        return merged;
    }
}
