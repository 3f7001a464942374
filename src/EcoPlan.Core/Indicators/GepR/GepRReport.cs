namespace EcoPlan.Core.Indicators.GepR;

/// <summary>The change of a value from the previous year: Δ and the growth rate Δ/previous (null when previous is 0).</summary>
public sealed record YearChange(int PreviousYear, decimal Previous, decimal Delta, decimal? Growth);

/// <summary>The value of one service in a region and year (the sum of its items) and its change from the previous year.</summary>
public sealed record ServiceValue(
    string RegionCode,
    string RegionName,
    int Year,
    RegulatingService Service,
    decimal Value,
    decimal? ComparableValue,
    YearChange? Change);

/// <summary>A region's GEP-R in a year, its change from the previous year, and its share of the total of all regions that year.</summary>
public sealed record RegionValue(
    string RegionCode,
    string RegionName,
    int Year,
    decimal Value,
    decimal? ComparableValue,
    YearChange? Change,
    decimal Share);

/// <summary>The total of all regions in the data in a year (for the 16 districts: the city) and its change.</summary>
public sealed record YearTotal(int Year, decimal Value, decimal? ComparableValue, YearChange? Change);

/// <summary>
/// GEP-R accounts: the ledger, values per region, year and service, totals per region and year, the change from the
/// previous year and each region's share of the year's total. Changes and shares are taken on the comparable values
/// (at the base year's prices) when there is a base year, so growth is real; else on values at the prices in force.
/// </summary>
public sealed record GepRReport(
    int? BaseYear,
    IReadOnlyList<LedgerLine> Lines,
    IReadOnlyList<ServiceValue> Services,
    IReadOnlyList<RegionValue> Regions,
    IReadOnlyList<YearTotal> Totals)
{
    /// <summary>True when changes and shares are at the base year's prices.</summary>
    public bool Comparable => BaseYear is not null;

    /// <summary>Builds the accounts from priced lines; services are listed in the order of <paramref name="services"/>.</summary>
    public static GepRReport Build(IReadOnlyList<LedgerLine> lines, int? baseYear, RegulatingServiceSet services)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(services);
        var order = services.Services.Select((s, i) => (s.Key, i)).ToDictionary(p => p.Key, p => p.i, StringComparer.Ordinal);
        if (baseYear is not null && lines.Any(l => l.ComparableValue is null))
        {
            throw new GepRException("Every ledger line needs a comparable value when there is a base year.");
        }

        decimal Measure(decimal value, decimal? comparable) => baseYear is null ? value : comparable!.Value;

        var byService = lines
            .GroupBy(l => (l.Quantity.RegionCode, l.Quantity.Year, l.Service.Key))
            .Select(g => (Key: g.Key, First: g.First(), Value: g.Sum(l => l.Value), Comparable: baseYear is null ? (decimal?)null : g.Sum(l => l.ComparableValue!.Value)))
            .ToList();
        var serviceMeasure = byService.ToDictionary(s => s.Key, s => Measure(s.Value, s.Comparable));
        var serviceValues = byService
            .OrderBy(s => s.Key.RegionCode, StringComparer.Ordinal).ThenBy(s => s.Key.Year).ThenBy(s => order.GetValueOrDefault(s.Key.Key, int.MaxValue))
            .Select(s => new ServiceValue(s.Key.RegionCode, s.First.RegionName, s.Key.Year, s.First.Service, s.Value, s.Comparable,
                Change(serviceMeasure, (s.Key.RegionCode, s.Key.Year - 1, s.Key.Key), s.Key.Year - 1, serviceMeasure[s.Key])))
            .ToList();

        var regions = lines
            .GroupBy(l => (l.Quantity.RegionCode, l.Quantity.Year))
            .Select(g => (Key: g.Key, Name: g.First().RegionName, Value: g.Sum(l => l.Value), Comparable: baseYear is null ? (decimal?)null : g.Sum(l => l.ComparableValue!.Value)))
            .ToList();
        var regionMeasure = regions.ToDictionary(r => r.Key, r => Measure(r.Value, r.Comparable));
        var yearMeasure = regionMeasure.GroupBy(r => r.Key.Year).ToDictionary(g => g.Key, g => g.Sum(r => r.Value));
        var regionValues = regions
            .OrderBy(r => r.Key.Year).ThenBy(r => r.Key.RegionCode, StringComparer.Ordinal)
            .Select(r => new RegionValue(r.Key.RegionCode, r.Name, r.Key.Year, r.Value, r.Comparable,
                Change(regionMeasure, (r.Key.RegionCode, r.Key.Year - 1), r.Key.Year - 1, regionMeasure[r.Key]),
                yearMeasure[r.Key.Year] == 0 ? 0 : regionMeasure[r.Key] / yearMeasure[r.Key.Year]))
            .ToList();

        var totals = regions
            .GroupBy(r => r.Key.Year)
            .OrderBy(g => g.Key)
            .Select(g => new YearTotal(g.Key, g.Sum(r => r.Value), baseYear is null ? null : g.Sum(r => r.Comparable!.Value),
                Change(yearMeasure, g.Key - 1, g.Key - 1, yearMeasure[g.Key])))
            .ToList();

        return new GepRReport(baseYear, lines, serviceValues, regionValues, totals);
    }

    /// <summary>The region's value in the measure of this report (comparable or at prices in force), or null when absent.</summary>
    public decimal? MeasureOf(string regionCode, int year) =>
        Regions.FirstOrDefault(r => r.RegionCode == regionCode && r.Year == year) is { } r
            ? (Comparable ? r.ComparableValue : r.Value)
            : null;

    private static YearChange? Change<TKey>(Dictionary<TKey, decimal> measure, TKey previousKey, int previousYear, decimal current)
        where TKey : notnull =>
        measure.TryGetValue(previousKey, out var previous)
            ? new YearChange(previousYear, previous, current - previous, previous == 0 ? null : (current - previous) / previous)
            : null;

}
