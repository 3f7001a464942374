namespace EcoPlan.Core.Spatial;

/// <summary>
/// A WKT (1 or 2) definition as a tree of KEYWORD["name", values…, CHILD[…]] nodes: just enough of it for
/// <see cref="CoordinateSystems.FromPrj"/> to read names, authority codes and parameters. Texts over 64 KB or
/// nested deeper than 32 are not a .prj and parse as nothing.
/// </summary>
internal sealed class WktNode
{
    private const int MaxLength = 64 * 1024;
    private const int MaxDepth = 32;

    private WktNode(string keyword) => Keyword = keyword;

    public string Keyword { get; }

    /// <summary>The first quoted value: the definition's name ("CGCS2000 / 3-degree Gauss-Kruger zone 39").</summary>
    public string Name => Values.OfType<string>().FirstOrDefault() ?? "";

    /// <summary>Quoted strings as string, numbers as double, in order.</summary>
    public List<object> Values { get; } = [];

    public List<WktNode> Children { get; } = [];

    public static WktNode? TryParse(string text)
    {
        if (text.Length > MaxLength)
        {
            return null;
        }

        var position = 0;
        var node = ParseNode(text, ref position, 0);
        SkipSpace(text, ref position);
        return node is not null && position == text.Length ? node : null;
    }

    public bool Is(params string[] keywords) => keywords.Contains(Keyword, StringComparer.OrdinalIgnoreCase);

    public WktNode? Child(params string[] keywords) => Children.FirstOrDefault(c => c.Is(keywords));

    /// <summary>The EPSG code in this node's own AUTHORITY["EPSG","4527"] or ID["EPSG",4527], if any.</summary>
    public int? AuthorityCode()
    {
        var authority = Children.FirstOrDefault(c => c.Is("AUTHORITY", "ID") && c.Name.Equals("EPSG", StringComparison.OrdinalIgnoreCase));
        var code = authority?.Values.Skip(1).FirstOrDefault();
        return code switch
        {
            double d when d is > 0 and < int.MaxValue && d == Math.Floor(d) => (int)d,
            string s when int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var i) => i,
            _ => null,
        };
    }

    /// <summary>PARAMETER["central_meridian",117] of this node and of a WKT2 CONVERSION under it, by name in lower case letters only.</summary>
    public Dictionary<string, double> Parameters()
    {
        var parameters = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var node in Children.Concat(Child("CONVERSION")?.Children ?? []).Where(c => c.Is("PARAMETER")))
        {
            if (node.Values.Count >= 2 && node.Values[0] is string name && node.Values[1] is double value)
            {
                parameters.TryAdd(new string([.. name.ToLowerInvariant().Where(char.IsAsciiLetter)]), value);
            }
        }

        return parameters;
    }

    private static WktNode? ParseNode(string text, ref int position, int depth)
    {
        SkipSpace(text, ref position);
        var start = position;
        while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] == '_'))
        {
            position++;
        }

        if (position == start || depth > MaxDepth)
        {
            return null;
        }

        var node = new WktNode(text[start..position]);
        SkipSpace(text, ref position);
        if (position >= text.Length || (text[position] != '[' && text[position] != '('))
        {
            return null;
        }

        var close = text[position] == '[' ? ']' : ')';
        position++;
        while (true)
        {
            SkipSpace(text, ref position);
            if (position >= text.Length)
            {
                return null;
            }

            var c = text[position];
            if (c == '"')
            {
                var end = position + 1;
                var value = new System.Text.StringBuilder();
                // "" inside a quoted WKT string is one quote.
                while (end < text.Length && (text[end] != '"' || (end + 1 < text.Length && text[end + 1] == '"')))
                {
                    value.Append(text[end]);
                    end += text[end] == '"' ? 2 : 1;
                }

                if (end >= text.Length)
                {
                    return null;
                }

                node.Values.Add(value.ToString());
                position = end + 1;
            }
            else if (c is '-' or '+' or '.' || char.IsAsciiDigit(c))
            {
                var end = position;
                while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] is '-' or '+' or '.' or 'e' or 'E'))
                {
                    end++;
                }

                if (!double.TryParse(text.AsSpan(position, end - position), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    return null;
                }

                node.Values.Add(number);
                position = end;
            }
            else if (char.IsAsciiLetter(c))
            {
                // A bare word (WKT2 enumerations such as east, north) or a nested node.
                var end = position;
                while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_'))
                {
                    end++;
                }

                var after = end;
                SkipSpace(text, ref after);
                if (after < text.Length && text[after] is '[' or '(')
                {
                    var child = ParseNode(text, ref position, depth + 1);
                    if (child is null)
                    {
                        return null;
                    }

                    node.Children.Add(child);
                }
                else
                {
                    node.Values.Add(text[position..end]);
                    position = end;
                }
            }
            else
            {
                return null;
            }

            SkipSpace(text, ref position);
            if (position >= text.Length)
            {
                return null;
            }

            if (text[position] == ',')
            {
                position++;
                continue;
            }

            if (text[position] == close)
            {
                position++;
                return node;
            }

            return null;
        }
    }

    private static void SkipSpace(string text, ref int position)
    {
        while (position < text.Length && (char.IsWhiteSpace(text[position]) || text[position] == '\uFEFF'))
        {
            position++;
        }
    }
}
