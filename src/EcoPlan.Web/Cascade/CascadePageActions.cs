using EcoPlan.Core.Cascade;
using Microsoft.AspNetCore.Mvc;

namespace EcoPlan.Web.Cascade;

/// <summary>
/// The alignment page's forms: confirm, reject, undo a pair, change one city measure for another. Each goes through
/// <see cref="MeasureAlignment"/>, which decides; the answer is the page again at the district measure's row, a refusal
/// of the caller's rights the denied page, any other refusal the page with its message.
/// </summary>
public static class CascadePageActions
{
    public static IEndpointRouteBuilder MapCascadePageActions(this IEndpointRouteBuilder app)
    {
        app.MapPost("/plans/{planId:int}/alignment/decide", Decide).ExcludeFromDescription();
        app.MapPost("/plans/{planId:int}/alignment/change", Change).ExcludeFromDescription();
        return app;
    }

    public static async Task<IResult> Decide(int planId, [FromForm] int measure, [FromForm] int city, [FromForm] CascadeApi.LinkDecisionKind decision,
        [FromForm] string? returnUrl, EcoPlanDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var alignment = new MeasureAlignment(db, time);
        var result = decision switch
        {
            CascadeApi.LinkDecisionKind.Confirm => await alignment.ConfirmAsync(user.Required, measure, city, cancellationToken),
            CascadeApi.LinkDecisionKind.Reject => await alignment.RejectAsync(user.Required, measure, city, cancellationToken),
            CascadeApi.LinkDecisionKind.Undo => await alignment.UndoAsync(user.Required, measure, city, cancellationToken),
        };
        var back = ReturnTo(planId, returnUrl);
        return result.ToPage(_ => TypedResults.LocalRedirect($"{back}#m{measure}"), back, $"#m{measure}");
    }

    public static async Task<IResult> Change(int planId, [FromForm] int measure, [FromForm] int? from, [FromForm] int to, [FromForm] string? returnUrl,
        EcoPlanDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var alignment = new MeasureAlignment(db, time);
        // Without a city measure to replace, the pick is a link made by hand.
        var result = from is { } replaced
            ? await alignment.ChangeAsync(user.Required, measure, replaced, to, cancellationToken)
            : await alignment.ConfirmAsync(user.Required, measure, to, cancellationToken);
        var back = ReturnTo(planId, returnUrl);
        return result.ToPage(_ => TypedResults.LocalRedirect($"{back}#m{measure}"), back, $"#m{measure}");
    }

    /// <summary>Back to the alignment page with the filters it had; anything else goes to the plain page.</summary>
    private static string ReturnTo(int planId, string? returnUrl)
    {
        var page = $"/plans/{planId}/alignment";
        return returnUrl is { } url && url.StartsWith(page, StringComparison.Ordinal) ? AccountEndpoints.SafeReturnUrl(url).Split('#')[0] : page;
    }
}
