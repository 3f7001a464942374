namespace EcoPlan.Core.Import.Documents.Ocr;

/// <summary>One recognized line: its box and its words, in the image's pixels.</summary>
internal sealed record OcrLine(int Page, double Top, double Height, IReadOnlyList<OcrWord> Words);

internal sealed record OcrWord(string Text, double Left, double Right);

/// <summary>An image tesseract read: its size in pixels and its lines.</summary>
internal sealed record OcrPage(int Page, double Width, double Height, IReadOnlyList<OcrLine> Lines);

/// <summary>
/// Reads tesseract's TSV output (level, page, block, paragraph, line, word, left, top, width, height, confidence,
/// text). Chinese comes out one or two characters to a "word": the pieces of a line that stand closer than a
/// character's height are joined into one word, as a PDF's text layer has them, and every word takes its line's
/// box, so that lines of one cell stand at even gaps whatever their glyphs.
/// </summary>
internal static class TesseractTsv
{
    public static List<OcrPage> Parse(string tsv)
    {
        var pages = new List<OcrPage>();
        var lines = new List<OcrLine>();
        (int Page, double Width, double Height)? page = null;
        (int Page, double Top, double Height, List<OcrWord> Words)? line = null;

        void EndLine()
        {
            if (line is { Words.Count: > 0 } l)
            {
                lines.Add(new OcrLine(l.Page, l.Top, l.Height, l.Words));
            }

            line = null;
        }

        void EndPage()
        {
            EndLine();
            if (page is { } p)
            {
                pages.Add(new OcrPage(p.Page, p.Width, p.Height, [.. lines]));
            }

            lines.Clear();
        }

        foreach (var row in tsv.Split('\n').Skip(1))
        {
            var fields = row.TrimEnd('\r').Split('\t');
            if (fields.Length < 12 || !int.TryParse(fields[0], CultureInfo.InvariantCulture, out var level))
            {
                continue;
            }

            var pageNumber = int.Parse(fields[1], CultureInfo.InvariantCulture);
            var left = double.Parse(fields[6], CultureInfo.InvariantCulture);
            var top = double.Parse(fields[7], CultureInfo.InvariantCulture);
            var width = double.Parse(fields[8], CultureInfo.InvariantCulture);
            var height = double.Parse(fields[9], CultureInfo.InvariantCulture);
            switch (level)
            {
                case 1:
                    EndPage();
                    page = (pageNumber, width, height);
                    break;
                case 4:
                    EndLine();
                    line = (pageNumber, top, height, []);
                    break;
                case 5 when line is { } current && fields[11].Trim() is { Length: > 0 } text:
                    var words = current.Words;
                    if (words.Count > 0 && left - words[^1].Right < current.Height)
                    {
                        words[^1] = new OcrWord(words[^1].Text + text, words[^1].Left, left + width);
                    }
                    else
                    {
                        words.Add(new OcrWord(text, left, left + width));
                    }

                    break;
                default:
                    break;
            }
        }

        EndPage();
        return pages;
    }
}
