using EcoPlan.Core.Spatial;

namespace EcoPlan.Core.LandCover;

/// <summary>
/// Called once per row band with the land types of both years (0 nodata, 1–6 <see cref="LandType"/>,
/// <see cref="TransitionCounter.Unmapped"/>), <c>rows × width</c> bytes each, row-major, rows
/// [<paramref name="firstRow"/>, <paramref name="firstRow"/> + <paramref name="rows"/>) of the grid, in increasing
/// order and never overlapping. The spans are valid only during the call. This is where the change-patch finder hooks in.
/// </summary>
public delegate void RowBandHandler(int firstRow, int rows, ReadOnlySpan<byte> fromTypes, ReadOnlySpan<byte> toTypes);

/// <summary>What to analyse: two rasters on one grid, the zones, the class mapping of the product (both years alike).</summary>
public sealed record LandCoverRequest(string FromPath, string ToPath, IReadOnlyList<LandZone> Zones, LandClassMapping Classes)
{
    /// <summary>Where rasterized zones are kept between runs (<see cref="ZoneRaster.Build"/>); null: not kept.</summary>
    public string? ZoneCacheDirectory { get; init; }
}

/// <summary>Hectares that went from one land type to another (or stayed: From = To) within a zone.</summary>
public sealed record LandTransition(LandType From, LandType To, double Hectares);

/// <summary>
/// One zone's land cover: hectares per type in each year (types with no area included as 0), the transition
/// matrix as its non-zero cells (unchanged land included, From = To), and the hectares whose class the mapping
/// does not list (<see cref="UnmappedFromHectares"/>, <see cref="UnmappedToHectares"/>), which count towards no type.
/// </summary>
public sealed record ZoneLandCover(
    string Code,
    string? Name,
    IReadOnlyDictionary<LandType, double> FromHectares,
    IReadOnlyDictionary<LandType, double> ToHectares,
    IReadOnlyList<LandTransition> Transitions,
    double UnmappedFromHectares,
    double UnmappedToHectares,
    long Pixels);

public sealed record LandCoverResult(RasterGrid Grid, LandClassMapping Classes, IReadOnlyList<ZoneLandCover> Zones, bool ZonesFromCache);

/// <summary>
/// The land-cover analysis: both rasters streamed band by band (a band is the larger of the two files' block heights,
/// at least 64 rows), the zones rasterized once (<see cref="ZoneRaster"/>), per zone the hectares of every
/// (from, to) pair of land types, each pixel weighted by its area: for a geographic grid the area of the cell on the
/// CGCS2000 ellipsoid from its latitudes, a²·Δλ·|q(φ₁) − q(φ₂)|/2 with q the authalic function (per row);
/// for a projected grid the pixel's area on the projection plane (pixel width × height).
/// Memory is a few bands (width × band height bytes each) plus the zone runs, whatever the raster's height.
/// </summary>
public static class LandCoverAnalysis
{
    public const int MinBandHeight = 64;

