using NetTopologySuite.Geometries;

namespace EcoPlan.Core.Spatial;

/// <summary>
/// When a new clue is the same as an open one (issue 13, "Dedupe"): two polygons when their overlap is at least
/// <paramref name="OverlapShare"/> of the smaller one; two points when they are at most
/// <paramref name="PointDistanceMeters"/> apart on the ellipsoid; a point and a polygon when the polygon covers the point.
/// </summary>
public sealed record DedupeOptions(double OverlapShare = 0.5, double PointDistanceMeters = 50)
{
    public static DedupeOptions Default { get; } = new();
}

/// <summary>
/// The open clues of a district, indexed by their boxes, to find the one a new clue duplicates. The index grows with
/// <see cref="Add"/>, so each feature of a batch is checked against the open clues and the features before it.
/// </summary>
/// <remarks>
/// A grid of cells rather than an STR tree, which cannot take items once built, or NTS's quadtree, which keeps every
/// clue that straddles a cell line at the coarser level and returned thousands of candidates per query at 200,000
/// clues in a district. Overlap shares are ratios of lon/lat areas, which need no projection (see
/// <see cref="BoundaryIndex"/>). Geometries are points or (multi)polygons in longitude/latitude and must be valid.
/// Not safe for concurrent use.
/// </remarks>
public sealed class OpenClueIndex
{
    // A degree of latitude is at least 110.574 km (at the equator); a smaller figure only widens the box searched
    // around a point, and the exact distance decides.
    private const double MetersPerDegreeAtLeast = 110_000;

    // About 170 × 220 m at Tongzhou: a typical 图斑 lies in one to four cells.
    private const double CellDegrees = 0.002;

    // A clue whose box spans more cells than this (a polygon several km across) is kept apart and checked every time.
    private const int MaxCellsPerClue = 4096;

    private static readonly Envelope s_lonLatRange = new(-180, 180, -90, 90);

    private readonly Dictionary<(int X, int Y), List<OpenClue>> _cells = [];
    private readonly List<OpenClue> _large = [];
    private readonly DedupeOptions _options;
    private int _query;

    public OpenClueIndex(IEnumerable<(long Id, Geometry LonLat)> openClues, DedupeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(openClues);
        _options = options ?? DedupeOptions.Default;
        if (!(_options.OverlapShare is > 0 and <= 1) || !(_options.PointDistanceMeters >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options, "The overlap share must be in (0, 1] and the distance non-negative.");
        }

        foreach (var (id, lonLat) in openClues)
        {
            Add(id, lonLat);
        }
    }

    /// <summary>The number of clues indexed (the open ones and those added since).</summary>
    public int Count { get; private set; }

    /// <summary>Indexes one more clue, e.g. a feature of the batch being read that duplicated none before it.</summary>
    public void Add(long id, Geometry lonLat)
    {
        var clue = new OpenClue(id, CheckKind(lonLat), lonLat is Point ? 0 : lonLat.Area);
        var (x0, y0, x1, y1) = CellRange(lonLat.EnvelopeInternal);
        if (((long)(x1 - x0 + 1) * (y1 - y0 + 1)) > MaxCellsPerClue)
        {
            _large.Add(clue);
        }
        else
        {
            for (var x = x0; x <= x1; x++)
            {
                for (var y = y0; y <= y1; y++)
                {
                    if (!_cells.TryGetValue((x, y), out var cell))
                    {
                        _cells[(x, y)] = cell = [];
                    }

                    cell.Add(clue);
                }
            }
        }

        Count++;
    }

    /// <summary>
    /// The id of the indexed clue that <paramref name="candidate"/> duplicates, or null. When several qualify: for a
    /// polygon the one with the largest overlap share (a point it covers counts as 1), for a point the nearest (a
    /// polygon covering it counts as 0 m); ties go to the lowest id.
    /// </summary>
    public long? FindDuplicate(Geometry candidate)
    {
        CheckKind(candidate);
        return candidate is Point point ? FindForPoint(point) : FindForPolygon(candidate);
    }

