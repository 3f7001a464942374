using System.Globalization;
using EcoPlan.Core.Data;
using EcoPlan.Core.Progress;
using EcoPlan.Web.Accounts;
using EcoPlan.Web.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EcoPlan.Web.Progress;

/// <summary>The measure page's report forms; each answers with a redirect back to the page (with the refusal, if any).</summary>
public static class ProgressPageActions
{
    public static IEndpointRouteBuilder MapProgressPageActions(this IEndpointRouteBuilder app)
    {
        app.MapPost("/measures/{id:int}/report", SaveOrSubmit).ExcludeFromDescription();
        app.MapPost("/reports/{id:int}/review", Review).RequireAuthorization(Policies.ManagePlans).ExcludeFromDescription();
        app.MapPost("/reports/{id:int}/cooperation", Cooperate).ExcludeFromDescription();
        return app;
    }

    public static async Task<IResult> SaveOrSubmit(int id, [FromForm] string period, [FromForm] ProgressStatus status, [FromForm] int percent, [FromForm] string? narrative,
        [FromForm] string? submit, IFormCollection form, EcoPlanDbContext db, CurrentUser user, TimeProvider time, IAttachmentStore store, IConfiguration configuration,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!DateOnly.TryParseExact($"{period}-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
        {
            return Back(id, UiText.Get("Form_PeriodFormat"));
        }

        var quantities = new Dictionary<int, decimal>();
        foreach (var (field, value) in form.Where(f => f.Key.StartsWith("quantity:", StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(f.Value)))
        {
            if (!int.TryParse(field["quantity:".Length..], CultureInfo.InvariantCulture, out var target) || !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
            {
                return Back(id, UiText.Get("Form_QuantityNotNumber", value.ToString()));
            }

            quantities[target] = amount;
        }

        var content = new ReportContent(status, percent, narrative, quantities);
        var files = form.Files.Where(f => f.Length > 0).ToList();
        if (files.Count == 0)
        {
            return Answer(id, await ProgressApi.Run(db, user, time, workflow => submit is null
                ? workflow.SaveDraftAsync(user.Required, id, start, content, cancellationToken)
                : workflow.SaveAndSubmitAsync(user.Required, id, start, content, cancellationToken), cancellationToken));
        }

        // With files: the draft first, so a refused file loses none of the text the unit wrote; it is submitted only when every file is in.
        var result = await ProgressApi.Run(db, user, time, async workflow =>
        {
            var report = await workflow.SaveDraftAsync(user.Required, id, start, content, cancellationToken);
            foreach (var file in files)
            {
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, cancellationToken);
                await workflow.AttachAsync(user.Required, report.Id, file.FileName, buffer.ToArray(), store, ProgressApi.MaxAttachmentBytes(configuration), cancellationToken);
            }

            return submit is null ? report : await workflow.SubmitAsync(user.Required, report.Id, cancellationToken);
        }, cancellationToken);
        return Answer(id, result);
    }

    public static async Task<IResult> Review(int id, [FromForm] int measureId, [FromForm] int revision, [FromForm] string decision, [FromForm] string? reason,
        EcoPlanDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var result = await ProgressApi.Run(db, user, time, workflow => decision == "accept"
            ? workflow.AcceptAsync(user.Required, id, revision, cancellationToken)
            : workflow.ReturnAsync(user.Required, id, revision, reason ?? "", cancellationToken), cancellationToken);
        return Answer(measureId, result);
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
