using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Valid;

namespace EcoPlan.Core.Spatial;

/// <summary>
/// What every reader does with the features it finds: counts them against the limits, keeps points and polygons
/// (refusing lines and other types at their position), and once the file is read settles its coordinate system
/// (declared, assumed or guessed), checks each geometry's range and validity and converts it to longitude/latitude.
/// </summary>
internal sealed class GeoCollector(string fileName, GeoReadOptions options)
{
    private static readonly GeometryFactory s_factory = new();

    private readonly List<(int Index, string Position, Geometry Source, IReadOnlyDictionary<string, string?> Attributes)> _candidates = [];
    // Each problem with the number of the feature it belongs to (0: the whole file), so they can be listed in file order.
    private readonly List<(int Order, GeoProblem Problem)> _problems = [];
    private long _vertices;
    private int _features;

    public string FileName => fileName;

    public GeoReadOptions Options => options;

    public static Dictionary<string, string?> NewAttributes() => new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A feature the reader could not make a geometry of: counted, and only its problem kept.</summary>
    public void Refuse(string position, string? field, string message)
    {
        Count();
        Problem(position, field, message);
        _features++;
    }

    private void Count()
    {
        if (_features + 1 > options.MaxFeatures)
        {
            throw new GeoFileException(CoreText.Get("Geo_TooManyFeatures", options.MaxFeatures));
        }
    }

    private void Problem(string position, string? field, string message) => _problems.Add((_features + 1, new GeoProblem(position, field, message)));

    /// <summary>One feature as read: <paramref name="source"/> null when it has no geometry.</summary>
    public void Add(string position, Geometry? source, IReadOnlyDictionary<string, string?> attributes)
    {
        Count();
        try
        {
            AddCandidate(position, source, attributes);
        }
        finally
        {
            _features++;
        }
    }

    private void AddCandidate(string position, Geometry? source, IReadOnlyDictionary<string, string?> attributes)
    {
        if (source is null || source.IsEmpty)
        {
            Problem(position, "geometry", CoreText.Get("Geo_EmptyGeometry"));
            return;
        }

        _vertices += source.NumPoints;
        if (_vertices > options.MaxVertices)
        {
            throw new GeoFileException(CoreText.Get("Geo_TooManyVertices", options.MaxVertices));
        }

        var supported = Supported(source);
        if (supported is null)
        {
            Problem(position, "geometry", CoreText.Get("Geo_UnsupportedGeometry", source.GeometryType));
            return;
        }

        if (!IsFinite(supported))
        {
            Problem(position, "geometry", CoreText.Get("Geo_NotFinite"));
            return;
        }

        _candidates.Add((_features + 1, position, supported, attributes));
    }

    /// <summary>
    /// The result: <paramref name="declared"/> is the system the file names (null when it names none);
    /// <paramref name="declaredRefusal"/> the message when it names one EcoPlan does not support.
    /// </summary>
    public GeoReadResult Finish(CoordinateSystem? declared, string? declaredRefusal = null, string? layer = null)
    {
        if (declaredRefusal is not null)
        {
            return GeoReadResult.FileProblem(fileName, declaredRefusal) with { Layer = layer };
        }

        var crs = declared ?? options.AssumedCrs;
        if (crs is null && _candidates.Count > 0)
        {
            var extent = new Envelope();
            foreach (var candidate in _candidates)
            {
                extent.ExpandToInclude(candidate.Source.EnvelopeInternal);
            }

            crs = CoordinateSystems.Guess(extent);
            if (crs is null)
            {
                _problems.Add((0, new GeoProblem(fileName, null, CoreText.Get("Geo_CrsUnknown", Format(extent.MinX), Format(extent.MinY), Format(extent.MaxX), Format(extent.MaxY)))));
                return new GeoReadResult(null, [], SortedProblems()) { Layer = layer };
            }
        }

        var features = new List<GeoFeature>(_candidates.Count);
        foreach (var (index, position, source, attributes) in _candidates)
        {
            if (!crs!.IsWithinRange(source))
            {
                var box = source.EnvelopeInternal;
                _problems.Add((index, new GeoProblem(position, "geometry", CoreText.Get("Geo_OutOfRange", crs.ToString(), Format(box.MinX), Format(box.MinY), Format(box.MaxX), Format(box.MaxY)))));
                continue;
            }

            var sourceWithSrid = source.Copy();
            sourceWithSrid.SRID = crs.Epsg;
            var lonLat = crs.ToLonLat(source);
            Geometry? repaired = null;
            var error = new IsValidOp(lonLat).ValidationError;
            if (error is not null)
            {
                _problems.Add((index, new GeoProblem(position, "geometry", CoreText.Get("Geo_InvalidGeometry", CoreText.Get("Geo_Invalid_" + error.ErrorType), Format(error.Coordinate.X), Format(error.Coordinate.Y)))));
                repaired = GeometryFixer.Fix(lonLat);
            }

            features.Add(new GeoFeature(index, position, lonLat, sourceWithSrid, attributes, repaired));
        }

        return new GeoReadResult(crs, features, SortedProblems()) { Layer = layer };
    }

    /// <summary>Whole-file problems first, then in the order of the file (OrderBy is stable).</summary>
    private List<GeoProblem> SortedProblems() => [.. _problems.OrderBy(p => p.Order).Select(p => p.Problem)];

    private static string Format(double value) => value.ToString(Math.Abs(value) < 1000 ? "0.######" : "0.##", CultureInfo.InvariantCulture);

    /// <summary>Points, polygons and their multi-forms; a collection of only polygons or only points becomes the multi-form; anything else null.</summary>
    private static Geometry? Supported(Geometry geometry) => geometry switch
    {
        Point or MultiPoint or Polygon or MultiPolygon => geometry,
        GeometryCollection collection when Flatten(collection).ToList() is { Count: > 0 } parts =>
            parts.All(p => p is Polygon) ? s_factory.CreateMultiPolygon([.. parts.Cast<Polygon>()])
            : parts.All(p => p is Point) ? s_factory.CreateMultiPoint([.. parts.Cast<Point>()])
            : null,
        _ => null,
    };

    private static IEnumerable<Geometry> Flatten(Geometry geometry) =>
        geometry is GeometryCollection collection
            ? Enumerable.Range(0, collection.NumGeometries).SelectMany(i => Flatten(collection.GetGeometryN(i)))
            : [geometry];

    private static bool IsFinite(Geometry geometry) => geometry.Coordinates.All(c => double.IsFinite(c.X) && double.IsFinite(c.Y));
}
