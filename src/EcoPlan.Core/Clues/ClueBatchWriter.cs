using NetTopologySuite.Geometries;

namespace EcoPlan.Core.Clues;

/// <summary>A batch as its notice gives it.</summary>
public sealed record ClueBatchRequest(
    string Name,
    ClueSource Source,
    string DistrictCode,
    DateOnly ReceivedOn,
    DateOnly? VerifyBy = null,
    DateOnly? RectifyBy = null,
    int? MeasureId = null,
    IReadOnlyList<int>? UnitIds = null);

/// <summary>One clue of a batch, placed: its township (null: the district's queue) and, when it repeats an open clue, that clue.</summary>
public sealed record PlacedClue(
    string Code,
    Geometry LonLat,
    double AreaSquareMeters,
    ActivityType ActivityType,
    string? Zone,
    string? Description,
    int? TownshipRegionId,
    IReadOnlyList<int> CooperatingRegionIds,
    int? DuplicateOfClueId);

/// <summary>What a written batch became: the batch, and per input clue the clue it is now (new, or the open one it merged into).</summary>
public sealed record WrittenBatch(int BatchId, IReadOnlyList<int> ClueIds, int Created, int Merged);

/// <summary>
/// Writes a checked batch in one transaction: the batch, a new clue with its first trail entry per new place, and one
/// more source id (and trail entry) on each open clue a place repeats — so evidence is asked once per place.
/// </summary>
public sealed class ClueBatchWriter(EcoPlanDbContext db, TimeProvider time)
{
    public const int MaxBatchName = 200;

    public async Task<UseCaseResult<WrittenBatch>> WriteAsync(UserAccess user, ClueBatchRequest request, IReadOnlyList<PlacedClue> clues,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(clues);
        var district = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Code == request.DistrictCode && r.Level == Regions.RegionLevel.County, cancellationToken);
        if (district is null)
        {
            return new UseCaseError.Invalid("district", CoreText.Get("ClueBatch_NoDistrict", request.DistrictCode));
        }

        if (!await new ClueAccess(db).ReviewsAsync(user, district.Id, cancellationToken))
        {
            return new UseCaseError.Forbidden(CoreText.Get("ClueBatch_OnlyReviewer", district.Name));
        }

        if ((await RequestRefusalAsync(db, request, cancellationToken) ?? Refusal(clues)) is { } invalid)
        {
            return invalid;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var actor = user.UserId == 0 ? (int?)null : user.UserId;
        var batch = new ClueBatch
        {
            Name = request.Name.Trim(), Source = request.Source, DistrictRegionId = district.Id, ReceivedOn = request.ReceivedOn,
            VerifyBy = request.VerifyBy, RectifyBy = request.RectifyBy, MeasureId = request.MeasureId, CreatedAt = now,
            CreatedById = user.UserId, CreatedByName = user.UserName,
            Units = [.. (request.UnitIds ?? []).Distinct().Select(id => new ClueBatchUnit { OrganizationId = id })],
        };
        db.ClueBatches.Add(batch);

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            var created = new List<(Clue Clue, PlacedClue Placed)>();
            foreach (var placed in clues.Where(c => c.DuplicateOfClueId is null))
            {
                var clue = new Clue
                {
                    Geometry = [], BatchId = batch.Id, DistrictRegionId = district.Id, TownshipRegionId = placed.TownshipRegionId,
                    ActivityType = placed.ActivityType, Zone = placed.Zone, Description = placed.Description, State = ClueState.Pending,
                    CreatedAt = now, Version = 1,
                    CooperatingTownships = [.. placed.CooperatingRegionIds.Distinct().Select(r => new ClueCooperatingTownship { RegionId = r })],
                };
                ClueGeometry.Place(clue, placed.LonLat, placed.AreaSquareMeters);
                clue.SourceIds.Add(new ClueSourceId { BatchId = batch.Id, Source = request.Source, Code = placed.Code });
                db.Clues.Add(clue);
                created.Add((clue, placed));
            }

            await db.SaveChangesAsync(cancellationToken);
            foreach (var (clue, placed) in created)
            {
                var entry = ClueTrail.Append(clue, null, ClueAction.Created, null, ClueState.Pending, actor, user.UserName, now, new
                {
                    batch = batch.Id, source = request.Source.ToString(), code = placed.Code, area = Math.Round(clue.AreaSquareMeters, 1),
                    geometry = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(clue.Geometry)),
                });
                ClueTrail.Seal(entry, clue.Id);
            }

