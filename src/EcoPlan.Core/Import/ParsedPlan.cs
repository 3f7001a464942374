using System.Text.Json.Serialization;
using EcoPlan.Core.Plans;

namespace EcoPlan.Core.Import;

/// <summary>A plan document as read, before it is matched to the unit directory and stored. Serializes to the plan JSON form.</summary>
public sealed record ParsedPlan(
    string Title,
    string? Attachment,
    string? Part,
    int Year,
    PlanLevel Level,
    string? Region,
    LeadKind LeadKind,
    IReadOnlyList<ParsedSection> Sections)
{
    /// <summary>True when the plan was read from a scan by OCR, so every measure must be checked by a person; absent otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? RecognizedByOcr { get; init; }
}

public sealed record ParsedSection(string Code, string Title, IReadOnlyList<ParsedTask> Tasks);

public sealed record ParsedTask(int? Number, string Name, IReadOnlyList<ParsedMeasure> Measures);

public sealed record ParsedMeasure(
    int? Number,
    string Text,
    Deadline Deadline,
    IReadOnlyList<string> Lead,
    IReadOnlyList<string> Responsible,
    IReadOnlyList<string> Cooperating)
{
    /// <summary>False where the text did not show which column each unit stood in (PDF text); absent when it did.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? ColumnsCertain { get; init; }

    /// <summary>True when the measure's text, deadline and units were recognized by OCR from a scan (uncertain); absent otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? RecognizedByOcr { get; init; }

    /// <summary>1-based line where the measure's row starts, for previews and messages.</summary>
    [JsonIgnore]
    public int Line { get; init; }
}
