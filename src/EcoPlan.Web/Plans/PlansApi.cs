using EcoPlan.Core.Export;
using EcoPlan.Core.Plans;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EcoPlan.Web.Plans;

public static class PlansApi
{
    public static IEndpointRouteBuilder MapPlansApi(this IEndpointRouteBuilder app)
    {
        var plans = app.MapGroup("/api/v1/plans").WithTags("Plans");
        plans.MapGet("/", ListPlans).WithName(nameof(ListPlans)).WithSummary("Lists the plans, newest year first.");
        plans.MapGet("/{id:int}", GetPlan).WithName(nameof(GetPlan)).WithSummary("One plan with its sections, tasks, measures, units and targets.");
        plans.MapGet("/{id:int}/export", ExportPlan).WithName(nameof(ExportPlan))
            .ProducesFile("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            .WithSummary("The plan as a Word (format=docx) or Excel (format=xlsx) document in the issued table layout.");
        plans.MapPost("/{id:int}/publish", PublishPlan).WithName(nameof(PublishPlan)).RequireAuthorization(Policies.ManagePlans)
            .WithSummary("Publishes a draft plan with confirm=true (coordinators of the plan's region, admins): its units see their measures and the reminders start.");
        return app;
    }

    public static async Task<Ok<List<PlanSummary>>> ListPlans(EcoPlanDbContext db, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return TypedResults.Ok(await PlanQueries.ListAsync(db, user.Required, cancellationToken));
    }

    public static async Task<Results<Ok<PlanDetail>, UseCaseProblem>> GetPlan(int id, EcoPlanDbContext db, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return (await PlanQueries.GetAsync(db, user.Required, id, cancellationToken)).ToHttp(TypedResults.Ok);
    }

    public static async Task<Results<FileContentHttpResult, UseCaseProblem, BadRequest<string>>> ExportPlan(int id, string? format, EcoPlanDbContext db, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!Enum.TryParse<ExportFormat>(format ?? "docx", ignoreCase: true, out var chosen) || !Enum.IsDefined(chosen))
        {
            return TypedResults.BadRequest(UiText.Get("Api_FormatDocxXlsx"));
        }

        using var buffer = new MemoryStream();
        var written = await PlanExport.WriteAsync(db, user.Required, id, chosen, buffer, cancellationToken);
        if (written.Error is { } error)
        {
            return new UseCaseProblem(error);
        }

        var (contentType, extension) = chosen switch
        {
            ExportFormat.Docx => ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
            ExportFormat.Xlsx => ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
        };
        return TypedResults.File(buffer.ToArray(), contentType, $"plan-{id}.{extension}");
    }

    /// <summary>Publishes with <c>confirm=true</c> only: publishing shows every unit its measures and starts the reminders, and is not undone by a click.</summary>
    public static async Task<Results<NoContent, UseCaseProblem>> PublishPlan(int id, bool? confirm, EcoPlanDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var result = await new PlanPublishing(db, time).PublishAsync(user.Required, id, confirm == true, cancellationToken);
        return result.ToHttp(_ => TypedResults.NoContent());
    }
}
