using System.ComponentModel.DataAnnotations;
using EcoPlan.Core.Progress;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EcoPlan.Web.Progress;

public static class ProgressApi
{
    public static IEndpointRouteBuilder MapProgressApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Progress");
        group.MapGet("/measures/{id:int}/reports", ListReports).WithName(nameof(ListReports))
            .WithSummary("The measure's reports the user may see: a unit its own (and, where it cooperates, the measure's), a leader those of measures he or she leads.");
        group.MapPost("/measures/{id:int}/reports", SaveReport).WithName(nameof(SaveReport))
            .WithSummary("Saves the responsible unit's draft report for a period (YYYY-MM); a report returned by the coordinator gets a new version. With \"submit\": true it is also submitted, in the same transaction; sending the same submission again changes nothing.");
        group.MapPut("/reports/{id:int}", UpdateDraft).WithName(nameof(UpdateDraft)).WithSummary("Changes the open draft of a report (and submits it, with \"submit\": true).");
        group.MapPost("/reports/{id:int}/submit", Submit).WithName(nameof(Submit)).WithSummary("Submits the draft; submitting again changes nothing.");
        group.MapPost("/reports/{id:int}/accept", Accept).WithName(nameof(Accept)).WithSummary("Accepts a submitted report (coordinators of the plan's region), at the revision the reviewer saw.");
        group.MapPost("/reports/{id:int}/return", Return).WithName(nameof(Return)).WithSummary("Returns a submitted report to its unit with a reason.");
        group.MapGet("/reviews", ListAwaitingReview).WithName(nameof(ListAwaitingReview)).RequireAuthorization(Policies.ManagePlans)
            .WithSummary("The submitted reports awaiting the caller's review (coordinators: their region's plans), oldest first, filtered by plan, unit (organization id) and period (YYYY-MM).");
        group.MapPost("/reviews/accept", AcceptMany).WithName(nameof(AcceptMany)).RequireAuthorization(Policies.ManagePlans)
            .WithSummary("Accepts a set of reports at once, each at the revision the reviewer saw, in one transaction. A report the caller may not review refuses the whole set (403); reports gone, no longer awaiting review or changed since are left as they are and listed under \"skipped\" with why.");
        group.MapGet("/reports/{id:int}/changes", Changes).WithName(nameof(Changes))
            .WithSummary("What the report's latest version changed against the previous version (status, percent, narrative, quantities, files), for those who may see the report.");
        group.MapPost("/reports/{id:int}/cooperation", Cooperate).WithName(nameof(Cooperate)).WithSummary("A cooperating unit's input (协办反馈) to a draft report.");
        group.MapPost("/reports/{id:int}/attachments", Attach).WithName(nameof(Attach)).DisableAntiforgery()
            .WithSummary("Attaches a file (PDF, PNG, JPEG, GIF, Word, Excel; checked by content; EcoPlan:Attachments:MaxBytes) to the report's draft.");
        group.MapGet("/attachments/{id:int}", Download).WithName(nameof(Download)).ProducesFile("application/octet-stream").WithSummary("Downloads an attachment the user may see.");
        group.MapGet("/measures/{id:int}/audit", Audit).WithName(nameof(Audit)).WithSummary("Who did what to the measure's reports, and when (append-only).");
        return app;
    }

    /// <summary>A report's content; <paramref name="Submit"/> submits it in the same step (one request, one transaction).</summary>
    public sealed record ReportRequest(string? Period, ProgressStatus Status, int Percent, [property: MaxLength(ProgressWorkflow.MaxNarrative)] string? Narrative, Dictionary<int, decimal>? Quantities, bool Submit = false)
    {
        internal ReportContent Content => new(Status, Percent, Narrative, Quantities);
    }

    public sealed record ReviewRequest(int Revision, [property: MaxLength(ProgressWorkflow.MaxReturnReason)] string? Reason);

    public sealed record CooperationRequest([property: MaxLength(ProgressWorkflow.MaxCooperation)] string? Text);

    public sealed record BulkAcceptRequest(List<ReviewedRevision>? Reports);

    public static async Task<Results<Ok<List<ReviewItem>>, ValidationProblem>> ListAwaitingReview(int? plan, int? unit, string? period, EcoPlanDbContext db, CurrentUser user,
        CancellationToken cancellationToken)
    {
        DateOnly? start = null;
        if (!string.IsNullOrEmpty(period))
        {
            if (!ReportingPeriod.TryParseMonth(period, out var parsed))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["period"] = [UiText.Get("Form_PeriodFormat")] });
            }

            start = parsed;
        }

        return TypedResults.Ok(await ProgressQueries.AwaitingReviewAsync(db, user.Required, new ReviewFilter(plan, unit, start), cancellationToken));
    }

    public static async Task<Results<Ok<BulkAcceptResult>, UseCaseProblem>> AcceptMany(BulkAcceptRequest request, ProgressWorkflow workflow, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(user);
        return (await workflow.AcceptManyAsync(user.Required, request.Reports ?? [], cancellationToken)).ToHttp(TypedResults.Ok);
    }

    public static async Task<Results<Ok<ReportChanges>, UseCaseProblem>> Changes(int id, EcoPlanDbContext db, CurrentUser user, CancellationToken cancellationToken) =>
        (await ProgressQueries.ChangesAsync(db, user.Required, id, cancellationToken)).ToHttp(TypedResults.Ok);

    public static async Task<Results<Ok<List<ReportView>>, UseCaseProblem>> ListReports(int id, EcoPlanDbContext db, CurrentUser user, CancellationToken cancellationToken) =>
        (await ProgressQueries.ForMeasureAsync(db, user.Required, id, cancellationToken)).ToHttp(TypedResults.Ok);

    public static async Task<Results<Ok<ReportView>, UseCaseProblem>> SaveReport(int id, ReportRequest request, ProgressWorkflow workflow, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(user);
        return (await workflow.SaveAsync(user.Required, id, new ReportInput(request.Period, request.Content, request.Submit), cancellationToken)).ToHttp(TypedResults.Ok);
    }

    public static async Task<Results<Ok<ReportView>, UseCaseProblem>> UpdateDraft(int id, ReportRequest request, ProgressWorkflow workflow, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(user);
        return (await workflow.UpdateDraftAsync(user.Required, id, request.Content, request.Submit, cancellationToken)).ToHttp(TypedResults.Ok);
    }

    public static async Task<Results<Ok<ReportView>, UseCaseProblem>> Submit(int id, ProgressWorkflow workflow, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(user);
        return (await workflow.SubmitAsync(user.Required, id, cancellationToken)).ToHttp(TypedResults.Ok);
    }

    public static async Task<Results<Ok<ReportView>, UseCaseProblem>> Accept(int id, ReviewRequest request, ProgressWorkflow workflow, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(user);
        return (await workflow.AcceptAsync(user.Required, id, request.Revision, cancellationToken)).ToHttp(TypedResults.Ok);
    }

    public static async Task<Results<Ok<ReportView>, UseCaseProblem>> Return(int id, ReviewRequest request, ProgressWorkflow workflow, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(user);
        return (await workflow.ReturnAsync(user.Required, id, request.Revision, request.Reason, cancellationToken)).ToHttp(TypedResults.Ok);
    }

    public static async Task<Results<Ok<ReportView>, UseCaseProblem>> Cooperate(int id, CooperationRequest request, ProgressWorkflow workflow, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(user);
        return (await workflow.AddCooperationAsync(user.Required, id, request.Text, cancellationToken)).ToHttp(TypedResults.Ok);
    }

    public static async Task<Results<Ok<List<AuditView>>, UseCaseProblem>> Audit(int id, EcoPlanDbContext db, CurrentUser user, CancellationToken cancellationToken) =>
        (await ProgressQueries.AuditAsync(db, user.Required, id, cancellationToken)).ToHttp(TypedResults.Ok);

    public static async Task<Results<Ok<ReportView>, UseCaseProblem>> Attach(int id, IFormFile file, ProgressWorkflow workflow, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(user);
        return (await workflow.AttachAsync(user.Required, id, await ProgressServices.UploadAsync(file, cancellationToken), cancellationToken)).ToHttp(TypedResults.Ok);
    }

    public static async Task<Results<FileContentHttpResult, UseCaseProblem, NotFound>> Download(int id, EcoPlanDbContext db, CurrentUser user, IAttachmentStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var found = await ProgressQueries.AttachmentAsync(db, user.Required, id, cancellationToken);
        if (found.Value is not { } attachment)
        {
            return new UseCaseProblem(found.Error!);
        }

        // A stored row whose file is gone from the store.
        return await store.ReadAsync(attachment.Sha256, cancellationToken) is { } content
            ? TypedResults.File(content, attachment.ContentType, attachment.FileName)
            : TypedResults.NotFound();
    }
}
