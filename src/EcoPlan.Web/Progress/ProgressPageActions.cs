using EcoPlan.Core.Progress;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EcoPlan.Web.Progress;

/// <summary>
/// The review and cooperation forms of the measure page and the review queue: each calls the workflow step its API endpoint calls
/// and answers with a redirect back to the page it came from, saying what happened (<see cref="UseCaseResponses.ToPage{T}"/>).
/// The unit's report form posts to the measure page itself.
/// </summary>
public static class ProgressPageActions
{
    public static IEndpointRouteBuilder MapProgressPageActions(this IEndpointRouteBuilder app)
    {
        app.MapPost("/reports/{id:int}/review", Review).RequireAuthorization(Policies.ManagePlans).ExcludeFromDescription();
        app.MapPost("/reports/{id:int}/cooperation", Cooperate).ExcludeFromDescription();
        app.MapPost("/reviews/accept", AcceptShown).RequireAuthorization(Policies.ManagePlans).ExcludeFromDescription();
        return app;
    }

    /// <summary>通过 or 退回, from the measure page or (with <paramref name="queue"/>, its filter) from the review queue, back to where it came from.</summary>
    public static async Task<IResult> Review(int id, [FromForm] int measureId, [FromForm] int revision, [FromForm] string decision, [FromForm, System.ComponentModel.DataAnnotations.MaxLength(ProgressWorkflow.MaxReturnReason)] string? reason,
        [FromForm] string? queue, ProgressWorkflow workflow, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(user);
        var accept = decision == "accept";
        var result = accept
            ? await workflow.AcceptAsync(user.Required, id, revision, cancellationToken)
            : await workflow.ReturnAsync(user.Required, id, revision, reason, cancellationToken);
        return queue is null
            ? result.ToPage(_ => ToMeasure(measureId), $"/measures/{measureId}", "#progress")
            : result.ToPage(_ => TypedResults.LocalRedirect(Queue(queue, $"done={(accept ? "accepted" : "returned")}&report={id}")), Queue(queue, $"report={id}"));
    }

    /// <summary>The queue's 全部通过, after its confirm step: the reports listed there (id:revision), accepted in one transaction.</summary>
    public static async Task<IResult> AcceptShown([FromForm] string? queue, IFormCollection form, ProgressWorkflow workflow, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(user);
        var reports = new List<ReviewedRevision>();
        foreach (var value in form["report"])
        {
            var parts = (value ?? "").Split(':');
            if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var report) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var revision))
            {
                return new RedirectWithMessage(Queue(queue, ""), UiText.Get("ReviewRefusedInvalid"));
            }

            reports.Add(new ReviewedRevision(report, revision));
        }

        var result = await workflow.AcceptManyAsync(user.Required, reports, cancellationToken);
        return result.ToPage(done => TypedResults.LocalRedirect(Queue(queue, $"accepted={done.Accepted.Count}&skipped={done.Skipped.Count}")), Queue(queue, ""));
    }

    public static async Task<IResult> Cooperate(int id, [FromForm] int measureId, [FromForm, System.ComponentModel.DataAnnotations.MaxLength(ProgressWorkflow.MaxCooperation)] string? text, ProgressWorkflow workflow, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(user);
        var result = await workflow.AddCooperationAsync(user.Required, id, text, cancellationToken);
        return result.ToPage(_ => ToMeasure(measureId), $"/measures/{measureId}", "#progress");
    }

    private static RedirectHttpResult ToMeasure(int measureId) => TypedResults.LocalRedirect($"/measures/{measureId}#progress");

    /// <summary>The review queue with its filter (plan=…&amp;unit=…&amp;period=…, digits and dashes only) and what to say.</summary>
    private static string Queue(string? queue, string outcome)
    {
        var filter = string.Join('&', (queue ?? "").Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p.Split('=') is [("plan" or "unit" or "period"), var v] && v.All(c => char.IsAsciiDigit(c) || c == '-')));
        var query = string.Join('&', new[] { filter, outcome }.Where(p => p.Length > 0));
        return query.Length == 0 ? "/reviews" : $"/reviews?{query}";
    }
}
