using System.Text.Json;
using System.Text.Json.Nodes;
using EcoPlan.Core.Import;

namespace EcoPlan.Core.Tests.Import;

/// <summary>The sample plans and their truth files, found from the test assembly by walking up to the repository root.</summary>
internal static class RepoFiles
{
    public const string Tongzhou = "samples/plans/tongzhou-2026-ecological-protection.txt";
    public const string Beijing = "samples/plans/beijing-2025-ecological-protection.txt";

    public static string PathOf(string relative) => RepositoryPaths.Of(relative);

    public static byte[] Bytes(string relative) => File.ReadAllBytes(PathOf(relative));

    public static JsonNode Truth(string seed) =>
        JsonNode.Parse(File.ReadAllText(TruthPath(seed)))!;

    /// <summary>The truth file read as the plan the parser returns, for writing it out as a document.</summary>
    public static ParsedPlan TruthPlan(string seed) =>
        JsonSerializer.Deserialize<ParsedPlan>(File.ReadAllText(TruthPath(seed)), PlanJson.Options)
            ?? throw new InvalidOperationException($"{TruthPath(seed)} is empty.");

    private static string TruthPath(string seed) => PathOf($"tests/EcoPlan.Core.Tests/Import/Truth/{seed}.truth.json");
}

/// <summary>Compares a parse with a truth file the way plan.schema.md says: texts without whitespace, unit unions where columns are uncertain.</summary>
internal static class TruthComparison
{
    private static readonly HashSet<string> s_texts = ["title", "attachment", "part", "name", "text", "raw"];
    private static readonly string[] s_unitColumns = ["lead", "responsible", "cooperating"];

    /// <summary>Tells where columns are uncertain from the truth; the parser's own flag is informational.</summary>
    private static JsonNode Normalize(JsonNode node)
    {
        var sections = node["sections"]!.AsArray();
        foreach (var measure in sections.SelectMany(s => s!["tasks"]!.AsArray()).SelectMany(t => t!["measures"]!.AsArray()).Select(m => m!.AsObject()))
        {
            measure.Remove("columns_certain");
        }

        return Strip(node);
    }

    private static JsonNode Strip(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (value is JsonValue text && s_texts.Contains(key) && text.TryGetValue<string>(out var s))
                    {
                        obj[key] = string.Concat(s.Where(c => !char.IsWhiteSpace(c)));
                    }
                    else if (value is not null)
                    {
                        Strip(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array.OfType<JsonNode>())
                {
                    Strip(item);
                }

                break;
        }

        return node;
    }

    /// <summary>Where the truth marks a measure's columns uncertain, both sides keep only the sorted union of their units.</summary>
    public static void AssertMatchesTruth(string seed, ParsedPlan actual)
    {
        var expected = RepoFiles.Truth(seed);
        var actualNode = JsonNode.Parse(PlanJson.Serialize(actual))!;
        var expectedMeasures = Measures(expected);
        var actualMeasures = Measures(actualNode);
        for (var i = 0; i < Math.Min(expectedMeasures.Count, actualMeasures.Count); i++)
        {
            if (expectedMeasures[i]["columns_certain"]?.GetValue<bool>() == false)
            {
                Unite(expectedMeasures[i]);
                Unite(actualMeasures[i]);
            }
        }

        AssertMatches(expected, actualNode);
    }

    private static void AssertMatches(JsonNode expected, JsonNode actual)
    {
        var left = Normalize(expected);
        var right = Normalize(actual);
        if (!JsonNode.DeepEquals(left, right))
        {
            Assert.Equal(left.ToJsonString(PlanJson.Options), right.ToJsonString(PlanJson.Options));
        }
    }

    private static List<JsonObject> Measures(JsonNode plan) =>
        [.. plan["sections"]!.AsArray().SelectMany(s => s!["tasks"]!.AsArray()).SelectMany(t => t!["measures"]!.AsArray()).Select(m => m!.AsObject())];

    private static void Unite(JsonObject measure)
    {
        var units = s_unitColumns
            .SelectMany(k => measure[k]!.AsArray().Select(u => u!.GetValue<string>()))
            .Order(StringComparer.Ordinal)
            .Select(u => (JsonNode?)JsonValue.Create(u))
            .ToArray();
        foreach (var column in s_unitColumns)
        {
            measure.Remove(column);
        }

        measure["units"] = new JsonArray(units);
    }
}
