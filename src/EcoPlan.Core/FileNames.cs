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

    public static bool IsBidiControl(char c) =>
        c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C';
}
