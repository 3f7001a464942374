using System.Globalization;
using EcoPlan.Core.Accounts;
using EcoPlan.Core.Audit;
using EcoPlan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EcoPlan.Core.Plans;

/// <summary>What a coordinator enters for a target: metric, unit, comparator, target value, baseline and owner units (directory ids).</summary>
public sealed record TargetInput(string Metric, string? Unit, TargetComparator Comparator, decimal? Value, decimal? Baseline, IReadOnlyList<int> OwnerIds);

public enum TargetEditOutcome
{
    Saved,
    NotFound,
    Forbidden,
    Invalid,
}

/// <summary>The outcome of an edit: the target's id when saved, else why not (field-prefixed messages when invalid).</summary>
public sealed record TargetEditResult(TargetEditOutcome Outcome, int? TargetId, int? PlanId, IReadOnlyList<string> Errors)
{
    public bool Saved => Outcome == TargetEditOutcome.Saved;
}

/// <summary>
/// Edits and adds plan targets for the coordinators of the plan's region (and admins). Every change is written with
/// its audit entry (action <see cref="AuditAction.Target"/>, the target's measure, before and after as JSON) in one transaction.
/// </summary>
public sealed class TargetEditor(EcoPlanDbContext db, TimeProvider time)
{
    public const int MaxMetric = 200;
    public const int MaxUnit = 20;

    /// <summary>Checks the input alone; each message starts with the field it is about.</summary>
    public static IReadOnlyList<string> Validate(TargetInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(input.Metric))
        {
            errors.Add(Localization.CoreText.Get("Target_MetricMissing"));
        }
        else if (input.Metric.Trim().Length > MaxMetric)
        {
            errors.Add(Localization.CoreText.Get("Target_MetricTooLong", MaxMetric));
        }

        if (input.Unit is { } unit && unit.Trim().Length > MaxUnit)
        {
            errors.Add(Localization.CoreText.Get("Target_UnitTooLong", MaxUnit));
        }

        if (!Enum.IsDefined(input.Comparator))
        {
            errors.Add(Localization.CoreText.Get("Target_ComparatorUnknown"));
        }
        else if (input.Comparator != TargetComparator.NotBelowBaseline && input.Value is null)
        {
            errors.Add(Localization.CoreText.Get("Target_ValueMissing"));
        }

        if (input.Value is { } v && Math.Abs(v) >= 100_000_000_000_000m)
        {
            errors.Add(Localization.CoreText.Get("Target_ValueTooLarge"));
        }

        if (input.Baseline is { } b && Math.Abs(b) >= 100_000_000_000_000m)
        {
            errors.Add(Localization.CoreText.Get("Target_BaselineTooLarge"));
        }

        return errors;
    }

    /// <summary>Changes a target; refused unless <paramref name="user"/> manages plans of the target's plan's region.</summary>
    public async Task<TargetEditResult> UpdateAsync(UserAccess user, int targetId, TargetInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(input);
        var target = await db.Targets.Include(t => t.Owners).SingleOrDefaultAsync(t => t.Id == targetId, cancellationToken);
        if (target is null)
        {
            return new TargetEditResult(TargetEditOutcome.NotFound, null, null, [Localization.CoreText.Get("Target_NoTarget", targetId)]);
        }

        return await SaveAsync(user, target.MeasureId, target, input, cancellationToken);
    }

    /// <summary>Adds a target to a measure; refused unless <paramref name="user"/> manages plans of the measure's plan's region.</summary>
    public async Task<TargetEditResult> AddAsync(UserAccess user, int measureId, TargetInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(input);
        return await SaveAsync(user, measureId, null, input, cancellationToken);
    }

    private async Task<TargetEditResult> SaveAsync(UserAccess user, int measureId, Target? target, TargetInput input, CancellationToken cancellationToken)
    {
        var plan = await db.Measures.Where(m => m.Id == measureId)
            .Select(m => new { m.Task!.Section!.PlanId, m.Task.Section.Plan!.RegionId }).SingleOrDefaultAsync(cancellationToken);
        if (plan is null)
        {
            return new TargetEditResult(TargetEditOutcome.NotFound, null, null, [Localization.CoreText.Get("Target_NoMeasure", measureId)]);
        }

        if (!user.CanManagePlansOf(plan.RegionId))
        {
            return new TargetEditResult(TargetEditOutcome.Forbidden, target?.Id, plan.PlanId, [Localization.CoreText.Get("Target_Forbidden")]);
        }

        var errors = Validate(input).ToList();
        var ownerIds = input.OwnerIds.Distinct().ToList();
        var owners = await db.Organizations.Where(o => ownerIds.Contains(o.Id)).Select(o => new { o.Id, o.Name }).ToListAsync(cancellationToken);
        var unknown = ownerIds.Where(id => owners.All(o => o.Id != id)).ToList();
        if (unknown.Count > 0)
        {
            errors.Add(Localization.CoreText.Get("Target_OwnersUnknown", string.Join(", ", unknown.Select(id => id.ToString(CultureInfo.InvariantCulture)))));
        }

        if (errors.Count > 0)
        {
            return new TargetEditResult(TargetEditOutcome.Invalid, target?.Id, plan.PlanId, errors);
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
        return new TargetEditResult(TargetEditOutcome.Saved, target.Id, plan.PlanId, []);
    }

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
