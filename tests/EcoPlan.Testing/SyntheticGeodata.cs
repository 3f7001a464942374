using System.Globalization;
using EcoPlan.Core.Spatial;
using NetTopologySuite.Geometries;
using NetTopologySuite.Triangulate;

namespace EcoPlan.Testing;

/// <summary>
/// Generated, not official, geodata around 通州区 for the spatial tests and the clue-intake benchmark: township
/// boundaries that tile the district's box exactly, and clue polygons (图斑) in EPSG:4527 as a remote-sensing batch
/// delivers them, so an intake has to reproject. Everything is deterministic for a seed.
/// </summary>
public static class SyntheticGeodata
{
    /// <summary>The box the townships tile: about 34 × 50 km around Tongzhou.</summary>
    public static Envelope District { get; } = new(116.55, 116.95, 39.60, 40.05);

    /// <summary>CGCS2000 / 3-degree Gauss-Krüger zone 39 (central meridian 117°E), the zone Tongzhou lies in.</summary>
    public const int GaussKrugerZone39 = 4527;

    public static GeometryFactory LonLatFactory { get; } = new(new PrecisionModel(), 4326);

    /// <summary>The township code of the <paramref name="index"/>-th cell (0-based): 110112001, 110112002, …</summary>
    public static string TownshipCode(int index) => (110112001 + index).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// <paramref name="count"/> townships (a square number, 400 by default) tiling <see cref="District"/>: the Voronoi
    /// cells of one seed per grid cell, jittered within it, clipped to the box. Codes run west to east, then south to
    /// north. Neighbouring cells share their vertices exactly, so every point of the box lies in one cell or on a
    /// shared line.
    /// </summary>
    public static IReadOnlyList<(string Code, Geometry LonLat)> Townships(int count = 400, int seed = 13)
    {
        var side = (int)Math.Round(Math.Sqrt(count));
        if (side * side != count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "A square number of townships.");
        }

        var random = new Random(seed);
        var width = District.Width / side;
        var height = District.Height / side;
        var sites = new List<Coordinate>(count);
        for (var row = 0; row < side; row++)
        {
            for (var column = 0; column < side; column++)
            {
                sites.Add(new Coordinate(
                    District.MinX + ((column + 0.5 + ((random.NextDouble() - 0.5) * 0.7)) * width),
                    District.MinY + ((row + 0.5 + ((random.NextDouble() - 0.5) * 0.7)) * height)));
            }
        }

        var builder = new VoronoiDiagramBuilder { ClipEnvelope = District };
        builder.SetSites(sites);
        var cells = builder.GetDiagram(LonLatFactory);
        var siteIndex = sites.Select((site, index) => (site, index)).ToDictionary(s => s.site, s => s.index);
        var townships = new (string Code, Geometry LonLat)[count];
        for (var i = 0; i < cells.NumGeometries; i++)
        {
            var cell = cells.GetGeometryN(i);
            var index = siteIndex[(Coordinate)cell.UserData];
            cell.UserData = null;
            cell.SRID = 4326;
            townships[index] = (TownshipCode(index), cell);
        }

        return townships;
    }

    /// <summary>
    /// <paramref name="count"/> star-shaped clue polygons of <paramref name="vertices"/> vertices in EPSG:4527 (x
    /// easting with the zone prefix 39, y northing, metres), radius 15–50 m (0.05–0.5 ha), centred uniformly over
    /// <see cref="District"/> widened by 0.01° on every side, so about one in eleven lies partly or wholly outside it
    /// and about one in six crosses a township line.
    /// </summary>
    public static IReadOnlyList<Geometry> CluePolygons(int count, int seed, int vertices = 50)
    {
        var random = new Random(seed);
        var zone = Zone39();
        var factory = new GeometryFactory(new PrecisionModel(), GaussKrugerZone39);
        var clues = new Geometry[count];
        for (var i = 0; i < count; i++)
        {
            var longitude = District.MinX - 0.01 + (random.NextDouble() * (District.Width + 0.02));
            var latitude = District.MinY - 0.01 + (random.NextDouble() * (District.Height + 0.02));
            var (x, y) = zone.FromLonLat(longitude, latitude);
            clues[i] = Star(factory, random, x, y, 15 + (random.NextDouble() * 35), vertices);
        }

        return clues;
    }

    /// <summary>
    /// A clue drawn again around the centre of <paramref name="clue"/> (same CRS), with its radius scaled by
    /// <paramref name="scale"/> and fresh vertices: what a second programme reports for the same 图斑.
    /// </summary>
    public static Geometry Redrawn(Geometry clue, int seed, double scale = 1, int vertices = 50)
    {
        ArgumentNullException.ThrowIfNull(clue);
        var random = new Random(seed);
        var centre = clue.Centroid;
        var radius = Math.Sqrt(clue.Area / Math.PI) * scale;
        return Star(clue.Factory, random, centre.X, centre.Y, radius, vertices);
    }

    /// <summary>EPSG:4527, from the product's own coordinate systems.</summary>
    public static CoordinateSystem Zone39() =>
        CoordinateSystems.FromEpsg(GaussKrugerZone39) ?? throw new InvalidOperationException("EPSG:4527 is not supported.");

    /// <summary>
    /// A polygon whose vertices are at increasing angles around the centre, each at 0.6–1.0 of the radius: star-shaped
    /// about its centre, so always simple and valid.
    /// </summary>
    private static Polygon Star(GeometryFactory factory, Random random, double x, double y, double radius, int vertices)
    {
        var ring = new Coordinate[vertices + 1];
        var start = random.NextDouble() * 2 * Math.PI;
        for (var v = 0; v < vertices; v++)
        {
            var angle = start + (2 * Math.PI * (v + (0.8 * random.NextDouble())) / vertices);
            var r = radius * (0.6 + (0.4 * random.NextDouble()));
            ring[v] = new Coordinate(x + (r * Math.Cos(angle)), y + (r * Math.Sin(angle)));
        }

        ring[vertices] = ring[0].Copy();
        return factory.CreatePolygon(ring);
    }
}
