namespace EcoPlan.Core.Indicators;

/// <summary>One sub-index of the accountability view: this year, the previous year and the baseline, and whether and how much it fell.</summary>
public sealed record SubIndexLine(
    SubIndexDefinition Definition,
    decimal? Value,
    decimal? Previous,
    decimal? Baseline,
    decimal? ChangeFromPrevious,
    decimal? ChangeFromBaseline,
    decimal? Fall,
    bool FellFromBaseline,
    IReadOnlyList<EiOwner> Owners)
{
    public bool Fell => Fall is not null;
}

/// <summary>
/// The accountability view of a region and year: EI (or why there is none), grade, and against the previous year on
/// file and the baseline (the first year on file) ΔEI and change class; each sub-index with its owners, the falls marked.
/// </summary>
public sealed record EiAccountabilityView(
    string RegionCode,
    string RegionName,
    Methodology Methodology,
    int Year,
    IReadOnlyList<int> Years,
    bool HasData,
    int? PreviousYear,
    int? BaseYear,
    EiOutcome? Outcome,
    decimal? PreviousEi,
    decimal? BaseEi,
    decimal? DeltaFromPrevious,
    ChangeClass? ChangeFromPrevious,
    decimal? DeltaFromBase,
    ChangeClass? ChangeFromBase,
    IReadOnlyList<SubIndexLine> SubIndices)
{
    public IEnumerable<SubIndexLine> Falls => SubIndices.Where(s => s.Fell);
}

public static class EiAccountability
{
    /// <summary>Null when the region code is unknown. Without a year: the latest on file, else the current year of <paramref name="time"/>.</summary>
    public static async Task<EiAccountabilityView?> BuildAsync(EcoPlanDbContext db, Methodology methodology, string regionCode, int? year, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(methodology);
        if (await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Code == regionCode, cancellationToken) is not { } region)
        {
            return null;
        }

        var records = await EiImporter.RecordsAsync(db, methodology.Id, region.Id, cancellationToken);
        var years = records.Keys.ToList();
        var owners = await EiOwners.ForAsync(db, methodology, region, cancellationToken);
        var wanted = year ?? (years.Count > 0 ? years[^1] : (time ?? TimeProvider.System).GetUtcNow().Year);
        if (!records.TryGetValue(wanted, out var current))
        {
            var lines = methodology.SubIndices.Select(s => new SubIndexLine(s, null, null, null, null, null, null, false, owners[s.Key])).ToList();
            return new EiAccountabilityView(region.Code, region.Name, methodology, wanted, years, false, null, null, null, null, null, null, null, null, null, lines);
        }

        var previous = years.Where(y => y < wanted).Select(y => records[y]).LastOrDefault();
        var baseline = years[0] < wanted ? records[years[0]] : null;
        var outcome = EiCalculator.Compute(methodology, current.Values, current.RestrictionLevel);
        var previousEi = previous is null ? null : EiCalculator.Compute(methodology, previous.Values, previous.RestrictionLevel).Result?.Ei;
        var baseEi = baseline is null ? null : EiCalculator.Compute(methodology, baseline.Values, baseline.RestrictionLevel).Result?.Ei;
        decimal? deltaPrevious = outcome.Result is { } r1 && previousEi is { } p ? r1.Ei - p : null;
        decimal? deltaBase = outcome.Result is { } r2 && baseEi is { } b ? r2.Ei - b : null;

        var fellFromPrevious = previous is null ? [] : SubIndexDeclines.Find(methodology, previous.Values, current.Values).ToDictionary(d => d.Key);
        var fellFromBase = baseline is null ? [] : SubIndexDeclines.Find(methodology, baseline.Values, current.Values).ToDictionary(d => d.Key);
        var subIndices = methodology.SubIndices.Select(s =>
        {
            decimal? value = current.Values.TryGetValue(s.Key, out var v) ? v : null;
            decimal? before = previous is not null && previous.Values.TryGetValue(s.Key, out var pv) ? pv : null;
            decimal? first = baseline is not null && baseline.Values.TryGetValue(s.Key, out var bv) ? bv : null;
            return new SubIndexLine(s, value, before, first, value - before, value - first,
                fellFromPrevious.TryGetValue(s.Key, out var fall) ? fall.Fall : null, fellFromBase.ContainsKey(s.Key), owners[s.Key]);
        }).ToList();

        return new EiAccountabilityView(region.Code, region.Name, methodology, wanted, years, true, previous?.Year, baseline?.Year, outcome,
            previousEi, baseEi, deltaPrevious, deltaPrevious is { } d1 ? EiCalculator.ClassifyChange(methodology, d1) : null,
            deltaBase, deltaBase is { } d2 ? EiCalculator.ClassifyChange(methodology, d2) : null, subIndices);
    }
}
