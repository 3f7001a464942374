using System.Text;

namespace EcoPlan.Core.Import.Documents.Ofd;

/// <summary>
/// Groups a page's glyphs into the words the PDF table builder expects, whatever text objects the writer
/// made (one per glyph, per word or per line): glyphs on one baseline join while they follow each other
/// closely. Chinese has no spaces, so a word ends only at a real gap (wider than 0.15 em, as pdftotext
/// splits), a change of font size, or a vertical ruling between two glyphs: a word never spans two cells.
/// </summary>
internal static class OfdWords
{
    private const double WordGap = 0.15;

    // The box pdftotext gives a line of these documents' CJK fonts (ascent 0.95 em, descent 0.35 em), which
    // the table builder's line and row gaps were measured on.
    private const double Ascent = 0.95;
    private const double Descent = 0.35;

    public static List<PdfWord> Group(List<OfdGlyph> glyphs, List<PdfRuling> rulings)
    {
        var verticals = rulings.Where(r => !r.Horizontal).OrderBy(r => r.Position).ToArray();
        var words = new List<PdfWord>();
        foreach (var line in Lines(glyphs))
        {
            var start = 0;
            for (var i = 1; i <= line.Count; i++)
            {
                if (i == line.Count || Breaks(line[i - 1], line[i], verticals))
                {
                    words.Add(Word(line, start, i));
                    start = i;
                }
            }
        }

        return words;
    }

    /// <summary>Glyphs by baseline (within a fifth of their size), each line left to right; a glyph printed twice over itself (fake bold) once.</summary>
    private static List<List<OfdGlyph>> Lines(List<OfdGlyph> glyphs)
    {
        var lines = new List<List<OfdGlyph>>();
        List<OfdGlyph>? line = null;
        foreach (var glyph in glyphs.OrderBy(g => g.Baseline))
        {
            if (line is null || glyph.Baseline - line[0].Baseline > 0.2 * Math.Min(glyph.Size, line[0].Size))
            {
                line = [];
                lines.Add(line);
            }

            line.Add(glyph);
        }

        return [.. lines.Select(WithoutOverprints)];
    }

    private static List<OfdGlyph> WithoutOverprints(List<OfdGlyph> line)
    {
        var kept = new List<OfdGlyph>(line.Count);
        foreach (var glyph in line.OrderBy(g => g.Left))
        {
            if (kept.Count == 0 || kept[^1].Text != glyph.Text || Math.Abs(kept[^1].Left - glyph.Left) > 0.2 * glyph.Size)
            {
                kept.Add(glyph);
            }
        }

        return kept;
    }

    private static bool Breaks(OfdGlyph previous, OfdGlyph next, PdfRuling[] verticals)
    {
        var size = Math.Max(previous.Size, next.Size);
        if (next.Left - previous.Right > WordGap * size || Math.Abs(previous.Size - next.Size) > 0.2 * size)
        {
            return true;
        }

        var from = (previous.Left + previous.Right) / 2;
        var to = (next.Left + next.Right) / 2;
        var middle = next.Baseline - (0.3 * next.Size);
        for (var i = FirstAfter(verticals, from); i < verticals.Length && verticals[i].Position < to; i++)
        {
            if (verticals[i].From <= middle && verticals[i].To >= middle)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The index of the first ruling (sorted by position) right of <paramref name="x"/>.</summary>
    private static int FirstAfter(PdfRuling[] verticals, double x)
    {
        int low = 0, high = verticals.Length;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (verticals[mid].Position > x)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        return low;
    }

    private static PdfWord Word(List<OfdGlyph> line, int start, int end)
    {
        var text = new StringBuilder();
        double top = double.MaxValue, bottom = double.MinValue;
        for (var i = start; i < end; i++)
        {
            text.Append(line[i].Text);
            top = Math.Min(top, line[i].Baseline - (Ascent * line[i].Size));
            bottom = Math.Max(bottom, line[i].Baseline + (Descent * line[i].Size));
        }

        return new PdfWord(text.ToString(), line[start].Left, top, line[end - 1].Right, bottom);
    }
}
