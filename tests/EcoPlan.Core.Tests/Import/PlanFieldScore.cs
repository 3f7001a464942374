using System.Text.Json.Nodes;
using EcoPlan.Core.Import;

namespace EcoPlan.Core.Tests.Import;

/// <summary>
/// Scores a parse field by field against a truth file, by the rules of the team's score-plan tool: texts compared
/// without whitespace, counts of sections, tasks and measures, each measure's number, text, deadline (raw, date,
/// continuous) and unit columns (their sorted union where the truth marks the columns uncertain). The fields of a
/// missing element are compared with nothing, so a short parse loses them (the totals equal the tool's: 216 and 275).
/// </summary>
internal sealed class PlanFieldScore
{
    private static readonly string[] s_unitColumns = ["lead", "responsible", "cooperating"];
    private static readonly string[] s_texts = ["title", "attachment", "part"];
    private static readonly string[] s_values = ["year", "level", "region", "lead_kind"];
    private readonly List<string> _differences = [];

    private PlanFieldScore()
    {
    }

    public int Total { get; private set; }

    public int Matched { get; private set; }

    public double Percent => Total == 0 ? 0 : 100.0 * Matched / Total;

    public IReadOnlyList<string> Differences => _differences;

    /// <summary>Scores <paramref name="actual"/> against the truth file of <paramref name="seed"/> ("000", "001").</summary>
    public static PlanFieldScore Score(string seed, ParsedPlan actual) =>
        Score(RepoFiles.Truth(seed), JsonNode.Parse(PlanJson.Serialize(actual))!);

    public static PlanFieldScore Score(JsonNode expected, JsonNode actual)
    {
        var score = new PlanFieldScore();
        foreach (var key in s_texts)
        {
            score.Check(key, Compact(expected[key]), Compact(actual[key]));
        }

        foreach (var key in s_values)
        {
            score.Check(key, Plain(expected[key]), Plain(actual[key]));
        }

        var expectedSections = Items(expected, "sections");
        var actualSections = Items(actual, "sections");
        score.Check("sections.count", expectedSections.Count, actualSections.Count);
        for (var i = 0; i < expectedSections.Count; i++)
        {
            var section = expectedSections[i];
            var other = At(actualSections, i);
            score.Check($"sections[{i}].code", Plain(section["code"]), Plain(other?["code"]));
            score.Check($"sections[{i}].title", Compact(section["title"]), Compact(other?["title"]));
            var expectedTasks = Items(section, "tasks");
            var actualTasks = Items(other, "tasks");
            score.Check($"sections[{i}].tasks.count", expectedTasks.Count, actualTasks.Count);
            for (var j = 0; j < expectedTasks.Count; j++)
            {
                score.CheckTask(expectedTasks[j], At(actualTasks, j));
            }
        }

        return score;
    }

    /// <summary>The score and the first differences, for an assertion message.</summary>
    public override string ToString() =>
        $"score: {Matched}/{Total} fields ({Percent:0.0}%)" + string.Concat(_differences.Take(20).Select(d => "\n  " + d));

    private void CheckTask(JsonNode task, JsonNode? other)
    {
        var where = $"task {Plain(task["number"])}";
        Check($"{where}.number", Plain(task["number"]), Plain(other?["number"]));
        Check($"{where}.name", Compact(task["name"]), Compact(other?["name"]));
        var expectedMeasures = Items(task, "measures");
        var actualMeasures = Items(other, "measures");
        Check($"{where}.measures.count", expectedMeasures.Count, actualMeasures.Count);
        for (var k = 0; k < expectedMeasures.Count; k++)
        {
            var measure = expectedMeasures[k];
            var found = At(actualMeasures, k);
            var at = $"{where}.measure[{k + 1}]";
            Check($"{at}.number", Plain(measure["number"]), Plain(found?["number"]));
            Check($"{at}.text", Compact(measure["text"]), Compact(found?["text"]));
            var deadline = measure["deadline"];
            var foundDeadline = found?["deadline"];
            Check($"{at}.deadline.raw", Compact(deadline?["raw"]), Compact(foundDeadline?["raw"]));
            Check($"{at}.deadline.date", Plain(deadline?["date"]), Plain(foundDeadline?["date"]));
            Check($"{at}.deadline.continuous", IsTrue(deadline?["continuous"]), IsTrue(foundDeadline?["continuous"]));
            if (measure["columns_certain"]?.GetValue<bool>() == false)
            {
                Check($"{at}.units(any column)", UnitUnion(measure), UnitUnion(found));
            }
            else
            {
                foreach (var column in s_unitColumns)
                {
                    Check($"{at}.{column}", Units(measure, column), Units(found, column));
                }
            }
        }
    }

    private void Check<T>(string field, T expected, T actual)
    {
        Total++;
        if (EqualityComparer<T>.Default.Equals(expected, actual))
        {
            Matched++;
        }
        else
        {
            _differences.Add($"{field}: expected {expected} got {actual}");
        }
    }

    private static List<JsonNode> Items(JsonNode? node, string key) =>
        node?[key] is JsonArray array ? [.. array.OfType<JsonNode>()] : [];

    private static JsonNode? At(List<JsonNode> items, int index) => index < items.Count ? items[index] : null;

    private static string Compact(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? string.Concat(text.Where(c => !char.IsWhiteSpace(c))) : "";

    private static string Plain(JsonNode? node) => node?.ToJsonString() ?? "null";

    private static bool IsTrue(JsonNode? node) => node is JsonValue value && value.TryGetValue<bool>(out var b) && b;

    private static string Units(JsonNode? measure, string column) => string.Join("、", Items(measure, column).Select(u => u.GetValue<string>()));

    private static string UnitUnion(JsonNode? measure) =>
        string.Join("、", s_unitColumns
            .SelectMany(c => Items(measure, c).Select(u => u.GetValue<string>()))
            .Order(StringComparer.Ordinal));
}
