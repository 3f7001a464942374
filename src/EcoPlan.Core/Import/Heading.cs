using System.Text.RegularExpressions;

namespace EcoPlan.Core.Import;

internal enum HeadingStyle
{
    /// <summary>三、加强生态保护</summary>
    Numbered,
    /// <summary>（一）生态环境质量状况目标, (四) 促进…</summary>
    Bracketed,
}

/// <summary>A numbered heading line of the plan: a section, or the part that encloses the sections.</summary>
internal sealed partial record Heading(int Line, HeadingStyle Style, string Code, string Title, string Printed) : ITableItem
{
    public static Heading? TryRead(string text, int line)
    {
        var trimmed = text.Trim();
        if (trimmed.Length > 45)
        {
            return null;
        }

        var match = NumberedPattern().Match(trimmed);
        var style = HeadingStyle.Numbered;
        if (!match.Success)
        {
            match = BracketedPattern().Match(trimmed);
            style = HeadingStyle.Bracketed;
        }

        if (!match.Success)
        {
            return null;
        }

        var title = match.Groups["title"].Value.Trim();
        // A heading is a name, not a sentence.
        return title.Length == 0 || title.IndexOfAny(['。', '；', ';', '，', ',', '\t']) >= 0
            ? null
            : new Heading(line, style, match.Groups["code"].Value, title, trimmed);
    }

    [GeneratedRegex(@"^(?<code>[一二三四五六七八九十]{1,3})\s*[、．]\s*(?<title>.+)$")]
    private static partial Regex NumberedPattern();

    [GeneratedRegex(@"^[（(]\s*(?<code>[一二三四五六七八九十]{1,3})\s*[）)]\s*(?<title>.+)$")]
    private static partial Regex BracketedPattern();
}
