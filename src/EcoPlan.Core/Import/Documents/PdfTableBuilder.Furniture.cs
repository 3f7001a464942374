using System.Text.RegularExpressions;

namespace EcoPlan.Core.Import.Documents;

/// <summary>Page furniture: the running heads and page numbers that are not part of the table.</summary>
internal static partial class PdfTableBuilder
{
    /// <summary>
    /// Each page's words without its furniture: page numbers (<see cref="IsPageNumber"/>), and running heads and
    /// feet, lines in the top or bottom 10% of the page that print the same text (digits aside) on two pages or more
    /// and are not part of the table header.
    /// </summary>
    private static List<List<PdfWord>> WithoutFurniture(IReadOnlyList<PdfPageLayout> pages)
    {
        var kept = new List<List<PdfWord>>();
        var margins = new List<(int Page, string Text, List<PdfWord> Line)>();
        for (var p = 0; p < pages.Count; p++)
        {
            var page = pages[p];
            var numbers = new HashSet<PdfWord>();
            foreach (var line in VisualLines(page.Words))
            {
                if (IsPageNumber(page, line))
                {
                    numbers.UnionWith(line);
                }
                else if (line.Max(w => w.YMax) < page.Height * 0.10 || line.Min(w => w.YMin) > page.Height * 0.90)
                {
                    margins.Add((p, DigitsRegex().Replace(Compact(string.Concat(line.Select(w => w.Text))), "0"), line));
                }
            }

            kept.Add([.. page.Words.Where(w => !numbers.Contains(w))]);
        }

        var headers = new Dictionary<int, Header?>();
        Header? HeaderOf(int page) => headers.TryGetValue(page, out var found) ? found : headers[page] = FindHeader(pages[page], kept[page]);
        var repeated = margins
            .GroupBy(m => m.Text)
            .Where(g => g.Select(m => m.Page).Distinct().Count() >= 2)
            .SelectMany(g => g)
            .Where(m => HeaderOf(m.Page) is not { } header || m.Line.Max(w => w.YMax) < header.Top || m.Line.Min(w => w.YMin) > header.Bottom)
            .SelectMany(m => m.Line)
            .ToHashSet();
        return repeated.Count == 0 ? kept : [.. kept.Select(words => words.Where(w => !repeated.Contains(w)).ToList())];
    }

    /// <summary>
    /// A page number: a line in the top 10% or bottom 15% of a page made only of dashes and a number (`— 15 —`,
    /// `—`, `15`), carrying a dash or centred on the page, or a footer the text reader knows (`第 3 页`, `3/35`).
    /// </summary>
    private static bool IsPageNumber(PdfPageLayout page, List<PdfWord> line)
    {
        var text = string.Concat(line.Select(w => w.Text));
        var inMargin = line.Max(w => w.YMax) < page.Height * 0.10 || line.Min(w => w.YMin) > page.Height * 0.85;
        if (!inMargin)
        {
            return false;
        }

        var centre = (line.Min(w => w.XMin) + line.Max(w => w.XMax)) / 2;
        var centred = Math.Abs(centre - (page.Width / 2)) < page.Width * 0.1;
        return (PageNumberRegex().IsMatch(text) && (DashRegex().IsMatch(text) || centred)) || PageFurniture.IsFooter(Compact(text));
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex DigitsRegex();

    [GeneratedRegex(@"^[—–\-－_~]*\s*第?\s*\d{0,4}\s*页?\s*[—–\-－_~]*$")]
    private static partial Regex PageNumberRegex();

    [GeneratedRegex("[—–\\-－_~]")]
    private static partial Regex DashRegex();
}
