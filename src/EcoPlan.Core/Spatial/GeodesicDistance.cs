using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Distance;

namespace EcoPlan.Core.Spatial;

/// <summary>
/// Distance on the CGCS2000 ellipsoid from a point to a longitude/latitude geometry: 0 when the point is inside
/// (or on) a polygon of it; otherwise the geodesic length to its nearest point. The nearest point is found in a
/// plane scaled to metres at the point (east by N·cos φ, north by M); its distance is then Vincenty's inverse
/// solution, so the result is within a few millimetres of the geodesic for anything a clue needs (tens of km).
/// </summary>
public static class GeodesicDistance
{
    private static readonly GeometryFactory s_plane = new();

    public static double Meters(Point from, Geometry to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (from.IsEmpty || to.IsEmpty)
        {
            throw new ArgumentException("Distance needs two non-empty geometries.");
        }

        if (to is IPolygonal && to.Covers(from))
        {
            return 0;
        }

        var latitude = Ellipsoid.Radians(from.Y);
        var east = Ellipsoid.Radians(1) * Ellipsoid.PrimeVerticalRadius(latitude) * Math.Cos(latitude);
        var north = Ellipsoid.Radians(1) * Ellipsoid.MeridianRadius(latitude);
        var scaled = s_plane.CreateGeometry(to);
        scaled.Apply(new ScaleFilter(from.X, from.Y, east, north));
        var nearest = DistanceOp.NearestPoints(scaled, s_plane.CreatePoint(new Coordinate(0, 0)))[0];
        return Meters(from.X, from.Y, from.X + Wrap(nearest.X / east), from.Y + (nearest.Y / north));
    }

    /// <summary>
    /// The geodesic length between two longitude/latitude points (Vincenty 1975, inverse problem). For nearly
    /// antipodal points, where the iteration may not settle, the last iterate is used.
    /// </summary>
    public static double Meters(double longitude1, double latitude1, double longitude2, double latitude2)
    {
        const double f = Ellipsoid.F;
        var l = Ellipsoid.Radians(Wrap(longitude2 - longitude1));
        var u1 = Math.Atan((1 - f) * Math.Tan(Ellipsoid.Radians(latitude1)));
        var u2 = Math.Atan((1 - f) * Math.Tan(Ellipsoid.Radians(latitude2)));
        double sinU1 = Math.Sin(u1), cosU1 = Math.Cos(u1), sinU2 = Math.Sin(u2), cosU2 = Math.Cos(u2);
        var lambda = l;
        double sinSigma = 0, cosSigma = 1, sigma = 0, cos2Alpha = 1, cos2SigmaM = 0;
        for (var iteration = 0; iteration < 200; iteration++)
        {
            double sinLambda = Math.Sin(lambda), cosLambda = Math.Cos(lambda);
            sinSigma = Math.Sqrt(Math.Pow(cosU2 * sinLambda, 2) + Math.Pow((cosU1 * sinU2) - (sinU1 * cosU2 * cosLambda), 2));
            if (sinSigma == 0)
            {
                return 0;
            }

            cosSigma = (sinU1 * sinU2) + (cosU1 * cosU2 * cosLambda);
            sigma = Math.Atan2(sinSigma, cosSigma);
            var sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma;
            cos2Alpha = 1 - (sinAlpha * sinAlpha);
            cos2SigmaM = cos2Alpha == 0 ? 0 : cosSigma - (2 * sinU1 * sinU2 / cos2Alpha);
            var c = f / 16 * cos2Alpha * (4 + (f * (4 - (3 * cos2Alpha))));
            var previous = lambda;
            lambda = l + ((1 - c) * f * sinAlpha * (sigma + (c * sinSigma * (cos2SigmaM + (c * cosSigma * (-1 + (2 * cos2SigmaM * cos2SigmaM)))))));
            if (Math.Abs(lambda - previous) < 1e-12)
            {
                break;
            }
        }

        var uSquared = cos2Alpha * ((Ellipsoid.A * Ellipsoid.A) - (Ellipsoid.B * Ellipsoid.B)) / (Ellipsoid.B * Ellipsoid.B);
        var bigA = 1 + (uSquared / 16384 * (4096 + (uSquared * (-768 + (uSquared * (320 - (175 * uSquared)))))));
        var bigB = uSquared / 1024 * (256 + (uSquared * (-128 + (uSquared * (74 - (47 * uSquared))))));
        var deltaSigma = bigB * sinSigma * (cos2SigmaM + (bigB / 4 * ((cosSigma * (-1 + (2 * cos2SigmaM * cos2SigmaM)))
            - (bigB / 6 * cos2SigmaM * (-3 + (4 * sinSigma * sinSigma)) * (-3 + (4 * cos2SigmaM * cos2SigmaM))))));
        return Ellipsoid.B * bigA * (sigma - deltaSigma);
    }

    private static double Wrap(double degrees) => degrees > 180 ? degrees - 360 : degrees < -180 ? degrees + 360 : degrees;

    /// <summary>Longitude/latitude to metres east and north of the origin, in the origin's local scale.</summary>
    private sealed class ScaleFilter(double originX, double originY, double east, double north) : ICoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            seq.SetX(i, Wrap(seq.GetX(i) - originX) * east);
            seq.SetY(i, (seq.GetY(i) - originY) * north);
        }
    }
}
