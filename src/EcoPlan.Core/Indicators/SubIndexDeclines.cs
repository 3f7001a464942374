namespace EcoPlan.Core.Indicators;

/// <summary>
/// A sub-index that got worse between two years: it fell (higher is better) or rose (higher is worse).
/// <see cref="Change"/> is After − Before; <see cref="Fall"/> is how much worse, always positive.
/// </summary>
public sealed record SubIndexDecline(
    string Key,
    string Name,
    IndexDirection Direction,
    decimal Before,
    decimal After,
    decimal Change,
    decimal Fall,
    IReadOnlyList<string> Owners);

/// <summary>For a region and two years: the sub-indices that got worse, by how much, and the units that answer for them.</summary>
public sealed record DeclineReport(string RegionCode, int BaseYear, int Year, IReadOnlyList<SubIndexDecline> Declines);

public static class SubIndexDeclines
{
    /// <summary>The sub-indices of <paramref name="methodology"/> that are worse in <paramref name="after"/> than in <paramref name="before"/>, in methodology order.</summary>
    public static IReadOnlyList<SubIndexDecline> Find(Methodology methodology, IReadOnlyDictionary<string, decimal> before, IReadOnlyDictionary<string, decimal> after)
    {
        ArgumentNullException.ThrowIfNull(methodology);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var declines = new List<SubIndexDecline>();
        foreach (var s in methodology.SubIndices)
        {
            if (!before.TryGetValue(s.Key, out var b) || !after.TryGetValue(s.Key, out var a))
            {
                continue;
            }

            var change = a - b;
            var worse = s.Direction == IndexDirection.HigherBetter ? change < 0 : change > 0;
            if (worse)
            {
                declines.Add(new SubIndexDecline(s.Key, s.Name, s.Direction, b, a, change, Math.Abs(change), s.Owners));
            }
        }

        return declines;
    }

    /// <summary>The decline report of one region between a base year and a later year.</summary>
    public static DeclineReport Report(Methodology methodology, SubIndexRecord baseRecord, SubIndexRecord record)
    {
        ArgumentNullException.ThrowIfNull(baseRecord);
        ArgumentNullException.ThrowIfNull(record);
        if (baseRecord.RegionCode != record.RegionCode)
        {
            throw new ArgumentException($"The records are of different regions ({baseRecord.RegionCode}, {record.RegionCode}).", nameof(record));
        }

        return new DeclineReport(record.RegionCode, baseRecord.Year, record.Year, Find(methodology, baseRecord.Values, record.Values));
    }
}
