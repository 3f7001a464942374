namespace EcoPlan.Core.Import.Documents;

/// <summary>A word as <see cref="PdfWordReader"/> found it, in points from the top left of its page.</summary>
internal sealed record PdfWord(string Text, double XMin, double YMin, double XMax, double YMax)
{
    public double XCentre => (XMin + XMax) / 2;

    public double YCentre => (YMin + YMax) / 2;

    public double Height => YMax - YMin;
}

/// <summary>A straight ruling line of a page (a table border), in the same coordinates as the words.</summary>
internal sealed record PdfRuling(double Position, double From, double To, bool Horizontal);

/// <summary>One page: its words, and its ruling lines when they could be read (<see cref="RulingsKnown"/>).</summary>
internal sealed record PdfPageLayout(int Number, double Width, double Height, IReadOnlyList<PdfWord> Words, IReadOnlyList<PdfRuling> Rulings, bool RulingsKnown);
