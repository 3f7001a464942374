using EcoPlan.Core.Spatial;
using NetTopologySuite.Geometries;

namespace EcoPlan.Core.Tests.Spatial;

public class GeodesicTests
{
    private static readonly GeometryFactory s_factory = new(new PrecisionModel(), 4326);

    private static Polygon Box(double minX, double minY, double maxX, double maxY, GeometryFactory? factory = null) =>
        (factory ?? s_factory).CreatePolygon([new(minX, minY), new(maxX, minY), new(maxX, maxY), new(minX, maxY), new(minX, minY)]);

    [Fact]
    public void SquareMeters_OfAOneDegreeCellMatchesTheIntegralOverTheEllipsoid()
    {
        // ∫∫ M(φ)·N(φ)·cos φ dφ dλ over 40°–41°N × 1° on a = 6378137, 1/f = 298.257222101, by Simpson's rule
        // with 20 000 steps (python3, math only): 9412851604.160305 m²; for 0°–1°N: 12308463893.56947 m².
        Assert.Equal(9_412_851_604.16, GeodesicArea.SquareMeters(Box(116, 40, 117, 41)), 9_412_851_604.16 * 1e-7);
        Assert.Equal(12_308_463_893.57, GeodesicArea.SquareMeters(Box(10, 0, 11, 1)), 12_308_463_893.57 * 1e-7);
        // Winding does not matter.
        Assert.Equal(GeodesicArea.SquareMeters(Box(116, 40, 117, 41)), GeodesicArea.SquareMeters((Polygon)Box(116, 40, 117, 41).Reverse()), 1e-3);
    }

    [Fact]
    public void SquareMeters_OfAHundredMetreSquareMadeOnAGaussKrugerMeridianIsTenThousand()
    {
        // On the central meridian the Gauss-Krüger scale is 1, so a 100 m × 100 m square there is 10 000 m² on the ellipsoid.
        var zone39 = CoordinateSystems.FromEpsg(4527)!;
        var square = Box(39_499_950, 4_420_000, 39_500_050, 4_420_100, new GeometryFactory());
        Assert.Equal(10_000, GeodesicArea.SquareMeters(zone39.ToLonLat(square)), 0.5);
        // 150 km off the meridian the map is larger by k ≈ 1 + x²/2R² (R² = M·N at 40°N), the area by k².
        var east = Box(39_650_000, 4_420_000, 39_650_100, 4_420_100, new GeometryFactory());
        var k = 1 + (150_000.0 * 150_000 / (2 * 6_371_000.0 * 6_371_000));
        Assert.Equal(10_000 / (k * k), GeodesicArea.SquareMeters(zone39.ToLonLat(east)), 0.5);
    }

    [Fact]
    public void SquareMeters_SubtractsHolesAndSumsParts()
    {
        var shell = Box(116, 40, 116.1, 40.1);
        var hole = Box(116.02, 40.02, 116.05, 40.05);
        var withHole = s_factory.CreatePolygon(shell.Shell, [hole.Shell]);
        var expected = GeodesicArea.SquareMeters(shell) - GeodesicArea.SquareMeters(hole);
        Assert.Equal(expected, GeodesicArea.SquareMeters(withHole), 1e-3);
        var parts = s_factory.CreateMultiPolygon([withHole, Box(117, 40, 117.01, 40.01)]);
        Assert.Equal(expected + GeodesicArea.SquareMeters(Box(117, 40, 117.01, 40.01)), GeodesicArea.SquareMeters(parts), 1e-3);
        Assert.Equal(0, GeodesicArea.SquareMeters(s_factory.CreatePoint(new Coordinate(116, 40))));
        Assert.Equal(0, GeodesicArea.SquareMeters(s_factory.CreatePolygon()));
    }

    [Fact]
    public void SquareMeters_OfASlantedDistrictPolygonAgreesWithItsGaussKrugerArea()
    {
        // A 30 km quadrilateral with slanted edges, made in zone 39 near the meridian: its planar area there is its
        // ellipsoidal area to within the scale k² (< 1e-5 at 20 km off the meridian). Its edges are cut to 100 m
        // first, as a straight 35 km edge in the zone bows up to 20 m away from the lon/lat line through its ends.
        var zone39 = CoordinateSystems.FromEpsg(4527)!;
        var planar = new GeometryFactory().CreatePolygon([new(39_490_000, 4_400_000), new(39_515_000, 4_405_000), new(39_520_000, 4_430_000), new(39_485_000, 4_425_000), new(39_490_000, 4_400_000)]);
        var lonLat = zone39.ToLonLat(NetTopologySuite.Densify.Densifier.Densify(planar, 100));
        Assert.Equal(planar.Area, GeodesicArea.SquareMeters(lonLat), planar.Area * 2e-5);
    }

    // geod +ellps=GRS80 -I -f %.4f +units=m (PROJ 9), input "lat1 lon1 lat2 lon2":
    //   40 116 40.3 116.4          → 47657.726
    //   39.9 116.3 39.95 116.31    → 5617.093
    //   39.9 116.3 39.95 116.3     → 5551.660
    //   39.9 116.3 40.0 116.45     → 16958.667
    [Theory]
    [InlineData(116, 40, 116.4, 40.3, 47_657.726)]
    [InlineData(116.3, 39.9, 116.31, 39.95, 5_617.093)]
    public void Meters_BetweenPointsMatchesProjGeod(double lon1, double lat1, double lon2, double lat2, double meters) =>
        Assert.Equal(meters, GeodesicDistance.Meters(s_factory.CreatePoint(new Coordinate(lon1, lat1)), s_factory.CreatePoint(new Coordinate(lon2, lat2))), 0.005);

    [Fact]
    public void Meters_ToAPolygonIsZeroInsideAndToTheNearestEdgeOrCornerOutside()
    {
        var polygon = Box(116.25, 39.95, 116.45, 40.0);
        Assert.Equal(0, GeodesicDistance.Meters(s_factory.CreatePoint(new Coordinate(116.3, 39.97)), polygon));
        Assert.Equal(0, GeodesicDistance.Meters(s_factory.CreatePoint(new Coordinate(116.25, 39.97)), polygon));
        // Due south of the lower edge: the nearest point is straight north.
        Assert.Equal(5_551.660, GeodesicDistance.Meters(s_factory.CreatePoint(new Coordinate(116.3, 39.9)), polygon), 5_551.660 * 0.001);
        // South-west of a corner far off: the corner is nearest.
        var far = Box(116.45, 40.0, 116.6, 40.1);
        Assert.Equal(16_958.667, GeodesicDistance.Meters(s_factory.CreatePoint(new Coordinate(116.3, 39.9)), far), 16_958.667 * 0.001);
    }
}
