using System.Text.Json.Nodes;
using EcoPlan.Core.Clues;
using EcoPlan.Core.Configuration;
using EcoPlan.Web.Input;
using EcoPlan.Web.Progress;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace EcoPlan.Web.Clues;

/// <summary>The clue API: lists (JSON or GeoJSON), one clue with its trail and evidence, the lifecycle steps, bulk steps and assignment, batch intake.</summary>
public static class ClueApi
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IEndpointRouteBuilder MapClueApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Clues");
        group.MapGet("/clues", List).WithName("ListClues")
            .WithSummary("The clues the caller may see (a township its own, coordinators their district's or city's), filtered by state, township code (or unassigned=true), batch, bbox=minLon,minLat,maxLon,maxLat, overdue and text; paged. With Accept: application/geo+json a GeoJSON FeatureCollection.")
            .Produces<JsonObject>(200, ClueJson.GeoJsonType);
        group.MapGet("/clues/{id:int}", Get).WithName("GetClue").WithSummary("One clue: its source ids, batch, geometry (GeoJSON), state, outcome, evidence, the hash-chained trail and the steps the caller may take now.");
        group.MapPost("/clues/{id:int}/steps/{step}", Take).WithName("TakeClueStep")
            .WithSummary("Takes a lifecycle step (Start, SubmitVerification, AcceptVerification, ReturnVerification, SubmitPlan, AcceptPlan, ReturnPlan, RequestClose, AcceptClose, ReturnClose, EndPublicNotice, Reopen) at the version the caller saw; refused with what is missing when the evidence rules are not met.");
        group.MapPost("/clues/steps/{step}", TakeMany).WithName("TakeClueStepInBulk")
            .WithSummary("Takes one step on a set of clues (at most 500), all or none: a refusal lists each clue that cannot take it and why.");
        group.MapPost("/clues/{id:int}/evidence", AddEvidence).WithName("AddClueEvidence").DisableAntiforgery()
            .WithSummary("Adds a file to a clue (multipart: file, kind, noGpsReason, and deviceLatitude/deviceLongitude/deviceAccuracy: the phone's location, used when the photo carries no GPS): a photo (JPEG, PNG) keeps its EXIF position, time and direction and its distance from the clue; a photo without GPS needs noGpsReason; checked by content; EcoPlan:Attachments:MaxBytes.");
        group.MapGet("/clue-evidence/{id:int}", DownloadEvidence).WithName("DownloadClueEvidence").ProducesFile("application/octet-stream")
            .WithSummary("Downloads an evidence file of a clue the caller may see.");
        group.MapGet("/clues/ledger.xlsx", Ledger).WithName("ClueLedger").ProducesFile(Xlsx)
            .WithSummary("The 问题台账 (编号, 位置, 面积, 类型, 核查结论, 整改措施, 整改时限, 完成情况, 销号时间) of the clues the caller sees under the same filters as the list; every export is recorded in the audit.");
        group.MapGet("/clues/statistics", Statistics).WithName("ClueStatistics")
            .WithSummary("Counts of the clues the caller sees (optionally of one batch, or of the batches attached to a measure): in total, per district, per township (null: the district's queue) and per batch — received, verified, verified on time, by outcome, rectifying, overdue, closed, closed on time.");
        group.MapGet("/clues/{id:int}/archive.zip", Archive).WithName("ClueArchive").ProducesFile(ClueArchive.ContentType)
            .WithSummary("The 销号 archive of a clue the caller may see, from 申请销号 on (申请销号, 公示中, 已销号; 409 before): a zip of the 销号申请表 (docx), the evidence files under 照片/ and 材料/ (each checked against its SHA-256), the trail (留痕.csv), its check (留痕校验.txt) and clue.geojson. Streamed; every download is recorded in the audit.");
        group.MapPost("/clues/{id:int}/assign", Assign).WithName("AssignClue").WithSummary("Assigns a clue (the district's queue, or a reassignment) to a township of its district by its code.");
        // Multipart like the other uploads: a script with the session cookie sends the anti-forgery token in its header (CsrfProtection).
        group.MapPost("/clue-batches", ImportBatch).WithName("ImportClueBatch").DisableAntiforgery().RequireAuthorization(Policies.ManagePlans)
            .WithUploadLimit(app.ServiceProvider.GetRequiredService<IOptions<EcoPlanOptions>>().Value.Import.MaxFileBytes)
            .WithSummary("Takes in a batch of clues from a file (multipart: file (GeoJSON, zipped shapefile, KML/KMZ, csv/xlsx with lon/lat or WKT), source, name, receivedOn (default today), verifyBy, rectifyBy, measureId, district (GB/T 2260; default the district the features lie in), dryRun) for the coordinators of its district or city. dryRun=true answers 200 with every row (code, township, cooperating townships, duplicateOf, areaM2) and every problem (position, field, message), storing nothing; otherwise all or nothing: 201 with the batch and each row's clue, or 400 listing every problem under errors.file. EcoPlan:Import:MaxFileBytes.");
        return app;
    }

    public sealed record StepRequest(int? Version, ClueOutcome? Outcome, string? Reason, string? Note, string? ApprovalKind, string? ApprovalNumber,
        DateOnly? ApprovalDate, string? Measures, DateOnly? RectifyBy, int? PublicNoticeDays)
    {
        internal ClueStepInput Input => new(Version, Outcome, Reason, Note, ApprovalKind, ApprovalNumber, ApprovalDate, Measures, RectifyBy, PublicNoticeDays);
    }

    public sealed record BulkStepRequest(List<int>? Ids, StepRequest? Input);

    public sealed record AssignRequest(string? Township, int? Version);

    public sealed record ClueListDto(int Total, int Page, int PageSize, IReadOnlyList<ClueRowDto> Items);

    public sealed record ClueRowDto(int Id, string Code, int BatchId, string Batch, ClueSource Source, RegionRef? Township, ClueState State, string StateLabel,
        ClueOutcome? Outcome, ActivityType Activity, double AreaSquareMeters, DateOnly? VerifyBy, DateOnly? RectifyBy, bool Overdue);

    public sealed record ClueDto(int Id, IReadOnlyList<ClueCode> Codes, ClueBatchSummary Batch, RegionRef District, RegionRef? Township,
        IReadOnlyList<RegionRef> CooperatingTownships, JsonObject Geometry, double AreaSquareMeters, ActivityType Activity, string? Zone, string? Description,
        ClueState State, string StateLabel, ClueOutcome? Outcome, string? OutcomeReason, string? ApprovalKind, string? ApprovalNumber, DateOnly? ApprovalDate,
        string? RectificationMeasures, DateOnly? RectifyBy, DateOnly? PublicNoticeEndsOn, DateTime? VerifiedAt, DateTime? ClosedAt, DateTime CreatedAt,
        int Version, bool Overdue, IReadOnlyList<ClueEventView> Trail, IReadOnlyList<ClueEvidenceView> Evidence, IReadOnlyList<ClueStep> AllowedSteps,
        bool CanAssign, bool CanAddEvidence);

    public static async Task<Ok<ClueStatisticsView>> Statistics(int? batch, int? measure, ClueStatistics statistics, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        ArgumentNullException.ThrowIfNull(user);
        return TypedResults.Ok(await statistics.ComputeAsync(user.Required, new ClueStatisticsFilter(BatchId: batch, MeasureId: measure), cancellationToken: cancellationToken));
    }

    public static async Task<Results<Ok<ClueListDto>, ContentHttpResult, ValidationProblem>> List(HttpRequest request, ClueState? state, string? township,
        bool? unassigned, int? batch, string? bbox, bool? overdue, string? q, int? page, int? pageSize, ClueQueries queries, CurrentUser user,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(user);
        if (Filter(state, township, unassigned, batch, bbox, overdue, q) is not { } filter)
        {
            return BadBox();
        }

        var geo = request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(ClueJson.GeoJsonType, StringComparison.OrdinalIgnoreCase));
        var result = await queries.ListAsync(user.Required, filter, page ?? 1, pageSize ?? 50, withGeometry: geo, cancellationToken);
        if (geo)
        {
            return TypedResults.Content(ClueJson.FeatureCollection(result).ToJsonString(), ClueJson.GeoJsonType);
        }

        return TypedResults.Ok(new ClueListDto(result.Total, result.Page, result.PageSize, [.. result.Items.Select(c => new ClueRowDto(c.Id, c.Code, c.BatchId,
            c.BatchName, c.Source, c.Township, c.State, ClueLabels.State(c.State), c.Outcome, c.ActivityType, Math.Round(c.AreaSquareMeters, 1), c.VerifyBy,
            c.RectifyBy, c.Overdue))]));
    }

    public static async Task<Results<Ok<ClueDto>, UseCaseProblem>> Get(int id, ClueQueries queries, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(user);
        return (await queries.GetAsync(user.Required, id, cancellationToken)).ToHttp(c => TypedResults.Ok(ToDto(c)));
    }

    /// <summary>A step's fields as JSON; a step that needs none (Start, an accept) may be sent without a body.</summary>
    public static async Task<Results<Ok<ClueDto>, UseCaseProblem>> Take(int id, ClueStep step, StepRequest? request, ClueWorkflow workflow, CurrentUser user,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(user);
        return (await workflow.TakeAsync(user.Required, id, step, request?.Input ?? new ClueStepInput(), cancellationToken)).ToHttp(c => TypedResults.Ok(ToDto(c)));
    }

    public static async Task<Results<Ok<IReadOnlyList<int>>, UseCaseProblem>> TakeMany(ClueStep step, BulkStepRequest request, ClueWorkflow workflow,
        CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(user);
        return (await workflow.TakeManyAsync(user.Required, request.Ids ?? [], step, request.Input?.Input ?? new ClueStepInput(), cancellationToken)).ToHttp(TypedResults.Ok);
    }

    public static async Task<Results<Ok<ClueEvidenceView>, UseCaseProblem>> AddEvidence(int id, IFormFile file, [FromForm] EvidenceKind kind,
        [FromForm] string? noGpsReason, [FromForm] double? deviceLatitude, [FromForm] double? deviceLongitude,
        [FromForm] double? deviceAccuracy, ClueEvidenceUpload uploads, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(uploads);
        ArgumentNullException.ThrowIfNull(user);
        var upload = await ProgressServices.UploadAsync(file, cancellationToken);
        return (await uploads.AddAsync(user.Required, id, new EvidenceUpload(kind, upload.FileName, upload.Content, noGpsReason, Device(deviceLatitude, deviceLongitude, deviceAccuracy)), cancellationToken)).ToHttp(TypedResults.Ok);
    }

    public static async Task<Results<FileContentHttpResult, UseCaseProblem>> DownloadEvidence(int id, ClueEvidenceUpload uploads, CurrentUser user,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uploads);
        ArgumentNullException.ThrowIfNull(user);
        return (await uploads.OpenAsync(user.Required, id, cancellationToken)).ToHttp(f => TypedResults.File(f.Content, f.Evidence.ContentType, f.Evidence.FileName));
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> Ledger(ClueState? state, string? township, bool? unassigned, int? batch,
        string? bbox, bool? overdue, string? q, ClueLedger ledger, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(time);
        if (Filter(state, township, unassigned, batch, bbox, overdue, q) is not { } filter)
        {
            return BadBox();
        }

        using var buffer = new MemoryStream();
        await ledger.WriteAsync(user.Required, filter, buffer, cancellationToken);
        var day = time.GetLocalNow().ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return TypedResults.File(buffer.ToArray(), Xlsx, $"问题台账-{day}.xlsx");
    }

    /// <summary>Refusals (404, 409) are answered before the first byte; the zip is then written straight into the response.</summary>
    public static async Task<Results<PushStreamHttpResult, UseCaseProblem>> Archive(int id, ClueArchive archives, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(archives);
        ArgumentNullException.ThrowIfNull(user);
        return (await archives.OpenAsync(user.Required, id, cancellationToken))
            .ToHttp(file => TypedResults.Stream(body => file.WriteToAsync(body, cancellationToken), ClueArchive.ContentType, file.FileName));
    }

    public static async Task<Results<Ok<ClueDto>, UseCaseProblem>> Assign(int id, AssignRequest request, ClueWorkflow workflow, CurrentUser user,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(user);
        return (await workflow.AssignAsync(user.Required, id, request.Township ?? "", request.Version, cancellationToken)).ToHttp(c => TypedResults.Ok(ToDto(c)));
    }

    /// <summary>The batch's fields come as text and are read in one place with the pages' (<see cref="ClueBatchForm"/>).</summary>
    public static async Task<Results<Ok<ClueBatchImportDto>, Created<ClueBatchImportDto>, ValidationProblem, UseCaseProblem>> ImportBatch(IFormFile? file,
        [AsParameters] ClueBatchForm form, [FromForm] bool? dryRun, ClueIntake intake, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(intake);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(time);
        if (file is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [UiText.Get("ClueBatchNoFile")] });
        }

        var fields = form.Read();
        if (fields.Error is { } wrong)
        {
            return new UseCaseProblem(wrong);
        }

        var upload = await ProgressServices.UploadAsync(file, cancellationToken);
        var preview = dryRun == true;
        var result = await intake.RunAsync(user.Required, new MemoryStream(upload.Content, writable: false), upload.FileName, fields.Value!.Request(time),
            import: !preview, cancellationToken);
        return result.Error is { } refused ? new UseCaseProblem(refused)
            : preview ? TypedResults.Ok(ClueBatchImportDto.Of(result.Value!))
            : TypedResults.Created($"/api/v1/clues?batch={result.Value!.Written!.BatchId}", ClueBatchImportDto.Of(result.Value));
    }

    /// <summary>A list's query as a filter (township "none" is the district's queue); null when the bbox is not four numbers in range.</summary>
    private static ClueFilter? Filter(ClueState? state, string? township, bool? unassigned, int? batch, string? bbox, bool? overdue, string? q)
    {
        var box = string.IsNullOrEmpty(bbox) ? null : ClueBox.Parse(bbox);
        return !string.IsNullOrEmpty(bbox) && box is null ? null
            : new ClueFilter(state, township == "none" ? null : township, unassigned ?? township == "none", batch, box, overdue ?? false, q);
    }

    private static ValidationProblem BadBox() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["bbox"] = [UiText.Get("Clue_BboxFormat")] });

    /// <summary>The phone's location sent with a photo, when both coordinates were sent.</summary>
    internal static DevicePosition? Device(double? latitude, double? longitude, double? accuracy) =>
        latitude is { } lat && longitude is { } lon ? new DevicePosition(lat, lon, accuracy) : null;

    internal static ClueDto ToDto(ClueView c) => new(c.Id, c.Codes, c.Batch, c.District, c.Township, c.CooperatingTownships, ClueJson.Geometry(c.Geometry),
        Math.Round(c.AreaSquareMeters, 1), c.ActivityType, c.Zone, c.Description, c.State, ClueLabels.State(c.State), c.Outcome, c.OutcomeReason, c.ApprovalKind,
        c.ApprovalNumber, c.ApprovalDate, c.RectificationMeasures, c.RectifyBy, c.PublicNoticeEndsOn, c.VerifiedAt, c.ClosedAt, c.CreatedAt, c.Version, c.Overdue,
        c.Events, c.Evidence, c.AllowedSteps, c.CanAssign, c.CanAddEvidence);
}
