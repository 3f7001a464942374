using EcoPlan.Core;
using EcoPlan.Core.Plans;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

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

    /// <summary>The confirm page's form (confirm=true); a post without it goes to the confirm page and publishes nothing.</summary>
    public static async Task<IResult> Publish(int id, [FromForm] string? confirm, EcoPlanDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var result = await new PlanPublishing(db, time).PublishAsync(user.Required, id, confirm == "true", cancellationToken);
        // Not confirmed, or no longer a draft: the confirm page says what publishing does, or that it is done.
        return result.ToPage(_ => TypedResults.LocalRedirect($"/plans/{id}?published=1"), result.Error is UseCaseError.NotFound ? "/" : $"/plans/{id}/publish");
    }
}
