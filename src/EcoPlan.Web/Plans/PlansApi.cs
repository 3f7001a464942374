using EcoPlan.Core.Data;
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
        return app;
    }

    public static async Task<Ok<List<PlanSummary>>> ListPlans(EcoPlanDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await PlanQueries.ListAsync(db, cancellationToken));

    public static async Task<Results<Ok<PlanDetail>, NotFound>> GetPlan(int id, EcoPlanDbContext db, CancellationToken cancellationToken) =>
        await PlanQueries.GetAsync(db, id, cancellationToken) is { } plan ? TypedResults.Ok(plan) : TypedResults.NotFound();
}
