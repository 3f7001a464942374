using EcoPlan.Core.Accounts;
using EcoPlan.Core.Data;
using EcoPlan.Core.Localization;
using Microsoft.EntityFrameworkCore;

namespace EcoPlan.Core.Plans;

/// <summary>
/// Publishing a draft plan: from then on every unit sees its measures on 我的任务 and the reminder job starts counting
/// its reports. That cannot be taken back by a click, so publishing needs <c>confirmed</c>: the person has read the
/// confirm page that says so. Only admins and the coordinators of the plan's region publish.
/// </summary>
public sealed class PlanPublishing(EcoPlanDbContext db, TimeProvider time)
{
    public async Task<UseCaseResult<int>> PublishAsync(UserAccess user, int planId, bool confirmed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var plan = await db.Plans.Include(p => p.Region).SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null)
        {
            return new UseCaseError.NotFound(CoreText.Get("PlanNotFound", planId));
        }

        if (!user.CanManagePlansOf(plan.RegionId))
        {
            return new UseCaseError.Forbidden(CoreText.Get("PublishForbidden", plan.Region!.Name));
        }

        if (plan.Status != PlanStatus.Draft)
        {
            return new UseCaseError.Conflict(CoreText.Get("PublishNotDraft"));
        }

        if (!confirmed)
        {
            return new UseCaseError.Invalid("confirmed", CoreText.Get("PublishNeedsConfirm"));
        }

        plan.Status = PlanStatus.Published;
        plan.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return plan.Id;
    }
}
