namespace EcoPlan.Core.Regions;

/// <summary>An administrative division identified by its GB/T 2260 code (towns and streets use the 9-digit statistical code).</summary>
public sealed class Region
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public RegionLevel Level { get; set; }
    public int? ParentId { get; set; }
    public Region? Parent { get; set; }
    public List<Region> Children { get; set; } = [];
}

public enum RegionLevel
{
    /// <summary>省级: province or municipality directly under the central government (北京市).</summary>
    Province,
    /// <summary>地级: prefecture-level city.</summary>
    Prefecture,
    /// <summary>县级: county or district (通州区).</summary>
    County,
    /// <summary>乡级: town, township or street (宋庄镇, 中仓街道).</summary>
    Township,
}
