using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;

namespace EcoPlan.Core.Spatial;

/// <summary>
/// Which township a clue goes to (issue 13, "Assignment"): the township whose boundary holds it, or, for a clue that
/// crosses boundaries, the township with the largest share; the other townships it reaches with at least
/// <see cref="BoundaryIndex.MinimumCooperatingShare"/> cooperate. <see cref="TownshipCode"/> is null when the clue lies
/// outside every boundary (the district's queue), and <see cref="Share"/> is then 0.
/// </summary>
/// <param name="TownshipCode">The township's code (GB/T 2260), or null for the district's queue.</param>
/// <param name="CooperatingCodes">The other townships the clue reaches, largest share first (ties by code).</param>
/// <param name="Share">The assigned township's share of the clue, 0…1 (1 for a point).</param>
public sealed record BoundaryAssignment(string? TownshipCode, IReadOnlyList<string> CooperatingCodes, double Share)
{
    public static BoundaryAssignment Unassigned { get; } = new(null, [], 0);
}

/// <summary>
/// The township boundaries of a district, indexed once (an STR tree of their boxes, each boundary prepared for fast
/// point-in-polygon and covers tests) so that a batch of 100,000 clues is assigned without a database.
/// </summary>
/// <remarks>
/// <para>
/// Shares are ratios of areas computed on longitude/latitude. A degree of longitude is cos(latitude) times as long as
/// a degree of latitude, so a lon/lat area is the true area times a factor that varies only with latitude; in a ratio
/// of two parts of one clue that factor cancels, and what is left is how much cos(latitude) changes across the clue:
/// tan(40°) × Δlat ≈ 0.8 × 1.6e-4 rad, under 0.02 % for a 1 km clue at Tongzhou's latitude. That is why no projection
/// is needed here; the clue's area in m² comes from <c>GeodesicArea</c>.
/// </para>
/// <para>
/// A clue is a point, or a polygon (lines and multipoints are measured by length and count the same way). A point on
/// a line between two townships goes to the lower code, so that every point has exactly one township.
/// Geometries must be valid (intake checks them first); overlays use NTS's robust OverlayNG.
/// Not safe for concurrent use: prepared geometries build their own indexes lazily.
/// </para>
/// </remarks>
public sealed class BoundaryIndex
{
    /// <summary>
    /// A township reached by less than this share of a clue does not cooperate: a 图斑 digitised on a different base map
    /// than the boundaries often overlaps its neighbour by a metre or two along the line, and a township should not be
    /// asked to co-verify a clue for a sliver of 1 % of its area.
    /// </summary>
    public const double MinimumCooperatingShare = 0.01;

    private readonly STRtree<Township> _tree = new();

    public BoundaryIndex(IEnumerable<(string Code, Geometry LonLat)> townships)
    {
        ArgumentNullException.ThrowIfNull(townships);
        var count = 0;
        foreach (var (code, lonLat) in townships)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(code);
            ArgumentNullException.ThrowIfNull(lonLat);
            if (lonLat.IsEmpty || lonLat.Dimension != Dimension.Surface)
            {
                throw new ArgumentException($"Township {code}: a boundary must be a polygon or multipolygon.", nameof(townships));
            }

            _tree.Insert(lonLat.EnvelopeInternal, new Township(code, PreparedGeometryFactory.Prepare(lonLat)));
            count++;
        }

        Count = count;
        // Built now: an STR tree builds on its first query otherwise, and is read-only from then on.
        _tree.Build();
    }

    /// <summary>The number of township boundaries indexed.</summary>
    public int Count { get; }

    /// <summary>The township a clue (longitude/latitude) goes to, and the townships that cooperate.</summary>
    public BoundaryAssignment Assign(Geometry clue)
    {
        ArgumentNullException.ThrowIfNull(clue);
        if (clue.IsEmpty)
        {
            throw new ArgumentException("An empty geometry has no place.", nameof(clue));
        }

        var candidates = _tree.Query(clue.EnvelopeInternal);
        if (candidates.Count == 0)
        {
            return BoundaryAssignment.Unassigned;
        }

        if (clue is Point point)
        {
            return AssignPoint(point, candidates);
        }

        // Most clues lie inside one township: a covers test of the clue's box (four sides) settles most of them,
        // one of the clue itself most of the rest, without an overlay.
        var box = clue.Factory.ToGeometry(clue.EnvelopeInternal);
        foreach (var township in candidates)
        {
            if (township.Boundary.Covers(box) || township.Boundary.Covers(clue))
            {
                return new BoundaryAssignment(township.Code, [], 1);
            }
        }

        var whole = Shares.Measure(clue);
        var shares = new List<(string Code, double Share)>();
        foreach (var township in candidates)
        {
            if (!township.Boundary.Intersects(clue))
            {
                continue;
            }

            var share = Shares.Measure(Shares.Intersection(clue, township.Boundary.Geometry)) / whole;
            if (share > 0)
            {
                shares.Add((township.Code, share));
            }
        }

        if (shares.Count == 0)
        {
            return BoundaryAssignment.Unassigned;
        }

        shares.Sort(static (a, b) => b.Share != a.Share ? b.Share.CompareTo(a.Share) : string.CompareOrdinal(a.Code, b.Code));
        var cooperating = shares.Skip(1).Where(s => s.Share >= MinimumCooperatingShare).Select(s => s.Code).ToArray();
        return new BoundaryAssignment(shares[0].Code, cooperating, shares[0].Share);
    }

    private static BoundaryAssignment AssignPoint(Point point, IList<Township> candidates)
    {
        string? code = null;
        foreach (var township in candidates)
        {
            if ((code is null || string.CompareOrdinal(township.Code, code) < 0) && township.Boundary.Covers(point))
            {
                code = township.Code;
            }
        }

        return code is null ? BoundaryAssignment.Unassigned : new BoundaryAssignment(code, [], 1);
    }

    private sealed record Township(string Code, IPreparedGeometry Boundary);
}
