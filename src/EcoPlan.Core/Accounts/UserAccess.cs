using System.Security.Claims;

namespace EcoPlan.Core.Accounts;

/// <summary>
/// Who is asking, as the sign-in cookie carries it: the user, the one role, the organization and its
/// region, and the leader the user is (for leader accounts). Built once per request from claims; the
/// access rules below decide on it, so no page or endpoint needs its own `if`.
/// </summary>
public sealed record UserAccess(int UserId, string UserName, string Role, int OrganizationId, string OrganizationName, int RegionId, string RegionCode, int? LeaderId)
{
    public const string OrganizationIdClaim = "ecoplan:org";
    public const string OrganizationNameClaim = "ecoplan:org-name";
    public const string RegionIdClaim = "ecoplan:region";
    public const string RegionCodeClaim = "ecoplan:region-code";
    public const string LeaderIdClaim = "ecoplan:leader";

    /// <summary>The caller of the CLI's commands: an administrator of the whole installation, on the machine that holds the database.</summary>
    public static UserAccess System { get; } = new(0, "ecoplan", Roles.Admin, 0, "", 0, "", null);

    public bool IsAdmin => Role == Roles.Admin;

    /// <summary>Admins anywhere; coordinators for plans of their own organization's region.</summary>
    public bool CanManagePlansOf(int regionId) => IsAdmin || (Role == Roles.Coordinator && regionId == RegionId);

    /// <summary>May see the measures and work of an organization: admins, coordinators and viewers all; a unit only its own.</summary>
    public bool CanSeeWorkOf(int organizationId) => Role switch
    {
        Roles.Admin or Roles.Coordinator or Roles.Viewer => true,
        Roles.Unit or Roles.Township => organizationId == OrganizationId,
        _ => false,
    };

    /// <summary>Admins, coordinators and viewers may open any leader's portfolio; a leader only his or her own.</summary>
    public bool SeesEveryPortfolio => Role is Roles.Admin or Roles.Coordinator or Roles.Viewer;

    /// <summary>May see a leader's portfolio: the leader, and those who oversee (admin, coordinator, viewer).</summary>
    public bool CanSeePortfolioOf(int leaderId) => SeesEveryPortfolio || (Role == Roles.Leader && leaderId == LeaderId);

    public static UserAccess? From(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity?.IsAuthenticated != true
            || !int.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), CultureInfo.InvariantCulture, out var userId)
            || !int.TryParse(principal.FindFirstValue(OrganizationIdClaim), CultureInfo.InvariantCulture, out var organizationId)
            || !int.TryParse(principal.FindFirstValue(RegionIdClaim), CultureInfo.InvariantCulture, out var regionId))
        {
            return null;
        }

        int? leaderId = int.TryParse(principal.FindFirstValue(LeaderIdClaim), CultureInfo.InvariantCulture, out var leader) ? leader : null;
        var role = Roles.All.FirstOrDefault(principal.IsInRole) ?? Roles.Viewer;
        return new UserAccess(userId, principal.Identity.Name ?? "", role, organizationId, principal.FindFirstValue(OrganizationNameClaim) ?? "",
            regionId, principal.FindFirstValue(RegionCodeClaim) ?? "", leaderId);
    }
}
