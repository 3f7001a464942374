using EcoPlan.Core.Progress;

namespace EcoPlan.Core.Plans;

/// <summary>How the districts' achieved values of a target add up to the city's.</summary>
public enum RollupRule
{
    /// <summary>Counts and areas (处, 个, 公顷, 亩, …): the sum.</summary>
    Sum,

    /// <summary>Percentages (森林覆盖率): the mean weighted by each district's area, which must be entered with the value.</summary>
    AreaWeightedMean,

    /// <summary>"Not below the baseline" (子指数不下降): the minimum, so the city holds only if every district does.</summary>
    Minimum,

    /// <summary>No rule (a target without a unit that is not a "no decline" one): not rolled up.</summary>
    None,
}

/// <summary>A rolled-up value, or why there is none.</summary>
public sealed record Rollup(RollupRule Rule, decimal? Value, int Parts, string? Missing);

public sealed record AchievementRow(int Id, string RegionCode, string RegionName, int Year, decimal Value, decimal? Weight, string Source, string? EnteredBy);

/// <summary>A target of a plan with its achieved values in one year: the plan region's own, the districts', the roll-up, and whether it is met.</summary>
public sealed record TargetProgressRow(
    int TargetId,
    string Metric,
    string? Unit,
    TargetComparator Comparator,
    decimal? Value,
    decimal? Baseline,
    IReadOnlyList<string> Owners,
    AchievementRow? Own,
    IReadOnlyList<AchievementRow> Districts,
    Rollup Rollup,
    bool? Met);

public sealed record PlanProgress(int PlanId, string PlanTitle, int RegionId, string RegionCode, string RegionName, int Year, IReadOnlyList<(string Code, string Name)> Districts, IReadOnlyList<TargetProgressRow> Targets);

/// <summary>Achieved values of targets: entered per region and year, rolled up from the districts to the city by the rule of each metric.</summary>
public static class TargetProgress
{
    private static readonly HashSet<string> s_additiveUnits = ["处", "个", "座", "条", "家", "项", "公顷", "万亩", "亩", "平方公里", "公里"];

    public static RollupRule RuleFor(TargetComparator comparator, string? unit) =>
        comparator == TargetComparator.NotBelowBaseline ? RollupRule.Minimum
        : unit == "%" ? RollupRule.AreaWeightedMean
        : unit is not null && s_additiveUnits.Contains(unit) ? RollupRule.Sum
        : RollupRule.None;

    /// <summary>Rolls the parts up; a weighted mean needs a positive weight on every part and says which are missing.</summary>
    public static Rollup Roll(RollupRule rule, IReadOnlyList<AchievementRow> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0 || rule == RollupRule.None)
        {
            return new Rollup(rule, null, parts.Count, rule == RollupRule.None ? null : Localization.CoreText.Get("Rollup_NoDistrictValues"));
        }

