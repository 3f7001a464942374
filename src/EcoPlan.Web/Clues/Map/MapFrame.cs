using System.Text;
using NetTopologySuite.Geometries;

namespace EcoPlan.Web.Clues.Map;

/// <summary>
/// The map's projection and frame. Equirectangular around the data's centre latitude φ0: x = lon·cos φ0, y = −lat, which
/// keeps distances true near φ0 (a district is a few tens of km, so the error at its edges is well under 1 %). Those
/// coordinates are then shifted and scaled so the frame is <see cref="Width"/> units wide with its origin top-left; the
/// SVG's numbers stay short ("523.4", not "116.3976317") and rounded to a tenth of a unit (1/10000 of the width).
/// </summary>
internal sealed class MapFrame
{
    public const double Width = 1000;

    // A spherical degree of latitude (mean Earth radius 6371.0088 km); on this projection a degree of x too, at φ0.
    private const double MetresPerDegree = 111_195.08;
    private const double MarginShare = 0.06;
    // At least ~200 m across, so one point or a tiny patch is shown in its surroundings, not blown up.
    private const double MinimumSpanDegrees = 0.002;
    private const double MinimumAspect = 0.45, MaximumAspect = 1.0;

    private readonly double _cosLat0;
    private readonly double _west; // projected x (degrees·cos φ0) of the frame's left edge
    private readonly double _north; // latitude of the frame's top edge
    private readonly double _unitsPerDegree;

    private MapFrame(double cosLat0, double west, double north, double unitsPerDegree, double height)
    {
        _cosLat0 = cosLat0;
        _west = west;
        _north = north;
        _unitsPerDegree = unitsPerDegree;
        Height = height;
    }

    public double Height { get; }

    /// <summary>Metres on the ground per SVG unit (true at the centre latitude).</summary>
    public double MetresPerUnit => MetresPerDegree / _unitsPerDegree;

    /// <summary>The frame in lon/lat: west, south, east, north.</summary>
    public (double West, double South, double East, double North) Bounds =>
        (_west / _cosLat0, _north - (Height / _unitsPerDegree), (_west + (Width / _unitsPerDegree)) / _cosLat0, _north);

    /// <summary>The frame around <paramref name="geometries"/> with a margin; null when none has a finite coordinate.</summary>
    public static MapFrame? Fit(IEnumerable<Geometry> geometries)
    {
        var extent = new Envelope();
        foreach (var geometry in geometries)
        {
            foreach (var c in geometry.Coordinates)
            {
                if (double.IsFinite(c.X) && double.IsFinite(c.Y) && Math.Abs(c.X) <= 180 && Math.Abs(c.Y) <= 90)
                {
                    extent.ExpandToInclude(c.X, c.Y);
                }
            }
        }

        if (extent.IsNull)
        {
            return null;
        }

        var cosLat0 = Math.Cos(extent.Centre.Y * Math.PI / 180);
        var centreX = extent.Centre.X * cosLat0;
        var centreY = extent.Centre.Y;
        var spanX = Math.Max(extent.Width * cosLat0, MinimumSpanDegrees) * (1 + (2 * MarginShare));
        var spanY = Math.Max(extent.Height, MinimumSpanDegrees) * (1 + (2 * MarginShare));
        // A frame neither taller than wide nor a thin strip: the shorter side grows around the centre.
        spanY = Math.Max(spanY, spanX * MinimumAspect);
        spanX = Math.Max(spanX, spanY / MaximumAspect);
        var unitsPerDegree = Width / spanX;
        return new MapFrame(cosLat0, centreX - (spanX / 2), centreY + (spanY / 2), unitsPerDegree, Math.Round(spanY * unitsPerDegree, 1));
    }

    public (double X, double Y) Project(double longitude, double latitude) =>
        (((longitude * _cosLat0) - _west) * _unitsPerDegree, (_north - latitude) * _unitsPerDegree);

    /// <summary>
    /// Where a lon/lat rectangle lands in the frame (a tile of a geographic matrix set is one), its edges rounded as
    /// <see cref="F"/> rounds, so neighbouring tiles share an edge and no hairline shows between them.
    /// </summary>
    public (double X, double Y, double Width, double Height) Rectangle(double west, double south, double east, double north)
    {
        var (x, y) = Project(west, north);
        var (x2, y2) = Project(east, south);
        (x, y, x2, y2) = (Math.Round(x, 1), Math.Round(y, 1), Math.Round(x2, 1), Math.Round(y2, 1));
        return (x, y, Math.Round(x2 - x, 1), Math.Round(y2 - y, 1));
    }

    /// <summary>SVG path data of a polygon's rings (holes included; fill-rule evenodd cuts them out) or a line.</summary>
    public string PathData(Geometry geometry)
    {
        var d = new StringBuilder();
        Append(d, geometry);
        return d.ToString().TrimEnd();
    }

    private void Append(StringBuilder d, Geometry geometry)
    {
        switch (geometry)
        {
            case Polygon polygon:
                AppendRing(d, polygon.ExteriorRing.Coordinates, close: true);
                foreach (var hole in polygon.InteriorRings)
                {
                    AppendRing(d, hole.Coordinates, close: true);
                }

                break;
            case LineString line:
                AppendRing(d, line.Coordinates, close: false);
                break;
            case GeometryCollection collection: // MultiPolygon and MultiLineString are collections
                foreach (var part in collection.Geometries)
                {
                    Append(d, part);
                }

                break;
        }
    }

    private void AppendRing(StringBuilder d, Coordinate[] coordinates, bool close)
    {
        string? previous = null;
        var count = 0;
        foreach (var c in coordinates)
        {
            var (x, y) = Project(c.X, c.Y);
            var point = $"{F(x)} {F(y)}";
            // Vertices closer than the rounding would repeat the same pair; one is enough.
            if (point == previous)
            {
                continue;
            }

            d.Append(count == 0 ? 'M' : 'L').Append(point).Append(' ');
            previous = point;
            count++;
        }

        if (close && count > 0)
        {
            d.Append("Z ");
        }
    }

    /// <summary>A coordinate as the SVG carries it: a tenth of a unit, invariant culture.</summary>
    public static string F(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
