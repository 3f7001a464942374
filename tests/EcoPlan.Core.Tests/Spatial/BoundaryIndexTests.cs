using EcoPlan.Core.Spatial;
using FsCheck;
using FsCheck.Fluent;
using NetTopologySuite.Geometries;

namespace EcoPlan.Core.Tests.Spatial;

/// <summary>Township assignment on the 400 generated townships of <see cref="SyntheticGeodata"/>, with answers known from geometry.</summary>
public sealed class BoundaryIndexTests
{
    private static readonly IReadOnlyList<(string Code, Geometry LonLat)> s_townships = SyntheticGeodata.Townships();
    private static readonly BoundaryIndex s_index = new(s_townships);
    private static readonly GeometryFactory s_factory = SyntheticGeodata.LonLatFactory;

    [Fact]
    public void Assign_PointInsideATownship_GoesToIt()
    {
        foreach (var i in new[] { 0, 57, 210, 399 })
        {
            var (code, boundary) = s_townships[i];
            var assignment = s_index.Assign(boundary.InteriorPoint);

            Assert.Equal(code, assignment.TownshipCode);
            Assert.Empty(assignment.CooperatingCodes);
            Assert.Equal(1, assignment.Share);
        }
    }

    [Fact]
    public void Assign_PolygonInsideATownship_GoesToItWholly()
    {
        var (code, boundary) = s_townships[210];
        var clue = Disk(boundary.InteriorPoint.Coordinate, 0.0005);
        Assert.True(boundary.Contains(clue));

        var assignment = s_index.Assign(clue);

        Assert.Equal(code, assignment.TownshipCode);
        Assert.Empty(assignment.CooperatingCodes);
        Assert.Equal(1, assignment.Share);
    }

    [Fact]
    public void Assign_PolygonCrossingALine_GoesToTheLargerShare_AndTheOtherCooperates()
    {
        var edge = SharedEdge(210);
        var radius = edge.Length * 0.2;
        // A disk whose centre is 0.3 radius inside A: the part beyond a straight line at distance d from the centre is
        // (acos(d/r) − (d/r)·√(1 − (d/r)²)) / π of the disk, 0.3119 for d = 0.3 r.
        var clue = Disk(edge.PointInside(0.3 * radius), radius);
        Assert.True(clue.Difference(edge.A.Union(edge.B)).Area < 1e-12 * clue.Area, "the disk must lie in the two townships only");

        var assignment = s_index.Assign(clue);

        Assert.Equal(edge.CodeA, assignment.TownshipCode);
        Assert.Equal([edge.CodeB], assignment.CooperatingCodes);
        Assert.Equal(1 - SegmentShare(0.3), assignment.Share, 0.003);
    }

    [Fact]
    public void Assign_SliverBeyondALine_DoesNotMakeACooperatingTownship()
    {
        var edge = SharedEdge(210);
        var radius = edge.Length * 0.2;
        var clue = Disk(edge.PointInside(0.95 * radius), radius);
        Assert.InRange(SegmentShare(0.95), 0.005, BoundaryIndex.MinimumCooperatingShare * 0.8);
        Assert.True(clue.Intersects(edge.B), "the clue reaches the neighbour");

        var assignment = s_index.Assign(clue);

        Assert.Equal(edge.CodeA, assignment.TownshipCode);
        Assert.Empty(assignment.CooperatingCodes);
        Assert.Equal(1 - SegmentShare(0.95), assignment.Share, 0.003);
    }

    [Fact]
    public void Assign_OutsideEveryBoundary_IsUnassigned()
    {
        var east = SyntheticGeodata.District.MaxX + 0.01;
        var north = SyntheticGeodata.District.MaxY + 0.01;

        foreach (var outside in new Geometry[] { s_factory.CreatePoint(new Coordinate(east, 39.8)), Disk(new Coordinate(116.7, north), 0.002) })
        {
            var assignment = s_index.Assign(outside);

            Assert.Null(assignment.TownshipCode);
            Assert.Empty(assignment.CooperatingCodes);
            Assert.Equal(0, assignment.Share);
        }

        // Inside the district's box on the map, but in none of a partial set of boundaries.
        var partial = new BoundaryIndex(s_townships.Take(10));
        Assert.Null(partial.Assign(s_townships[210].LonLat.InteriorPoint).TownshipCode);
    }

    [Fact]
    public void Assign_HalfOutsideTheDistrict_GoesToTheTownshipWithTheInsideHalf()
    {
        // On the district's southern edge, centred on a point of township 0's side: half the disk is outside.
        var centre = new Coordinate(s_townships[0].LonLat.Intersection(Line(116.5, 39.6, 117.0, 39.6)).Centroid.X, 39.6);
        var assignment = s_index.Assign(Disk(centre, 0.0003));

        Assert.Equal(s_townships[0].Code, assignment.TownshipCode);
        Assert.Equal(0.5, assignment.Share, 0.005);
    }

