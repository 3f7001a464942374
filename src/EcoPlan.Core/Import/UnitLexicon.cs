using System.Text.Json;
using System.Text.RegularExpressions;

namespace EcoPlan.Core.Import;

/// <summary>Whether a unit is a government body (区政府, 管委会, 乡镇) or a department (局, 委): the usual 主责/牵头 split.</summary>
internal enum UnitClass
{
    Department,
    Government,
}

/// <summary>
/// Known unit names and aliases (the embedded organizations.json) plus generic name patterns, used to tell
/// unit names from text and to join a name the document broke over a space or a line (北京经济技术 / 开发区管委会).
/// </summary>
internal sealed partial class UnitLexicon
{
    private const int MaxUnitLength = 20;
    private static readonly Lazy<UnitLexicon> s_default = new(Load);
    private readonly HashSet<string> _units;
    private readonly HashSet<string> _leaders;

    public UnitLexicon(IEnumerable<string> units, IEnumerable<string> leaders)
    {
        _units = new HashSet<string>(units, StringComparer.Ordinal);
        _leaders = new HashSet<string>(leaders, StringComparer.Ordinal);
    }

    public static UnitLexicon Default => s_default.Value;

    public bool IsKnown(string name) => _units.Contains(name);

    public bool IsKnownLeader(string name) => _leaders.Contains(name);

    public bool IsUnit(string name) => IsKnown(name) || LooksLikeUnit(name);

    /// <summary>A name shaped like a unit: ends in 局, 委, 政府, 管委会, 部门…, or is a group such as 各相关部门.</summary>
    public static bool LooksLikeUnit(string name) =>
        name.Length is >= 3 and <= MaxUnitLength && UnitPattern().IsMatch(name);

    /// <summary>A person's name in a 牵头领导 cell: two to four Han characters that are not a unit.</summary>
    public bool LooksLikePerson(string name) =>
        IsKnownLeader(name) || (PersonPattern().IsMatch(name) && !IsUnit(name));

    public static UnitClass Classify(string name) =>
        GovernmentPattern().IsMatch(name) ? UnitClass.Government : UnitClass.Department;

    /// <summary>
    /// How many of the fragments from <paramref name="start"/> make one unit (longest known name first,
    /// then a name that is whole by itself, then fragments that only together look like a unit); 0 when none.
    /// </summary>
    public int MatchAt(IReadOnlyList<string> fragments, int start, out string unit)
    {
        ArgumentNullException.ThrowIfNull(fragments);
        var available = Math.Min(3, fragments.Count - start);
        for (var count = available; count >= 1; count--)
        {
            var joined = Join(fragments, start, count);
            if (IsKnown(joined))
            {
                unit = joined;
                return count;
            }
        }

        if (available >= 1 && LooksLikeUnit(fragments[start]))
        {
            // A branch printed apart from its parent (市规划自然资源委 通州分局) is one unit.
            if (available >= 2 && BranchPattern().IsMatch(fragments[start + 1]) && LooksLikeUnit(Join(fragments, start, 2)))
            {
                unit = Join(fragments, start, 2);
                return 2;
            }

            unit = fragments[start];
            return 1;
        }

        for (var count = 2; count <= available; count++)
        {
            var joined = Join(fragments, start, count);
            if (LooksLikeUnit(joined))
            {
                unit = joined;
                return count;
            }
        }

        unit = "";
        return 0;
    }

    /// <summary>Splits a table cell into units; a fragment that is no unit at all is kept as printed, so nothing is lost.</summary>
    public IReadOnlyList<string> SplitUnits(string cell)
    {
        var fragments = Fragments(cell);
        var units = new List<string>();
        for (var i = 0; i < fragments.Count;)
        {
            var used = MatchAt(fragments, i, out var unit);
            if (used == 0)
            {
                unit = fragments[i];
                used = 1;
            }

            units.Add(unit);
            i += used;
        }

        return units;
    }

    /// <summary>Splits a 牵头领导 cell into person names.</summary>
    public static IReadOnlyList<string> SplitPeople(string cell) => Fragments(cell);

    /// <summary>A cell that says "none": empty, or only dashes (——, ———).</summary>
    public static bool IsEmptyMarker(string cell) => cell.All(c => char.IsWhiteSpace(c) || IsDash(c));

    public static bool IsDash(char c) => c is '—' or '–' or '-' or '―' or '─' or '－' or '━';

    private static List<string> Fragments(string cell)
    {
        if (IsEmptyMarker(cell))
        {
            return [];
        }

        return [.. Separators().Split(cell).Where(f => f.Length > 0 && !IsEmptyMarker(f))];
    }

    private static string Join(IReadOnlyList<string> fragments, int start, int count) =>
        count == 1 ? fragments[start] : string.Concat(fragments.Skip(start).Take(count));

    private static UnitLexicon Load()
    {
        using var stream = typeof(UnitLexicon).Assembly.GetManifestResourceStream("EcoPlan.ReferenceData.organizations.json")
            ?? throw new InvalidOperationException("Reference data organizations.json is not embedded in EcoPlan.Core.");
        using var document = JsonDocument.Parse(stream);
        var units = new List<string>();
        foreach (var organization in document.RootElement.GetProperty("organizations").EnumerateArray())
        {
            units.Add(organization.GetProperty("name").GetString()!);
            if (organization.TryGetProperty("aliases", out var aliases))
            {
                units.AddRange(aliases.EnumerateArray().Select(a => a.GetString()!));
            }
        }

        var leaders = document.RootElement.TryGetProperty("leaders", out var people)
            ? people.EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToList()
            : [];
        return new UnitLexicon(units, leaders);
    }

    [GeneratedRegex(@"[\s、，,；;]+")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^(?:各|相关|有关)?\p{IsCJKUnifiedIdeographs}[\p{IsCJKUnifiedIdeographs}A-Za-z0-9（）()]*(?:人民政府|政府|管委会|委员会|办事处|局|委|办|办公室|中心|部门|单位|街道|乡镇|镇|乡|公司|集团|支队|大队|工委|党委)$")]
    private static partial Regex UnitPattern();

    [GeneratedRegex(@"^\p{IsCJKUnifiedIdeographs}{1,8}(?:分局|分中心|支队|大队|分所)$")]
    private static partial Regex BranchPattern();

    [GeneratedRegex(@"(?:政府|管委会|办事处|街道|乡镇|镇|乡)$")]
    private static partial Regex GovernmentPattern();

    [GeneratedRegex(@"^\p{IsCJKUnifiedIdeographs}{2,4}$")]
    private static partial Regex PersonPattern();
}
