using System.Text.RegularExpressions;

namespace EcoPlan.Core.Import;

/// <summary>Page numbers and footers that PDF extraction mixes into the text (— 15 —, 第 3 页, 3/35): not content.</summary>
internal static partial class PageFurniture
{
    public static bool IsFooter(string trimmed) => FooterPattern().IsMatch(trimmed);

    public static bool IsSingleDash(string trimmed) => trimmed.Length == 1 && UnitLexicon.IsDash(trimmed[0]);

    /// <summary>Marks the lines that are page furniture: footers, lone dashes, and page numbers beside a dash line.</summary>
    public static bool[] Mark(IReadOnlyList<string> lines)
    {
        var marks = new bool[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].Trim();
            if (IsSingleDash(line) || IsFooter(line))
            {
                marks[i] = true;
            }
            else if (line.Length is > 0 and <= 4 && line.All(char.IsAsciiDigit))
            {
                // "—\n15\n—" or "15\n—": a page number. A task number after a footer is followed by its task, not a dash.
                var next = Neighbour(lines, i, +1);
                var previous = Neighbour(lines, i, -1);
                marks[i] = (next is not null && IsSingleDash(next))
                    || (previous is not null && IsSingleDash(previous) && (next is null || TableHeader.TryRead(next, 0) is not null));
            }
        }

        return marks;
    }

    private static string? Neighbour(IReadOnlyList<string> lines, int index, int step)
    {
        for (var i = index + step; i >= 0 && i < lines.Count; i += step)
        {
            var line = lines[i].Trim();
            if (line.Length > 0)
            {
                return line;
            }
        }

        return null;
    }

    [GeneratedRegex(@"^(?:[—–\-―─]\s*\d{1,4}\s*[—–\-―─]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})$")]
    private static partial Regex FooterPattern();
}
