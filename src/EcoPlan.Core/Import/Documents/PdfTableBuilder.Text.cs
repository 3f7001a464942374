using System.Text;

namespace EcoPlan.Core.Import.Documents;

/// <summary>Words into lines, cell text and paragraphs.</summary>
internal static partial class PdfTableBuilder
{
    /// <summary>Words grouped into lines by vertical overlap, top to bottom, each left to right.</summary>
    private static List<List<PdfWord>> VisualLines(IEnumerable<PdfWord> words)
    {
        var lines = new List<(double Top, double Bottom, List<PdfWord> Words)>();
        foreach (var word in words.OrderBy(w => w.YCentre).ThenBy(w => w.XMin))
        {
            var index = lines.FindLastIndex(l =>
                Math.Min(l.Bottom, word.YMax) - Math.Max(l.Top, word.YMin) >= 0.5 * Math.Min(l.Bottom - l.Top, word.Height));
            if (index >= 0)
            {
                var line = lines[index];
                line.Words.Add(word);
                lines[index] = (Math.Min(line.Top, word.YMin), Math.Max(line.Bottom, word.YMax), line.Words);
            }
            else
            {
                lines.Add((word.YMin, word.YMax, [word]));
            }
        }

        return [.. lines.OrderBy(l => l.Top).Select(l => l.Words.OrderBy(w => w.XMin).ToList())];
    }

    /// <summary>A line's words, with a space where the printed gap is wider than a hair.</summary>
    private static string JoinWords(List<PdfWord> line)
    {
        var text = new StringBuilder();
        for (var i = 0; i < line.Count; i++)
        {
            if (i > 0 && line[i].XMin - line[i - 1].XMax > 0.12 * Math.Max(line[i].Height, line[i - 1].Height))
            {
                text.Append(' ');
            }

            text.Append(line[i].Text);
        }

        return text.ToString();
    }

    private static string CellText(List<PdfWord> words, string lineSeparator) =>
        string.Join(lineSeparator, VisualLines(words).Select(JoinWords));

    private static List<DocumentParagraph> Paragraphs(List<PdfWord> words, int page)
    {
        var location = Localization.CoreText.Get("Location_Page", page);
        var paragraphs = new List<DocumentParagraph>();
        List<PdfWord>? previous = null;
        StringBuilder? text = null;
        foreach (var line in VisualLines(words))
        {
            var lineText = JoinWords(line);
            if (previous is not null && text is not null && ContinuesParagraph(previous, line))
            {
                var last = text[^1];
                text.Append(char.IsAsciiLetterOrDigit(last) && char.IsAsciiLetterOrDigit(lineText[0]) ? " " : "").Append(lineText);
            }
            else
            {
                if (text is not null)
                {
                    paragraphs.Add(new DocumentParagraph(text.ToString(), location));
                }

                text = new StringBuilder(lineText);
            }

            previous = line;
        }

        if (text is not null)
        {
            paragraphs.Add(new DocumentParagraph(text.ToString(), location));
        }

        return paragraphs;
    }

    private static bool ContinuesParagraph(List<PdfWord> previous, List<PdfWord> line)
    {
        var height = previous.Average(w => w.Height);
        return Math.Abs(height - line.Average(w => w.Height)) <= 1
            && line.Min(w => w.YMin) - previous.Max(w => w.YMax) < 0.5 * height
            && previous.Max(w => w.XMax) >= line.Max(w => w.XMax) - height;
    }

    private static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 12 : sorted[sorted.Count / 2];
    }
}
