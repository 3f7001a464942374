using System.Resources;

namespace EcoPlan.Core.Localization;

/// <summary>
/// The messages Core gives people (validation, workflow and import refusals), in the caller's UI culture: Chinese
/// (CoreText.resx, the neutral resources) unless the culture is English (CoreText.en.resx). The web app sets the
/// culture per request, so a message thrown inside a use case reaches the page or the problem document in the
/// user's language; the CLI uses the terminal's culture.
/// </summary>
public static class CoreText
{
    private static readonly ResourceManager s_resources = new("EcoPlan.Core.Localization.CoreText", typeof(CoreText).Assembly);

    /// <summary>The text of <paramref name="key"/>, formatted with <paramref name="args"/> (composite format, {0}, {1}…).</summary>
    public static string Get(string key, params object?[] args)
    {
        var format = s_resources.GetString(key, CultureInfo.CurrentUICulture)
            ?? throw new InvalidOperationException($"CoreText has no message '{key}'");
        return args.Length == 0 ? format : string.Format(CultureInfo.CurrentCulture, format, args);
    }

    /// <summary>Every key with its neutral (Chinese) text; the tests check each has an English text too.</summary>
    public static IReadOnlyDictionary<string, string> All(CultureInfo culture) =>
        s_resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!
            .Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);
}
