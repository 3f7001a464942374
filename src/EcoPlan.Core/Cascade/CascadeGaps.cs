namespace EcoPlan.Core.Cascade;

/// <summary>
/// What is missing between a district plan and the city plan above it, both ways: <see cref="NotDecomposed"/> (未分解)
/// are the city measures that name the district with no confirmed district measure; <see cref="SelfDefined"/> (本级自定)
/// the district measures with no confirmed city measure and no open suggestion; <see cref="Undecided"/> those with no
/// confirmed city measure that still have suggestions to confirm or reject.
/// </summary>
public sealed record CascadeGapReport(
    CascadePlan District, CascadePlan City, int CityMeasuresNamingDistrict,
    IReadOnlyList<NotDecomposedMeasure> NotDecomposed, IReadOnlyList<CascadeMeasure> SelfDefined, IReadOnlyList<CascadeMeasure> Undecided);

/// <summary>A city measure not decomposed: how it names the district (通州区政府, 各区政府…) and the district measures suggested for it, not yet confirmed.</summary>
public sealed record NotDecomposedMeasure(CascadeMeasure City, IReadOnlyList<string> NamedAs, IReadOnlyList<CascadeMeasure> Suggested);

/// <summary>The gaps of a plan pair, for those who may read its alignment (<see cref="MeasureAlignment"/>).</summary>
public sealed class CascadeGaps(EcoPlanDbContext db)
{
    public async Task<UseCaseResult<CascadeGapReport>> GetAsync(UserAccess user, int districtPlanId, int? cityPlanId = null, CancellationToken cancellationToken = default)
    {
        var loaded = await CascadePair.LoadAsync(db, user, districtPlanId, cityPlanId, cancellationToken);
        if (loaded.Value is not { } pair)
        {
            return loaded.Refusal<CascadeGapReport>();
        }

        var alignment = await MeasureAlignment.AlignAsync(db, pair, cancellationToken);
        var naming = await pair.CityMeasuresNamingDistrictAsync(db, cancellationToken);
        var confirmedCity = alignment.SelectMany(a => a.Confirmed).Select(l => l.City.Id).ToHashSet();
        var notDecomposed = pair.CityMeasures
            .Where(c => naming.ContainsKey(c.Id) && !confirmedCity.Contains(c.Id))
            .Select(c => new NotDecomposedMeasure(c, naming[c.Id],
                [.. alignment.Where(a => a.Suggestions.Any(s => s.City.Id == c.Id && s.State is null)).Select(a => a.Measure)]))
            .ToList();
        var unlinked = alignment.Where(a => a.Confirmed.Count == 0).ToList();
        return new CascadeGapReport(pair.District, pair.City, naming.Count, notDecomposed,
            [.. unlinked.Where(a => a.SelfDefined).Select(a => a.Measure)],
            [.. unlinked.Where(a => !a.SelfDefined).Select(a => a.Measure)]);
    }
}
