using EcoPlan.Core.Clues;
using EcoPlan.Core.Spatial;

namespace EcoPlan.Core.LandCover;

/// <summary>Where the zones of an analysis come from: a boundary file (as <c>ecoplan region boundaries import</c> reads one) or the stored township boundaries.</summary>
public static class LandZones
{
    /// <summary>
    /// The zones of a boundary file (<see cref="BoundaryFile"/>: GeoJSON, zipped shapefile, KML, csv/xlsx with WKT; one
    /// polygon per unit keyed by <c>code</c>). Its problems, one line each with the feature, throw <see cref="LandCoverInputException"/>.
    /// </summary>
    public static async Task<IReadOnlyList<LandZone>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new LandCoverInputException($"{path}: {CoreText.Get("Land_NoFile")}");
        }

        await using var stream = File.OpenRead(path);
        var read = await BoundaryFile.ReadAsync(stream, Path.GetFileName(path), cancellationToken).ConfigureAwait(false);
        if (read.HasProblems)
        {
            throw new LandCoverInputException(string.Join('\n', read.Problems.Select(p => $"{path}: {p.Position}{(p.Field is { } f ? $"（{f}）" : "")}: {p.Message}")));
        }

        if (read.Boundaries.Count == 0)
        {
            throw new LandCoverInputException($"{path}: {CoreText.Get("Land_NoZones")}");
        }

        return [.. read.Boundaries.Select(b => new LandZone(b.Code, b.Name, b.LonLat))];
    }

    /// <summary>The stored township boundaries of a district (<see cref="TownshipBoundaries.OfDistrictAsync"/>), as zones.</summary>
    public static async Task<IReadOnlyList<LandZone>> StoredAsync(EcoPlanDbContext db, int districtRegionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var boundaries = await new TownshipBoundaries(db, TimeProvider.System).OfDistrictAsync(districtRegionId, cancellationToken).ConfigureAwait(false);
        return [.. boundaries.Select(b => new LandZone(b.Code, null, b.LonLat))];
    }
}
