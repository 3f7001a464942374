using System.Text;
using UglyToad.PdfPig.Content;

namespace EcoPlan.Core.Import.Documents;

/// <summary>
/// Groups a page's letters into words, as poppler's pdftotext did (the table builder's thresholds were set on
/// its words): letters in drawing order join while they sit on one baseline, at one font size, with at most a
/// hair's gap (a tenth of the font size) between them; a space, a wider gap, a step back or a vertical ruling
/// between two letters (a cell border: a word never runs across two cells) ends the word. Chinese text has no
/// spaces, so a word is often a whole line of a cell.
/// </summary>
internal static class PdfWordReader
{
    // A word's box spans the font's ascent above and descent below the baseline. pdftotext used its defaults,
    // 0.95 and 0.35 of the font size, for the fonts LibreOffice and Word embed; fixed ratios keep every line of
    // one size the same height, which the line and paragraph rules rely on.
    private const double Ascent = 0.95;
    private const double Descent = 0.35;

    private const double MaximumGap = 0.1;
    private const double MaximumOverlap = 0.2;
    private const double BaselineTolerance = 0.5;
    private const double SizeTolerance = 0.05;

    /// <summary>The page's words, in points from its top left; no word crosses one of <paramref name="borders"/> (vertical rulings).</summary>
    public static List<PdfWord> Read(Page page, IReadOnlyList<PdfRuling> borders)
    {
        var height = page.Height;
        var words = new List<PdfWord>();
        var text = new StringBuilder();
        double xMin = 0, xMax = 0, baseline = 0, size = 0, top = 0, bottom = 0;

        void Flush()
        {
            if (text.Length > 0)
            {
                words.Add(new PdfWord(text.ToString(), xMin, top, xMax, bottom));
                text.Clear();
            }
        }

        foreach (var letter in page.Letters)
        {
            var value = letter.Value;
            if (value.Length == 0)
            {
                // Replaced by an /ActualText given with an earlier letter.
                continue;
            }

            if (string.IsNullOrWhiteSpace(value))
            {
                Flush();
                continue;
            }

            if (letter.TextOrientation != TextOrientation.Horizontal)
            {
                // Rotated text (rare in plans): each letter is a word of its own box.
                Flush();
                var box = letter.GlyphRectangleLoose;
                words.Add(new PdfWord(value, box.Left, height - box.Top, box.Right, height - box.Bottom));
                continue;
            }

            var x0 = letter.StartBaseLine.X;
            var x1 = letter.EndBaseLine.X;
            var y = letter.StartBaseLine.Y;
            var pointSize = letter.PointSize > 0 ? letter.PointSize : letter.GlyphRectangleLoose.Height;
            var joins = text.Length > 0
                && Math.Abs(y - baseline) <= BaselineTolerance * size
                && Math.Abs(pointSize - size) <= SizeTolerance * size
                && x0 - xMax <= MaximumGap * size
                && x0 - xMax >= -MaximumOverlap * size
                && !BorderBetween(borders, xMax, x0, height - y);
            if (joins)
            {
                xMax = Math.Max(xMax, x1);
            }
            else
            {
                Flush();
                (xMin, xMax, baseline, size) = (x0, x1, y, pointSize);
                top = height - (y + (Ascent * pointSize));
                bottom = height - (y - (Descent * pointSize));
            }

            text.Append(value);
        }

        Flush();
        return words;
    }

    /// <summary>Whether a vertical ruling crosses the baseline between two letters.</summary>
    private static bool BorderBetween(IReadOnlyList<PdfRuling> borders, double left, double right, double baseline)
    {
        foreach (var border in borders)
        {
            if (border.Position > left - 0.5 && border.Position < right + 0.5 && border.From <= baseline && border.To >= baseline)
            {
                return true;
            }
        }

        return false;
    }
}
