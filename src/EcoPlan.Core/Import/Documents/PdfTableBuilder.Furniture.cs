using System.Text.RegularExpressions;

namespace EcoPlan.Core.Import.Documents;

/// <summary>Page furniture: the running heads, page numbers and rules that are not part of the table.</summary>
internal static partial class PdfTableBuilder
{
    private static List<PdfWord> WithoutFurniture(PdfPageLayout page)
    {
        var furniture = new HashSet<PdfWord>();
        foreach (var line in VisualLines(page.Words))
        {
            var text = string.Concat(line.Select(w => w.Text));
            var top = line.Min(w => w.YMin);
            var bottom = line.Max(w => w.YMax);
            var centre = (line.Min(w => w.XMin) + line.Max(w => w.XMax)) / 2;
            var inMargin = bottom < page.Height * 0.10 || top > page.Height * 0.85;
            var dashed = DashRegex().IsMatch(text);
            var centred = Math.Abs(centre - (page.Width / 2)) < page.Width * 0.1;
            if (inMargin && PageNumberRegex().IsMatch(text) && (dashed || centred))
            {
                furniture.UnionWith(line);
            }
        }

        return [.. page.Words.Where(w => !furniture.Contains(w))];
    }

    [GeneratedRegex(@"^[—–\-－_~]*\s*第?\s*\d{0,4}\s*页?\s*[—–\-－_~]*$")]
    private static partial Regex PageNumberRegex();

    [GeneratedRegex("[—–\\-－_~]")]
    private static partial Regex DashRegex();
}
