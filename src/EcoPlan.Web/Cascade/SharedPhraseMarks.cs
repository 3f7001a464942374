namespace EcoPlan.Web.Cascade;

/// <summary>A stretch of a measure's text, marked when it is one of the phrases both texts share (the reason of a suggestion).</summary>
public readonly record struct TextPart(string Text, bool Shared);

/// <summary>Cuts a text into plain and shared stretches, so the page marks the shared phrases without writing markup from text.</summary>
public static class SharedPhraseMarks
{
    public static IReadOnlyList<TextPart> Split(string text, IReadOnlyList<string> phrases)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(phrases);
        var marked = new bool[text.Length];
        foreach (var phrase in phrases.Where(p => p.Length > 0))
        {
            for (var at = text.IndexOf(phrase, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(phrase, at + phrase.Length, StringComparison.OrdinalIgnoreCase))
            {
                Array.Fill(marked, true, at, phrase.Length);
            }
        }

        var parts = new List<TextPart>();
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || marked[i] != marked[start])
            {
                parts.Add(new TextPart(text[start..i], marked[start]));
                start = i;
            }
        }

        return parts;
    }
}
