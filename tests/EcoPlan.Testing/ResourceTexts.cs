using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;

namespace EcoPlan.Testing;

/// <summary>Checks of a resource pair (neutral = Chinese, .en = English) and of answers people read.</summary>
public static partial class ResourceTexts
{
    /// <summary>Whether <paramref name="text"/> has a Chinese character or Chinese punctuation.</summary>
    public static bool HasChinese(string text) => ChineseCharacter().IsMatch(text ?? "");

    /// <summary>
    /// Every key has a Chinese text (a CJK character in it) unless it is in <paramref name="notChinese"/>, an English
    /// text, the same placeholders {0}, {1}… in both, and English has no key Chinese lacks.
    /// </summary>
    public static void AssertChineseAndEnglish(IReadOnlyDictionary<string, string> chinese, IReadOnlyDictionary<string, string> english, IReadOnlySet<string> notChinese)
    {
        ArgumentNullException.ThrowIfNull(chinese);
        ArgumentNullException.ThrowIfNull(english);
        ArgumentNullException.ThrowIfNull(notChinese);
        var problems = new List<string>();
        foreach (var (key, text) in chinese.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!notChinese.Contains(key) && !HasChinese(text))
            {
                problems.Add($"{key}: no Chinese text ('{text}')");
            }

            if (!english.TryGetValue(key, out var en) || (en.Length == 0 && text.Length > 0))
            {
                problems.Add($"{key}: no English text");
            }
            else if (!Placeholders(text).SetEquals(Placeholders(en)))
            {
                problems.Add($"{key}: the placeholders differ ('{text}' / '{en}')");
            }
        }

        problems.AddRange(english.Keys.Where(k => !chinese.ContainsKey(k)).Order(StringComparer.Ordinal).Select(k => $"{k}: English only"));
        problems.AddRange(notChinese.Where(k => !chinese.ContainsKey(k)).Select(k => $"{k}: allowed without Chinese but not a key"));
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    private static HashSet<string> Placeholders(string text) =>
        Placeholder().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"[\u3000-\u303F\u3400-\u4DBF\u4E00-\u9FFF\uFF00-\uFFEF]")]
    private static partial Regex ChineseCharacter();

    [GeneratedRegex(@"\{(\d+)[:}]")]
    private static partial Regex Placeholder();

    /// <summary>Runs <paramref name="action"/> with <paramref name="culture"/> as the UI culture, and restores it after.</summary>
    public static async Task<T> InCultureAsync<T>(string culture, Func<Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return await action();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