    /// <summary>Runs the analysis; a bad input throws <see cref="LandCoverInputException"/> with its reason.</summary>
    public static LandCoverResult Run(LandCoverRequest request, IProgress<double>? progress = null, RowBandHandler? onBand = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var from = GeoTiffRaster.Open(request.FromPath);
        using var to = GeoTiffRaster.Open(request.ToPath);
        var differences = from.Grid.Differences(to.Grid);
        if (differences.Count > 0)
        {
            throw new LandCoverInputException(CoreText.Get("Land_GridsDiffer", request.FromPath, request.ToPath, string.Join("；", differences)));
        }

        var grid = from.Grid;
        var zones = ZoneRaster.Build(grid, request.Zones, request.ZoneCacheDirectory);
        var fromTable = request.Classes.Table(from.NoData);
        var toTable = request.Classes.Table(to.NoData);
        var width = grid.Width;
        var bandHeight = Math.Max(MinBandHeight, Math.Max(from.BlockHeight, to.BlockHeight));
        var bandBytes = width * bandHeight;
        var classes = new byte[bandBytes];
        var fromTypes = new byte[bandBytes];
        var toTypes = new byte[bandBytes];
        var pairs = new byte[bandBytes];
        var hectares = new double[request.Zones.Count * LandTypes.Pairs];
        var pixels = new long[request.Zones.Count];
        Span<long> runCounts = stackalloc long[LandTypes.Pairs];
        for (var first = 0; first < grid.Height; first += bandHeight)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rows = Math.Min(bandHeight, grid.Height - first);
            var length = rows * width;
            from.ReadRows(first, rows, classes);
            TransitionCounter.MapTypes(classes.AsSpan(0, length), fromTable, fromTypes);
            to.ReadRows(first, rows, classes);
            TransitionCounter.MapTypes(classes.AsSpan(0, length), toTable, toTypes);
            TransitionCounter.Pairs(fromTypes.AsSpan(0, length), toTypes.AsSpan(0, length), pairs);
            onBand?.Invoke(first, rows, fromTypes.AsSpan(0, length), toTypes.AsSpan(0, length));
            for (var r = 0; r < rows; r++)
            {
                var row = first + r;
                var hectaresPerPixel = PixelArea(grid, row) / 10_000;
                var rowPairs = pairs.AsSpan(r * width, width);
                foreach (var level in zones.Levels)
                {
                    for (var i = level.RowStarts[row]; i < level.RowStarts[row + 1]; i++)
                    {
                        runCounts.Clear();
                        TransitionCounter.Count(rowPairs[level.Starts[i]..level.Ends[i]], runCounts);
                        var zone = level.Zones[i];
                        pixels[zone] += level.Ends[i] - level.Starts[i];
                        var target = hectares.AsSpan(zone * LandTypes.Pairs, LandTypes.Pairs);
                        for (var p = 0; p < LandTypes.Pairs; p++)
                        {
                            target[p] += runCounts[p] * hectaresPerPixel;
                        }
                    }
                }
            }

            progress?.Report((double)(first + rows) / grid.Height);
        }

        var results = request.Zones.Select((zone, z) => Summarise(zone, hectares.AsSpan(z * LandTypes.Pairs, LandTypes.Pairs), pixels[z])).ToList();
        return new LandCoverResult(grid, request.Classes, results, zones.FromCache);
    }

    /// <summary>The area in m² of a pixel of <paramref name="row"/>: on the CGCS2000 ellipsoid for a geographic grid, on the plane for a projected one.</summary>
    public static double PixelArea(RasterGrid grid, int row)
    {
        ArgumentNullException.ThrowIfNull(grid);
        if (!grid.Crs.IsGeographic)
        {
            return grid.PixelWidth * grid.PixelHeight;
        }

        var top = Ellipsoid.Radians(grid.OriginY - (row * grid.PixelHeight));
        var bottom = Ellipsoid.Radians(grid.OriginY - ((row + 1) * grid.PixelHeight));
        return Ellipsoid.A * Ellipsoid.A * Ellipsoid.Radians(grid.PixelWidth) * Math.Abs(Ellipsoid.Q(top) - Ellipsoid.Q(bottom)) / 2;
    }

    private static ZoneLandCover Summarise(LandZone zone, ReadOnlySpan<double> hectares, long pixels)
    {
        var fromHectares = LandTypes.All.ToDictionary(t => t, _ => 0.0);
        var toHectares = LandTypes.All.ToDictionary(t => t, _ => 0.0);
        var transitions = new List<LandTransition>();
        double unmappedFrom = 0, unmappedTo = 0;
        for (var f = 0; f < LandTypes.Stride; f++)
        {
            for (var t = 0; t < LandTypes.Stride; t++)
            {
                var value = hectares[(f * LandTypes.Stride) + t];
                if (value == 0)
                {
                    continue;
                }

                if (f is >= 1 and <= 6)
                {
                    fromHectares[(LandType)f] += value;
                }
                else if (f == TransitionCounter.Unmapped)
                {
                    unmappedFrom += value;
                }

                if (t is >= 1 and <= 6)
                {
                    toHectares[(LandType)t] += value;
                }
                else if (t == TransitionCounter.Unmapped)
                {
                    unmappedTo += value;
                }

                if (f is >= 1 and <= 6 && t is >= 1 and <= 6)
                {
                    transitions.Add(new LandTransition((LandType)f, (LandType)t, value));
                }
            }
        }

        // The enum's order is the (林地 … 未利用地), and the loops above already produce it.
        return new ZoneLandCover(zone.Code, zone.Name, fromHectares, toHectares, transitions, unmappedFrom, unmappedTo, pixels);
    }
}
