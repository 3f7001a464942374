using EcoPlan.Core.Spatial;
using CoordinateSystem = EcoPlan.Core.Spatial.CoordinateSystem;
using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace EcoPlan.Core.LandCover;

/// <summary>
/// The coordinate systems a land-cover raster may be in: those of <see cref="CoordinateSystems"/> (EPSG:4326, 4490,
/// the CGCS2000 Gauss-Krüger zones) and UTM zone 50N (EPSG:32650, WGS 84), which products such as ESA WorldCover
/// tiles reprojected for Beijing come in. UTM is kept here rather than in <see cref="CoordinateSystems"/> so clue
/// and boundary files keep accepting exactly what they did.
/// </summary>
public static class LandCoverCrs
{
    public const int Utm50N = 32650;

    private static readonly Lazy<CoordinateSystem> s_utm50N = new(CreateUtm50N);

    /// <summary>The system of <paramref name="epsg"/>, or null when land-cover analysis does not support it.</summary>
    public static CoordinateSystem? FromEpsg(int epsg) => epsg == Utm50N ? s_utm50N.Value : CoordinateSystems.FromEpsg(epsg);

    /// <summary>"…不受支持，支持 EPSG:4326、4490、CGCS2000 高斯-克吕格 … 和 UTM 50N（EPSG:32650）", naming what the file says it is.</summary>
    public static string Unsupported(string what) => CoreText.Get("Land_CrsUnsupported", what);

    private static CoordinateSystem CreateUtm50N()
    {
        var projected = ProjectedCoordinateSystem.WGS84_UTM(50, true);
        var geographic = GeographicCoordinateSystem.WGS84;
        var transforms = new CoordinateTransformationFactory();
        var toLonLat = transforms.CreateFromCoordinateSystems(projected, geographic).MathTransform;
        var fromLonLat = transforms.CreateFromCoordinateSystems(geographic, projected).MathTransform;
        return new CoordinateSystem(Utm50N, "WGS 84 / UTM zone 50N", toLonLat, fromLonLat, new Envelope(-500_000, 1_500_000, 0, 10_000_000), 117, 500_000);
    }
}
