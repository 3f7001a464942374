namespace EcoPlan.Core.Import;

/// <summary>How a unit was set apart from the one before it in PDF text.</summary>
internal enum Gap
{
    /// <summary>Same line: the PDF reader joins the words of one baseline with a space, so these stood in different columns.</summary>
    Space,
    /// <summary>Next line: usually the same cell.</summary>
    Line,
    /// <summary>After a blank line: maybe another cell, but never inside a list of district governments.</summary>
    Blank,
}

internal sealed record PlacedUnit(string Name, Gap Before)
{
    public UnitClass Class { get; } = UnitLexicon.Classify(Name);
}

internal sealed record ColumnSplit(IReadOnlyList<string> Lead, IReadOnlyList<string> Responsible, IReadOnlyList<string> Cooperating, bool Certain);

/// <summary>
/// Assigns the units PDF text lists after a deadline to 牵头部门 / 主责单位 / 协办单位 when the text no longer shows
/// the columns. The rules (tests/EcoPlan.Core.Tests/Import/Truth/notes.md): the text lists lead, responsible,
/// cooperating in that order; a trailing ——— marks an empty 协办单位, so a row without one has a non-empty 协办单位;
/// district governments listed together are one cell; where that still leaves a choice, the usual layout
/// "departments lead, governments are responsible, other departments cooperate" decides.
/// </summary>
internal static class ColumnSplitter
{
    public static ColumnSplit SplitLeadResponsibleCooperating(IReadOnlyList<PlacedUnit> units, bool emptyCooperating)
    {
        if (units.Count == 0)
        {
            return new([], [], [], Certain: true);
        }

        var runs = Runs(units);
        var segments = Segments(units);
        var pattern = runs.Select(r => r[0].Class).ToList();
        if (emptyCooperating)
        {
            if (pattern is [UnitClass.Department, UnitClass.Government])
            {
                return new(Names(runs[0]), Names(runs[1]), [], Certain: true);
            }

            if (pattern is [UnitClass.Government])
            {
                return new([], Names(units), [], Certain: true);
            }

            return segments.Count >= 2
                ? new(Names(segments[0]), Names(segments.Skip(1).SelectMany(s => s)), [], Certain: false)
                : new([], Names(units), [], Certain: false);
        }

        if (pattern is [UnitClass.Department, UnitClass.Government, UnitClass.Department])
        {
            return new(Names(runs[0]), Names(runs[1]), Names(runs[2]), Certain: segments.Count == 3);
        }

        // No lead column evidence: the first cell is responsible and the rest cooperate.
        return segments.Count >= 2
            ? new([], Names(segments[0]), Names(segments.Skip(1).SelectMany(s => s)), Certain: false)
            : new([], Names(units), [], Certain: false);
    }

    /// <summary>Splits units over the given number of columns in printed order, the last taking what remains.</summary>
    public static List<List<string>> SplitInOrder(IReadOnlyList<PlacedUnit> units, int columns, bool lastEmpty)
    {
        var result = Enumerable.Range(0, columns).Select(_ => new List<string>()).ToList();
        if (columns == 0)
        {
            return result;
        }

        var usable = lastEmpty && columns > 1 ? columns - 1 : columns;
        var segments = Segments(units);
        for (var i = 0; i < segments.Count; i++)
        {
            result[Math.Min(i, usable - 1)].AddRange(Names(segments[i]));
        }

        return result;
    }

    /// <summary>Cells as far as the text shows them: a new one on the same line, at a change of class, or after a blank line (except within governments).</summary>
    internal static List<List<PlacedUnit>> Segments(IReadOnlyList<PlacedUnit> units)
    {
        var segments = new List<List<PlacedUnit>>();
        for (var i = 0; i < units.Count; i++)
        {
            var unit = units[i];
            var starts = i == 0
                || unit.Before == Gap.Space
                || unit.Class != units[i - 1].Class
                || (unit.Before == Gap.Blank && unit.Class != UnitClass.Government);
            if (starts)
            {
                segments.Add([]);
            }

            segments[^1].Add(unit);
        }

        return segments;
    }

    private static List<List<PlacedUnit>> Runs(IReadOnlyList<PlacedUnit> units)
    {
        var runs = new List<List<PlacedUnit>>();
        for (var i = 0; i < units.Count; i++)
        {
            if (i == 0 || units[i].Class != units[i - 1].Class)
            {
                runs.Add([]);
            }

            runs[^1].Add(units[i]);
        }

        return runs;
    }

    private static List<string> Names(IEnumerable<PlacedUnit> units) => [.. units.Select(u => u.Name)];
}
