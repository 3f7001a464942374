using System.Collections.Concurrent;
using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace EcoPlan.Core.Spatial;

/// <summary>
/// The coordinate reference systems clue and boundary files may use, and how one is recognised:
/// <list type="bullet">
/// <item>EPSG:4326 WGS 84 and EPSG:4490 CGCS2000, both geographic (longitude/latitude in degrees).</item>
/// <item>CGCS2000 3° Gauss-Krüger: zones 25–45 with the zone prefix in the easting, EPSG:4513–4533
/// (central meridian 3° × zone, false easting zone × 1e6 + 500 000), and the same meridians without the prefix,
/// EPSG:4534–4554 (false easting 500 000).</item>
/// <item>CGCS2000 6° Gauss-Krüger: zones 13–23 with the prefix, EPSG:4491–4501 (central meridian 6° × zone − 3°),
/// and without it, EPSG:4502–4512.</item>
/// </list>
/// CGCS2000 and WGS 84 differ by a few centimetres today (the ellipsoids' flattening differs in the 10th digit and
/// the frames by the plate motion since 2000), far below the accuracy of a clue 图斑, so lon/lat in CGCS2000 is
/// taken as lon/lat in WGS 84 with no datum shift and every output is SRID 4326.
/// The Gauss-Krüger projection is ProjNET's transverse Mercator on the CGCS2000 ellipsoid (a = 6 378 137 m,
/// 1/f = 298.257222101, scale 1, origin latitude 0, false northing 0); the tests hold it to PROJ's numbers within millimetres.
/// Anything else is refused by name (<see cref="UnsupportedMessage"/>).
/// </summary>
public static class CoordinateSystems
{
    public const int Wgs84 = 4326;
    public const int Cgcs2000 = 4490;

    /// <summary>The four EPSG ranges of the CGCS2000 Gauss-Krüger systems.</summary>
    private static readonly GaussKrugerRange[] s_ranges =
    [
        new(First: 4513, FirstZone: 25, Count: 21, Width: 3, Prefixed: true),
        new(First: 4534, FirstZone: 25, Count: 21, Width: 3, Prefixed: false),
        new(First: 4491, FirstZone: 13, Count: 11, Width: 6, Prefixed: true),
        new(First: 4502, FirstZone: 13, Count: 11, Width: 6, Prefixed: false),
    ];

    /// <summary>Systems often met in Chinese files, so a refusal names what the file is in rather than a bare number.</summary>
    private static readonly Dictionary<int, string> s_knownNames = new()
    {
        [3857] = "Web Mercator",
        [900913] = "Web Mercator",
        [102100] = "Web Mercator",
        [4214] = "Beijing 1954",
        [4610] = "Xian 1980",
    };

    private static readonly Envelope s_lonLatArea = new(-180, 180, -90, 90);
    private static readonly ConcurrentDictionary<int, CoordinateSystem> s_systems = new();
    private static readonly CoordinateSystemFactory s_factory = new();
    private static readonly Lazy<GeographicCoordinateSystem> s_cgcs2000 = new(CreateCgcs2000);

    /// <summary>Every EPSG code <see cref="FromEpsg"/> accepts, in ascending order.</summary>
    public static IReadOnlyList<int> SupportedCodes { get; } =
        [Wgs84, Cgcs2000, .. Enumerable.Range(4491, 4554 - 4491 + 1)];

    /// <summary>The system of <paramref name="code"/>, or null when EcoPlan does not support it.</summary>
    public static CoordinateSystem? FromEpsg(int code)
    {
        if (code is Wgs84 or Cgcs2000)
        {
            return s_systems.GetOrAdd(code, c => new CoordinateSystem(c, c == Wgs84 ? "WGS 84" : "China Geodetic Coordinate System 2000", null, null, s_lonLatArea));
        }

        var range = s_ranges.FirstOrDefault(r => code >= r.First && code < r.First + r.Count);
        return range is null ? null : s_systems.GetOrAdd(code, c => CreateGaussKruger(range, c - range.First));
    }

