using System.Globalization;
using EcoPlan.Core.Data;
using EcoPlan.Core.Progress;
using EcoPlan.Web.Accounts;
using EcoPlan.Web.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EcoPlan.Web.Progress;

/// <summary>
/// The review and cooperation forms of the measure page and the review queue; each answers with a redirect back to the page it came
/// from (the queue says what happened by code, never with text from the URL). The unit's report form posts to the measure page itself.
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

    public static async Task<IResult> Review(int id, [FromForm] int measureId, [FromForm] int revision, [FromForm] string decision, [FromForm] string? reason,
        [FromForm] string? queue, EcoPlanDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var accept = decision == "accept";
        var result = await ProgressApi.Run(db, user, time, workflow => accept
            ? workflow.AcceptAsync(user.Required, id, revision, cancellationToken)
            : workflow.ReturnAsync(user.Required, id, revision, reason ?? "", cancellationToken), cancellationToken);
        if (queue is null)
        {
            return Answer(measureId, result);
        }

        // From the queue: back to the queue as it was filtered, saying what became of the report.
        return result switch
        {
            Ok<ReportView> => ToQueue(queue, $"done={(accept ? "accepted" : "returned")}&report={id}"),
            ProblemHttpResult { StatusCode: StatusCodes.Status409Conflict } => ToQueue(queue, $"refused=changed&report={id}"),
            ProblemHttpResult => ToQueue(queue, $"refused={(accept ? "invalid" : "reason")}&report={id}"),
            _ => result,
        };
    }

    /// <summary>The queue's 全部通过, after its confirm step: the reports listed there (id:revision), accepted in one transaction.</summary>
    public static async Task<IResult> AcceptShown([FromForm] string? queue, IFormCollection form, EcoPlanDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var reports = new List<ReviewedRevision>();
        foreach (var value in form["report"])
        {
            var parts = (value ?? "").Split(':');
            if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var report) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var revision))
            {
                return ToQueue(queue, "refused=invalid");
            }

            reports.Add(new ReviewedRevision(report, revision));
        }

        try
        {
            var result = await new ProgressWorkflow(db, time).AcceptManyAsync(user.Required, reports, cancellationToken);
            return ToQueue(queue, $"accepted={result.Accepted.Count}&skipped={result.Skipped.Count}");
        }
        catch (WorkflowException ex) when (ex.Error == WorkflowError.Forbidden)
        {
            return TypedResults.Forbid();
        }
        catch (WorkflowException)
        {
            return ToQueue(queue, "refused=invalid");
        }
    }

    /// <summary>Back to the review queue with its filter (plan=…&amp;unit=…&amp;period=…, digits and dashes only) and the outcome.</summary>
    private static RedirectHttpResult ToQueue(string? queue, string outcome)
    {
        var filter = string.Join('&', (queue ?? "").Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p.Split('=') is [("plan" or "unit" or "period"), var v] && v.All(c => char.IsAsciiDigit(c) || c == '-')));
        return TypedResults.LocalRedirect($"/reviews?{(filter.Length == 0 ? "" : filter + "&")}{outcome}");
    }

    public static async Task<IResult> Cooperate(int id, [FromForm] int measureId, [FromForm] string text, EcoPlanDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken) =>
        Answer(measureId, await ProgressApi.Run(db, user, time, workflow => workflow.AddCooperationAsync(user.Required, id, text, cancellationToken), cancellationToken));

    private static IResult Answer(int measureId, IResult result) => result switch
    {
        Ok<ReportView> => TypedResults.LocalRedirect($"/measures/{measureId}#progress"),
        ProblemHttpResult problem => problem.ProblemDetails.Detail is { } detail ? Back(measureId, detail) : TypedResults.LocalRedirect($"/measures/{measureId}?error=refused#progress"),
        _ => result,
    };

    private static RedirectWithMessage Back(int measureId, string error) => new($"/measures/{measureId}", error, fragment: "#progress");
}
