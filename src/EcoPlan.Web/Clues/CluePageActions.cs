using EcoPlan.Core.Clues;
using Microsoft.AspNetCore.Mvc;

namespace EcoPlan.Web.Clues;

/// <summary>The clue pages' forms: a step, an assignment, a bulk step over the selected rows; a refusal is shown on the page it came from.</summary>
public static class CluePageActions
{
    public static IEndpointRouteBuilder MapCluePageActions(this IEndpointRouteBuilder app)
    {
        app.MapPost("/clues/{id:int}/steps/{step}", Take).ExcludeFromDescription();
        app.MapPost("/clues/{id:int}/assign", Assign).ExcludeFromDescription();
        app.MapPost("/clues/bulk", TakeMany).ExcludeFromDescription();
        app.MapPost("/clues/{id:int}/evidence", AddEvidence).ExcludeFromDescription();
        return app;
    }

    public static async Task<IResult> Take(int id, ClueStep step, [FromForm] int? version, [FromForm] ClueOutcome? outcome, [FromForm] string? reason,
        [FromForm] string? note, [FromForm] string? approvalKind, [FromForm] string? approvalNumber, [FromForm] DateOnly? approvalDate,
        [FromForm] string? measures, [FromForm] DateOnly? rectifyBy, [FromForm] int? publicNoticeDays, [FromForm] string? returnUrl,
        ClueWorkflow workflow, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(user);
        var input = new ClueStepInput(version, outcome, Blank(reason), Blank(note), Blank(approvalKind), Blank(approvalNumber), approvalDate, Blank(measures), rectifyBy,
            publicNoticeDays);
        var back = ReturnTo(returnUrl, $"/clues/{id}");
        var result = await workflow.TakeAsync(user.Required, id, step, input, cancellationToken);
        return result.ToPage(_ => TypedResults.LocalRedirect(back), back);
    }

    public static async Task<IResult> Assign(int id, [FromForm] string? township, [FromForm] int? version, ClueWorkflow workflow, CurrentUser user,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(user);
        var result = await workflow.AssignAsync(user.Required, id, township ?? "", version, cancellationToken);
        return result.ToPage(_ => TypedResults.LocalRedirect($"/clues/{id}"), $"/clues/{id}");
    }

    public static async Task<IResult> TakeMany([FromForm(Name = "id")] int[]? ids, [FromForm] ClueStep step, [FromForm] string? note, [FromForm] string? returnUrl,
        ClueWorkflow workflow, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(user);
        var back = ReturnTo(returnUrl, "/clues");
        var result = await workflow.TakeManyAsync(user.Required, ids ?? [], step, new ClueStepInput(Note: Blank(note)), cancellationToken);
        return result.ToPage(done => TypedResults.LocalRedirect(back + (back.Contains('?', StringComparison.Ordinal) ? "&" : "?") + $"done={done.Count}"), back);
    }

    public static async Task<IResult> AddEvidence(int id, IFormFile? file, [FromForm] EvidenceKind kind, [FromForm] string? noGpsReason, [FromForm] double? deviceLatitude, [FromForm] double? deviceLongitude,
        [FromForm] double? deviceAccuracy, [FromForm] string? returnUrl,
        ClueEvidenceUpload uploads, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uploads);
        ArgumentNullException.ThrowIfNull(user);
        var back = ReturnTo(returnUrl, $"/clues/{id}");
        if (file is null)
        {
            return TypedResults.LocalRedirect(back + "?error=no-file");
        }

        var upload = await Progress.ProgressServices.UploadAsync(file, cancellationToken);
        var result = await uploads.AddAsync(user.Required, id, new EvidenceUpload(kind, upload.FileName, upload.Content, Blank(noGpsReason), ClueApi.Device(deviceLatitude, deviceLongitude, deviceAccuracy)), cancellationToken);
        return result.ToPage(_ => TypedResults.LocalRedirect(back + "#evidence-title"), back);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    /// <summary>Back to a clue page or list the form came from; anything else goes to the default.</summary>
    private static string ReturnTo(string? returnUrl, string fallback) =>
        returnUrl is { } url && url.StartsWith("/clues", StringComparison.Ordinal) ? AccountEndpoints.SafeReturnUrl(url) : fallback;
}
