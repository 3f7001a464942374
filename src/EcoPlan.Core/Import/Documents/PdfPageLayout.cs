namespace EcoPlan.Core.Import.Documents;

/// <summary>A word as <see cref="PdfWordReader"/> found it, in points from the top left of its page.</summary>
internal sealed record PdfWord(string Text, double XMin, double YMin, double XMax, double YMax)
{
    public double XCentre => (XMin + XMax) / 2;

    public double YCentre => (YMin + YMax) / 2;

    public double Height => YMax - YMin;
}

/// <summary>A straight ruling line of a page (a table border), in the same coordinates as the words.</summary>
internal sealed record PdfRuling(double Position, double From, double To, bool Horizontal)
{
    /// <summary>Shorter lines are glyph strokes or bullets, not table borders.</summary>
    private const double MinimumLength = 5;

    private const double MaximumThickness = 3;

    /// <summary>The ruling a stroked straight segment draws: a long enough horizontal or vertical one.</summary>
    public static PdfRuling? FromSegment((double X, double Y) a, (double X, double Y) b)
    {
        if (Math.Abs(a.Y - b.Y) < 0.5 && Math.Abs(a.X - b.X) >= MinimumLength)
        {
            return new PdfRuling((a.Y + b.Y) / 2, Math.Min(a.X, b.X), Math.Max(a.X, b.X), Horizontal: true);
        }

        if (Math.Abs(a.X - b.X) < 0.5 && Math.Abs(a.Y - b.Y) >= MinimumLength)
        {
            return new PdfRuling((a.X + b.X) / 2, Math.Min(a.Y, b.Y), Math.Max(a.Y, b.Y), Horizontal: false);
        }

        return null;
    }

    /// <summary>The ruling a filled polygon draws when it is a thin axis-aligned rectangle (how some writers draw borders).</summary>
    public static PdfRuling? FromThinRectangle(IReadOnlyCollection<(double X, double Y)> corners)
    {
        if (corners.Count < 4)
        {
            return null;
        }

        var xMin = corners.Min(p => p.X);
        var xMax = corners.Max(p => p.X);
        var yMin = corners.Min(p => p.Y);
        var yMax = corners.Max(p => p.Y);
        if (yMax - yMin <= MaximumThickness && xMax - xMin >= MinimumLength)
        {
            return new PdfRuling((yMin + yMax) / 2, xMin, xMax, Horizontal: true);
        }

        if (xMax - xMin <= MaximumThickness && yMax - yMin >= MinimumLength)
        {
            return new PdfRuling((xMin + xMax) / 2, yMin, yMax, Horizontal: false);
        }

        return null;
    }
}

/// <summary>One page: its words, and its ruling lines when they could be read (<see cref="RulingsKnown"/>).</summary>
internal sealed record PdfPageLayout(int Number, double Width, double Height, IReadOnlyList<PdfWord> Words, IReadOnlyList<PdfRuling> Rulings, bool RulingsKnown);
