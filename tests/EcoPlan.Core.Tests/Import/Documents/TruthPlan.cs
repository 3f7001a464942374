using System.Text.Json;

namespace EcoPlan.Core.Tests.Import.Documents;

/// <summary>The parts of a truth file (Import/Truth/NNN.truth.json) that a document table shows.</summary>
internal sealed record TruthPlan(string Title, string? Attachment, string? Part, string LeadKind, IReadOnlyList<TruthSection> Sections)
{
    private static readonly JsonSerializerOptions s_options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static TruthPlan Load(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Import", "Truth", name + ".truth.json");
        return JsonSerializer.Deserialize<TruthPlan>(File.ReadAllText(path), s_options)
            ?? throw new InvalidOperationException($"{path} is empty.");
    }
}

internal sealed record TruthSection(string Code, string Title, IReadOnlyList<TruthTask> Tasks);

internal sealed record TruthTask(int Number, string Name, IReadOnlyList<TruthMeasure> Measures);

internal sealed record TruthMeasure(
    int? Number,
    string Text,
    TruthDeadline Deadline,
    IReadOnlyList<string> Lead,
    IReadOnlyList<string> Responsible,
    IReadOnlyList<string> Cooperating);

internal sealed record TruthDeadline(string Raw);