            var merged = await MergeAsync(user, batch, request.Source, clues.Where(c => c.DuplicateOfClueId is not null).ToList(), now, cancellationToken);
            if (merged.Error is { } refused)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return refused;
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            var createdIds = new Queue<int>(created.Select(c => c.Clue.Id));
            var ids = clues.Select(c => c.DuplicateOfClueId ?? createdIds.Dequeue()).ToList();
            return (UseCaseResult<WrittenBatch>)new WrittenBatch(batch.Id, ids, created.Count, clues.Count - created.Count);
        });
    }

    /// <summary>Adds the batch's source id to each open clue a place repeats; refused if one of them closed or vanished meanwhile.</summary>
    private async Task<UseCaseResult<Done>> MergeAsync(UserAccess user, ClueBatch batch, ClueSource source, List<PlacedClue> duplicates, DateTime now,
        CancellationToken cancellationToken)
    {
        var ids = duplicates.Select(d => d.DuplicateOfClueId!.Value).Distinct().ToList();
        var open = await db.Clues.Where(c => ids.Contains(c.Id) && c.DistrictRegionId == batch.DistrictRegionId && c.State != ClueState.Closed)
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        if (ids.FirstOrDefault(id => !open.ContainsKey(id)) is var gone and > 0)
        {
            return new UseCaseError.Conflict(CoreText.Get("ClueBatch_DuplicateGone", gone));
        }

        var lasts = await db.ClueEvents.Where(e => ids.Contains(e.ClueId))
            .GroupBy(e => e.ClueId).Select(g => g.OrderByDescending(e => e.Sequence).First()).ToListAsync(cancellationToken);
        foreach (var duplicate in duplicates)
        {
            var clue = open[duplicate.DuplicateOfClueId!.Value];
            clue.SourceIds.Add(new ClueSourceId { BatchId = batch.Id, Source = source, Code = duplicate.Code });
            var entry = ClueTrail.Append(clue, clue.Events.MaxBy(e => e.Sequence) ?? lasts.Single(e => e.ClueId == clue.Id), ClueAction.SourceAdded,
                clue.State, clue.State, user.UserId == 0 ? null : user.UserId, user.UserName, now, new { batch = batch.Id, source = source.ToString(), code = duplicate.Code });
            ClueTrail.Seal(entry, clue.Id);
            clue.Version++;
        }

        return new Done();
    }

    /// <summary>What is wrong with the batch's own fields (its name, the order of its dates), before any file is read.</summary>
    private static UseCaseError.Invalid? Refusal(ClueBatchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > MaxBatchName)
        {
            return new UseCaseError.Invalid("name", CoreText.Get("ClueBatch_Name", MaxBatchName));
        }

        return request.VerifyBy < request.ReceivedOn || request.RectifyBy < (request.VerifyBy ?? request.ReceivedOn)
            ? new UseCaseError.Invalid("verifyBy", CoreText.Get("ClueBatch_DeadlineOrder")) : null;
    }

    /// <summary>What is wrong with the batch's own fields (name, deadlines, measure), whatever the file holds: the intake's preview says it too.</summary>
    internal static async Task<UseCaseError.Invalid?> RequestRefusalAsync(EcoPlanDbContext db, ClueBatchRequest request, CancellationToken cancellationToken) =>
        Refusal(request) ?? (request.MeasureId is { } measure && !await db.Measures.AnyAsync(m => m.Id == measure, cancellationToken)
            ? new UseCaseError.Invalid("measure", CoreText.Get("ClueBatch_NoMeasure", measure)) : null);

    private static UseCaseError.Invalid? Refusal(IReadOnlyList<PlacedClue> clues)
    {
        if (clues.Count == 0)
        {
            return new UseCaseError.Invalid("file", CoreText.Get("ClueBatch_Empty"));
        }

        var repeated = clues.GroupBy(c => c.Code.Trim(), StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            return new UseCaseError.Invalid("file", CoreText.Get("ClueBatch_CodeRepeated", repeated.Key));
        }

        return clues.FirstOrDefault(c => string.IsNullOrWhiteSpace(c.Code) || c.Code.Length > 100) is { } bad
            ? new UseCaseError.Invalid("file", CoreText.Get("ClueBatch_BadCode", bad.Code)) : null;
    }
}
