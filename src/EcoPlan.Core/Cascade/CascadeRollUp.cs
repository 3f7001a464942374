using EcoPlan.Core.Progress;

namespace EcoPlan.Core.Cascade;

/// <summary>
/// A district measure confirmed to implement a city measure, and where it stands by the dashboard's rules
/// (<see cref="Dashboard"/>: completed, late, each responsible unit's status, percent and review state).
/// </summary>
public sealed record LinkedDistrictMeasure(int CityMeasureId, CascadePlan Plan, CascadeMeasure Measure, MeasureState State)
{
    /// <summary>Whether any responsible unit has submitted a report on it (or it is completed).</summary>
    public bool Reported => State.Completed || State.Duties.Any(d => d.LastSubmittedAt is not null);
}

/// <summary>One district's measures implementing a city measure, in the district plan's order.</summary>
public sealed record DistrictRollUp(int RegionId, string RegionName, CascadePlan Plan, IReadOnlyList<LinkedDistrictMeasure> Measures);

/// <summary>
/// Roll-up across levels (issue 15): for a city measure, each district's measures confirmed to implement it, with their
/// progress and review state. Whoever sees the city measure reads it, limited to the district plans he or she may see
/// (<see cref="ReportVisibility"/>: a draft district plan is left out for anyone who does not oversee it); narratives and
/// return reasons only where the caller may read the district reports' content, as on the district's own dashboard.
/// </summary>
public sealed class CascadeRollUp(EcoPlanDbContext db, TimeProvider time)
{
    public async Task<UseCaseResult<IReadOnlyList<DistrictRollUp>>> ForCityMeasureAsync(UserAccess user, int cityMeasureId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var planId = await db.Measures.AsNoTracking().Where(m => m.Id == cityMeasureId).Select(m => (int?)m.Task!.Section!.PlanId).SingleOrDefaultAsync(cancellationToken);
        if (planId is null || !(await ReportVisibility.OfPlanAsync(db, user, planId.Value, cancellationToken)).Succeeded)
        {
            return new UseCaseError.NotFound(CoreText.Get("Workflow_NoMeasure", cityMeasureId));
        }

        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var linked = await LinkedAsync(db, user, [cityMeasureId], null, today, time.LocalTimeZone, cancellationToken);
        return linked.GroupBy(l => l.Plan.Id)
            .Select(g => new DistrictRollUp(g.First().Plan.RegionId, g.First().Plan.RegionName, g.First().Plan, [.. g]))
            .OrderBy(d => d.RegionName, StringComparer.Ordinal).ThenByDescending(d => d.Plan.Year)
            .ToList();
    }

    /// <summary>
    /// The district measures confirmed for <paramref name="cityMeasureIds"/> in the district plans the caller may see
    /// (of <paramref name="onlyRegion"/> alone when given), each with its state on <paramref name="asOf"/>: one dashboard
    /// per district plan that has links, in the plan's order.
    /// </summary>
    internal static async Task<List<LinkedDistrictMeasure>> LinkedAsync(EcoPlanDbContext db, UserAccess user, IReadOnlyCollection<int> cityMeasureIds, int? onlyRegion,
        DateOnly asOf, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var ids = cityMeasureIds.ToList();
        var hidden = await ReportVisibility.HiddenPlansAsync(db, user, cancellationToken);
        var links = (await db.MeasureLinks.AsNoTracking().Where(l => l.State == MeasureLinkState.Confirmed && ids.Contains(l.CityMeasureId))
                .Select(l => new { l.CityMeasureId, l.DistrictMeasureId, l.DistrictMeasure!.Task!.Section!.PlanId, l.DistrictMeasure.Task.Section.Plan!.RegionId })
                .ToListAsync(cancellationToken))
            .Where(l => !hidden.Contains(l.PlanId) && (onlyRegion is null || l.RegionId == onlyRegion))
            .ToList();
        var result = new List<LinkedDistrictMeasure>(links.Count);
        foreach (var plan in links.GroupBy(l => l.PlanId).OrderBy(g => g.Key))
        {
            if ((await Dashboard.ComputeAsync(db, user, plan.Key, asOf, zone, cancellationToken)).Value is not { } view)
            {
                continue;
            }

            var shown = new CascadePlan(view.PlanId, view.PlanTitle, view.PlanYear, plan.First().RegionId, view.RegionName);
            var measures = (await CascadePair.MeasuresAsync(db, plan.Key, cancellationToken)).Select((m, i) => (m, i)).ToDictionary(p => p.m.Id);
            var states = view.Measures.ToDictionary(m => m.MeasureId);
            result.AddRange(plan.OrderBy(l => measures[l.DistrictMeasureId].i)
                .Select(l => new LinkedDistrictMeasure(l.CityMeasureId, shown, measures[l.DistrictMeasureId].m, states[l.DistrictMeasureId])));
        }

        return result;
    }
}
