using EcoPlan.Core.Data;
using EcoPlan.Web.Accounts;
using EcoPlan.Web.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EcoPlan.Web.Organizations;

/// <summary>The directory page's forms; they share the API's rules and answer with a redirect back to the page.</summary>
public static class OrganizationPageActions
{
    public static IEndpointRouteBuilder MapOrganizationPageActions(this IEndpointRouteBuilder app)
    {
        app.MapPost("/organizations/{id:int}/aliases", AddAlias).RequireAuthorization(Policies.ManageDirectory).ExcludeFromDescription();
        app.MapPost("/organizations/{id:int}/merge", Merge).RequireAuthorization(Policies.ManageDirectory).ExcludeFromDescription();
        return app;
    }

    public static async Task<IResult> AddAlias(int id, [FromForm] string name, EcoPlanDbContext db, CurrentUser user, CancellationToken cancellationToken) =>
        Back(await OrganizationsApi.AddAlias(id, new OrganizationsApi.AliasRequest(name), db, user, cancellationToken));

    public static async Task<IResult> Merge(int id, [FromForm] int targetId, EcoPlanDbContext db, CurrentUser user, CancellationToken cancellationToken) =>
        Back(await OrganizationsApi.MergeOrganizations(id, targetId, db, user, cancellationToken));

    private static IResult Back(IResult result) => result switch
    {
        NoContent => TypedResults.LocalRedirect("/organizations"),
        ValidationProblem problem => new RedirectWithMessage("/organizations", string.Join(UiText.Get("Form_ErrorSeparator"), problem.ProblemDetails.Errors.SelectMany(e => e.Value))),
        _ => result,
    };

    private static IResult Back<T1, T2, T3, T4>(Results<T1, T2, T3, T4> results)
        where T1 : IResult where T2 : IResult where T3 : IResult where T4 : IResult => Back(results.Result);
}
