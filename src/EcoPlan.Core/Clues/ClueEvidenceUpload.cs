using EcoPlan.Core.Clues.Evidence;
using EcoPlan.Core.Progress;
using EcoPlan.Core.Spatial;

namespace EcoPlan.Core.Clues;

/// <summary>A file given as evidence: its kind, name and bytes, and why a photo has no GPS position when it has none.</summary>
public sealed record EvidenceUpload(EvidenceKind Kind, string FileName, byte[] Content, string? NoGpsReason = null, DevicePosition? Device = null);

/// <summary>The phone's location when it sent the photo (the browser's geolocation), with its accuracy in metres.</summary>
public sealed record DevicePosition(double Latitude, double Longitude, double? AccuracyMeters)
{
    public bool IsValid => Latitude is >= -90 and <= 90 && Longitude is >= -180 and <= 180 && AccuracyMeters is null or (>= 0 and < 100_000);
}

/// <summary>
/// Adds evidence to a clue: the file checked by its content and size as report attachments are, stored by its SHA-256,
/// a photo's EXIF position, time and direction kept with its distance from the clue, and the upload an entry of the
/// clue's trail (so a file swapped later is found by <see cref="TrailVerification"/>).
/// </summary>
public sealed class ClueEvidenceUpload(EcoPlanDbContext db, TimeProvider time, AttachmentStorage storage)
{
    public const int MaxNoGpsReason = 500;

    private static readonly HashSet<EvidenceKind> s_photos = [EvidenceKind.SitePhoto, EvidenceKind.BeforePhoto, EvidenceKind.AfterPhoto];

    public async Task<UseCaseResult<ClueEvidenceView>> AddAsync(UserAccess user, int clueId, EvidenceUpload upload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(upload.Content);
        var access = new ClueAccess(db);
        var clue = await db.Clues.Where(c => c.Id == clueId).Where(await access.VisibleAsync(user, cancellationToken)).SingleOrDefaultAsync(cancellationToken);
        if (clue is null)
        {
            return new UseCaseError.NotFound(CoreText.Get("Clue_NotFound", clueId));
        }

        if (!ClueAccess.ActsAsTownship(user, clue) && !await access.ReviewsAsync(user, clue.DistrictRegionId, cancellationToken))
        {
            return new UseCaseError.Forbidden(CoreText.Get("Evidence_NotYours", clueId));
        }

        if (clue.State == ClueState.Closed)
        {
            return new UseCaseError.Conflict(CoreText.Get("Evidence_Closed"));
        }

        var (name, type, refused) = AttachmentTypes.Check(upload.FileName, upload.Content, storage.MaxBytes);
        if (type is null)
        {
            return new UseCaseError.Invalid("file", refused!);
        }

        var photo = s_photos.Contains(upload.Kind);
        if (photo && type is not ("image/jpeg" or "image/png"))
        {
            return new UseCaseError.Invalid("file", CoreText.Get("Evidence_NotAPhoto", name));
        }

        var reason = upload.NoGpsReason?.Trim() is { Length: > 0 } r ? r : null;
        if (reason is { Length: > MaxNoGpsReason })
        {
            return new UseCaseError.Invalid("noGpsReason", CoreText.Get("Clue_TooLong", CoreText.Get("Evidence_NoGpsReasonField"), MaxNoGpsReason, reason.Length));
        }

        if (upload.Device is { IsValid: false })
        {
            return new UseCaseError.Invalid("device", CoreText.Get("Evidence_BadDevicePosition"));
        }

        var facts = type.StartsWith("image/", StringComparison.Ordinal) ? PhotoMetadata.Read(upload.Content) : PhotoFacts.None;
        // The photo's own tags first; a phone's browser may strip them from a picked photo, so its location at upload is the next best, labelled as such.
        var (latitude, longitude, source) = facts.HasPosition ? (facts.Latitude, facts.Longitude, (PositionSource?)PositionSource.Exif)
            : photo && upload.Device is { } device ? (device.Latitude, device.Longitude, PositionSource.Device)
            : ((double?)null, (double?)null, (PositionSource?)null);
        if (photo && latitude is null && reason is null)
        {
            return new UseCaseError.Invalid("noGpsReason", CoreText.Get("Evidence_NoGps", name));
        }

        double? distance = latitude is { } lat && longitude is { } lon
            ? GeodesicDistance.Meters(ClueGeometry.Factory.CreatePoint(new NetTopologySuite.Geometries.Coordinate(lon, lat)), ClueGeometry.Read(clue.Geometry))
            : null;
        var hash = AttachmentTypes.Hash(upload.Content);
        await storage.Store.SaveAsync(hash, upload.Content, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var evidence = new ClueEvidence
        {
            ClueId = clue.Id, Kind = upload.Kind, FileName = name.Length is 0 or > 260 ? hash[..12] : name, ContentType = type, Length = upload.Content.LongLength,
            Sha256 = hash, Latitude = latitude, Longitude = longitude, PositionSource = source,
            PositionAccuracyMeters = source == PositionSource.Device ? upload.Device!.AccuracyMeters : null, TakenAt = facts.TakenAt?.UtcDateTime,
            TakenAtOffsetMinutes = facts.TakenAt is { } taken ? (int)taken.Offset.TotalMinutes : null, DirectionDegrees = facts.DirectionDegrees,
            DistanceMeters = distance is { } d ? Math.Round(d, 1) : null, NoGpsReason = latitude is null ? reason : null, UploadedAt = now, UploadedById = user.UserId,
        };
        db.ClueEvidence.Add(evidence);
        await db.ClueEvents.Where(e => e.ClueId == clue.Id).OrderByDescending(e => e.Sequence).Take(1).LoadAsync(cancellationToken);
        var entry = ClueTrail.Append(clue, clue.Events.MaxBy(e => e.Sequence), ClueAction.EvidenceAdded, clue.State, clue.State,
            user.UserId == 0 ? null : user.UserId, user.UserName, now, new
            {
                kind = upload.Kind.ToString(), file = evidence.FileName, sha256 = hash, bytes = evidence.Length, latitude, longitude, position = source?.ToString(), accuracy = evidence.PositionAccuracyMeters,
                takenAt = facts.TakenAt, direction = facts.DirectionDegrees, distance = evidence.DistanceMeters, noGpsReason = evidence.NoGpsReason,
            });
        ClueTrail.Seal(entry, clue.Id);
        clue.Version++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return new UseCaseError.Conflict(CoreText.Get("Clue_ChangedMeanwhile"));
        }

        return ClueEvidenceView.Of(evidence);
    }

    /// <summary>An evidence file's row and bytes, for those who may see its clue.</summary>
    public async Task<UseCaseResult<(ClueEvidence Evidence, byte[] Content)>> OpenAsync(UserAccess user, int evidenceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var visible = await new ClueAccess(db).VisibleAsync(user, cancellationToken);
        var evidence = await db.ClueEvidence.AsNoTracking().Where(e => e.Id == evidenceId && db.Clues.Where(visible).Any(c => c.Id == e.ClueId))
            .SingleOrDefaultAsync(cancellationToken);
        if (evidence is null || await storage.Store.ReadAsync(evidence.Sha256, cancellationToken) is not { } content)
        {
            return new UseCaseError.NotFound(CoreText.Get("Evidence_NotFound", evidenceId));
        }

        return (evidence, content);
    }
}
