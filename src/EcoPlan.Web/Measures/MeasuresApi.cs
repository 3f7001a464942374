using EcoPlan.Core.Accounts;
using EcoPlan.Core.Plans;
using EcoPlan.Web.Plans;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace EcoPlan.Web.Measures;

public static class MeasuresApi
{
    public static IEndpointRouteBuilder MapMeasuresApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Measures");
        group.MapGet("/measures", ListMeasures).WithName(nameof(ListMeasures))
            .WithSummary("Measures filtered by organization, leader, deadline and status. A unit sees its own organization's (the default); a leader his or her own.");
        group.MapGet("/measures/{id:int}", GetMeasure).WithName(nameof(GetMeasure)).WithSummary("One measure with its units, duties and targets.");
        group.MapGet("/me/measures", MyMeasures).WithName(nameof(MyMeasures))
            .Produces<List<MeasureListItem>>(StatusCodes.Status200OK, "application/json")
            .WithSummary("The signed-in user's measures: the organization's (lead, responsible or cooperating), or for a leader the measures he or she leads.");
        return app;
    }

    public static async Task<Results<Ok<List<MeasureListItem>>, UseCaseProblem>> ListMeasures(
        int? org, int? leader, DateOnly? dueBefore, DeadlineStatus? status, int? plan, string? q,
        EcoPlanDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var filter = new MeasureFilter { OrganizationId = org, LeaderId = leader, DueBefore = dueBefore, Status = status, PlanId = plan, Text = q };
        return (await MeasureQueries.SearchAsync(db, user.Required, filter, Today(time), cancellationToken)).ToHttp(TypedResults.Ok);
    }

    public static async Task<Results<Ok<MeasureResponse>, UseCaseProblem>> GetMeasure(int id, EcoPlanDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return (await MeasureQueries.GetAsync(db, user.Required, id, Today(time), cancellationToken))
            .ToHttp(found => TypedResults.Ok(new MeasureResponse(found.Measure, found.Targets)));
    }

    public static async Task<IResult> MyMeasures(
        EcoPlanDbContext db, CurrentUser user, TimeProvider time, PlanViewCache views, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(views);
        ArgumentNullException.ThrowIfNull(json);
        var access = user.Required;
        var filter = access.Role == Roles.Leader
            ? new MeasureFilter { LeaderId = access.LeaderId ?? -1 }
            : new MeasureFilter { OrganizationId = access.OrganizationId };
        // Every unit reads this on each visit; the JSON is kept until one of its plans changes (PlanViewCache).
        var body = await views.MeasuresOfJsonAsync(db, access, filter, Today(time), json.Value.SerializerOptions, cancellationToken);
        return TypedResults.Bytes(body, "application/json; charset=utf-8");
    }

    public sealed record MeasureResponse(MeasureListItem Measure, IReadOnlyList<TargetDetail> Targets);

    internal static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetLocalNow().DateTime);
}
