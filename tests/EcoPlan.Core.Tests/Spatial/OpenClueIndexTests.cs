using EcoPlan.Core.Spatial;
using NetTopologySuite.Geometries;

namespace EcoPlan.Core.Tests.Spatial;

/// <summary>Dedupe against open clues, with overlap shares and distances known from geometry.</summary>
public sealed class OpenClueIndexTests
{
    private static readonly GeometryFactory s_factory = SyntheticGeodata.LonLatFactory;
    private static readonly Coordinate s_centre = new(116.70, 39.80);

    // Two disks of radius r whose centres are c·r apart overlap by (2·acos(c/2) − (c/2)·√(4 − c²)) / π of either:
    // 0.685 for c = 0.5, 0.391 for c = 1.
    [Theory]
    [InlineData(0.5, 0.5, true)]
    [InlineData(1.0, 0.5, false)]
    [InlineData(1.0, 0.35, true)]
    [InlineData(0.5, 0.7, false)]
    public void FindDuplicate_PolygonsOverlappingByAShare_AreTheSameClueFromTheThreshold(double apart, double threshold, bool duplicate)
    {
        const double radius = 0.0005;
        Assert.Equal(duplicate, LensShare(apart) >= threshold);
        var index = new OpenClueIndex([(7, Disk(s_centre, radius))], new DedupeOptions(OverlapShare: threshold));

        var found = index.FindDuplicate(Disk(Offset(s_centre, apart * radius, 0), radius));

        Assert.Equal(duplicate ? 7 : null, found);
    }

    [Fact]
    public void FindDuplicate_SmallPolygonInsideALargeOne_IsADuplicate_ByTheSmallerArea()
    {
        var index = new OpenClueIndex([(3, Disk(s_centre, 0.005))]);

        Assert.Equal(3, index.FindDuplicate(Disk(Offset(s_centre, 0.001, 0.001), 0.0002)));
        // And the other way round: a new large polygon over a small open one.
        Assert.Equal(4, new OpenClueIndex([(4, Disk(s_centre, 0.0002))]).FindDuplicate(Disk(s_centre, 0.005)));
    }

    [Fact]
    public void FindDuplicate_OfSeveralOverlapping_TakesTheLargestShare()
    {
        const double radius = 0.0005;
        var index = new OpenClueIndex([(1, Disk(Offset(s_centre, 0.6 * radius, 0), radius)), (2, Disk(Offset(s_centre, -0.2 * radius, 0), radius)), (3, Disk(Offset(s_centre, 3 * radius, 0), radius))]);

        Assert.Equal(2, index.FindDuplicate(Disk(s_centre, radius)));
    }

    [Fact]
    public void FindDuplicate_PointsWithinTheDistance_AreTheSameClue()
    {
        var open = s_factory.CreatePoint(s_centre);
        var near = s_factory.CreatePoint(Offset(s_centre, 0, 40 / 111_000.0));
        var eastNear = s_factory.CreatePoint(Offset(s_centre, 45 / 85_000.0, 0));
        var far = s_factory.CreatePoint(Offset(s_centre, 0, 60 / 111_000.0));
        Assert.InRange(GeodesicDistance.Meters(open.X, open.Y, near.X, near.Y), 39, 41);
        Assert.InRange(GeodesicDistance.Meters(open.X, open.Y, eastNear.X, eastNear.Y), 44, 49);
        Assert.InRange(GeodesicDistance.Meters(open.X, open.Y, far.X, far.Y), 59, 61);
        var index = new OpenClueIndex([(5, open)]);

        Assert.Equal(5, index.FindDuplicate(near));
        Assert.Equal(5, index.FindDuplicate(eastNear));
        Assert.Null(index.FindDuplicate(far));
        Assert.Equal(5, new OpenClueIndex([(5, open)], new DedupeOptions(PointDistanceMeters: 65)).FindDuplicate(far));
    }

    [Fact]
    public void FindDuplicate_OfSeveralPointsNearby_TakesTheNearest()
    {
        var index = new OpenClueIndex([(1, s_factory.CreatePoint(Offset(s_centre, 0, 30 / 111_000.0))), (2, s_factory.CreatePoint(Offset(s_centre, 0, -10 / 111_000.0)))]);

        Assert.Equal(2, index.FindDuplicate(s_factory.CreatePoint(s_centre)));
    }

