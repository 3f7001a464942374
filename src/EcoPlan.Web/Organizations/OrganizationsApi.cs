using EcoPlan.Core.Organizations;
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
        group.MapGet("/{id:int}/merge-into/{targetId:int}", PreviewMerge).WithName(nameof(PreviewMerge)).RequireAuthorization(Policies.ManageDirectory)
            .WithSummary("What merging a duplicate entry into another would move (assignments, reports, notices, users, aliases), and the fingerprint a merge must carry.");
        group.MapPost("/{id:int}/merge-into/{targetId:int}", MergeOrganizations).WithName(nameof(MergeOrganizations)).RequireAuthorization(Policies.ManageDirectory)
            .DisableAntiforgery().WithSummary("Merges as previewed (fingerprint from the preview; 409 if the directory changed since): everything moves to the target, the duplicate is removed, the merge is recorded for undo.");
        group.MapGet("/{id:int}/merges", MergeHistory).WithName(nameof(MergeHistory)).WithSummary("The merges into a unit (and the one that removed it), newest first.");
        group.MapPost("/merges/{mergeId:int}/undo", UndoMerge).WithName(nameof(UndoMerge)).RequireAuthorization(Policies.ManageDirectory)
            .DisableAntiforgery().WithSummary("Undoes a merge: the removed unit comes back with its id and aliases, and exactly the moved rows go back to it (409 when a later change makes that unsafe).");
        return app;
    }

    public static async Task<Ok<List<OrganizationEntry>>> ListOrganizations(EcoPlanDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await OrganizationCatalog.ListAsync(db, cancellationToken));

    public sealed record AliasRequest([property: System.ComponentModel.DataAnnotations.MaxLength(EcoPlan.Core.Organizations.Organization.MaxName)] string Name);

    public static async Task<Results<NoContent, UseCaseProblem>> AddAlias(int id, AliasRequest request, EcoPlanDbContext db, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        var result = await OrganizationCatalog.AddAliasAsync(db, user.Required, id, request.Name, cancellationToken);
        return result.ToHttp(_ => TypedResults.NoContent());
    }

    public static async Task<Results<Ok<MergePreview>, UseCaseProblem>> PreviewMerge(int id, int targetId, EcoPlanDbContext db, TimeProvider time, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var result = await new OrganizationMerging(db, time).PreviewAsync(user.Required, id, targetId, cancellationToken);
        return result.ToHttp(TypedResults.Ok);
    }

    public static async Task<Results<Ok<int>, UseCaseProblem>> MergeOrganizations(int id, int targetId, string? fingerprint, EcoPlanDbContext db, TimeProvider time, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var result = await new OrganizationMerging(db, time).MergeAsync(user.Required, id, targetId, fingerprint, cancellationToken);
        return result.ToHttp(TypedResults.Ok);
    }

    public static async Task<Ok<List<MergeHistoryEntry>>> MergeHistory(int id, EcoPlanDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        return TypedResults.Ok(await new OrganizationMerging(db, time).HistoryAsync(id, cancellationToken));
    }

    public static async Task<Results<Ok<int>, UseCaseProblem>> UndoMerge(int mergeId, EcoPlanDbContext db, TimeProvider time, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var result = await new OrganizationMerging(db, time).UndoAsync(user.Required, mergeId, cancellationToken);
        return result.ToHttp(TypedResults.Ok);
    }
}
