namespace EcoPlan.Core.Plans;

/// <summary>What publishing a plan would do: how many measures, and how many units would see theirs.</summary>
public sealed record PublishPreview(int PlanId, int Measures, int Units);

/// <summary>
/// Publishing a draft plan: from then on every unit sees its measures on 我的任务 and the reminder job starts counting
/// its reports. That cannot be taken back by a click, so publishing needs <c>confirmed</c>: the person has read the
/// confirm page (<see cref="PreviewAsync"/>) that says so. Only admins and the coordinators of the plan's region publish.
/// </summary>
public sealed class PlanPublishing(EcoPlanDbContext db, TimeProvider time)
{
    /// <summary>The confirm page's question: may <paramref name="user"/> publish the plan now, and what would it do. The same checks as <see cref="PublishAsync"/>.</summary>
    public async Task<UseCaseResult<PublishPreview>> PreviewAsync(UserAccess user, int planId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var (plan, refusal) = await CheckAsync(user, planId, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var measures = await db.Measures.AsNoTracking().CountAsync(m => m.Task!.Section!.PlanId == plan!.Id, cancellationToken);
        var units = await db.MeasureAssignments.AsNoTracking().Where(a => a.Measure!.Task!.Section!.PlanId == plan!.Id && a.OrganizationId != null)
            .Select(a => a.OrganizationId).Distinct().CountAsync(cancellationToken);
        return new PublishPreview(plan!.Id, measures, units);
    }

    public async Task<UseCaseResult<int>> PublishAsync(UserAccess user, int planId, bool confirmed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var (plan, refusal) = await CheckAsync(user, planId, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!confirmed)
        {
            return new UseCaseError.Invalid("confirmed", CoreText.Get("PublishNeedsConfirm"));
        }

        plan!.Status = PlanStatus.Published;
        plan.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return plan.Id;
    }

    private async Task<(Plan? Plan, UseCaseError? Refusal)> CheckAsync(UserAccess user, int planId, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.Include(p => p.Region).SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null)
        {
            return (null, new UseCaseError.NotFound(CoreText.Get("PlanNotFound", planId)));
        }

        if (!user.CanManagePlansOf(plan.RegionId))
        {
            return (null, new UseCaseError.Forbidden(CoreText.Get("PublishForbidden", plan.Region!.Name)));
        }

        return plan.Status != PlanStatus.Draft ? (null, new UseCaseError.Conflict(CoreText.Get("PublishNotDraft"))) : (plan, null);
    }
}