    /// <summary>
    /// The system a .prj (or any WKT1/WKT2 text) describes, or null when it is none EcoPlan supports. The EPSG code
    /// in AUTHORITY["EPSG",…] or ID["EPSG",…] of the outermost definition decides when present; otherwise the
    /// definition itself: a geographic system on the CGCS2000 or WGS 84 datum, or a transverse Mercator
    /// (Gauss_Kruger in Esri's files) on CGCS2000 with scale 1, origin latitude 0, false northing 0 and a central
    /// meridian and false easting of one of the Gauss-Krüger systems above.
    /// </summary>
    public static CoordinateSystem? FromPrj(string wkt)
    {
        ArgumentNullException.ThrowIfNull(wkt);
        var root = WktNode.TryParse(wkt);
        if (root is null)
        {
            return null;
        }

        if (root.AuthorityCode() is { } code)
        {
            return FromEpsg(code);
        }

        if (root.Is("GEOGCS", "GEOGCRS", "GEODCRS", "GEOGRAPHICCRS"))
        {
            return DatumOf(root) switch
            {
                DatumKind.Cgcs2000 => FromEpsg(Cgcs2000),
                DatumKind.Wgs84 => FromEpsg(Wgs84),
                _ => null,
            };
        }

        if (!root.Is("PROJCS", "PROJCRS", "PROJECTEDCRS"))
        {
            return null;
        }

        var baseCrs = root.Child("GEOGCS", "BASEGEOGCRS", "BASEGEODCRS");
        var method = root.Child("PROJECTION", "METHOD")?.Name ?? root.Child("CONVERSION")?.Child("METHOD")?.Name;
        if (baseCrs is null || DatumOf(baseCrs) != DatumKind.Cgcs2000 || method is null)
        {
            return null;
        }

        var normalisedMethod = Normalise(method);
        if (!normalisedMethod.Contains("transversemercator", StringComparison.Ordinal) && !normalisedMethod.Contains("gausskruger", StringComparison.Ordinal))
        {
            return null;
        }

        var parameters = root.Parameters();
        double Parameter(string name, double otherwise) => parameters.TryGetValue(name, out var v) ? v : otherwise;
        var centralMeridian = Parameter("centralmeridian", Parameter("longitudeofnaturalorigin", double.NaN));
        var falseEasting = Parameter("falseeasting", double.NaN);
        if (Parameter("scalefactor", Parameter("scalefactoratnaturalorigin", 1)) != 1
            || Parameter("latitudeoforigin", Parameter("latitudeofnaturalorigin", 0)) != 0
            || Parameter("falsenorthing", 0) != 0
            || double.IsNaN(centralMeridian) || double.IsNaN(falseEasting))
        {
            return null;
        }

        // A central meridian of both a 3° and a 6° system (81°, 87° …) without a prefix is the same projection
        // under two codes; the name says which one the author meant.
        var sixDegreeName = Normalise(root.Name).Contains("6degree", StringComparison.Ordinal);
        var candidates = s_ranges
            .SelectMany(r => Enumerable.Range(0, r.Count).Select(i => (Range: r, Index: i)))
            .Where(c => c.Range.CentralMeridian(c.Index) == centralMeridian && c.Range.FalseEasting(c.Index) == falseEasting)
            .OrderBy(c => (c.Range.Width == 6) == sixDegreeName ? 0 : 1)
            .ToList();
        return candidates.Count == 0 ? null : FromEpsg(candidates[0].Range.First + candidates[0].Index);
    }

    /// <summary>
    /// What a WKT says it is, for a refusal: "EPSG:3857 WGS 84 / Pseudo-Mercator" when it names its EPSG code,
    /// else its own name ("WGS_1984_Web_Mercator_Auxiliary_Sphere"), else a short start of the text.
    /// </summary>
    public static string Describe(string wkt)
    {
        ArgumentNullException.ThrowIfNull(wkt);
        var root = WktNode.TryParse(wkt);
        if (root is null)
        {
            var oneLine = wkt.ReplaceLineEndings(" ").Trim();
            return oneLine.Length > 60 ? oneLine[..60] + "…" : oneLine;
        }

        return root.AuthorityCode() is { } code ? $"EPSG:{code} {root.Name}" : root.Name;
    }

    /// <summary>"EPSG:3857 Web Mercator" for a code EcoPlan knows the name of, else "EPSG:n".</summary>
    public static string Describe(int code) => s_knownNames.TryGetValue(code, out var name) && FromEpsg(code) is null ? $"EPSG:{code} {name}" : $"EPSG:{code}";

    /// <summary>"EPSG:3857 Web Mercator 不受支持，支持 EPSG:4326、4490 和 CGCS2000 高斯-克吕格 3°/6° 分带 …" in the current language.</summary>
    public static string UnsupportedMessage(string what) => CoreText.Get("Crs_Unsupported", what);

    /// <summary>
    /// The system coordinates in <paramref name="extent"/> are most likely in, for a file that does not say;
    /// null when they do not tell. The rule: every x within −180…180 and every y within −90…90 → EPSG:4326;
    /// every x an 8-digit easting (10 000 000 ≤ x &lt; 100 000 000) with the same two leading digits Z and every y
    /// within 0…10 000 000 → the zone-prefixed system of zone Z (3° when Z is 25–45, 6° when Z is 13–23: the two
    /// ranges do not overlap, so the prefix alone decides); anything else (6-digit eastings, whose central meridian
    /// is unknown; mixed prefixes; a prefix of no zone) → null.
    /// </summary>
    public static CoordinateSystem? Guess(Envelope extent)
    {
        ArgumentNullException.ThrowIfNull(extent);
        if (extent.IsNull)
        {
            return null;
        }

        if (s_lonLatArea.Contains(extent))
        {
            return FromEpsg(Wgs84);
        }

        if (extent.MinX < 10_000_000 || extent.MaxX >= 100_000_000 || extent.MinY < 0 || extent.MaxY > 10_000_000)
        {
            return null;
        }

        var zone = (int)Math.Floor(extent.MinX / 1_000_000);
        if ((int)Math.Floor(extent.MaxX / 1_000_000) != zone)
        {
            return null;
        }

        var range = s_ranges.FirstOrDefault(r => r.Prefixed && zone >= r.FirstZone && zone < r.FirstZone + r.Count);
        return range is null ? null : FromEpsg(range.First + zone - range.FirstZone);
    }

