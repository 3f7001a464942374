using EcoPlan.Core.Organizations;
using EcoPlan.Core.Plans;

namespace EcoPlan.Core.Import;

public enum PlanChangeKind
{
    Added,
    Removed,
    Changed,
}

/// <summary>One difference between a stored plan and a revised document: a measure added, removed, or changed in a field.</summary>
public sealed record PlanChange(PlanChangeKind Kind, string Measure, string? Field, string? Before, string? After);

/// <summary>Compares a stored plan with a re-imported document measure by measure, keyed by task number (or name) and position.</summary>
public static class PlanDiff
{
    public static IReadOnlyList<PlanChange> Compare(PlanDetail stored, ParsedPlan revised)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(revised);
        var before = Index(stored.Sections.SelectMany(s => s.Tasks.SelectMany(t => t.Measures.Select((m, i) =>
            (Key(s.Code, t.Number, t.Name, i), Fields(m.Text, m.Deadline.Raw, m.Lead.Select(a => a.Name), m.Responsible.Select(a => a.Name), m.Cooperating.Select(a => a.Name)))))));
        var after = Index(revised.Sections.SelectMany(s => s.Tasks.SelectMany(t => t.Measures.Select((m, i) =>
            (Key(s.Code, t.Number, t.Name, i), Fields(m.Text, m.Deadline.Raw, m.Lead, m.Responsible, m.Cooperating))))));

        var changes = new List<PlanChange>();
        foreach (var (key, fields) in after)
        {
            if (!before.TryGetValue(key, out var old))
            {
                changes.Add(new PlanChange(PlanChangeKind.Added, key, null, null, fields["工作措施"]));
                continue;
            }

            changes.AddRange(fields.Where(f => old[f.Key] != f.Value).Select(f => new PlanChange(PlanChangeKind.Changed, key, f.Key, old[f.Key], f.Value)));
        }

        changes.AddRange(before.Where(b => !after.ContainsKey(b.Key)).Select(b => new PlanChange(PlanChangeKind.Removed, b.Key, null, b.Value["工作措施"], null)));
        return changes;
    }

    private static string Key(string sectionCode, int? taskNumber, string taskName, int index) =>
        $"（{sectionCode}）{(taskNumber is null ? "" : taskNumber + ". ")}{OrganizationDirectory.Normalize(taskName)} #{index + 1}";

    /// <summary>Keyed measures; a key seen twice (two tasks printed alike) keeps its first measure and numbers the next.</summary>
    private static Dictionary<string, Dictionary<string, string>> Index(IEnumerable<(string Key, Dictionary<string, string> Fields)> measures)
    {
        var index = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (key, fields) in measures)
        {
            var unique = key;
            for (var n = 2; !index.TryAdd(unique, fields); n++)
            {
                unique = $"{key} ({n})";
            }
        }

        return index;
    }

    private static Dictionary<string, string> Fields(string text, string deadline, IEnumerable<string> lead, IEnumerable<string> responsible, IEnumerable<string> cooperating) => new()
    {
        ["工作措施"] = OrganizationDirectory.Normalize(text),
        ["完成时限"] = OrganizationDirectory.Normalize(deadline),
        ["牵头"] = string.Join("、", lead.Select(OrganizationDirectory.Normalize)),
        ["主责单位"] = string.Join("、", responsible.Select(OrganizationDirectory.Normalize)),
        ["协办单位"] = string.Join("、", cooperating.Select(OrganizationDirectory.Normalize)),
    };
}
