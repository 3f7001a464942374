using NetTopologySuite.Geometries;

namespace EcoPlan.Core.Clues;

/// <summary>Which clues a list shows: each filter optional; <see cref="Unassigned"/> is the district's queue.</summary>
public sealed record ClueFilter(
    ClueState? State = null,
    string? TownshipCode = null,
    bool Unassigned = false,
    int? BatchId = null,
    ClueBox? Box = null,
    bool Overdue = false,
    string? Text = null);

/// <summary>A longitude/latitude box (the API's <c>bbox=minLon,minLat,maxLon,maxLat</c>).</summary>
public sealed record ClueBox(double MinLongitude, double MinLatitude, double MaxLongitude, double MaxLatitude)
{
    /// <summary>Reads <c>minLon,minLat,maxLon,maxLat</c>; null when it is not four numbers in range with min ≤ max.</summary>
    public static ClueBox? Parse(string? text)
    {
        var parts = (text ?? "").Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 4 || !parts.All(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            return null;
        }

        var v = parts.Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return v[0] is < -180 or > 180 || v[2] is < -180 or > 180 || v[1] is < -90 or > 90 || v[3] is < -90 or > 90 || v[0] > v[2] || v[1] > v[3]
            ? null : new ClueBox(v[0], v[1], v[2], v[3]);
    }
}

public sealed record RegionRef(string Code, string Name);

public sealed record ClueCode(ClueSource Source, string Code, int BatchId);

public sealed record ClueBatchSummary(int Id, string Name, ClueSource Source, DateOnly ReceivedOn, DateOnly? VerifyBy, DateOnly? RectifyBy, int? MeasureId);

public sealed record ClueEventView(int Sequence, ClueAction Action, ClueState? From, ClueState To, string ActorName, DateTime At, string Payload, string Hash);

public sealed record ClueEvidenceView(int Id, EvidenceKind Kind, string FileName, string ContentType, long Length, string Sha256, double? Latitude,
    double? Longitude, PositionSource? PositionSource, double? PositionAccuracyMeters, DateTimeOffset? TakenAt, double? DirectionDegrees, double? DistanceMeters,
    string? NoGpsReason, DateTime UploadedAt)
{
    public static ClueEvidenceView Of(ClueEvidence e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Id, e.Kind, e.FileName, e.ContentType, e.Length, e.Sha256, e.Latitude, e.Longitude, e.PositionSource, e.PositionAccuracyMeters,
            Local(e.TakenAt, e.TakenAtOffsetMinutes), e.DirectionDegrees, e.DistanceMeters, e.NoGpsReason, e.UploadedAt);
    }

    /// <summary>The stored UTC instant back at the camera's offset.</summary>
    public static DateTimeOffset? Local(DateTime? utc, int? offsetMinutes) =>
        utc is { } at ? new DateTimeOffset(at, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(offsetMinutes ?? 0)) : null;
}

/// <summary>A clue as its page and the API show it, with the steps the caller may take now.</summary>
public sealed record ClueView(
    int Id,
    IReadOnlyList<ClueCode> Codes,
    ClueBatchSummary Batch,
    RegionRef District,
    RegionRef? Township,
    IReadOnlyList<RegionRef> CooperatingTownships,
    Geometry Geometry,
    double AreaSquareMeters,
    ActivityType ActivityType,
    string? Zone,
    string? Description,
    ClueState State,
    ClueOutcome? Outcome,
    string? OutcomeReason,
    string? ApprovalKind,
    string? ApprovalNumber,
    DateOnly? ApprovalDate,
    string? RectificationMeasures,
    DateOnly? RectifyBy,
    DateOnly? PublicNoticeEndsOn,
    DateTime? VerifiedAt,
    DateTime? ClosedAt,
    DateTime CreatedAt,
    int Version,
    bool Overdue,
    IReadOnlyList<ClueEventView> Events,
    IReadOnlyList<ClueEvidenceView> Evidence,
    IReadOnlyList<ClueStep> AllowedSteps,
    bool CanAssign,
    bool CanAddEvidence);

