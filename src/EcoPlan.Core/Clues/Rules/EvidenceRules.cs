using System.Text.Json;
using System.Text.Json.Serialization;

namespace EcoPlan.Core.Clues.Rules;

/// <summary>
/// What each step of a clue needs before it is taken: files of a kind (at least so many, photos within so many metres of
/// the clue) and filled fields, optionally only for one outcome; and the reason codes each outcome may give. Data, not
/// code: the default ships as <c>evidence-rules.json</c>, an installation points <c>EcoPlan:Clues:EvidenceRulesFile</c>
/// at its own (docs/clues.md).
/// </summary>
public sealed class EvidenceRules
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The fields a rule may require, as the step input names them.</summary>
    public static readonly IReadOnlySet<string> KnownFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "reason", "note", "approvalKind", "approvalNumber", "approvalDate", "measures", "rectifyBy",
    };

    private EvidenceRules(IReadOnlyDictionary<ClueOutcome, IReadOnlyList<OutcomeReason>> reasons, IReadOnlyList<StepRule> steps, string source)
    {
        Reasons = reasons;
        Steps = steps;
        Source = source;
    }

    public IReadOnlyDictionary<ClueOutcome, IReadOnlyList<OutcomeReason>> Reasons { get; }
    public IReadOnlyList<StepRule> Steps { get; }

    /// <summary>Where the rules came from: "default" or the file's path.</summary>
    public string Source { get; }

    public static EvidenceRules Default { get; } = Load(
        typeof(EvidenceRules).Assembly.GetManifestResourceStream("EcoPlan.Clues.evidence-rules.json")
            ?? throw new InvalidOperationException("The default evidence rules are not embedded."), "default");

    /// <summary>The rules of one step (and outcome, for the verification).</summary>
    public IEnumerable<StepRule> For(ClueStep step, ClueOutcome? outcome) =>
        Steps.Where(r => r.Step == step && (r.Outcome is null || r.Outcome == outcome));

    /// <summary>
    /// The rules an installation names (<c>EcoPlan:Clues:EvidenceRulesFile</c>), or <see cref="Default"/> when it names none;
    /// a file that cannot be read or is wrong is a <see cref="SetupException"/>. The web app and the CLI read them alike.
    /// </summary>
    public static EvidenceRules LoadFile(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return Default;
        }

        try
        {
            using var file = File.OpenRead(path);
            return Load(file, path);
        }
        catch (IOException ex)
        {
            throw new SetupException(CoreText.Get("EvidenceRules_Unreadable", path, ex.Message), ex);
        }
    }

    /// <summary>Reads a rules file; a wrong one is a <see cref="SetupException"/> that names the file and what is wrong.</summary>
    public static EvidenceRules Load(Stream content, string source)
    {
        ArgumentNullException.ThrowIfNull(content);
        RulesFile file;
        try
        {
            file = JsonSerializer.Deserialize<RulesFile>(content, s_json) ?? throw new JsonException("empty");
        }
        catch (JsonException ex)
        {
            throw new SetupException(CoreText.Get("EvidenceRules_Unreadable", source, SetupException.OneLine(ex.Message)), ex);
        }

        foreach (var (rule, index) in (file.Steps ?? []).Select((r, i) => (r, i + 1)))
        {
            if (rule.Fields?.FirstOrDefault(f => !KnownFields.Contains(f)) is { } field)
            {
                throw new SetupException(CoreText.Get("EvidenceRules_UnknownField", source, index, field, string.Join(", ", KnownFields)));
            }

            if (rule.Evidence?.FirstOrDefault(e => e.Min < 1 || e.WithinMeters is <= 0) is not null)
            {
                throw new SetupException(CoreText.Get("EvidenceRules_BadEvidence", source, index));
            }
        }

        var reasons = Enum.GetValues<ClueOutcome>().ToDictionary(
            o => o, o => (IReadOnlyList<OutcomeReason>)(file.Reasons?.GetValueOrDefault(o) ?? []));
        foreach (var (outcome, list) in reasons.Where(r => r.Value.Count == 0))
        {
            throw new SetupException(CoreText.Get("EvidenceRules_NoReasons", source, outcome));
        }

        var steps = (file.Steps ?? []).Select(r => new StepRule(r.Step, r.Outcome, r.Evidence ?? [], r.Fields ?? [])).ToList();
        return new EvidenceRules(reasons, steps, source);
    }

    private sealed record RulesFile(Dictionary<ClueOutcome, List<OutcomeReason>>? Reasons, List<RuleRow>? Steps);

    private sealed record RuleRow(ClueStep Step, ClueOutcome? Outcome, List<EvidenceRequirement>? Evidence, List<string>? Fields);
}

/// <summary>A reason an outcome may give, with its label in both languages.</summary>
public sealed record OutcomeReason(string Code, string Zh, string En)
{
    public string Label => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? En : Zh;
}

/// <summary>What a step needs: evidence and filled fields; <see cref="Outcome"/> limits it to one outcome.</summary>
public sealed record StepRule(ClueStep Step, ClueOutcome? Outcome, IReadOnlyList<EvidenceRequirement> Evidence, IReadOnlyList<string> Fields);

/// <summary>At least <see cref="Min"/> files of a kind; for photos, each counted one within <see cref="WithinMeters"/> of the clue (or without GPS, with a reason).</summary>
public sealed record EvidenceRequirement(EvidenceKind Kind, int Min = 1, double? WithinMeters = null);
