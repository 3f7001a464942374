using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace EcoPlan.Core.Spatial;

/// <summary>
/// The measure of a geometry that shares are ratios of (area, length or number of points, by its dimension), on
/// longitude/latitude: see <see cref="BoundaryIndex"/> for why a ratio needs no projection.
/// </summary>
internal static class Shares
{
    public static double Measure(Geometry geometry) => geometry.Dimension switch
    {
        Dimension.Surface => geometry.Area,
        Dimension.Curve => geometry.Length,
        _ => geometry.NumPoints,
    };

    /// <summary>The intersection by OverlayNG with its snapping fallbacks, which does not throw on nearly coincident edges.</summary>
    public static Geometry Intersection(Geometry a, Geometry b) => OverlayNGRobust.Overlay(a, b, SpatialFunction.Intersection);
}
