namespace EcoPlan.Core.LandCover;

/// <summary>
/// The six land types the EI sub-indices are built on, as one byte each so a row of classes maps to a row of types
/// through a 256-entry table. <see cref="None"/> is nodata or a product class the mapping leaves out: it counts
/// towards no area.
/// </summary>
public enum LandType : byte
{
    None = 0,
    Forest = 1,
    Grassland = 2,
    WaterWetland = 3,
    Cropland = 4,
    ArtificialSurface = 5,
    Unused = 6,
}

public static class LandTypes
{
    /// <summary>Number of codes including <see cref="LandType.None"/>; a (from, to) pair is <c>from × Stride + to</c>.</summary>
    public const int Count = 7;

    /// <summary>Row length of the transition table: 8 rather than 7 so the pair index is a shift.</summary>
    public const int Stride = 8;

    public const int Pairs = Stride * Stride;

    /// <summary>The six types, in the order the issue names them (and output lists them).</summary>
    public static IReadOnlyList<LandType> All { get; } =
        [LandType.Forest, LandType.Grassland, LandType.WaterWetland, LandType.Cropland, LandType.ArtificialSurface, LandType.Unused];

    /// <summary>The Chinese name, as the JSON output and the class files spell it (林地 …).</summary>
    public static string Name(LandType type) => type switch
    {
        LandType.Forest => "林地",
        LandType.Grassland => "草地",
        LandType.WaterWetland => "水域湿地",
        LandType.Cropland => "耕地",
        LandType.ArtificialSurface => "人工地表",
        LandType.Unused => "未利用地",
        LandType.None => "无数据",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>The type named <paramref name="name"/> (one of the six Chinese names), or null.</summary>
    public static LandType? Parse(string? name) => All.Cast<LandType?>().FirstOrDefault(t => Name(t!.Value) == name?.Trim());
}
