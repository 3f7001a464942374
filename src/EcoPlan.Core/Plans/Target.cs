namespace EcoPlan.Core.Plans;

/// <summary>A quantitative commitment inside a measure: 森林覆盖率 ≥ 45%, 生态保育小区 100 处, EI 子指数不下降.</summary>
public sealed class Target
{
    public int Id { get; set; }
    public int MeasureId { get; set; }
    public Measure? Measure { get; set; }
    public required string Metric { get; set; }
    public string? Unit { get; set; }
    public TargetComparator Comparator { get; set; }
    public decimal? Value { get; set; }
    public decimal? Baseline { get; set; }

    /// <summary>The sentence of the measure the target was read from.</summary>
    public string? Evidence { get; set; }

    public List<TargetOwner> Owners { get; set; } = [];
}

public enum TargetComparator
{
    AtLeast,
    AtMost,
    Equal,
    Approximately,
    NotBelowBaseline,
}

/// <summary>A unit that answers for a target.</summary>
public sealed class TargetOwner
{
    public int TargetId { get; set; }
    public Target? Target { get; set; }
    public int OrganizationId { get; set; }
    public Organizations.Organization? Organization { get; set; }
}
