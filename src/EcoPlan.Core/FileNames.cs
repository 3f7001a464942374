namespace EcoPlan.Core;

/// <summary>The name an uploaded file is stored and shown under.</summary>
public static class FileNames
{
    /// <summary>
    /// The last path segment of <paramref name="uploaded"/>, without bidirectional controls (U+202A–U+202E, U+2066–U+2069,
    /// U+200E/U+200F, U+061C) or other control characters, trimmed. A right-to-left override would show
    /// "invoice‮fdp.exe" as "invoiceexe.pdf" on every page and export that lists the file; the characters carry nothing
    /// a real file name needs.
    /// </summary>
    public static string Stored(string? uploaded)
    {
        var name = Path.GetFileName((uploaded ?? "").Replace('\\', '/'));
        return string.Concat(name.Where(c => !IsBidiControl(c) && !char.IsControl(c))).Trim();
    }

    /// <summary>
    /// <paramref name="name"/> as one path segment every unpacker writes as it is: <see cref="Stored"/>, then the characters
    /// Windows refuses in a file name (<c>\ / : * ? " &lt; &gt; |</c>) as <c>_</c>, no leading or trailing dots or spaces (no
    /// <c>..</c>), at most <paramref name="maxLength"/> characters with the extension kept; <paramref name="fallback"/> when
    /// nothing is left.
    /// </summary>
    public static string Safe(string? name, string fallback, int maxLength = 80)
    {
        ArgumentException.ThrowIfNullOrEmpty(fallback);
        var safe = string.Concat(Stored(name).Select(c => c is '\\' or '/' or ':' or '*' or '?' or '"' or '<' or '>' or '|' ? '_' : c)).Trim(' ', '.');
        if (safe.Length > maxLength)
        {
            var extension = Path.GetExtension(safe);
            extension = extension.Length is > 1 and <= 10 ? extension : "";
            var cut = maxLength - extension.Length;
            cut -= char.IsHighSurrogate(safe[cut - 1]) ? 1 : 0; // never half a character
            safe = safe[..cut].TrimEnd(' ', '.') + extension;
        }

        return safe.Length == 0 ? fallback : safe;
    }

    public static bool IsBidiControl(char c) =>
        c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C';
}
