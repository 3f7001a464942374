using EcoPlan.Core.Organizations;
using EcoPlan.Core.Plans;
using EcoPlan.Core.Progress;

namespace EcoPlan.Core.Cascade;

/// <summary>A plan of the cascade as shown beside its measures.</summary>
public sealed record CascadePlan(int Id, string Title, int Year, int RegionId, string RegionName);

/// <summary>
/// A measure of either plan as the cascade shows it: its <see cref="Label"/> is how the issued table names it, the row's
/// 序号 where the plan numbers rows (Tongzhou: 9), else task.measure with measures numbered from 1 within their task
/// (Beijing: 9.3).
/// </summary>
public sealed record CascadeMeasure(int Id, string Label, int? Number, string TaskName, string Text);

/// <summary>
/// A district plan and the city plan above it, loaded with the caller's rights, the one way every cascade use case
/// starts: the district plan must be visible and overseen by the caller (admins, the district's coordinators, the city's),
/// the city plan must belong to the district's parent region and be visible to the caller.
/// </summary>
internal sealed record CascadePair(CascadePlan District, CascadePlan City, bool CanDecide, IReadOnlyList<CascadeMeasure> DistrictMeasures, IReadOnlyList<CascadeMeasure> CityMeasures)
{
    /// <summary>
    /// Loads the pair. Without <paramref name="cityPlanId"/> the city plan is the parent region's newest plan of the
    /// district plan's year or before (published first): Tongzhou's 2026 plan implements Beijing's 2025 plan.
    /// </summary>
    public static async Task<UseCaseResult<CascadePair>> LoadAsync(EcoPlanDbContext db, UserAccess user, int districtPlanId, int? cityPlanId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        var visible = await ReportVisibility.OfPlanAsync(db, user, districtPlanId, cancellationToken);
        if (visible.Value is not { } visibility)
        {
            return visible.Refusal<CascadePair>();
        }

        var district = await db.Plans.AsNoTracking().Where(p => p.Id == districtPlanId)
            .Select(p => new { Plan = new CascadePlan(p.Id, p.Title, p.Year, p.RegionId, p.Region!.Name), p.Region.ParentId }).SingleAsync(cancellationToken);
        if (!visibility.Oversees)
        {
            return new UseCaseError.Forbidden(CoreText.Get("Cascade_ReadForbidden", district.Plan.RegionName));
        }

        if (district.ParentId is not { } parentRegion)
        {
            return new UseCaseError.Invalid("districtPlan", CoreText.Get("Cascade_NoParentRegion", district.Plan.Id, district.Plan.RegionName));
        }

        cityPlanId ??= CityPlanOf(district.Plan.Year, await db.Plans.AsNoTracking().Where(p => p.RegionId == parentRegion)
            .Select(p => new CityPlanCandidate(p.Id, p.Year, p.Status)).ToListAsync(cancellationToken));
        if (cityPlanId is null)
        {
            return new UseCaseError.Invalid("cityPlan", CoreText.Get("Cascade_NoCityPlan", district.Plan.Id, district.Plan.Year));
        }

        var cityVisible = await ReportVisibility.OfPlanAsync(db, user, cityPlanId.Value, cancellationToken);
        if (!cityVisible.Succeeded)
        {
            return cityVisible.Refusal<CascadePair>();
        }

        var city = await db.Plans.AsNoTracking().Where(p => p.Id == cityPlanId)
            .Select(p => new CascadePlan(p.Id, p.Title, p.Year, p.RegionId, p.Region!.Name)).SingleAsync(cancellationToken);
        if (city.RegionId != parentRegion)
        {
            return new UseCaseError.Invalid("cityPlan", CoreText.Get("Cascade_NotTheParentPlan", city.Id, city.RegionName, district.Plan.Id, district.Plan.RegionName));
        }

        return new CascadePair(district.Plan, city, user.CanManagePlansOf(district.Plan.RegionId),
            await MeasuresAsync(db, district.Plan.Id, cancellationToken), await MeasuresAsync(db, city.Id, cancellationToken));
    }

    /// <summary>A plan of the parent region, as <see cref="CityPlanOf"/> chooses among them.</summary>
    internal readonly record struct CityPlanCandidate(int Id, int Year, PlanStatus Status);

    /// <summary>
    /// The city plan a district plan of <paramref name="districtYear"/> implements by default, among the parent region's
    /// plans: the newest of that year or before, published first. Null when there is none.
    /// </summary>
    internal static int? CityPlanOf(int districtYear, IEnumerable<CityPlanCandidate> parentPlans) =>
        parentPlans.Where(p => p.Year <= districtYear)
            .OrderByDescending(p => p.Status == PlanStatus.Published).ThenByDescending(p => p.Year).ThenByDescending(p => p.Id)
            .Select(p => (int?)p.Id).FirstOrDefault();