/// <summary>A clue as a list row shows it; <see cref="Geometry"/> only when the list was asked for geometry (map, GeoJSON).</summary>
public sealed record ClueSummary(
    int Id,
    string Code,
    int BatchId,
    string BatchName,
    ClueSource Source,
    RegionRef? Township,
    ClueState State,
    ClueOutcome? Outcome,
    ActivityType ActivityType,
    double AreaSquareMeters,
    DateOnly? VerifyBy,
    DateOnly? RectifyBy,
    bool Overdue,
    Geometry? Geometry);

public sealed record ClueCounts(IReadOnlyDictionary<ClueState, int> ByState, int Overdue)
{
    public int Total => ByState.Values.Sum();
}

public sealed record ClueFilterChoices(IReadOnlyList<ClueBatchSummary> Batches, IReadOnlyList<RegionRef> Townships);

public sealed record ClueListPage(int Total, int Page, int PageSize, IReadOnlyList<ClueSummary> Items);

/// <summary>Reads clues for the caller: only those <see cref="ClueAccess"/> lets him see, whatever page or endpoint asks.</summary>
public sealed class ClueQueries(EcoPlanDbContext db, TimeProvider time)
{
    public const int MaxPageSize = 500;

    private readonly ClueAccess _access = new(db);

    public async Task<UseCaseResult<ClueView>> GetAsync(UserAccess user, int clueId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var clue = await db.Clues.AsNoTracking().AsSplitQuery()
            .Where(c => c.Id == clueId).Where(await _access.VisibleAsync(user, cancellationToken))
            .Include(c => c.Batch).Include(c => c.District).Include(c => c.Township).Include(c => c.SourceIds)
            .Include(c => c.CooperatingTownships).Include(c => c.Events).Include(c => c.Evidence)
            .SingleOrDefaultAsync(cancellationToken);
        if (clue is null)
        {
            return new UseCaseError.NotFound(CoreText.Get("Clue_NotFound", clueId));
        }

        var cooperatingIds = clue.CooperatingTownships.Select(t => t.RegionId).ToList();
        var cooperating = await db.Regions.AsNoTracking().Where(r => cooperatingIds.Contains(r.Id)).OrderBy(r => r.Code)
            .Select(r => new RegionRef(r.Code, r.Name)).ToListAsync(cancellationToken);
        var reviews = await _access.ReviewsAsync(user, clue.DistrictRegionId, cancellationToken);
        var township = ClueAccess.ActsAsTownship(user, clue);
        var steps = ClueSteps.All.Values.Where(d => d.From.Contains(clue.State) && (d.ByTownship ? township : reviews)).Select(d => d.Step).ToList();
        var batch = clue.Batch!;
        return new ClueView(
            clue.Id,
            [.. clue.SourceIds.OrderBy(s => s.Id).Select(s => new ClueCode(s.Source, s.Code, s.BatchId))],
            new ClueBatchSummary(batch.Id, batch.Name, batch.Source, batch.ReceivedOn, batch.VerifyBy, batch.RectifyBy, batch.MeasureId),
            new RegionRef(clue.District!.Code, clue.District.Name),
            clue.Township is { } t ? new RegionRef(t.Code, t.Name) : null,
            cooperating,
            ClueGeometry.Read(clue.Geometry),
            clue.AreaSquareMeters, clue.ActivityType, clue.Zone, clue.Description, clue.State, clue.Outcome, clue.OutcomeReason,
            clue.ApprovalKind, clue.ApprovalNumber, clue.ApprovalDate, clue.RectificationMeasures, clue.RectifyBy ?? batch.RectifyBy, clue.PublicNoticeEndsOn,
            clue.VerifiedAt, clue.ClosedAt, clue.CreatedAt, clue.Version,
            ClueDeadlines.IsOverdue(clue.State, batch.VerifyBy, clue.RectifyBy ?? batch.RectifyBy, Today()),
            [.. clue.Events.OrderBy(e => e.Sequence).Select(e => new ClueEventView(e.Sequence, e.Action, e.FromState, e.ToState, e.ActorName, e.At, e.Payload, e.Hash))],
            [.. clue.Evidence.OrderBy(e => e.Id).Select(ClueEvidenceView.Of)],
            steps,
            reviews && clue.State != ClueState.Closed,
            (township || reviews) && clue.State != ClueState.Closed);
    }

