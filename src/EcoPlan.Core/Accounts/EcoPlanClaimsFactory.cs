using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EcoPlan.Core.Accounts;

/// <summary>Puts the user's organization, region and leader into the sign-in cookie, so requests need no lookup to scope data.</summary>
public sealed class EcoPlanClaimsFactory(
    UserManager<EcoPlanUser> users, RoleManager<IdentityRole<int>> roles, IOptions<IdentityOptions> options, EcoPlanDbContext db)
    : UserClaimsPrincipalFactory<EcoPlanUser, IdentityRole<int>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(EcoPlanUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        var organization = await db.Organizations.AsNoTracking()
            .Where(o => o.Id == user.OrganizationId)
            .Select(o => new { o.Id, o.Name, o.RegionId, RegionCode = o.Region!.Code })
            .SingleAsync();
        identity.AddClaim(new Claim(UserAccess.OrganizationIdClaim, organization.Id.ToString(CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(UserAccess.OrganizationNameClaim, organization.Name));
        identity.AddClaim(new Claim(UserAccess.RegionIdClaim, organization.RegionId.ToString(CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(UserAccess.RegionCodeClaim, organization.RegionCode));
        if (user.LeaderId is { } leader)
        {
            identity.AddClaim(new Claim(UserAccess.LeaderIdClaim, leader.ToString(CultureInfo.InvariantCulture)));
        }

        return identity;
    }
}
