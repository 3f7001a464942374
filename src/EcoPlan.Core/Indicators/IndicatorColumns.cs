using System.Text;

namespace EcoPlan.Core.Indicators;

/// <summary>
/// The names an indicator file may give its columns and values: the English keys (<c>region_code</c>, <c>year</c>,
/// <c>air_environment</c>) or the Chinese names people write in their spreadsheets (区划代码 or 地区, 年份, 大气环境指数),
/// compared without regard to case, spaces, underscores or full-width forms. The templates people download carry the
/// Chinese names (<see cref="ChineseName"/>).
/// </summary>
public static class IndicatorColumns
{
    private static readonly Dictionary<string, string[]> s_synonyms = new(StringComparer.Ordinal)
    {
        ["region_code"] = ["区划代码", "行政区划代码", "地区代码", "地区", "行政区", "区域"],
        ["year"] = ["年份", "年度"],
        ["environmental_restriction"] = ["环境限制等级", "环境限制"],
        ["service"] = ["服务", "调节服务", "服务类型"],
        ["item"] = ["项目", "核算项目", "子项"],
        ["quantity"] = ["实物量", "物质量", "数量"],
        ["unit"] = ["单位", "计量单位"],
        ["source"] = ["来源", "数据来源"],
        ["price_year"] = ["价格年份", "价格年度"],
        ["price"] = ["价格", "单价"],
        ["confirmed"] = ["已确认", "是否确认"],
        ["note"] = ["备注", "说明"],
    };

    /// <summary>The Chinese name the templates give a column (the first synonym); the key itself when it has none.</summary>
    public static string ChineseName(string key, Methodology? methodology = null) =>
        methodology?.SubIndices.FirstOrDefault(s => s.Key == key)?.Name
        ?? (s_synonyms.TryGetValue(key, out var names) ? names[0] : key);

    /// <summary>A column as a message names it: its Chinese name for a Chinese reader (区划代码), its key for an English one (region_code).</summary>
    public static string Label(string key, Methodology? methodology = null) =>
        System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? key : ChineseName(key, methodology);

    /// <summary>
    /// The column key a header cell names among <paramref name="keys"/>: the key itself, a Chinese synonym, or the
    /// sub-index's name under <paramref name="methodology"/>; the header as written (trimmed) when it names none.
    /// </summary>
    public static string KeyOf(string header, IEnumerable<string> keys, Methodology? methodology = null)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(keys);
        var wanted = Normalize(header);
        foreach (var key in keys)
        {
            if (Normalize(key) == wanted
                || (s_synonyms.TryGetValue(key, out var names) && names.Any(n => Normalize(n) == wanted))
                || (methodology?.SubIndices.FirstOrDefault(s => s.Key == key) is { } subIndex && Normalize(subIndex.Name) == wanted))
            {
                return key;
            }
        }

        return header.TrimStart('\uFEFF').Trim();
    }

    /// <summary>A region given by its code or, where the name is unique, by its name (通州区 → 110112); null when neither.</summary>
    public static string? RegionCode(string value, IReadOnlyDictionary<string, string> regions)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(regions);
        if (regions.ContainsKey(value))
        {
            return value;
        }

        var wanted = Normalize(value);
        var named = regions.Where(r => Normalize(r.Value) == wanted).Select(r => r.Key).Take(2).ToList();
        return named.Count == 1 ? named[0] : null;
    }

    /// <summary>Full-width forms folded (NFKC), spaces and underscores dropped, lower case: 'Region_Code ' and 'regioncode' match.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = text.Normalize(NormalizationForm.FormKC);
        var result = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (!char.IsWhiteSpace(c) && c is not ('_' or '\uFEFF'))
            {
                result.Append(char.ToLowerInvariant(c));
            }
        }

        return result.ToString();
    }
}
