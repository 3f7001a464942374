namespace EcoPlan.Core.Import.Documents;

/// <summary>The header row: where it is on the page and which column each header word names.</summary>
internal static partial class PdfTableBuilder
{
    private static ColumnRole? Classify(string text)
    {
        var compact = Compact(text);
        if (compact.Length is 0 or > 8)
        {
            return null;
        }

        foreach (var (role, keywords) in s_headerWords)
        {
            if (keywords.Any(k => compact.Contains(k, StringComparison.Ordinal)))
            {
                return role;
            }
        }

        return null;
    }

    /// <summary>True for the first part of a header word wrapped inside its cell: 序, 牵头, 完成时.</summary>
    private static bool BeginsHeaderWord(string text)
    {
        var compact = Compact(text);
        return compact.Length is > 0 and <= 4
            && s_headerWords.Any(h => h.Words.Any(k => k.Length > compact.Length && k.StartsWith(compact, StringComparison.Ordinal)));
    }

    private static Header? FindHeader(PdfPageLayout page, List<PdfWord> words)
    {
        var lines = VisualLines(words);
        for (var index = 0; index < lines.Count; index++)
        {
            var seed = lines[index];
            // A header cell wrapped in a narrow column (序/号, 牵头/领导, 完成时/限) shows only its first part on this line.
            var roles = seed.Select(w => Classify(w.Text)).Where(r => r is not null).Distinct().Count();
            var parts = seed.Count(w => Classify(w.Text) is null && BeginsHeaderWord(w.Text));
            if (roles + parts < 4)
            {
                continue;
            }

            var (top, bottom) = HeaderBand(page, lines, index);
            var band = words.Where(w => w.YCentre >= top && w.YCentre <= bottom).ToList();
            var cells = GroupByOverlap(band);
            var columns = cells
                .Select(cell => new Column(Classify(CellText(cell, "")), CellText(cell, ""), cell.Min(w => w.XMin), cell.Max(w => w.XMax)))
                .ToList();
            if (columns.Count(c => c.Role is not null) < 4)
            {
                continue;
            }

            var boundaries = new double[columns.Count - 1];
            for (var i = 0; i < boundaries.Length; i++)
            {
                var low = columns[i].XMax;
                var high = columns[i + 1].XMin;
                var middle = (low + high) / 2;
                var ruling = page.Rulings
                    .Where(r => !r.Horizontal && r.Position >= low && r.Position <= high && r.From <= bottom && r.To >= top)
                    .OrderBy(r => Math.Abs(r.Position - middle))
                    .FirstOrDefault();
                boundaries[i] = ruling?.Position ?? EmptiestGap(words.Where(w => w.YMin > bottom).ToList(), low, high);
            }

            return new Header(columns, boundaries, top, bottom);
        }

        return null;
    }

    /// <summary>
    /// Without a ruling, the boundary between two header cells is where the fewest words below the header
    /// cross (the middle of the longest such stretch): header texts are often centred in wide cells, so their
    /// midpoint can fall inside a column's left-aligned text.
    /// </summary>
    private static double EmptiestGap(List<PdfWord> below, double low, double high)
    {
        const double Step = 0.5;
        var best = (Count: int.MaxValue, Start: (low + high) / 2, Length: 0);
        var run = (Count: -1, Start: 0.0, Length: 0);
        for (var x = low; x <= high; x += Step)
        {
            var count = below.Count(w => w.XMin < x && w.XMax > x);
            run = count == run.Count ? run with { Length = run.Length + 1 } : (count, x, 1);
            if (run.Count < best.Count || (run.Count == best.Count && run.Length > best.Length))
            {
                best = run;
            }
        }

        return best.Start + ((best.Length - 1) * Step / 2);
    }

    /// <summary>The vertical extent of the header row: between the rulings around its line, else its line and wrapped neighbours.</summary>
    private static (double Top, double Bottom) HeaderBand(PdfPageLayout page, List<List<PdfWord>> lines, int index)
    {
        var seed = lines[index];
        var top = seed.Min(w => w.YMin);
        var bottom = seed.Max(w => w.YMax);
        var left = seed.Min(w => w.XMin);
        var right = seed.Max(w => w.XMax);
        var across = page.Rulings.Where(r => r.Horizontal && r.From <= left + 5 && r.To >= right - 5).Select(r => r.Position).ToList();
        var above = across.Where(y => y <= top + 1).DefaultIfEmpty(double.NaN).Max();
        var below = across.Where(y => y >= bottom - 1).DefaultIfEmpty(double.NaN).Min();
        // A table with only its frame has no ruling under the header: a line further down than a wrapped header
        // cell reaches is not the header's.
        if (!double.IsNaN(above) && !double.IsNaN(below) && below - top <= 5 * seed.Max(w => w.Height))
        {
            return (above, below);
        }

        // No rulings: take in neighbouring lines of short words that follow closely and sit over or under a header
        // word (the rest of a wrapped header cell), or that share the band's height (cells centred vertically beside
        // wrapped ones: 序/号 above and below a one-line 主要任务).
        var height = seed.Average(w => w.Height);
        bool Wrapped(List<PdfWord> line) =>
            line.All(w => Compact(w.Text).Length <= 4)
            && ((line.Min(w => w.YMin) < bottom && line.Max(w => w.YMax) > top)
                || line.All(w => seed.Any(s => Math.Min(s.XMax, w.XMax) - Math.Max(s.XMin, w.XMin) > 1)));
        for (var i = index - 1; i >= 0 && top - lines[i].Max(w => w.YMax) < 0.35 * height && Wrapped(lines[i]); i--)
        {
            top = lines[i].Min(w => w.YMin);
        }

        for (var i = index + 1; i < lines.Count && lines[i].Min(w => w.YMin) - bottom < 0.35 * height && Wrapped(lines[i]); i++)
        {
            bottom = lines[i].Max(w => w.YMax);
        }

        return (top - 0.5, bottom + 0.5);
    }

    /// <summary>Groups words whose horizontal extents overlap (one group per header cell), left to right.</summary>
    private static List<List<PdfWord>> GroupByOverlap(List<PdfWord> words)
    {
        var groups = new List<List<PdfWord>>();
        double right = double.NegativeInfinity;
        foreach (var word in words.OrderBy(w => w.XMin))
        {
            if (groups.Count > 0 && word.XMin <= right + 1)
            {
                groups[^1].Add(word);
                right = Math.Max(right, word.XMax);
            }
            else
            {
                groups.Add([word]);
                right = word.XMax;
            }
        }

        return groups;
    }
}
