using System.Text;
using System.Text.Json;

namespace EcoPlan.Core.Indicators.GepR;

/// <summary>Reads a rules file (JSON) and checks it; a problem is reported with its line and column.</summary>
public static class CompensationRulesFile
{
    /// <summary>An example for each mode, as <c>ecoplan gepr template rules</c> writes it.</summary>
    public static string Template => """
        {
          "label": "可配置规则；北京市官方补偿公式未公开（未经确认）。",
          "source": "示例数值，不是政策：请换成本地政府采用的规则。",
          "mode": "horizontal",
          "year": null,
          "price_base_year": null,
          "rate": 0.1,
          "growth_target": 0.03,
          "growth_targets": { "110119": 0.05 },
          "fund": null,
          "allocate_by": null
        }

        """.Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>Parses and checks a rules file: mode and its settings, rates and targets in range, district codes known.</summary>
    public static (CompensationRules? Rules, GepRInputError? Error) Read(string text, string file, IReadOnlyDictionary<string, string> regions)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(regions);
        CompensationRules? rules;
        try
        {
            rules = JsonSerializer.Deserialize<CompensationRules>(text, DataFileJson.Options);
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0) + 1;
            var column = (int)(ex.BytePositionInLine ?? 0) + 1;
            var message = ex.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0];
            return (null, new GepRInputError(file, line, column, Localization.CoreText.Get("Rules_Invalid", message)));
        }

        if (rules is null)
        {
            return (null, new GepRInputError(file, 1, 1, Localization.CoreText.Get("Rules_Empty")));
        }

        GepRInputError At(string property, string message)
        {
            var (line, column) = Locate(text, property);
            return new GepRInputError(file, line, column, $"{property}: {message}");
        }

        if (rules.Year is < 1981 or > 2100)
        {
            return (null, At("year", Localization.CoreText.Get("Rules_YearRange")));
        }

        switch (rules.Mode)
        {
            case CompensationMode.Horizontal:
                if (rules.Rate is null)
                {
                    return (null, At("mode", Localization.CoreText.Get("Rules_HorizontalRate")));
                }

                if (rules.Rate < 0)
                {
                    return (null, At("rate", Localization.CoreText.Get("Rules_NotNegative")));
                }

                if (rules.GrowthTarget is null && rules.GrowthTargets.Count == 0)
                {
                    return (null, At("mode", Localization.CoreText.Get("Rules_HorizontalTarget")));
                }

                if (rules.GrowthTarget is <= -1)
                {
                    return (null, At("growth_target", Localization.CoreText.Get("Rules_GrowthAboveMinusOne")));
                }

                foreach (var (code, target) in rules.GrowthTargets)
                {
                    if (!regions.ContainsKey(code))
                    {
                        return (null, At(code, Localization.CoreText.Get("Rules_UnknownRegionInTargets")));
                    }

                    if (target <= -1)
                    {
                        return (null, At(code, Localization.CoreText.Get("Rules_TargetAboveMinusOne")));
                    }
                }

                break;
            case CompensationMode.Vertical:
                if (rules.Fund is null || rules.AllocateBy is null)
                {
                    return (null, At("mode", Localization.CoreText.Get("Rules_VerticalNeeds")));
                }

                if (rules.Fund < 0 || rules.Fund != decimal.Truncate(rules.Fund.Value) || rules.Fund > long.MaxValue / 2)
                {
                    return (null, At("fund", Localization.CoreText.Get("Rules_FundWhole")));
                }

                if (!regions.ContainsKey(rules.FundPayer))
                {
                    return (null, At("fund_payer", Localization.CoreText.Get("Rules_UnknownRegion", rules.FundPayer)));
                }

                break;
        }

        return (rules, null);
    }

    /// <summary>The 1-based line and column of the first <c>"property"</c> in the text, or 1:1.</summary>
    private static (int Line, int Column) Locate(string text, string property)
    {
        var index = text.IndexOf($"\"{property}\"", StringComparison.Ordinal);
        if (index < 0)
        {
            return (1, 1);
        }

        var line = 1 + text.AsSpan(0, index).Count('\n');
        var lineStart = text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        return (line, Encoding.UTF8.GetByteCount(text.AsSpan(lineStart, index - lineStart)) + 1);
    }
}
