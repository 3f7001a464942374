using System.Linq.Expressions;
using EcoPlan.Core.Regions;

namespace EcoPlan.Core.Clues;

/// <summary>
/// Who may see and do what with clues, in one place: the list, the map, the API, the 台账 and the archive all ask here.
/// A township (role <see cref="Roles.Township"/>) sees the clues it verifies or cooperates on and acts on its own; the
/// coordinators of the clue's district, and of the city above it, review; the units a batch names read their district's
/// clues; leaders and viewers read; admins do everything. Clue data is confidential: nobody unsigned sees any of it.
/// </summary>
/// <remarks>
/// One instance serves one request (ClueQueries holds one): what it read for a caller is kept, so a page that lists,
/// counts and maps asks the database once.
/// </remarks>
public sealed class ClueAccess(EcoPlanDbContext db)
{
    private (UserAccess User, IReadOnlySet<int> Districts)? _reviewed;
    private (UserAccess User, Expression<Func<Clue, bool>> Rule)? _visible;

    /// <summary>The districts whose clues the caller reviews (a district coordinator: his own; a city coordinator: all under the city).</summary>
    public async Task<IReadOnlySet<int>> ReviewedDistrictsAsync(UserAccess user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Role != Roles.Coordinator)
        {
            return new HashSet<int>();
        }

        if (_reviewed is { } kept && kept.User == user)
        {
            return kept.Districts;
        }

        var districts = (await db.Regions.AsNoTracking()
            .Where(r => r.Level == RegionLevel.County && (r.Id == user.RegionId || r.ParentId == user.RegionId || r.Parent!.ParentId == user.RegionId))
            .Select(r => r.Id).ToListAsync(cancellationToken)).ToHashSet();
        _reviewed = (user, districts);
        return districts;
    }

    /// <summary>The clues the caller may see, as a filter over <see cref="EcoPlanDbContext.Clues"/>.</summary>
    public async Task<Expression<Func<Clue, bool>>> VisibleAsync(UserAccess user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (_visible is { } kept && kept.User == user)
        {
            return kept.Rule;
        }

        var rule = await RuleAsync(user, cancellationToken);
        _visible = (user, rule);
        return rule;
    }

    private async Task<Expression<Func<Clue, bool>>> RuleAsync(UserAccess user, CancellationToken cancellationToken)
    {
        switch (user.Role)
        {
            case Roles.Admin or Roles.Leader or Roles.Viewer:
                return _ => true;
            case Roles.Coordinator:
                var districts = (await ReviewedDistrictsAsync(user, cancellationToken)).ToList();
                return c => districts.Contains(c.DistrictRegionId);
            case Roles.Township:
                var township = user.RegionId;
                // The few clues it cooperates on, read first: an OR over a subquery would scan every clue of every
                // township (3 s for 100,000 on PostgreSQL), where two index lookups serve the same rows.
                var cooperating = await db.ClueCooperatingTownships.AsNoTracking().Where(t => t.RegionId == township)
                    .Select(t => t.ClueId).ToListAsync(cancellationToken);
                return cooperating.Count == 0
                    ? c => c.TownshipRegionId == township
                    : c => c.TownshipRegionId == township || cooperating.Contains(c.Id);
            case Roles.Unit:
                var organization = user.OrganizationId;
                return c => c.Batch!.Units.Any(u => u.OrganizationId == organization);
            default:
                return _ => false;
        }
    }

    public async Task<bool> CanSeeAsync(UserAccess user, int clueId, CancellationToken cancellationToken) =>
        await db.Clues.AsNoTracking().Where(c => c.Id == clueId).Where(await VisibleAsync(user, cancellationToken)).AnyAsync(cancellationToken);

    /// <summary>The township's own clue: it verifies, plans, rectifies and asks for 销号.</summary>
    public static bool ActsAsTownship(UserAccess user, Clue clue) =>
        user.Role == Roles.Township && clue.TownshipRegionId == user.RegionId;

    /// <summary>Reviews the clue: accepts or returns, assigns, reopens (回头看).</summary>
    public async Task<bool> ReviewsAsync(UserAccess user, int districtRegionId, CancellationToken cancellationToken) =>
        user.IsAdmin || (await ReviewedDistrictsAsync(user, cancellationToken)).Contains(districtRegionId);
}
