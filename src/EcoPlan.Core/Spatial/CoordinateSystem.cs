using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems.Transformations;

namespace EcoPlan.Core.Spatial;

/// <summary>
/// One coordinate reference system a clue or boundary file may use (see <see cref="CoordinateSystems"/>):
/// converts its geometries to and from longitude/latitude (SRID 4326, x = longitude).
/// </summary>
public sealed class CoordinateSystem
{
    private static readonly GeometryFactory s_lonLatFactory = new(new PrecisionModel(), 4326);

    private readonly MathTransform? _toLonLat;
    private readonly MathTransform? _fromLonLat;
    private readonly GeometryFactory _sourceFactory;

    internal CoordinateSystem(int epsg, string name, MathTransform? toLonLat, MathTransform? fromLonLat, Envelope validArea, double centralMeridian = double.NaN, double falseEasting = double.NaN)
    {
        Epsg = epsg;
        Name = name;
        _toLonLat = toLonLat;
        _fromLonLat = fromLonLat;
        ValidArea = validArea;
        CentralMeridian = centralMeridian;
        FalseEasting = falseEasting;
        _sourceFactory = new GeometryFactory(new PrecisionModel(), epsg);
    }

    public int Epsg { get; }

    /// <summary>The EPSG name, e.g. "CGCS2000 / 3-degree Gauss-Kruger zone 39".</summary>
    public string Name { get; }

    public bool IsGeographic => _toLonLat is null;

    /// <summary>Longitude of the central meridian of a Gauss-Krüger system; NaN for a geographic one.</summary>
    public double CentralMeridian { get; }

    /// <summary>False easting of a Gauss-Krüger system (zone × 1e6 + 500 000 for the zone-prefixed ones); NaN for a geographic one.</summary>
    public double FalseEasting { get; }

    /// <summary>
    /// Where coordinates of this system may lie: longitude −180…180 and latitude −90…90 for a geographic system;
    /// for a Gauss-Krüger one an easting within 500 km of the false easting (so a zone prefix stays that zone's)
    /// and a northing 0…10 000 km (northern hemisphere).
    /// </summary>
    public Envelope ValidArea { get; }

    /// <summary>"EPSG:4527 CGCS2000 / 3-degree Gauss-Kruger zone 39", as messages name it.</summary>
    public override string ToString() => $"EPSG:{Epsg} {Name}";

    /// <summary>True when every coordinate of <paramref name="source"/> lies within <see cref="ValidArea"/>.</summary>
    public bool IsWithinRange(Geometry source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.IsEmpty || ValidArea.Contains(source.EnvelopeInternal);
    }

    /// <summary>A copy of <paramref name="source"/> (coordinates in this system) in longitude/latitude, SRID 4326.</summary>
    public Geometry ToLonLat(Geometry source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Convert(source, s_lonLatFactory, _toLonLat);
    }

    /// <summary>A copy of <paramref name="lonLat"/> (longitude/latitude) in this system, with this system's EPSG code as SRID.</summary>
    public Geometry FromLonLat(Geometry lonLat)
    {
        ArgumentNullException.ThrowIfNull(lonLat);
        return Convert(lonLat, _sourceFactory, _fromLonLat);
    }

    /// <summary>One point from this system to (longitude, latitude).</summary>
    public (double Longitude, double Latitude) ToLonLat(double x, double y) => _toLonLat is null ? (x, y) : _toLonLat.Transform(x, y);

    /// <summary>One point from (longitude, latitude) to this system.</summary>
    public (double X, double Y) FromLonLat(double longitude, double latitude) => _fromLonLat is null ? (longitude, latitude) : _fromLonLat.Transform(longitude, latitude);

    private static Geometry Convert(Geometry geometry, GeometryFactory factory, MathTransform? transform)
    {
        var copy = factory.CreateGeometry(geometry);
        if (transform is not null && !copy.IsEmpty)
        {
            copy.Apply(new TransformFilter(transform));
        }

        return copy;
    }

    /// <summary>Moves every coordinate of a geometry (a fresh copy, so in place) through the projection.</summary>
    private sealed class TransformFilter(MathTransform transform) : ICoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            var (x, y) = transform.Transform(seq.GetX(i), seq.GetY(i));
            seq.SetX(i, x);
            seq.SetY(i, y);
        }
    }
}
