using EcoPlan.Core.Plans;

namespace EcoPlan.Core.Progress;

/// <summary>
/// Who reads what of a plan, written once: every read path (the API, every page, the dashboard, the 台账, the 月报, the
/// calendar, the exports) asks this class, so none can show more than another.
/// <list type="bullet">
/// <item>A <b>draft</b> plan is seen only by admins and the coordinators of its region or a region above it; to anyone
/// else it does not exist (not found), its measures included.</item>
/// <item>A <b>published</b> plan, its measures and the status and percent of every report are seen by everyone signed in.</item>
/// <item>A report's <b>content</b> (narrative, quantities, attachments, cooperation inputs, return reasons, the audit
/// trail) is seen by the units named on its measure (lead department, responsible or cooperating; the unit that wrote
/// it is responsible), the leader who leads the measure, and those who oversee the plan: admins and the coordinators
/// of the plan's region or a region above it (a city coordinator reads a district plan's; a district coordinator not
/// another district's). Viewers read status and percent only.</item>
/// </list>
/// "Or above" holds for drafts as for content: one notion of overseeing a region. Publishing and reviewing stay with
/// the plan's own region (<see cref="UserAccess.CanManagePlansOf"/>).
/// </summary>
public sealed class ReportVisibility
{
    private ReportVisibility(UserAccess user, bool oversees)
    {
        User = user;
        Oversees = oversees;
    }

    public UserAccess User { get; }

    /// <summary>Admin, or coordinator of the plan's region or a region above it: sees the plan as a draft and every report's content.</summary>
    public bool Oversees { get; }

    /// <summary>Whether the caller reads the content of the reports on a measure with these assignees.</summary>
    public bool SeesContentOf(IEnumerable<(AssignmentRole Role, int? OrganizationId, int? LeaderId)> assignees)
    {
        ArgumentNullException.ThrowIfNull(assignees);
        return Oversees || User.Role switch
        {
            Roles.Unit or Roles.Township => assignees.Any(a => a.OrganizationId == User.OrganizationId),
            Roles.Leader => User.LeaderId is { } leader && assignees.Any(a => a.Role == AssignmentRole.Lead && a.LeaderId == leader),
            _ => false,
        };
    }

    /// <summary>The caller's view of a plan: not found when there is no such plan or it is a draft the caller may not see.</summary>
    public static async Task<UseCaseResult<ReportVisibility>> OfPlanAsync(EcoPlanDbContext db, UserAccess user, int planId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        var plan = await db.Plans.AsNoTracking().Where(p => p.Id == planId).Select(p => new { p.RegionId, p.Status }).SingleOrDefaultAsync(cancellationToken);
        var visibility = plan is null ? null : new ReportVisibility(user, await OverseesAsync(db, user, plan.RegionId, cancellationToken));
        return visibility is not null && (plan!.Status == PlanStatus.Published || visibility.Oversees)
            ? visibility
            : new UseCaseError.NotFound(CoreText.Get("PlanNotFound", planId));
    }

    /// <summary>
    /// Whether the caller may read the content of measure <paramref name="measureId"/>'s reports: not found when the
    /// measure or its plan is not visible to the caller, forbidden when only their status and percent are.
    /// </summary>
    public static async Task<UseCaseResult<Done>> ContentOfMeasureAsync(EcoPlanDbContext db, UserAccess user, int measureId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var planId = await db.Measures.Where(m => m.Id == measureId).Select(m => (int?)m.Task!.Section!.PlanId).SingleOrDefaultAsync(cancellationToken);
        if (planId is null)
        {
            return new UseCaseError.NotFound(CoreText.Get("Workflow_NoMeasure", measureId));
        }

        var plan = await OfPlanAsync(db, user, planId.Value, cancellationToken);
        if (plan.Value is not { } visibility)
        {
            return new UseCaseError.NotFound(CoreText.Get("Workflow_NoMeasure", measureId));
        }

        var assignees = await db.MeasureAssignments.AsNoTracking().Where(a => a.MeasureId == measureId)
            .Select(a => new { a.Role, a.OrganizationId, a.LeaderId }).ToListAsync(cancellationToken);
        return visibility.SeesContentOf(assignees.Select(a => (a.Role, a.OrganizationId, a.LeaderId)))
            ? new Done()
            : new UseCaseError.Forbidden(CoreText.Get("Visibility_ContentWithheld", measureId));
    }

    /// <summary>The draft plans the caller may not see, which every list of plans and measures leaves out.</summary>
    public static async Task<IReadOnlyList<int>> HiddenPlansAsync(EcoPlanDbContext db, UserAccess user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsAdmin)
        {
            return [];
        }

        // One query, whatever the number of drafts: a coordinator sees those of the region and the (up to three) regions below it.
        var drafts = db.Plans.AsNoTracking().Where(p => p.Status == PlanStatus.Draft);
        if (user.Role == Roles.Coordinator)
        {
            var own = user.RegionId;
            drafts = drafts.Where(p => p.RegionId != own && p.Region!.ParentId != own && p.Region.Parent!.ParentId != own && p.Region.Parent.Parent!.ParentId != own);
        }

        return await drafts.Select(p => p.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Admins oversee every region; a coordinator his or her own region and the regions below it.</summary>
    private static async Task<bool> OverseesAsync(EcoPlanDbContext db, UserAccess user, int regionId, CancellationToken cancellationToken)
    {
        if (user.IsAdmin)
        {
            return true;
        }

        if (user.Role != Roles.Coordinator)
        {
            return false;
        }

        if (regionId == user.RegionId)
        {
            return true;
        }

        // Regions nest four levels deep (province, prefecture, county, township): the region's three ancestors in one read.
        var above = await db.Regions.AsNoTracking().Where(r => r.Id == regionId)
            .Select(r => new { First = r.ParentId, Second = r.Parent!.ParentId, Third = r.Parent!.Parent!.ParentId })
            .SingleOrDefaultAsync(cancellationToken);
        return above is not null && (above.First == user.RegionId || above.Second == user.RegionId || above.Third == user.RegionId);
    }
}
