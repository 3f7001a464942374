using System.Text.Json;

namespace EcoPlan.Core.Cascade;

/// <summary>A rule of the year-end evaluation and its weight (points out of 100).</summary>
public sealed record EvaluationRuleWeight(string Rule, decimal Weight);

/// <summary>
/// The rules of the year-end evaluation (年终考核) as data: which rules count and how many of the 100 points each is worth.
/// The default ships as <c>Cascade/Rules/evaluation-rules.json</c> (docs/cascade.md, "Year-end evaluation", defines each
/// rule); a coordinator overrides it per plan (<see cref="EvaluationRuleSet"/>). A document is read here and only here,
/// so the page, the API and the stored row are checked alike: numbers, known rules, each once, weights adding up to 100.
/// </summary>
public static class YearEndEvaluationRules
{
    /// <summary>Share of the reports due that were first submitted by their due day (报送及时率).</summary>
    public const string ReportsOnTime = "reports_on_time";

    /// <summary>Share of the submitted reports never returned (一次通过率; the returned share counts against).</summary>
    public const string ReportsNotReturned = "reports_not_returned";

    /// <summary>Share of the unit's duties due by the evaluation day accepted as 已完成 (完成率).</summary>
    public const string MeasuresCompleted = "measures_completed";

    /// <summary>Share of the targets the unit answers for that are met (目标达成率).</summary>
    public const string TargetsMet = "targets_met";

    /// <summary>Share of the township's clues verified by the batch's 核查时限 (线索按时核查率).</summary>
    public const string CluesVerifiedOnTime = "clues_verified_on_time";

    /// <summary>Share of the township's clues closed (销号) by their 整改时限, of those closed or overdue (按时销号率).</summary>
    public const string CluesClosedOnTime = "clues_closed_on_time";

    /// <summary>Every rule this release computes, in the order of the scorecard's columns.</summary>
    public static readonly IReadOnlyList<string> Known = [ReportsOnTime, ReportsNotReturned, MeasuresCompleted, TargetsMet, CluesVerifiedOnTime, CluesClosedOnTime];

    /// <summary>The largest rules document accepted (the column's length).</summary>
    public const int MaxJson = 64 * 1024;

    private static readonly Lazy<IReadOnlyList<EvaluationRuleWeight>> s_default = new(() =>
    {
        using var stream = typeof(YearEndEvaluationRules).Assembly.GetManifestResourceStream("EcoPlan.Cascade.evaluation-rules.json")
            ?? throw new InvalidOperationException("The default evaluation rules are not embedded in EcoPlan.Core.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd()).Value ?? throw new InvalidOperationException("The default evaluation rules are invalid.");
    });

    /// <summary>The documented default rules.</summary>
    public static IReadOnlyList<EvaluationRuleWeight> Default => s_default.Value;

    /// <summary>The rule's name for people, in the caller's language (报送及时率).</summary>
    public static string Label(string rule) => CoreText.Get("EvaluationRule_" + rule);

    /// <summary>The rules as the stored document: <c>{"rules": [{"rule": …, "weight": …}]}</c>.</summary>
    public static string ToJson(IReadOnlyList<EvaluationRuleWeight> rules) =>
        JsonSerializer.Serialize(new { rules = rules.Select(r => new { rule = r.Rule, weight = r.Weight }) });

    /// <summary>
    /// Reads and checks a rules document. Each wrong item is named by its place (<c>rules[2].weight</c>) with why; a weight
    /// may be a JSON number or a string holding one (what a form sends). A rule left out weighs nothing.
    /// </summary>
    public static UseCaseResult<IReadOnlyList<EvaluationRuleWeight>> Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new UseCaseError.Invalid("rules", CoreText.Get("EvaluationRules_Empty"));
        }

        if (json.Length > MaxJson)
        {
            return new UseCaseError.Invalid("rules", CoreText.Get("EvaluationRules_TooLong", MaxJson / 1024));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            return new UseCaseError.Invalid("rules", CoreText.Get("EvaluationRules_NotJson", (e.LineNumber ?? 0) + 1, e.BytePositionInLine ?? 0));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("rules", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                return new UseCaseError.Invalid("rules", CoreText.Get("EvaluationRules_NoList"));
            }

            var errors = new Dictionary<string, string[]>();
            var rules = new List<EvaluationRuleWeight>();
            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                var at = $"rules[{index++}]";
                var name = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("rule", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()!.Trim() : null;
                if (name is null)
                {
                    errors[at + ".rule"] = [CoreText.Get("EvaluationRules_NoName", index)];
                    continue;
                }

                if (!Known.Contains(name))
                {
                    errors[at + ".rule"] = [CoreText.Get("EvaluationRules_Unknown", index, name, string.Join("、", Known))];
                    continue;
                }

                if (rules.Any(x => x.Rule == name))
                {
                    errors[at + ".rule"] = [CoreText.Get("EvaluationRules_Twice", index, name)];
                    continue;
                }

                if (!TryWeight(item, out var weight))
                {
                    errors[at + ".weight"] = [CoreText.Get("EvaluationRules_NotANumber", index, name, item.TryGetProperty("weight", out var w) ? w.ToString() : "")];
                    continue;
                }

                if (weight is < 0 or > 100 || decimal.Round(weight, 2) != weight)
                {
                    errors[at + ".weight"] = [CoreText.Get("EvaluationRules_WeightRange", index, name, weight)];
                    continue;
                }

                rules.Add(new EvaluationRuleWeight(name, weight));
            }

            if (errors.Count > 0)
            {
                return new UseCaseError.Invalid(string.Join("；", errors.Values.SelectMany(v => v)), errors);
            }

            var sum = rules.Sum(x => x.Weight);
            if (sum != 100)
            {
                return new UseCaseError.Invalid("rules", CoreText.Get("EvaluationRules_Sum", sum.ToString("0.##", CultureInfo.InvariantCulture)));
            }

            return rules;
        }
    }

    private static bool TryWeight(JsonElement item, out decimal weight)
    {
        weight = 0;
        if (!item.TryGetProperty("weight", out var w))
        {
            return false;
        }

        return w.ValueKind switch
        {
            JsonValueKind.Number => w.TryGetDecimal(out weight),
            JsonValueKind.String => decimal.TryParse(w.GetString()!.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out weight),
            _ => false,
        };
    }
}