    private long? FindForPoint(Point point)
    {
        var box = SearchBox(point);
        long? best = null;
        var bestDistance = double.PositiveInfinity;
        foreach (var open in Query(box))
        {
            double distance;
            if (open.Geometry is Point other)
            {
                if (!box.Intersects(other.Coordinate))
                {
                    continue;
                }

                distance = GeodesicDistance.Meters(point.X, point.Y, other.X, other.Y);
                if (distance > _options.PointDistanceMeters)
                {
                    continue;
                }
            }
            else if (open.Geometry.EnvelopeInternal.Intersects(point.Coordinate) && open.Geometry.Covers(point))
            {
                distance = 0;
            }
            else
            {
                continue;
            }

            if (distance < bestDistance || (distance == bestDistance && open.Id < best))
            {
                (best, bestDistance) = (open.Id, distance);
            }
        }

        return best;
    }

    private long? FindForPolygon(Geometry polygon)
    {
        var box = polygon.EnvelopeInternal;
        var area = polygon.Area;
        long? best = null;
        var bestShare = 0.0;
        foreach (var open in Query(box))
        {
            var openBox = open.Geometry.EnvelopeInternal;
            if (!box.Intersects(openBox))
            {
                continue;
            }

            double share;
            if (open.Geometry is Point point)
            {
                if (!polygon.Covers(point))
                {
                    continue;
                }

                share = 1;
            }
            else
            {
                var smaller = Math.Min(area, open.Area);
                // The overlap is no larger than the overlap of the boxes: most neighbours are ruled out without an overlay.
                if (box.Intersection(openBox).Area < _options.OverlapShare * smaller || smaller <= 0)
                {
                    continue;
                }

                share = OverlapArea.Of(polygon, open.Geometry) / smaller;
                if (share < _options.OverlapShare)
                {
                    continue;
                }
            }

            if (share > bestShare || (share == bestShare && open.Id < best))
            {
                (best, bestShare) = (open.Id, share);
            }
        }

        return best;
    }

    /// <summary>Each clue whose cells meet the box, once (a clue in several cells is marked with the query's number).</summary>
    private IEnumerable<OpenClue> Query(Envelope box)
    {
        var query = ++_query;
        foreach (var clue in _large)
        {
            yield return clue;
        }

        var (x0, y0, x1, y1) = CellRange(box);
        if (((long)(x1 - x0 + 1) * (y1 - y0 + 1)) > _cells.Count)
        {
            // A box larger than the indexed area: every clue, each once.
            foreach (var cell in _cells.Values)
            {
                foreach (var clue in cell)
                {
                    if (clue.LastQuery != query)
                    {
                        clue.LastQuery = query;
                        yield return clue;
                    }
                }
            }

            yield break;
        }

        for (var x = x0; x <= x1; x++)
        {
            for (var y = y0; y <= y1; y++)
            {
                if (_cells.TryGetValue((x, y), out var cell))
                {
                    foreach (var clue in cell)
                    {
                        if (clue.LastQuery != query)
                        {
                            clue.LastQuery = query;
                            yield return clue;
                        }
                    }
                }
            }
        }
    }

    private static (int X0, int Y0, int X1, int Y1) CellRange(Envelope box) =>
        (Cell(box.MinX), Cell(box.MinY), Cell(box.MaxX), Cell(box.MaxY));

    private static int Cell(double degrees) => (int)Math.Floor(degrees / CellDegrees);

    /// <summary>The box around a point that holds every point within the distance (generously: the distance decides).</summary>
    private Envelope SearchBox(Point point)
    {
        var latitudeDegrees = _options.PointDistanceMeters / MetersPerDegreeAtLeast;
        var farthestLatitude = Math.Min(89.9, Math.Abs(point.Y) + latitudeDegrees);
        var longitudeDegrees = latitudeDegrees / Math.Cos(farthestLatitude * Math.PI / 180);
        return new Envelope(point.X - longitudeDegrees, point.X + longitudeDegrees, point.Y - latitudeDegrees, point.Y + latitudeDegrees);
    }

    private static Geometry CheckKind(Geometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        if (geometry.IsEmpty || (geometry is not Point && geometry.Dimension != Dimension.Surface))
        {
            throw new ArgumentException("A clue is a point or a polygon.", nameof(geometry));
        }

        if (!s_lonLatRange.Contains(geometry.EnvelopeInternal))
        {
            throw new ArgumentException("A clue is indexed in longitude/latitude (reproject it first).", nameof(geometry));
        }

        return geometry;
    }

    private sealed class OpenClue(long id, Geometry geometry, double area)
    {
        public long Id { get; } = id;

        public Geometry Geometry { get; } = geometry;

        public double Area { get; } = area;

        /// <summary>The last query that returned this clue, so that one in several cells is returned once.</summary>
        public int LastQuery { get; set; }
    }
}