    private static CoordinateSystem CreateGaussKruger(GaussKrugerRange range, int index)
    {
        var centralMeridian = range.CentralMeridian(index);
        var falseEasting = range.FalseEasting(index);
        var name = range.Prefixed
            ? $"CGCS2000 / {range.Width}-degree Gauss-Kruger zone {range.FirstZone + index}"
            : $"CGCS2000 / {range.Width}-degree Gauss-Kruger CM {centralMeridian}E";
        var projection = s_factory.CreateProjection(name, "Transverse_Mercator",
        [
            new ProjectionParameter("latitude_of_origin", 0),
            new ProjectionParameter("central_meridian", centralMeridian),
            new ProjectionParameter("scale_factor", 1),
            new ProjectionParameter("false_easting", falseEasting),
            new ProjectionParameter("false_northing", 0),
        ]);
        var geographic = s_cgcs2000.Value;
        var projected = s_factory.CreateProjectedCoordinateSystem(name, geographic, projection, LinearUnit.Metre,
            new AxisInfo("East", AxisOrientationEnum.East), new AxisInfo("North", AxisOrientationEnum.North));
        var transforms = new CoordinateTransformationFactory();
        // Two transforms rather than one inverted: ProjNET's Invert() flips the instance it is called on.
        var toLonLat = transforms.CreateFromCoordinateSystems(projected, geographic).MathTransform;
        var fromLonLat = transforms.CreateFromCoordinateSystems(geographic, projected).MathTransform;
        // 500 km either side of the false easting keeps a prefixed easting inside its zone's million.
        var validArea = new Envelope(falseEasting - 500_000, falseEasting + 499_999.999, 0, 10_000_000);
        return new CoordinateSystem(range.First + index, name, toLonLat, fromLonLat, validArea, centralMeridian, falseEasting);
    }

    private static GeographicCoordinateSystem CreateCgcs2000()
    {
        var ellipsoid = s_factory.CreateFlattenedSphere("CGCS2000", 6_378_137, 298.257222101, LinearUnit.Metre);
        var datum = s_factory.CreateHorizontalDatum("China_2000", DatumType.HD_Geocentric, ellipsoid, new Wgs84ConversionInfo());
        return s_factory.CreateGeographicCoordinateSystem("China Geodetic Coordinate System 2000", AngularUnit.Degrees, datum, PrimeMeridian.Greenwich,
            new AxisInfo("Lon", AxisOrientationEnum.East), new AxisInfo("Lat", AxisOrientationEnum.North));
    }

    private enum DatumKind { Other, Cgcs2000, Wgs84 }

    /// <summary>The datum of a geographic WKT node, by its name or else its ellipsoid.</summary>
    private static DatumKind DatumOf(WktNode geographic)
    {
        var datum = geographic.Child("DATUM", "GEODETICDATUM", "TRF") ?? geographic.Child("ENSEMBLE");
        var names = Normalise((datum?.Name ?? "") + " " + geographic.Name);
        if (names.Contains("china2000", StringComparison.Ordinal) || names.Contains("cgcs2000", StringComparison.Ordinal) || names.Contains("chinageodetic", StringComparison.Ordinal))
        {
            return DatumKind.Cgcs2000;
        }

        if (names.Contains("wgs1984", StringComparison.Ordinal) || names.Contains("wgs84", StringComparison.Ordinal) || names.Contains("worldgeodeticsystem1984", StringComparison.Ordinal))
        {
            return DatumKind.Wgs84;
        }

        return DatumKind.Other;
    }

    /// <summary>Lower case letters and digits only: "CGCS2000_3_Degree_GK" and "CGCS2000 / 3-degree" compare alike.</summary>
    private static string Normalise(string text) => new([.. text.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]);

    private sealed record GaussKrugerRange(int First, int FirstZone, int Count, int Width, bool Prefixed)
    {
        public double CentralMeridian(int index) => Width == 3 ? 3.0 * (FirstZone + index) : (6.0 * (FirstZone + index)) - 3;

        public double FalseEasting(int index) => Prefixed ? ((FirstZone + index) * 1_000_000.0) + 500_000 : 500_000;
    }
}