    /// <summary>A page of the clues the caller sees, filtered; with geometry for a map or a GeoJSON answer.</summary>
    public async Task<ClueListPage> ListAsync(UserAccess user, ClueFilter filter, int page = 1, int pageSize = 50, bool withGeometry = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(filter);
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var query = Filtered(db.Clues.AsNoTracking().Where(await _access.VisibleAsync(user, cancellationToken)), filter, Today());
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(c => c.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(c => new
            {
                c.Id,
                Code = c.SourceIds.OrderBy(s => s.Id).Select(s => s.Code).FirstOrDefault(),
                c.BatchId,
                BatchName = c.Batch!.Name,
                c.Batch.Source,
                TownshipCode = c.Township == null ? null : c.Township.Code,
                TownshipName = c.Township == null ? null : c.Township.Name,
                c.State, c.Outcome, c.ActivityType, c.AreaSquareMeters,
                c.Batch.VerifyBy,
                RectifyBy = c.RectifyBy ?? c.Batch.RectifyBy,
                Geometry = withGeometry ? c.Geometry : null,
            })
            .ToListAsync(cancellationToken);
        var today = Today();
        return new ClueListPage(total, page, pageSize, [.. rows.Select(r => new ClueSummary(
            r.Id, r.Code ?? r.Id.ToString(CultureInfo.InvariantCulture), r.BatchId, r.BatchName, r.Source,
            r.TownshipCode is null ? null : new RegionRef(r.TownshipCode, r.TownshipName!),
            r.State, r.Outcome, r.ActivityType, r.AreaSquareMeters, r.VerifyBy, r.RectifyBy,
            ClueDeadlines.IsOverdue(r.State, r.VerifyBy, r.RectifyBy, today),
            r.Geometry is null ? null : ClueGeometry.Read(r.Geometry)))]);
    }

    /// <summary>How many of the clues the caller sees (under the filter, whatever its state) are in each state, and how many are late.</summary>
    public async Task<ClueCounts> CountsAsync(UserAccess user, ClueFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(filter);
        var visible = db.Clues.AsNoTracking().Where(await _access.VisibleAsync(user, cancellationToken));
        var byState = await Filtered(visible, filter with { State = null, Overdue = false }, Today())
            .GroupBy(c => c.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var overdue = await Filtered(visible, filter with { State = null, Overdue = true }, Today()).CountAsync(cancellationToken);
        return new ClueCounts(byState.ToDictionary(g => g.Key, g => g.Count), overdue);
    }

    /// <summary>The batches and townships the caller's clues belong to, for a list's filters.</summary>
    public async Task<ClueFilterChoices> ChoicesAsync(UserAccess user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var visible = db.Clues.AsNoTracking().Where(await _access.VisibleAsync(user, cancellationToken));
        var batches = await db.ClueBatches.AsNoTracking().Where(b => visible.Any(c => c.BatchId == b.Id)).OrderByDescending(b => b.ReceivedOn).ThenBy(b => b.Id)
            .Select(b => new ClueBatchSummary(b.Id, b.Name, b.Source, b.ReceivedOn, b.VerifyBy, b.RectifyBy, b.MeasureId)).ToListAsync(cancellationToken);
        var reviewed = (await _access.ReviewedDistrictsAsync(user, cancellationToken)).ToList();
        var townships = await db.Regions.AsNoTracking()
            .Where(r => r.Level == Regions.RegionLevel.Township && (visible.Any(c => c.TownshipRegionId == r.Id) || (r.ParentId != null && reviewed.Contains(r.ParentId.Value))))
            .OrderBy(r => r.Code).Select(r => new RegionRef(r.Code, r.Name)).ToListAsync(cancellationToken);
        return new ClueFilterChoices(batches, townships);
    }

    /// <summary>The loaded township boundaries of the districts whose clues the caller sees, for the maps.</summary>
    public async Task<IReadOnlyList<(string Code, string Name, Geometry LonLat)>> BoundariesAsync(UserAccess user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var visible = db.Clues.AsNoTracking().Where(await _access.VisibleAsync(user, cancellationToken));
        var reviewed = (await _access.ReviewedDistrictsAsync(user, cancellationToken)).ToList();
        var rows = await db.TownshipBoundaries.AsNoTracking()
            .Where(b => reviewed.Contains(b.Region!.ParentId!.Value) || visible.Any(c => c.DistrictRegionId == b.Region!.ParentId))
            .OrderBy(b => b.Region!.Code).Select(b => new { b.Region!.Code, b.Region.Name, b.Geometry }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.Code, r.Name, ClueGeometry.Read(r.Geometry)))];
    }

