using System.Resources;

namespace EcoPlan.Web.Localization;

/// <summary>
/// The UI strings in UiText.resx (zh-CN, the default) and UiText.en.resx. Components read them through
/// IStringLocalizer&lt;UiText&gt;; form actions and endpoints, which have no localizer, through <see cref="Get"/>.
/// </summary>
public sealed class UiText
{
    private static readonly ResourceManager s_resources = new("EcoPlan.Web.Localization.UiText", typeof(UiText).Assembly);

    /// <summary>The text of <paramref name="key"/> in the request's UI culture, formatted with <paramref name="args"/>.</summary>
    public static string Get(string key, params object?[] args)
    {
        var format = s_resources.GetString(key, CultureInfo.CurrentUICulture)
            ?? throw new InvalidOperationException($"UiText has no text '{key}'");
        return args.Length == 0 ? format : string.Format(CultureInfo.CurrentCulture, format, args);
    }

    /// <summary>Every key with its text in exactly <paramref name="culture"/> (no fallback), for the resource tests.</summary>
    public static IReadOnlyDictionary<string, string> All(CultureInfo culture) =>
        s_resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!
            .Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);
}