    [Fact]
    public void FindDuplicate_PointInsideAPolygon_IsTheSameClue_EitherWayRound()
    {
        var polygon = Disk(s_centre, 0.001);
        var inside = s_factory.CreatePoint(Offset(s_centre, 0.0009, 0));
        var outside = s_factory.CreatePoint(Offset(s_centre, 0.0011, 0));

        Assert.Equal(8, new OpenClueIndex([(8, polygon)]).FindDuplicate(inside));
        Assert.Null(new OpenClueIndex([(8, polygon)]).FindDuplicate(outside));
        Assert.Equal(9, new OpenClueIndex([(9, inside)]).FindDuplicate(polygon));
        Assert.Null(new OpenClueIndex([(9, outside)]).FindDuplicate(polygon));
    }

    [Fact]
    public void FindDuplicate_LargeClues_AreFoundFromAnywhereInside()
    {
        // 30 km across: more cells than a clue is indexed in, kept apart; and a query box wider than the index.
        var large = Disk(s_centre, 0.15);
        var index = new OpenClueIndex([(1, large), (2, Disk(Offset(s_centre, 0.5, 0), 0.0005))]);

        Assert.Equal(1, index.FindDuplicate(s_factory.CreatePoint(Offset(s_centre, 0.1, -0.1))));
        Assert.Equal(1, index.FindDuplicate(Disk(Offset(s_centre, -0.12, 0), 0.001)));
        Assert.Equal(2, index.FindDuplicate(Disk(Offset(s_centre, 0.5, 0), 0.4)));
    }

    [Fact]
    public void Add_LaterFeaturesOfABatch_DedupeAgainstEarlierOnes()
    {
        var index = new OpenClueIndex([(100, Disk(s_centre, 0.0005))]);
        Geometry[] batch =
        [
            Disk(Offset(s_centre, 0.01, 0), 0.0005),
            Disk(Offset(s_centre, 0.0102, 0), 0.0005),
            Disk(Offset(s_centre, 0.0001, 0), 0.0005),
            s_factory.CreatePoint(Offset(s_centre, 0.02, 0)),
            s_factory.CreatePoint(Offset(s_centre, 0.02, 0.0001)),
        ];

        var duplicates = new long?[batch.Length];
        for (var i = 0; i < batch.Length; i++)
        {
            duplicates[i] = index.FindDuplicate(batch[i]);
            if (duplicates[i] is null)
            {
                index.Add(i + 1, batch[i]);
            }
        }

        Assert.Equal(new long?[] { null, 1, 100, null, 4 }, duplicates);
        Assert.Equal(3, index.Count);
    }

    [Fact]
    public void FindDuplicate_AcrossGeneratedClues_FindsEachRedrawnClue()
    {
        var zone = SyntheticGeodata.Zone39();
        var open = SyntheticGeodata.CluePolygons(2000, seed: 1);
        var index = new OpenClueIndex(open.Select((g, i) => ((long)i, zone.ToLonLat(g))));

        // Drawn again at 0.95 of the radius: at least half of the smaller always overlaps.
        var misses = Enumerable.Range(0, open.Count).Count(i => index.FindDuplicate(zone.ToLonLat(SyntheticGeodata.Redrawn(open[i], seed: i, scale: 0.95))) != i);
        // Moved 500 m away: no longer the same (the clues are 20–80 m across, so the nearest other is a chance hit).
        var far = Enumerable.Range(0, 200).Count(i => index.FindDuplicate(zone.ToLonLat(Moved(open[i], 500))) is not null);

        Assert.True(misses <= 20, $"{misses} of {open.Count} redrawn clues not found (chance overlaps with a neighbour may win a few)");
        Assert.True(far <= 4, $"{far} of 200 moved clues still duplicate one");
    }

    [Fact]
    public void BadOptionsAndGeometries_AreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new OpenClueIndex([], new DedupeOptions(OverlapShare: 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OpenClueIndex([], new DedupeOptions(PointDistanceMeters: -1)));
        Assert.Throws<ArgumentException>(() => new OpenClueIndex([]).FindDuplicate(s_factory.CreateLineString([s_centre, Offset(s_centre, 1, 1)])));
        // Still in EPSG:4527 metres.
        Assert.Throws<ArgumentException>(() => new OpenClueIndex([]).Add(1, SyntheticGeodata.CluePolygons(1, seed: 1)[0]));
    }

    private static double LensShare(double c) => ((2 * Math.Acos(c / 2)) - (c / 2 * Math.Sqrt(4 - (c * c)))) / Math.PI;

    private static Polygon Disk(Coordinate centre, double radius) => (Polygon)s_factory.CreatePoint(centre).Buffer(radius, 64);

    private static Coordinate Offset(Coordinate c, double dx, double dy) => new(c.X + dx, c.Y + dy);

    private static Geometry Moved(Geometry g, double meters)
    {
        var copy = g.Copy();
        copy.Apply(new NetTopologySuite.Geometries.Utilities.AffineTransformation().SetToTranslation(meters, 0));
        return copy;
    }
}
