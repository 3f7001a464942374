namespace EcoPlan.Core.Indicators;

/// <summary>
/// One region and year: its EI (or why there is none), and against the base year, if the data has it, ΔEI, the
/// change class and the sub-indices that got worse with their owners.
/// </summary>
public sealed record EiReportRow(
    SubIndexRecord Record,
    string RegionName,
    EiOutcome Outcome,
    int? BaseYear,
    decimal? BaseEi,
    decimal? Delta,
    ChangeClass? Change,
    IReadOnlyList<SubIndexDecline> Declines);

public static class EiReport
{
    /// <summary>
    /// Computes every record. The base of a record is the same region's record of <paramref name="baseYear"/> when
    /// given, else of the previous year; a record has no base when that year is missing or is its own year.
    /// Δ is taken between the reported (rounded, restricted) EIs.
    /// </summary>
    public static IReadOnlyList<EiReportRow> Build(Methodology methodology, IReadOnlyList<SubIndexRecord> records, int? baseYear, IReadOnlyDictionary<string, string> regionNames)
    {
        ArgumentNullException.ThrowIfNull(methodology);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(regionNames);
        var byKey = records.ToDictionary(r => (r.RegionCode, r.Year));
        var outcomes = records.ToDictionary(r => (r.RegionCode, r.Year), r => EiCalculator.Compute(methodology, r.Values, r.RestrictionLevel));
        var rows = new List<EiReportRow>(records.Count);
        foreach (var record in records)
        {
            var outcome = outcomes[(record.RegionCode, record.Year)];
            var name = regionNames.TryGetValue(record.RegionCode, out var n) ? n : record.RegionCode;
            var wanted = baseYear ?? record.Year - 1;
            if (wanted == record.Year || !byKey.TryGetValue((record.RegionCode, wanted), out var baseRecord))
            {
                rows.Add(new EiReportRow(record, name, outcome, null, null, null, null, []));
                continue;
            }

            var baseOutcome = outcomes[(record.RegionCode, wanted)];
            decimal? baseEi = null, delta = null;
            ChangeClass? change = null;
            if (outcome.Result is { } current && baseOutcome.Result is { } previous)
            {
                baseEi = previous.Ei;
                delta = current.Ei - previous.Ei;
                change = EiCalculator.ClassifyChange(methodology, delta.Value);
            }

            var declines = SubIndexDeclines.Find(methodology, baseRecord.Values, record.Values);
            rows.Add(new EiReportRow(record, name, outcome, wanted, baseEi, delta, change, declines));
        }

        return rows;
    }
}
