using EcoPlan.Core.Data;
using EcoPlan.Web.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EcoPlan.Web.Plans;

/// <summary>The plan page's buttons: plain form posts with an anti-forgery token, answered by a redirect.</summary>
public static class PlanPageActions
{
    public static IEndpointRouteBuilder MapPlanPageActions(this IEndpointRouteBuilder app)
    {
        app.MapPost("/plans/{id:int}/publish", Publish).RequireAuthorization(Policies.ManagePlans)
            .WithMetadata(new RequireAntiforgeryTokenAttribute()).ExcludeFromDescription();
        return app;
    }

    public static async Task<Results<RedirectHttpResult, NotFound, ForbidHttpResult, Conflict<string>>> Publish(int id, EcoPlanDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var result = await PlansApi.PublishPlan(id, db, user, time, cancellationToken);
        return result.Result switch
        {
            NoContent => TypedResults.LocalRedirect($"/plans/{id}"),
            NotFound notFound => notFound,
            ForbidHttpResult forbid => forbid,
            Conflict<string> conflict => conflict,
            _ => throw new InvalidOperationException("Unexpected publish result."),
        };
    }
}
