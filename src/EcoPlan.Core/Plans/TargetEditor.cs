using EcoPlan.Core.Audit;

namespace EcoPlan.Core.Plans;

/// <summary>What a coordinator enters for a target: metric, unit, comparator, target value, baseline and owner units (directory ids).</summary>
public sealed record TargetInput(string Metric, string? Unit, TargetComparator Comparator, decimal? Value, decimal? Baseline, IReadOnlyList<int> OwnerIds);

/// <summary>An achieved value as entered: the region (its code), year, value, the area for a weighted mean, and where it comes from.</summary>
public sealed record AchievementInput(string RegionCode, int Year, decimal? Value, decimal? Weight, string? Source);

/// <summary>A saved target (edited, added, or given an achieved value) and the plan it belongs to.</summary>
public sealed record SavedTarget(int TargetId, int PlanId);

/// <summary>
/// What the targets page offers a user: the regions whose achieved values he or she may enter, and, for
/// those who may edit the plan's targets, the current owners, the units to choose from and the measures to add to.
/// </summary>
public sealed record TargetForms(
    IReadOnlyList<(string Code, string Name)> Enterable,
    bool CanEdit,
    IReadOnlyDictionary<int, List<int>> OwnerIds,
    IReadOnlyList<(int Id, string Name)> Units,
    IReadOnlyList<(int Id, string Label)> Measures);

/// <summary>
/// Edits and adds plan targets for the coordinators of the plan's region (and admins), and enters their achieved values
/// (also for the coordinators of a district, in their district). Every target change is written with its audit entry
/// (action <see cref="AuditAction.Target"/>, the target's measure, before and after as JSON) in one transaction.
/// </summary>
public sealed class TargetEditor(EcoPlanDbContext db, TimeProvider time)
{
    public const int MaxMetric = 200;
    public const int MaxUnit = 20;

    public const int MaxSource = 200;

    /// <summary>Checks the input alone, by field (<c>metric</c>, <c>unit</c>, <c>comparator</c>, <c>value</c>, <c>baseline</c>); each message starts with the field's label.</summary>
    public static FieldErrors Validate(TargetInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(input.Metric))
        {
            errors.Add("metric", CoreText.Get("Target_MetricMissing"));
        }
        else if (input.Metric.Trim().Length > MaxMetric)
        {
            errors.Add("metric", CoreText.Get("Target_MetricTooLong", MaxMetric));
        }

        if (input.Unit is { } unit && unit.Trim().Length > MaxUnit)
        {
            errors.Add("unit", CoreText.Get("Target_UnitTooLong", MaxUnit));
        }

        if (!Enum.IsDefined(input.Comparator))
        {
            errors.Add("comparator", CoreText.Get("Target_ComparatorUnknown"));
        }
        else if (input.Comparator != TargetComparator.NotBelowBaseline && input.Value is null)
        {
            errors.Add("value", CoreText.Get("Target_ValueMissing"));
        }

        if (input.Value is { } v && Math.Abs(v) >= 100_000_000_000_000m)
        {
            errors.Add("value", CoreText.Get("Target_ValueTooLarge"));
        }

        if (input.Baseline is { } b && Math.Abs(b) >= 100_000_000_000_000m)
        {
            errors.Add("baseline", CoreText.Get("Target_BaselineTooLarge"));
        }