        switch (rule)
        {
            case RollupRule.Sum:
                return new Rollup(rule, parts.Sum(p => p.Value), parts.Count, null);
            case RollupRule.Minimum:
                return new Rollup(rule, parts.Min(p => p.Value), parts.Count, null);
            case RollupRule.AreaWeightedMean:
                var unweighted = parts.Where(p => p.Weight is not > 0).Select(p => p.RegionName).ToList();
                if (unweighted.Count > 0)
                {
                    return new Rollup(rule, null, parts.Count, Localization.CoreText.Get("Rollup_AreaMissing", string.Join("、", unweighted)));
                }

                var total = parts.Sum(p => p.Weight!.Value);
                return new Rollup(rule, Math.Round(parts.Sum(p => p.Value * p.Weight!.Value) / total, 4, MidpointRounding.AwayFromZero), parts.Count, null);
            default:
                return new Rollup(rule, null, parts.Count, null);
        }
    }

    /// <summary>
    /// Whether an achieved value meets the target. ≥, ≤ and = compare with the target value; "not below baseline"
    /// compares with the baseline when there is one, else reads the value as the change from the baseline (met when ≥ 0).
    /// Approximate targets (约) are not judged.
    /// </summary>
    public static bool? Meets(TargetComparator comparator, decimal? target, decimal? baseline, decimal? achieved) => (comparator, target, achieved) switch
    {
        (_, _, null) => null,
        (TargetComparator.AtLeast, { } t, { } a) => a >= t,
        (TargetComparator.AtMost, { } t, { } a) => a <= t,
        (TargetComparator.Equal, { } t, { } a) => a == t,
        (TargetComparator.NotBelowBaseline, _, { } a) => baseline is { } b ? a >= b : a >= 0,
        _ => null,
    };

    /// <summary>The plan's targets and their achieved values in a year (the plan's by default); not found when there is no such plan the caller may see.</summary>
    public static async Task<UseCaseResult<PlanProgress>> ForPlanAsync(EcoPlanDbContext db, UserAccess user, int planId, int? year, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var visible = await ReportVisibility.OfPlanAsync(db, user, planId, cancellationToken);
        if (!visible.Succeeded)
        {
            return visible.Refusal<PlanProgress>();
        }

        var plan = await db.Plans.AsNoTracking().Where(p => p.Id == planId)
            .Select(p => new { p.Id, p.Title, p.Year, p.RegionId, p.Region!.Code, p.Region.Name }).SingleAsync(cancellationToken);

        var wanted = year ?? plan.Year;
        var districts = await db.Regions.AsNoTracking().Where(r => r.ParentId == plan.RegionId).OrderBy(r => r.Code).Select(r => new { r.Id, r.Code, r.Name }).ToListAsync(cancellationToken);
        var targets = await db.Targets.AsNoTracking()
            .Where(t => t.Measure!.Task!.Section!.PlanId == planId)
            .OrderBy(t => t.Measure!.Task!.Section!.Ordinal).ThenBy(t => t.Measure!.Task!.Ordinal).ThenBy(t => t.Measure!.Ordinal).ThenBy(t => t.Id)
            .Select(t => new { t.Id, t.Metric, t.Unit, t.Comparator, t.Value, t.Baseline, Owners = t.Owners.Select(o => o.Organization!.Name).ToList() })
            .ToListAsync(cancellationToken);
        var ids = targets.Select(t => t.Id).ToList();
        var achievements = (await db.TargetAchievements.AsNoTracking()
                .Where(a => ids.Contains(a.TargetId) && a.Year == wanted)
                .Select(a => new { a.TargetId, a.RegionId, Row = new AchievementRow(a.Id, a.Region!.Code, a.Region.Name, a.Year, a.Value, a.Weight, a.Source, a.EnteredBy) })
                .ToListAsync(cancellationToken))
            .ToLookup(a => a.TargetId);
        var districtIds = districts.Select(d => d.Id).ToHashSet();
        var rows = targets.Select(t =>
        {
            var own = achievements[t.Id].FirstOrDefault(a => a.RegionId == plan.RegionId)?.Row;
            var parts = achievements[t.Id].Where(a => districtIds.Contains(a.RegionId)).Select(a => a.Row).OrderBy(a => a.RegionCode, StringComparer.Ordinal).ToList();
            var rollup = Roll(RuleFor(t.Comparator, t.Unit), parts);
            return new TargetProgressRow(t.Id, t.Metric, t.Unit, t.Comparator, t.Value, t.Baseline, t.Owners, own, parts, rollup,
                Meets(t.Comparator, t.Value, t.Baseline, own?.Value ?? rollup.Value));
        }).ToList();
        return new PlanProgress(plan.Id, plan.Title, plan.RegionId, plan.Code, plan.Name, wanted, [.. districts.Select(d => (d.Code, d.Name))], rows);
    }

    /// <summary>Enters (or replaces) the achieved value of a target in a region and year.</summary>
    public static async Task<TargetAchievement> SaveAsync(EcoPlanDbContext db, int targetId, int regionId, int year, decimal value, decimal? weight, string source, string? enteredBy, DateTime now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var achievement = await db.TargetAchievements.SingleOrDefaultAsync(a => a.TargetId == targetId && a.RegionId == regionId && a.Year == year, cancellationToken);
        if (achievement is null)
        {
            achievement = new TargetAchievement { TargetId = targetId, RegionId = regionId, Year = year, Source = source };
            db.TargetAchievements.Add(achievement);
        }

        achievement.Value = value;
        achievement.Weight = weight;
        achievement.Source = source;
        achievement.EnteredAt = now;
        achievement.EnteredBy = enteredBy;
        await db.SaveChangesAsync(cancellationToken);
        return achievement;
    }
}
