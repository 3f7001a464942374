namespace EcoPlan.Core.Clues;

/// <summary>The words a person reads for the clue enums, in the request's language (CoreText keys <c>Clue{Kind}_{Value}</c>).</summary>
public static class ClueLabels
{
    public static string State(ClueState state) => CoreText.Get($"ClueState_{state}");

    public static string Step(ClueStep step) => CoreText.Get($"ClueStep_{step}");

    public static string Outcome(ClueOutcome outcome) => CoreText.Get($"ClueOutcome_{outcome}");

    public static string Evidence(EvidenceKind kind) => CoreText.Get($"ClueEvidence_{kind}");

    public static string Source(ClueSource source) => CoreText.Get($"ClueSource_{source}");

    public static string Activity(ActivityType activity) => CoreText.Get($"ClueActivity_{activity}");

    public static string Action(ClueAction action) => CoreText.Get($"ClueAction_{action}");

    /// <summary>A step input's field by its input name (outcome, reason, approvalKind …).</summary>
    public static string Field(string field) => CoreText.Get($"ClueField_{field}");
}
