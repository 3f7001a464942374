using EcoPlan.Core.Data;
using EcoPlan.Core.Organizations;
using EcoPlan.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EcoPlan.Web.Organizations;

public static class OrganizationsApi
{
    public static IEndpointRouteBuilder MapOrganizationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/organizations").WithTags("Organizations");
        group.MapGet("/", ListOrganizations).WithName(nameof(ListOrganizations)).WithSummary("The unit directory: canonical names, aliases, kinds, regions.");
        group.MapPost("/{id:int}/aliases", AddAlias).WithName(nameof(AddAlias)).RequireAuthorization(Policies.ManageDirectory)
            .DisableAntiforgery().WithSummary("Adds another spelling of a unit's name (admins, coordinators of the unit's region).");
        group.MapPost("/{id:int}/merge-into/{targetId:int}", MergeOrganizations).WithName(nameof(MergeOrganizations)).RequireAuthorization(Policies.ManageDirectory)
            .DisableAntiforgery().WithSummary("Merges a duplicate entry into another: its aliases, assignments, targets, leaders and users move; the duplicate is deleted.");
        return app;
    }

    public static async Task<Ok<List<OrganizationEntry>>> ListOrganizations(EcoPlanDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await OrganizationCatalog.ListAsync(db, cancellationToken));

    public sealed record AliasRequest(string Name);

    public static async Task<Results<NoContent, NotFound, ForbidHttpResult, ValidationProblem>> AddAlias(int id, AliasRequest request, EcoPlanDbContext db, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        if (await OrganizationCatalog.RegionOfAsync(db, id, cancellationToken) is not { } region)
        {
            return TypedResults.NotFound();
        }

        if (!await user.IsAllowedAsync(new ManagePlansOf(region)))
        {
            return TypedResults.Forbid();
        }

        var error = await OrganizationCatalog.AddAliasAsync(db, id, request.Name ?? "", cancellationToken);
        return error is null ? TypedResults.NoContent() : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = [error] });
    }

    public static async Task<Results<NoContent, NotFound, ForbidHttpResult, ValidationProblem>> MergeOrganizations(int id, int targetId, EcoPlanDbContext db, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await OrganizationCatalog.RegionOfAsync(db, id, cancellationToken) is not { } sourceRegion
            || await OrganizationCatalog.RegionOfAsync(db, targetId, cancellationToken) is not { } targetRegion)
        {
            return TypedResults.NotFound();
        }

        if (!await user.IsAllowedAsync(new ManagePlansOf(sourceRegion)) || !await user.IsAllowedAsync(new ManagePlansOf(targetRegion)))
        {
            return TypedResults.Forbid();
        }

        var error = await OrganizationCatalog.MergeAsync(db, id, targetId, cancellationToken);
        return error is null ? TypedResults.NoContent() : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["targetId"] = [error] });
    }
}
