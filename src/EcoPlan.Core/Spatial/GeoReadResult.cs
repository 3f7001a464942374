using EcoPlan.Core.Import.Documents;
using NetTopologySuite.Geometries;

namespace EcoPlan.Core.Spatial;

/// <summary>
/// One feature of a clue or boundary file: its geometry as the file has it (<see cref="Source"/>, SRID of the file's
/// system) and in longitude/latitude (<see cref="LonLat"/>, SRID 4326), its attributes by name (case-insensitive;
/// values as text, numbers in invariant culture). <see cref="Position"/> says where it is in the file ("第 3 个要素",
/// "第 7 行"). A feature whose geometry is invalid (a self-intersection) is kept, with a problem at its position and
/// <see cref="Repaired"/> = NetTopologySuite's GeometryFixer result; the intake decides whether to take it.
/// </summary>
public sealed record GeoFeature(int Index, string Position, Geometry LonLat, Geometry Source, IReadOnlyDictionary<string, string?> Attributes, Geometry? Repaired = null)
{
    public bool IsValid => Repaired is null;

    /// <summary>The first attribute among <paramref name="names"/> (case-insensitive) with a non-blank value, trimmed.</summary>
    public string? Attribute(params string[] names)
    {
        foreach (var name in names)
        {
            if (Attributes.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }
        }

        return null;
    }
}

/// <summary>A problem found while reading: where (a feature, a row, a cell, or the file name for the whole file), which field if one, and why, in the current language.</summary>
public sealed record GeoProblem(string Position, string? Field, string Message);

/// <summary>
/// What a file held: its coordinate system (null when none could be told, with a problem saying so), the features
/// that could be read, and every problem. A feature with an empty, out-of-range or unsupported geometry is left out
/// and only its problem kept. <see cref="Layer"/> names the shapefile layer read from a zip of several.
/// </summary>
public sealed record GeoReadResult(CoordinateSystem? Crs, IReadOnlyList<GeoFeature> Features, IReadOnlyList<GeoProblem> Problems)
{
    public string? Layer { get; init; }

    /// <summary>What a person should know that is no problem ("read the only polygon layer parcels.shp of three").</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public bool HasProblems => Problems.Count > 0;

    public static GeoReadResult FileProblem(string fileName, string message) => new(null, [], [new GeoProblem(fileName, null, message)]);
}

/// <summary>
/// How much a clue or boundary file may hold. The defaults take a batch of 200 000 features of 50 vertices each;
/// a zip (shapefile, KMZ, xlsx) is read under <see cref="Zip"/>, its parts counted while they inflate.
/// </summary>
public sealed record GeoReadOptions
{
    public static GeoReadOptions Default { get; } = new();

    /// <summary>Bytes of the file as sent.</summary>
    public long MaxFileBytes { get; init; } = 256L * 1024 * 1024;

    public int MaxFeatures { get; init; } = 200_000;

    /// <summary>Coordinates summed over every feature.</summary>
    public long MaxVertices { get; init; } = 20_000_000;

    public ZipLimits Zip { get; init; } = ZipLimits.Default with { MaxInflatedBytes = 512L * 1024 * 1024, MaxXmlElements = 20_000_000, MaxTextCharacters = 400_000_000, MaxCells = 2_000_000 };

    /// <summary>The system to take when the file says nothing (a csv of 6-digit eastings); a file that names its system is read in that one.</summary>
    public CoordinateSystem? AssumedCrs { get; init; }
}

/// <summary>A whole-file refusal inside a reader (not a geo file, damaged, too large, unknown system): becomes the one problem of the result.</summary>
internal sealed class GeoFileException(string message) : Exception(message);
