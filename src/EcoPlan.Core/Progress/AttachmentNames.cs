namespace EcoPlan.Core.Progress;

/// <summary>An uploaded file's name as EcoPlan keeps and shows it.</summary>
public static class AttachmentNames
{
    /// <summary>
    /// The last path segment, trimmed, without bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F,
    /// U+061C) and other control characters: "photo\u202Egpj.exe" would otherwise show as "photoexe.jpg".
    /// </summary>
    public static string Clean(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        var kept = name.Where(c => !char.IsControl(c) && c is not ('\u200E' or '\u200F' or '\u061C') && c is not (>= '\u202A' and <= '\u202E')
            && c is not (>= '\u2066' and <= '\u2069')).ToArray();
        return new string(kept).Trim();
    }
}
