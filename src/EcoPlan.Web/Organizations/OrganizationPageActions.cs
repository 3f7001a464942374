using EcoPlan.Core;
using EcoPlan.Core.Organizations;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace EcoPlan.Web.Organizations;

/// <summary>
/// The directory pages' forms; they share the API's rules and answer with a redirect. Merging and undoing are the
/// second step after a preview page (<c>/organizations/{id}/merge?target=…</c>, <c>/organizations/merges/{id}</c>).
/// </summary>
public static class OrganizationPageActions
{
    public static IEndpointRouteBuilder MapOrganizationPageActions(this IEndpointRouteBuilder app)
    {
        app.MapPost("/organizations/{id:int}/aliases", AddAlias).RequireAuthorization(Policies.ManageDirectory).ExcludeFromDescription();
        app.MapPost("/organizations/{id:int}/merge", Merge).RequireAuthorization(Policies.ManageDirectory).ExcludeFromDescription();
        // Undo reads no form field, so the antiforgery check must be asked for; minimal APIs make it only for form binding.
        app.MapPost("/organizations/merges/{mergeId:int}/undo", Undo).RequireAuthorization(Policies.ManageDirectory)
            .WithMetadata(new RequireAntiforgeryTokenAttribute()).ExcludeFromDescription();
        return app;
    }

    public static async Task<IResult> AddAlias(int id, [FromForm, System.ComponentModel.DataAnnotations.MaxLength(EcoPlan.Core.Organizations.Organization.MaxName)] string name, EcoPlanDbContext db, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var result = await OrganizationCatalog.AddAliasAsync(db, user.Required, id, name, cancellationToken);
        return result.ToPage(_ => TypedResults.LocalRedirect("/organizations"), "/organizations");
    }

    /// <summary>The merge form on the preview page: the target and the preview's fingerprint.</summary>
    public static async Task<IResult> Merge(int id, [FromForm] int? targetId, [FromForm] string? fingerprint, EcoPlanDbContext db, TimeProvider time, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (targetId is not { } target)
        {
            return TypedResults.LocalRedirect($"/organizations/{id}/merge");
        }

        var result = await new OrganizationMerging(db, time).MergeAsync(user.Required, id, target, fingerprint, cancellationToken);
        // Stale or blocked: the preview page shows the current state and why.
        return result.ToPage(_ => TypedResults.LocalRedirect($"/organizations/{target}/history?done=merged"),
            result.Error is UseCaseError.NotFound ? "/organizations" : $"/organizations/{id}/merge?target={target}");
    }

    public static async Task<IResult> Undo(int mergeId, EcoPlanDbContext db, TimeProvider time, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var result = await new OrganizationMerging(db, time).UndoAsync(user.Required, mergeId, cancellationToken);
        // The undo page says why it cannot be undone now.
        return result.ToPage(source => TypedResults.LocalRedirect($"/organizations/{source}/history?done=undone"),
            result.Error is UseCaseError.NotFound ? "/organizations" : $"/organizations/merges/{mergeId}");
    }
}
