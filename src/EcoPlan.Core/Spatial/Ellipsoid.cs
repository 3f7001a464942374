namespace EcoPlan.Core.Spatial;

/// <summary>The CGCS2000 ellipsoid (GRS 80 to within 0.1 mm), on which areas and distances are measured.</summary>
internal static class Ellipsoid
{
    public const double A = 6_378_137.0;
    public const double InverseFlattening = 298.257222101;
    public const double F = 1 / InverseFlattening;
    public const double B = A * (1 - F);
    public static readonly double E2 = F * (2 - F);
    public static readonly double E = Math.Sqrt(E2);

    public static double Radians(double degrees) => degrees * Math.PI / 180;

    /// <summary>
    /// The authalic function q(φ) (Snyder, Map Projections — A Working Manual, eq. 3-12): a cylindrical equal-area
    /// map of the ellipsoid puts latitude φ at y = a·q(φ)/2, so areas measured there are areas on the ellipsoid.
    /// </summary>
    public static double Q(double latitudeRadians)
    {
        var s = Math.Sin(latitudeRadians);
        var es = E * s;
        return (1 - E2) * ((s / (1 - (E2 * s * s))) - (1 / (2 * E) * Math.Log((1 - es) / (1 + es))));
    }

    /// <summary>Radius of curvature in the meridian, M(φ).</summary>
    public static double MeridianRadius(double latitudeRadians)
    {
        var s = Math.Sin(latitudeRadians);
        return A * (1 - E2) / Math.Pow(1 - (E2 * s * s), 1.5);
    }

    /// <summary>Radius of curvature in the prime vertical, N(φ).</summary>
    public static double PrimeVerticalRadius(double latitudeRadians)
    {
        var s = Math.Sin(latitudeRadians);
        return A / Math.Sqrt(1 - (E2 * s * s));
    }
}
