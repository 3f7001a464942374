namespace EcoPlan.Core.Import.Documents.Ocr;

/// <summary>One recognized line: its box and its words, in the image's pixels.</summary>
internal sealed record OcrLine(int Page, double Top, double Height, IReadOnlyList<OcrWord> Words);

internal sealed record OcrWord(string Text, double Left, double Right);

/// <summary>A horizontal ruling line tesseract saw (a text line with no text, thin and long), in pixels.</summary>
internal sealed record OcrRuling(double Y, double Left, double Right);

/// <summary>An image tesseract read: its size in pixels, its lines and its horizontal rulings.</summary>
internal sealed record OcrPage(int Page, double Width, double Height, IReadOnlyList<OcrLine> Lines, IReadOnlyList<OcrRuling> Rulings);

/// <summary>
/// Reads tesseract's TSV output (level, page, block, paragraph, line, word, left, top, width, height, confidence,
/// text). Chinese comes out one or two characters to a "word": the pieces of a line that stand closer than the
/// line's height are joined into one word, as a PDF's text layer has them, and every word takes its line's box, so
/// that lines of one cell stand at even gaps whatever their glyphs. A table's vertical rulings come out as `|`
/// (often with a stray quote or comma beside them): they part words and are dropped with their strays. Its
/// horizontal rulings come out as "lines" with no text, a few pixels high and as long as the table is wide: they
/// are kept as rulings, which part a scanned table's rows far better than the gaps between OCR's uneven lines.
/// </summary>
internal static class TesseractTsv
{
    // Closing quotes and punctuation cannot open a cell's line, nor opening quotes end one: beside a ruling they are strays.
    private const string NoiseBefore = "”’\"'，。、；：,.;:";
    private const string NoiseAfter = "“‘\"'";

    public static List<OcrPage> Parse(string tsv)
    {
        var pages = new List<OcrPage>();
        var lines = new List<OcrLine>();
        var rulings = new List<OcrRuling>();
        (int Page, double Width, double Height)? page = null;
        LineBuilder? line = null;

        void EndLine()
        {
            if (line?.Build() is { } built)
            {
                lines.Add(built);
            }
            else if (line?.Ruling() is { } ruling)
            {
                rulings.Add(ruling);
            }

            line = null;
        }

        void EndPage()
        {
            EndLine();
            if (page is { } p)
            {
                pages.Add(new OcrPage(p.Page, p.Width, p.Height, [.. lines], [.. rulings]));
            }

            lines.Clear();
            rulings.Clear();
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
                    line = new LineBuilder(pageNumber, left, top, width, height);
                    break;
                case 5 when line is not null && fields[11].Trim() is { Length: > 0 } text:
                    line.Add(text, left, width, top, height);
                    break;
                default:
                    break;
            }
        }

        EndPage();
        return pages;
    }

    private sealed class LineBuilder(int page, double left, double top, double width, double height)
    {
        private readonly List<OcrWord> _words = [];
        private OcrWord? _current;
        private bool _afterRuling = true;

        // The box of the line's text without its rulings, whose bars stand taller than the text.
        private double _textTop = double.MaxValue;
        private double _textBottom = double.MinValue;

        public void Add(string text, double left, double width, double pieceTop, double pieceHeight)
        {
            if (text.IndexOfAny(['|', '｜']) < 0)
            {
                _textTop = Math.Min(_textTop, pieceTop);
                _textBottom = Math.Max(_textBottom, pieceTop + pieceHeight);
            }

            // A piece with rulings in it: the text between them spread over its box by character count.
            var parts = text.Split(['|', '｜']);
            var at = left;
            for (var i = 0; i < parts.Length; i++)
            {
                if (i > 0)
                {
                    EndWord();
                    _afterRuling = true;
                    at += width / text.Length;
                }

                var right = at + (width * parts[i].Length / text.Length);
                AddPiece(parts[i], at, right);
                at = right;
            }
        }

        public OcrLine? Build()
        {
            EndWord();
            if (_words.Count == 0)
            {
                return null;
            }

            return _textBottom > _textTop ? new OcrLine(page, _textTop, _textBottom - _textTop, _words) : new OcrLine(page, top, height, _words);
        }

        /// <summary>The line as a ruling when it has no text and is at least twenty times as long as it is high.</summary>
        public OcrRuling? Ruling() =>
            _words.Count == 0 && _current is null && width >= 20 * Math.Max(height, 1) ? new OcrRuling(top + (height / 2), left, left + width) : null;

        private void AddPiece(string text, double left, double right)
        {
            if (_afterRuling)
            {
                text = text.TrimStart(NoiseBefore.ToCharArray());
            }

            if (text.Length == 0)
            {
                return;
            }

            if (_current is { } current && !_afterRuling && left - current.Right < height)
            {
                _current = new OcrWord(current.Text + text, current.Left, right);
            }
            else
            {
                EndWord();
                _current = new OcrWord(text, left, right);
            }

            _afterRuling = false;
        }

        private void EndWord()
        {
            if (_current is not { } word)
            {
                return;
            }

            var text = word.Text.TrimEnd(NoiseAfter.ToCharArray());
            if (text.Length > 0)
            {
                _words.Add(word with { Text = Mend(text) });
            }

            _current = null;
        }

        /// <summary>What OCR misreads alone in a cell: "none" (——) as a run of 一 or dashes, a row number's 1 as I or l, 0 as O.</summary>
        private static string Mend(string word)
        {
            if (word.All(c => c is '一' or '—' or '-' or '－' or '_'))
            {
                return "——";
            }

            return word.Length <= 3 && word.All(c => char.IsAsciiDigit(c) || c is 'I' or 'l' or 'O' or 'o')
                ? string.Concat(word.Select(c => c switch { 'I' or 'l' => '1', 'O' or 'o' => '0', _ => c }))
                : word;
        }
    }
}