    /// <summary>The plan's measures in table order, labelled as the issued table numbers them.</summary>
    internal static async Task<List<CascadeMeasure>> MeasuresAsync(EcoPlanDbContext db, int planId, CancellationToken cancellationToken)
    {
        var rows = await db.Measures.AsNoTracking().Where(m => m.Task!.Section!.PlanId == planId)
            .OrderBy(m => m.Task!.Section!.Ordinal).ThenBy(m => m.Task!.Ordinal).ThenBy(m => m.Ordinal)
            .Select(m => new { m.Id, m.Number, m.Text, m.TaskId, TaskNumber = m.Task!.Number, TaskName = m.Task.Name })
            .ToListAsync(cancellationToken);
        var measures = new List<CascadeMeasure>(rows.Count);
        var taskIndex = 0;
        var inTask = 0;
        int? lastTask = null;
        foreach (var row in rows)
        {
            if (row.TaskId != lastTask)
            {
                lastTask = row.TaskId;
                taskIndex++;
                inTask = 0;
            }

            inTask++;
            var label = row.Number is { } number
                ? number.ToString(CultureInfo.InvariantCulture)
                : string.Create(CultureInfo.InvariantCulture, $"{row.TaskNumber ?? taskIndex}.{inTask}");
            measures.Add(new CascadeMeasure(row.Id, label, row.Number, row.TaskName, row.Text));
        }

        return measures;
    }

    /// <summary>The aligner over the city plan's measures.</summary>
    public MeasureAligner Aligner() => new([.. CityMeasures.Select(m => new AlignmentMeasure(m.Id, m.Label, m.Text))]);

    /// <summary>
    /// The city measures that name the district, with the names they name it by: the district's own units (its government,
    /// its bureaus, the municipal branches in it, its townships; the directory knows each unit's region) or a collective of
    /// districts (各区政府, 相关区政府, 有关区政府), in any role.
    /// </summary>
    public async Task<Dictionary<int, List<string>>> CityMeasuresNamingDistrictAsync(EcoPlanDbContext db, CancellationToken cancellationToken) =>
        (await CityMeasuresNamingDistrictsAsync(db, City, [District.RegionId], cancellationToken)).GetValueOrDefault(District.RegionId) ?? [];

    /// <summary>
    /// <see cref="CityMeasuresNamingDistrictAsync"/> for several districts of the city at once (one query): by district
    /// region, the city measures naming it and the names they name it by. A district no measure names is left out.
    /// </summary>
    internal static async Task<Dictionary<int, Dictionary<int, List<string>>>> CityMeasuresNamingDistrictsAsync(
        EcoPlanDbContext db, CascadePlan city, IReadOnlyCollection<int> districtRegions, CancellationToken cancellationToken)
    {
        var regions = districtRegions.ToList();
        var rows = await db.MeasureAssignments.AsNoTracking()
            .Where(a => a.Measure!.Task!.Section!.PlanId == city.Id && a.Organization != null
                        && (regions.Contains(a.Organization.RegionId) || regions.Contains(a.Organization.Region!.ParentId ?? 0)
                            || (a.Organization.Kind == OrganizationKind.Group && a.Organization.RegionId == city.RegionId)))
            .OrderBy(a => a.Role).ThenBy(a => a.Ordinal)
            .Select(a => new { a.MeasureId, a.PrintedName, a.Organization!.Name, a.Organization.Kind, a.Organization.RegionId, a.Organization.Region!.ParentId })
            .ToListAsync(cancellationToken);
        var result = new Dictionary<int, Dictionary<int, List<string>>>();
        foreach (var region in regions)
        {
            var naming = rows.Where(r => (r.RegionId == region || r.ParentId == region || (r.Kind == OrganizationKind.Group && r.RegionId == city.RegionId))
                    && (r.Kind != OrganizationKind.Group || NamesEveryOrSomeDistrict(r.Name)))
                .GroupBy(r => r.MeasureId)
                .ToDictionary(g => g.Key, g => g.Select(r => r.PrintedName).Distinct(StringComparer.Ordinal).ToList());
            if (naming.Count > 0)
            {
                result[region] = naming;
            }
        }

        return result;
    }

    /// <summary>各区政府, 相关区政府, 有关区政府: the city's collectives that stand for all or some of its districts.</summary>
    private static bool NamesEveryOrSomeDistrict(string name) =>
        name.StartsWith("各区", StringComparison.Ordinal) || name.StartsWith("相关区", StringComparison.Ordinal) || name.StartsWith("有关区", StringComparison.Ordinal);
}
