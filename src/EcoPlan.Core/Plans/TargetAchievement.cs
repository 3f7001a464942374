using EcoPlan.Core.Regions;

namespace EcoPlan.Core.Plans;

/// <summary>
/// The value a target reached in one region and year, entered by a coordinator (or, later, from progress reports).
/// <see cref="Weight"/> is the region's area, the weight of a percentage in the roll-up to the city.
/// </summary>
public sealed class TargetAchievement
{
    public int Id { get; set; }
    public int TargetId { get; set; }
    public Target? Target { get; set; }
    public int RegionId { get; set; }
    public Region? Region { get; set; }
    public int Year { get; set; }
    public decimal Value { get; set; }
    public decimal? Weight { get; set; }
    public required string Source { get; set; }
    public DateTime EnteredAt { get; set; }
    public string? EnteredBy { get; set; }
}
