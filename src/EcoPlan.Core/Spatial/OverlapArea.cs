using NetTopologySuite.Geometries;

namespace EcoPlan.Core.Spatial;

/// <summary>
/// The area two small polygons share, without building their overlay: by Green's theorem the area of A ∩ B is the
/// integral of ½(x dy − y dx) along its boundary, which is made of the pieces of A's edges inside B and of B's edges
/// inside A. Crossing each edge of one ring with every edge of the other (n·m tests, fine for two 图斑 of 50 vertices)
/// finds where each edge goes in or out. About ten times faster than OverlayNG for two 50-vertex clues, and dedupe of a
/// 100,000-feature batch is mostly such overlaps.
/// </summary>
/// <remarks>
/// Only for polygons without holes, and only in general position: where a vertex of one lies on an edge of the other
/// or two edges are collinear (the same 图斑 delivered twice, two clues along one field edge) the answer is left to
/// OverlayNG, as it is for large rings and anything else.
/// </remarks>
internal static class OverlapArea
{
    // Above this many edge pairs an overlay with its indexed noder is the faster way.
    private const int MaxEdgePairs = 40_000;

    /// <summary>The area of a ∩ b, in the square units of their coordinates.</summary>
    public static double Of(Geometry a, Geometry b)
    {
        if (a is Polygon { NumInteriorRings: 0 } pa && b is Polygon { NumInteriorRings: 0 } pb && pa.ExteriorRing.NumPoints * pb.ExteriorRing.NumPoints <= MaxEdgePairs)
        {
            var area = TryOfRings(pa.ExteriorRing.Coordinates, pb.ExteriorRing.Coordinates);
            if (area is { } known)
            {
                return known;
            }
        }

        return Shares.Intersection(a, b).Area;
    }

    /// <summary>The area two closed rings enclose together, or null when they touch in a way only an overlay settles.</summary>
    internal static double? TryOfRings(Coordinate[] a, Coordinate[] b)
    {
        // Coordinates relative to one vertex, so that the cross products of lon/lat near (116, 39) keep their digits.
        var (ox, oy) = (a[0].X, a[0].Y);
        var ax = new double[a.Length];
        var ay = new double[a.Length];
        var bx = new double[b.Length];
        var by = new double[b.Length];
        for (var i = 0; i < a.Length; i++)
        {
            (ax[i], ay[i]) = (a[i].X - ox, a[i].Y - oy);
        }

        for (var j = 0; j < b.Length; j++)
        {
            (bx[j], by[j]) = (b[j].X - ox, b[j].Y - oy);
        }

        var signA = Math.Sign(SignedArea(ax, ay));
        var signB = Math.Sign(SignedArea(bx, by));
        if (signA == 0 || signB == 0)
        {
            return null;
        }

        // Every crossing: on edge i of A at parameter t, on edge j of B at parameter u, at one point (x, y).
        var crossings = new List<(int I, double T, int J, double U, double X, double Y)>();
        for (var i = 0; i < ax.Length - 1; i++)
        {
            var (px, py, qx, qy) = (ax[i], ay[i], ax[i + 1], ay[i + 1]);
            var (minX, maxX, minY, maxY) = (Math.Min(px, qx), Math.Max(px, qx), Math.Min(py, qy), Math.Max(py, qy));
            for (var j = 0; j < bx.Length - 1; j++)
            {
                var (rx, ry, sx, sy) = (bx[j], by[j], bx[j + 1], by[j + 1]);
                if (Math.Max(rx, sx) < minX || Math.Min(rx, sx) > maxX || Math.Max(ry, sy) < minY || Math.Min(ry, sy) > maxY)
                {
                    continue;
                }

                var d1 = Cross(rx, ry, sx, sy, px, py);
                var d2 = Cross(rx, ry, sx, sy, qx, qy);
                var d3 = Cross(px, py, qx, qy, rx, ry);
                var d4 = Cross(px, py, qx, qy, sx, sy);
                if (d1 == 0 || d2 == 0 || d3 == 0 || d4 == 0)
                {
                    return null;
                }

                if ((d1 > 0) != (d2 > 0) && (d3 > 0) != (d4 > 0))
                {
                    var t = d1 / (d1 - d2);
                    crossings.Add((i, t, j, d3 / (d3 - d4), px + (t * (qx - px)), py + (t * (qy - py))));
                }
            }
        }

        var alongA = crossings.Select(c => (Edge: c.I, Parameter: c.T, c.X, c.Y));
        var alongB = crossings.Select(c => (Edge: c.J, Parameter: c.U, c.X, c.Y));
        var insideB = InsideParts(ax, ay, alongA, Contains(bx, by, ax[0], ay[0]));
        var insideA = InsideParts(bx, by, alongB, Contains(ax, ay, bx[0], by[0]));
        if (insideA is null || insideB is null)
        {
            return null;
        }

        var area = ((signA * insideB.Value) + (signB * insideA.Value)) / 2;
        return Math.Clamp(area, 0, Math.Min(Math.Abs(SignedArea(ax, ay)), Math.Abs(SignedArea(bx, by))));
    }

    /// <summary>
    /// Twice the area integral along the parts of a ring inside the other polygon: the ring is walked edge by edge,
    /// in or out from its first vertex, switching at each crossing. Null when the walk does not end as it began
    /// (a crossing rounded away), so the caller falls back to an overlay.
    /// </summary>
    private static double? InsideParts(double[] x, double[] y, IEnumerable<(int Edge, double Parameter, double X, double Y)> crossings, bool? startsInside)
    {
        if (startsInside is not { } inside)
        {
            return null;
        }

        var start = inside;
        var byEdge = crossings.ToLookup(c => c.Edge);
        var sum = 0.0;
        for (var i = 0; i < x.Length - 1; i++)
        {
            var (fromX, fromY) = (x[i], y[i]);
            foreach (var crossing in byEdge[i].OrderBy(c => c.Parameter))
            {
                if (inside)
                {
                    sum += (fromX * crossing.Y) - (crossing.X * fromY);
                }

                (fromX, fromY, inside) = (crossing.X, crossing.Y, !inside);
            }

            if (inside)
            {
                sum += (fromX * y[i + 1]) - (x[i + 1] * fromY);
            }
        }

        return inside == start ? sum : null;
    }

    /// <summary>Whether a point is inside a ring (crossing number); null when it lies on an edge.</summary>
    private static bool? Contains(double[] x, double[] y, double px, double py)
    {
        var inside = false;
        for (var i = 0; i < x.Length - 1; i++)
        {
            var (x1, y1, x2, y2) = (x[i], y[i], x[i + 1], y[i + 1]);
            if ((y1 > py) != (y2 > py))
            {
                var side = Cross(x1, y1, x2, y2, px, py);
                if (side == 0)
                {
                    return null;
                }

                // Upward edges count when the point is left of them, downward ones when it is right.
                if ((side > 0) == (y2 > y1))
                {
                    inside = !inside;
                }
            }
            else if (y1 == py && y2 == py && Math.Min(x1, x2) <= px && px <= Math.Max(x1, x2))
            {
                return null;
            }
        }

        return inside;
    }

    private static double SignedArea(double[] x, double[] y)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length - 1; i++)
        {
            sum += (x[i] * y[i + 1]) - (x[i + 1] * y[i]);
        }

        return sum / 2;
    }

    /// <summary>Twice the signed area of triangle (a, b, c): positive when c is left of a → b.</summary>
    private static double Cross(double ax, double ay, double bx, double by, double cx, double cy) =>
        ((bx - ax) * (cy - ay)) - ((by - ay) * (cx - ax));
}
