using EcoPlan.Core.Cascade;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EcoPlan.Web.Cascade;

/// <summary>
/// Links across levels (docs/cascade.md): a district plan's suggested and confirmed links to the city plan above it, its
/// gaps both ways, and the district coordinator's decisions. Who may read or decide is decided in Core
/// (<see cref="MeasureAlignment"/>); these handlers only carry the request there.
/// </summary>
public static class CascadeApi
{
    public static IEndpointRouteBuilder MapCascadeApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Cascade");
        group.MapGet("/plans/{id:int}/alignment", GetAlignment).WithName(nameof(GetAlignment))
            .WithSummary("For each measure of district plan id: the city measures it is confirmed to implement, the suggested ones best first with "
                + "score (0 to 1) and shared phrases, and the rejected ones. cityPlan defaults to the parent region's plan. Admins and coordinators of the district or above.");
        group.MapGet("/plans/{id:int}/alignment/gaps", GetAlignmentGaps).WithName(nameof(GetAlignmentGaps))
            .WithSummary("City measures naming the district with no confirmed district measure (未分解), district measures with no city parent (本级自定) and those still to decide.");
        group.MapPost("/measures/{id:int}/links", DecideLink).WithName(nameof(DecideLink))
            .WithSummary("Confirms (or links by hand), rejects or undoes the link of district measure id to a city measure. The district plan's coordinators and admins.");
        group.MapPost("/measures/{id:int}/links/change", ChangeLink).WithName(nameof(ChangeLink))
            .WithSummary("The wrong city measure: rejects from and confirms to for district measure id, together. The district plan's coordinators and admins.");
        group.MapGet("/plans/{id:int}/decomposition", GetDecomposition).WithName(nameof(GetDecomposition))
            .WithSummary("The 分解落实 board of city plan id today: per district of the city's region, per city measure naming a district or linked, the cell "
                + "(NotDecomposed 未分解, Late 滞后, Decomposed 已分解, OnTrack 推进正常) with the district measures behind it, and counts per district and per measure; "
                + "task filters by the city plan's task id. Admins, the city's coordinators and leaders; a district's coordinator or leader gets its own district only.");
        group.MapGet("/plans/{id:int}/decomposition.xlsx", GetDecompositionWorkbook).WithName(nameof(GetDecompositionWorkbook)).ProducesFile(Xlsx)
            .WithSummary("The 分解落实 board as an Excel workbook (the same cells and counts, and a sheet per district); every export is recorded in the audit.");
        return app;
    }

    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task<Results<Ok<DecompositionBoardView>, UseCaseProblem>> GetDecomposition(
        int id, int? task, EcoPlanDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return (await new DecompositionBoard(db, time).ComputeAsync(user.Required, id, task, cancellationToken)).ToHttp(TypedResults.Ok);
    }

    public static async Task<Results<FileContentHttpResult, UseCaseProblem>> GetDecompositionWorkbook(
        int id, int? task, EcoPlanDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        using var buffer = new MemoryStream();
        return (await new DecompositionBoard(db, time).WriteXlsxAsync(user.Required, id, task, buffer, cancellationToken))
            .ToHttp(board => TypedResults.File(buffer.ToArray(), Xlsx, FormattableString.Invariant($"分解落实-{board.City.Year}-{board.AsOf:yyyyMMdd}.xlsx")));
    }

    public static async Task<Results<Ok<PlanAlignment>, UseCaseProblem>> GetAlignment(
        int id, int? cityPlan, EcoPlanDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return (await new MeasureAlignment(db, time).SuggestAsync(user.Required, id, cityPlan, cancellationToken)).ToHttp(TypedResults.Ok);
    }

    public static async Task<Results<Ok<CascadeGapReport>, UseCaseProblem>> GetAlignmentGaps(
        int id, int? cityPlan, EcoPlanDbContext db, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return (await new CascadeGaps(db).GetAsync(user.Required, id, cityPlan, cancellationToken)).ToHttp(TypedResults.Ok);
    }

    public static async Task<Results<Ok<LinkDecision>, UseCaseProblem>> DecideLink(
        int id, LinkDecisionRequest request, EcoPlanDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        var alignment = new MeasureAlignment(db, time);
        var result = request.Decision switch
        {
            LinkDecisionKind.Confirm => await alignment.ConfirmAsync(user.Required, id, request.CityMeasureId, cancellationToken),
            LinkDecisionKind.Reject => await alignment.RejectAsync(user.Required, id, request.CityMeasureId, cancellationToken),
            LinkDecisionKind.Undo => await alignment.UndoAsync(user.Required, id, request.CityMeasureId, cancellationToken),
        };
        return result.ToHttp(TypedResults.Ok);
    }

    public static async Task<Results<Ok<LinkDecision>, UseCaseProblem>> ChangeLink(
        int id, LinkChangeRequest request, EcoPlanDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        return (await new MeasureAlignment(db, time).ChangeAsync(user.Required, id, request.From, request.To, cancellationToken)).ToHttp(TypedResults.Ok);
    }

    /// <summary>A decision on the pair (district measure of the route, <see cref="CityMeasureId"/>).</summary>
    public sealed record LinkDecisionRequest(int CityMeasureId, LinkDecisionKind Decision);

    /// <summary>Reject city measure <see cref="From"/> and confirm <see cref="To"/> instead.</summary>
    public sealed record LinkChangeRequest(int From, int To);

    public enum LinkDecisionKind
    {
        Confirm,
        Reject,
        Undo,
    }
}