    /// <summary>The filter as SQL; the overdue test is the same rule as <see cref="ClueDeadlines.IsOverdue"/>.</summary>
    internal static IQueryable<Clue> Filtered(IQueryable<Clue> query, ClueFilter filter, DateOnly today)
    {
        if (filter.State is { } state)
        {
            query = query.Where(c => c.State == state);
        }

        if (filter.Unassigned)
        {
            query = query.Where(c => c.TownshipRegionId == null);
        }
        else if (!string.IsNullOrWhiteSpace(filter.TownshipCode))
        {
            var code = filter.TownshipCode.Trim();
            query = query.Where(c => c.Township!.Code == code);
        }

        if (filter.BatchId is { } batch)
        {
            query = query.Where(c => c.BatchId == batch);
        }

        if (filter.Box is { } box)
        {
            query = query.Where(c => c.MaxLongitude >= box.MinLongitude && c.MinLongitude <= box.MaxLongitude
                && c.MaxLatitude >= box.MinLatitude && c.MinLatitude <= box.MaxLatitude);
        }

        if (filter.Overdue)
        {
            query = query.Where(c =>
                ((c.State == ClueState.Pending || c.State == ClueState.Verifying) && c.Batch!.VerifyBy < today)
                || ((c.State == ClueState.PlanDue || c.State == ClueState.PlanSubmitted || c.State == ClueState.Rectifying)
                    && (c.RectifyBy ?? c.Batch!.RectifyBy) < today));
        }

        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim();
            query = query.Where(c => c.SourceIds.Any(s => s.Code.Contains(text)) || (c.Description != null && c.Description.Contains(text)));
        }

        return query;
    }

    private DateOnly Today() => DateOnly.FromDateTime(time.GetLocalNow().DateTime);
}

/// <summary>Which deadline a clue works to: the batch's verification date, or the rectification date.</summary>
public enum ClueDeadlineKind
{
    /// <summary>核查时限: 待核查/核查中 until the batch's VerifyBy.</summary>
    Verification,
    /// <summary>整改时限: a violation until 申请销号, by its 整改方案's date (the batch's until one is submitted).</summary>
    Rectification,
}

public static class ClueDeadlines
{
    /// <summary>Late for its verification (still 待核查/核查中 after the batch's date) or its rectification (not asked to close by its date).</summary>
    public static bool IsOverdue(ClueState state, DateOnly? verifyBy, DateOnly? rectifyBy, DateOnly today) =>
        Of(state, verifyBy, rectifyBy) is { } deadline && deadline.Date < today;

    /// <summary>
    /// The deadline the clue still works to in its state, or null when none (none set, or the township's part is done: the
    /// outcome or the 销号 request waits for the district, or the clue is closed).
    /// </summary>
    public static (ClueDeadlineKind Kind, DateOnly Date)? Of(ClueState state, DateOnly? verifyBy, DateOnly? rectifyBy) => state switch
    {
        ClueState.Pending or ClueState.Verifying when verifyBy is { } date => (ClueDeadlineKind.Verification, date),
        ClueState.PlanDue or ClueState.PlanSubmitted or ClueState.Rectifying when rectifyBy is { } date => (ClueDeadlineKind.Rectification, date),
        _ => null,
    };
}