        return errors;
    }

    /// <summary>Changes a target; refused unless <paramref name="user"/> manages plans of the target's plan's region.</summary>
    public async Task<UseCaseResult<SavedTarget>> UpdateAsync(UserAccess user, int targetId, TargetInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(input);
        var target = await db.Targets.Include(t => t.Owners).SingleOrDefaultAsync(t => t.Id == targetId, cancellationToken);
        if (target is null)
        {
            return new UseCaseError.NotFound(CoreText.Get("Target_NoTarget", targetId));
        }

        return await SaveAsync(user, target.MeasureId, target, input, cancellationToken);
    }

    /// <summary>Adds a target to a measure; refused unless <paramref name="user"/> manages plans of the measure's plan's region.</summary>
    public async Task<UseCaseResult<SavedTarget>> AddAsync(UserAccess user, int measureId, TargetInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(input);
        return await SaveAsync(user, measureId, null, input, cancellationToken);
    }

    private async Task<UseCaseResult<SavedTarget>> SaveAsync(UserAccess user, int measureId, Target? target, TargetInput input, CancellationToken cancellationToken)
    {
        var plan = await db.Measures.Where(m => m.Id == measureId)
            .Select(m => new { m.Task!.Section!.PlanId, m.Task.Section.Plan!.RegionId, Region = m.Task.Section.Plan.Region!.Name }).SingleOrDefaultAsync(cancellationToken);
        if (plan is null)
        {
            return new UseCaseError.NotFound(CoreText.Get("Target_NoMeasure", measureId));
        }

        if (!user.CanManagePlansOf(plan.RegionId))
        {
            return new UseCaseError.Forbidden(CoreText.Get("Target_ForbiddenIn", plan.Region));
        }

        var errors = Validate(input);
        var ownerIds = input.OwnerIds.Distinct().ToList();
        var owners = await db.Organizations.Where(o => ownerIds.Contains(o.Id)).Select(o => new { o.Id, o.Name }).ToListAsync(cancellationToken);
        var unknown = ownerIds.Where(id => owners.All(o => o.Id != id)).ToList();
        if (unknown.Count > 0)
        {
            errors.Add("owners", CoreText.Get("Target_OwnersUnknown", string.Join(", ", unknown.Select(id => id.ToString(CultureInfo.InvariantCulture)))));
        }

        if (errors.ToError() is { } invalid)
        {
            return invalid;
        }

        var previousOwners = target?.Owners.Select(o => o.OrganizationId).ToList() ?? [];
        var names = await db.Organizations.Where(o => previousOwners.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var before = target is null ? null : Snapshot(target.Metric, target.Unit, target.Comparator, target.Value, target.Baseline,
            target.Owners.Select(o => names.GetValueOrDefault(o.OrganizationId, o.OrganizationId.ToString(CultureInfo.InvariantCulture))));
        var after = Snapshot(input.Metric.Trim(), Blank(input.Unit), input.Comparator, input.Value, input.Baseline,
            ownerIds.Select(id => owners.Single(o => o.Id == id).Name));

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (target is null)
        {
            target = new Target { MeasureId = measureId, Metric = input.Metric.Trim() };
            db.Targets.Add(target);
        }

        target.Metric = input.Metric.Trim();
        target.Unit = Blank(input.Unit);
        target.Comparator = input.Comparator;
        target.Value = input.Value;
        target.Baseline = input.Baseline;
        target.Owners.RemoveAll(o => !ownerIds.Contains(o.OrganizationId));
        foreach (var id in ownerIds.Where(id => target.Owners.All(o => o.OrganizationId != id)))
        {
            target.Owners.Add(new TargetOwner { OrganizationId = id });
        }

        await db.SaveChangesAsync(cancellationToken);
        db.Record(AuditAction.Target, user, time.GetUtcNow().UtcDateTime, measureId, reportId: null, new { target = target.Id, change = before is null ? "add" : "edit", before, after });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SavedTarget(target.Id, plan.PlanId);
    }

    /// <summary>
    /// Enters (or replaces) the achieved value of a target in a region and year: the plan's coordinators (and admins) for
    /// the plan's region and its districts, a district's coordinators for their district.
    /// </summary>
    public async Task<UseCaseResult<SavedTarget>> RecordAchievementAsync(UserAccess user, int targetId, AchievementInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(input);
        var target = await db.Targets.AsNoTracking().Where(t => t.Id == targetId)
            .Select(t => new { PlanId = t.Measure!.Task!.Section!.PlanId, PlanRegionId = t.Measure.Task.Section.Plan!.RegionId }).SingleOrDefaultAsync(cancellationToken);
        if (target is null)
        {
            return new UseCaseError.NotFound(CoreText.Get("Target_NoTarget", targetId));
        }

        var region = await db.Regions.AsNoTracking().Where(r => r.Code == input.RegionCode).Select(r => new { r.Id, r.ParentId, r.Name }).SingleOrDefaultAsync(cancellationToken);
        if (region is null || (region.Id != target.PlanRegionId && region.ParentId != target.PlanRegionId))
        {
            return new UseCaseError.Invalid("region", CoreText.Get("Achievement_RegionNotOfPlan", input.RegionCode));
        }

        if (!MayEnter(user, target.PlanRegionId, region.Id))
        {
            return new UseCaseError.Forbidden(CoreText.Get("Achievement_Forbidden", region.Name));
        }

        var errors = new FieldErrors();
        if (input.Year is < Indicators.SubIndexCsv.MinYear or > Indicators.SubIndexCsv.MaxYear)
        {
            errors.Add("year", CoreText.Get("Achievement_YearRange", Indicators.SubIndexCsv.MinYear, Indicators.SubIndexCsv.MaxYear));
        }

        if (input.Value is null)
        {
            errors.Add("value", CoreText.Get("Achievement_ValueMissing"));
        }

        if (input.Weight is <= 0)
        {
            errors.Add("weight", CoreText.Get("Achievement_WeightNotPositive"));
        }

        var source = input.Source?.Trim() ?? "";
        if (source.Length is 0 or > MaxSource)
        {
            errors.Add("source", CoreText.Get("Achievement_SourceNeeded", MaxSource));
        }

        if (errors.ToError() is { } invalid)
        {
            return invalid;
        }

        await TargetProgress.SaveAsync(db, targetId, region.Id, input.Year, input.Value!.Value, input.Weight, source, user.UserName, time.GetUtcNow().UtcDateTime, cancellationToken);
        return new SavedTarget(targetId, target.PlanId);
    }

    /// <summary>What the targets page of <paramref name="progress"/> offers <paramref name="user"/>, by the same rules the saves decide on.</summary>
    public async Task<TargetForms> FormsAsync(UserAccess user, PlanProgress progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(progress);
        var districts = await db.Regions.AsNoTracking().Where(r => r.ParentId == progress.RegionId).ToDictionaryAsync(r => r.Code, r => r.Id, cancellationToken);
        List<(string Code, string Name)> enterable = [.. new[] { (progress.RegionCode, progress.RegionName) }.Concat(progress.Districts)
            .Where(r => MayEnter(user, progress.RegionId, r.Item1 == progress.RegionCode ? progress.RegionId : districts[r.Item1]))];
        if (!user.CanManagePlansOf(progress.RegionId))
        {
            return new TargetForms(enterable, false, new Dictionary<int, List<int>>(), [], []);
        }

        var ids = progress.Targets.Select(t => t.TargetId).ToList();
        var ownerIds = (await db.TargetOwners.AsNoTracking().Where(o => ids.Contains(o.TargetId)).Select(o => new { o.TargetId, o.OrganizationId }).ToListAsync(cancellationToken))
            .GroupBy(o => o.TargetId).ToDictionary(g => g.Key, g => g.Select(o => o.OrganizationId).ToList());
        // The directory's units of the plan's region and its districts.
        var units = (await db.Organizations.AsNoTracking().Where(o => o.RegionId == progress.RegionId || o.Region!.ParentId == progress.RegionId)
                .OrderBy(o => o.Region!.Code).ThenBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(cancellationToken))
            .Select(o => (o.Id, o.Name)).ToList();
        var measures = (await db.Measures.AsNoTracking().Where(m => m.Task!.Section!.PlanId == progress.PlanId)
                .OrderBy(m => m.Task!.Section!.Ordinal).ThenBy(m => m.Task!.Ordinal).ThenBy(m => m.Ordinal)
                .Select(m => new { m.Id, m.Number, m.Text }).ToListAsync(cancellationToken))
            .Select(m => (m.Id, $"{m.Number}. {(m.Text.Length > 40 ? m.Text[..40] + "…" : m.Text)}")).ToList();
        return new TargetForms(enterable, true, ownerIds, units, measures);
    }

    /// <summary>The plan's coordinators enter any of its regions; a district's coordinators their own district.</summary>
    private static bool MayEnter(UserAccess user, int planRegionId, int regionId) => user.CanManagePlansOf(planRegionId) || user.CanManagePlansOf(regionId);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static Dictionary<string, object?> Snapshot(string metric, string? unit, TargetComparator comparator, decimal? value, decimal? baseline, IEnumerable<string> owners) => new()
    {
        ["metric"] = metric,
        ["unit"] = unit,
        ["comparator"] = comparator.ToString(),
        ["value"] = value,
        ["baseline"] = baseline,
        ["owners"] = owners.Order(StringComparer.Ordinal).ToList(),
    };
}