    [Fact]
    public void Assign_PointWhereTownshipsMeet_GoesToTheLowestCode()
    {
        // A corner of township 210 inside the district: a Voronoi vertex, shared exactly by three townships.
        var corner = s_factory.CreatePoint(((Polygon)s_townships[210].LonLat).ExteriorRing.Coordinates[0]);
        var meeting = s_townships.Where(t => t.LonLat.Covers(corner)).Select(t => t.Code).Order(StringComparer.Ordinal).ToList();
        Assert.True(meeting.Count >= 2, "a corner is shared");

        Assert.Equal(meeting[0], s_index.Assign(corner).TownshipCode);
    }

    [Fact]
    public void Townships_TileTheDistrictBox()
    {
        Assert.Equal(400, s_townships.Select(t => t.Code).Distinct().Count());
        Assert.All(s_townships, t => Assert.True(t.LonLat.IsValid && t.LonLat is Polygon));
        var box = s_factory.ToGeometry(SyntheticGeodata.District);
        Assert.Equal(box.Area, s_townships.Sum(t => t.LonLat.Area), 1e-12);
        Assert.True(box.Difference(s_factory.BuildGeometry(s_townships.Select(t => t.LonLat)).Union()).Area < 1e-12);
    }

    /// <summary>
    /// Every point of the box, drawn at random or taken from the townships' own vertices (on shared lines), goes to
    /// exactly one township that covers it, the lowest-coded of those; every point outside goes to none.
    /// </summary>
    [Fact]
    public void Assign_EveryPointOfTheTilingGoesToExactlyOneCoveringTownship()
    {
        var box = SyntheticGeodata.District;
        var random = Gen.Zip(Gen.Choose(-50_000, 1_050_000), Gen.Choose(-50_000, 1_050_000))
            .Select(p => new Coordinate(box.MinX + (box.Width * p.Item1 / 1e6), box.MinY + (box.Height * p.Item2 / 1e6)));
        var vertices = Gen.Zip(Gen.Choose(0, s_townships.Count - 1), Gen.Choose(0, 1000))
            .Select(p => s_townships[p.Item1].LonLat.Coordinates[p.Item2 % (s_townships[p.Item1].LonLat.NumPoints - 1)]);
        var points = Gen.Frequency((3, random), (1, vertices)).ToArbitrary();

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(3000), Prop.ForAll(points, coordinate =>
        {
            var point = s_factory.CreatePoint(coordinate);
            var covering = s_townships.Where(t => t.LonLat.Covers(point)).Select(t => t.Code).Order(StringComparer.Ordinal).ToList();
            var assigned = s_index.Assign(point).TownshipCode;
            var inBox = box.Covers(coordinate);
            return inBox ? covering.Count >= 1 && assigned == covering[0] : assigned is null && covering.Count == 0;
        }));
    }

    /// <summary>Half the chord-cut disk beyond a line at distance d·r from its centre, as a share of the disk.</summary>
    private static double SegmentShare(double d) => (Math.Acos(d) - (d * Math.Sqrt(1 - (d * d)))) / Math.PI;

    private static Polygon Disk(Coordinate centre, double radius) => (Polygon)s_factory.CreatePoint(centre).Buffer(radius, 64);

    private static LineString Line(double x1, double y1, double x2, double y2) =>
        s_factory.CreateLineString([new Coordinate(x1, y1), new Coordinate(x2, y2)]);

    /// <summary>The longest side of township <paramref name="index"/> that it shares with one neighbour.</summary>
    private static Edge SharedEdge(int index)
    {
        var (codeA, a) = s_townships[index];
        var ring = ((Polygon)a).ExteriorRing.Coordinates;
        var sides = Enumerable.Range(0, ring.Length - 1).Select(i => (P: ring[i], Q: ring[i + 1])).OrderByDescending(s => s.P.Distance(s.Q));
        foreach (var (p, q) in sides)
        {
            var midpoint = new Coordinate((p.X + q.X) / 2, (p.Y + q.Y) / 2);
            var length = p.Distance(q);
            var normal = new Coordinate(-(q.Y - p.Y) / length, (q.X - p.X) / length);
            var outward = a.Covers(s_factory.CreatePoint(new Coordinate(midpoint.X + (normal.X * 1e-6), midpoint.Y + (normal.Y * 1e-6)))) ? -1 : 1;
            var beyond = s_factory.CreatePoint(new Coordinate(midpoint.X + (outward * normal.X * 1e-6), midpoint.Y + (outward * normal.Y * 1e-6)));
            var neighbour = s_townships.FirstOrDefault(t => t.Code != codeA && t.LonLat.Covers(beyond));
            if (neighbour.Code is not null)
            {
                return new Edge(codeA, a, neighbour.Code, neighbour.LonLat, midpoint, new Coordinate(-outward * normal.X, -outward * normal.Y), length);
            }
        }

        throw new InvalidOperationException("No shared side.");
    }

    /// <summary>A straight side shared by townships A and B; <see cref="Inward"/> is the unit normal pointing into A.</summary>
    private sealed record Edge(string CodeA, Geometry A, string CodeB, Geometry B, Coordinate Midpoint, Coordinate Inward, double Length)
    {
        public Coordinate PointInside(double distance) => new(Midpoint.X + (Inward.X * distance), Midpoint.Y + (Inward.Y * distance));
    }
}
