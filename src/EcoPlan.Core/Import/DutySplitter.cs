using EcoPlan.Core.Organizations;

namespace EcoPlan.Core.Import;

/// <summary>
/// Splits a measure that gives different clauses to different units ("区园林绿化局推进…；区住房城乡建设委推进…")
/// into each unit's own duty, so a unit later sees its own sentence. A clause belongs to the units named at
/// its start ("区生态环境局和区水务局共同负责…" to both); a clause without a subject continues the previous
/// owner's duty; clauses before the first owner, or led by 各…/相关… (各部门按职责…), are everyone's and go to nobody
/// in particular.
/// </summary>
public static class DutySplitter
{
    private static readonly char[] s_clauseEnds = ['。', '；', ';', '：', ':'];
    private static readonly string[] s_joiners = ["和", "、", "与", "及", "，"];

    /// <summary>Each named unit's duty; empty unless at least two units own clauses of their own.</summary>
    public static IReadOnlyDictionary<string, string> Split(string text, IEnumerable<string> unitNames)
    {
        ArgumentNullException.ThrowIfNull(text);
        var names = unitNames.Select(OrganizationDirectory.Normalize).Where(n => n.Length >= 2).Distinct().OrderByDescending(n => n.Length).ToList();
        var duties = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string> owners = [];
        foreach (var clause in Clauses(OrganizationDirectory.Normalize(text)))
        {
            if (clause.StartsWith('各') || clause.StartsWith("相关", StringComparison.Ordinal))
            {
                owners = [];
                continue;
            }

            var subjects = Subjects(clause, names);
            if (subjects.Count > 0)
            {
                owners = subjects;
            }

            foreach (var owner in owners)
            {
                if (!duties.TryGetValue(owner, out var list))
                {
                    duties[owner] = list = [];
                }

                list.Add(clause);
            }
        }

        return duties.Count < 2
            ? new Dictionary<string, string>()
            : duties.ToDictionary(d => d.Key, d => string.Concat(d.Value).TrimEnd('；', ';', '：', ':', '，'));
    }

    private static IEnumerable<string> Clauses(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (Array.IndexOf(s_clauseEnds, text[i]) >= 0)
            {
                yield return text[start..(i + 1)];
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            yield return text[start..];
        }
    }

    /// <summary>The unit names a clause opens with, joined by 和、与及.</summary>
    private static List<string> Subjects(string clause, List<string> names)
    {
        var subjects = new List<string>();
        var position = 0;
        while (names.FirstOrDefault(n => string.CompareOrdinal(clause, position, n, 0, n.Length) == 0) is { } name)
        {
            subjects.Add(name);
            position += name.Length;
            var joiner = s_joiners.FirstOrDefault(j => string.CompareOrdinal(clause, position, j, 0, j.Length) == 0);
            if (joiner is null)
            {
                break;
            }

            position += joiner.Length;
        }

        return subjects;
    }
}
