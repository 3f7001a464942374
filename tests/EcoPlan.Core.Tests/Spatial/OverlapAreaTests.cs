using EcoPlan.Core.Spatial;
using FsCheck;
using FsCheck.Fluent;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace EcoPlan.Core.Tests.Spatial;

/// <summary>The overlap area by boundary integral against NTS's overlay, on generated clue pairs and on the degenerate cases it leaves to the overlay.</summary>
public sealed class OverlapAreaTests
{
    private static readonly GeometryFactory s_factory = SyntheticGeodata.LonLatFactory;

    [Fact]
    public void Of_GeneratedCluePairs_EqualsTheOverlayArea()
    {
        var zone = SyntheticGeodata.Zone39();
        var pairs = Gen.Zip(Gen.Choose(0, 100_000), Gen.Zip(Gen.Choose(0, 120), Gen.Elements(false, true))).Select(p =>
        {
            var (seed, (apart, reversed)) = p;
            var a = SyntheticGeodata.CluePolygons(1, seed)[0];
            var b = SyntheticGeodata.Redrawn(a, seed + 1, scale: 0.7 + (seed % 7 / 10.0));
            b = Moved(b, apart, apart / 2.0);
            return (A: zone.ToLonLat(a), B: zone.ToLonLat(reversed ? b.Reverse() : b));
        }).ToArbitrary();

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), Prop.ForAll(pairs, pair =>
        {
            var expected = OverlayNGRobust.Overlay(pair.A, pair.B, SpatialFunction.Intersection).Area;
            var actual = OverlapArea.Of(pair.A, pair.B);
            return Math.Abs(actual - expected) <= 1e-9 * pair.A.Area;
        }));
    }

    [Fact]
    public void Of_TheFastPathAnswers_ForPolygonsInGeneralPosition()
    {
        var a = Square(0, 0, 2);
        var b = Square(1, 0.5, 2).Reverse();

        Assert.Equal(1.0 * 1.5, OverlapArea.TryOfRings(((Polygon)a).ExteriorRing.Coordinates, ((Polygon)b).ExteriorRing.Coordinates)!.Value, 1e-12);
        Assert.Equal(0, OverlapArea.TryOfRings(((Polygon)a).ExteriorRing.Coordinates, ((Polygon)Square(5, 5, 1)).ExteriorRing.Coordinates)!.Value);
        Assert.Equal(1, OverlapArea.TryOfRings(((Polygon)a).ExteriorRing.Coordinates, ((Polygon)Square(0.5, 0.5, 1)).ExteriorRing.Coordinates)!.Value, 1e-12);
    }

    [Theory]
    [InlineData(0, 0, 2, 4)]     // the same polygon twice
    [InlineData(2, 0, 2, 0)]     // side by side, one edge shared
    [InlineData(1, 0, 2, 2)]     // overlapping, edges along the same lines
    [InlineData(2, 2, 2, 0)]     // touching at a corner
    public void Of_DegenerateContacts_AreLeftToTheOverlay(double x, double y, double side, double expected)
    {
        var a = Square(0, 0, 2);
        var b = Square(x, y, side);

        Assert.Null(OverlapArea.TryOfRings(((Polygon)a).ExteriorRing.Coordinates, ((Polygon)b).ExteriorRing.Coordinates));
        Assert.Equal(expected, OverlapArea.Of(a, b), 1e-12);
    }

    private static Geometry Square(double x, double y, double side) => s_factory.ToGeometry(new Envelope(x, x + side, y, y + side));

    private static Geometry Moved(Geometry g, double dx, double dy)
    {
        var copy = g.Copy();
        copy.Apply(new NetTopologySuite.Geometries.Utilities.AffineTransformation().SetToTranslation(dx, dy));
        return copy;
    }
}
