namespace EcoPlan.Core.Indicators.GepR;

/// <summary>Horizontal: district to district through a pool; vertical: a fund from above allocated to the districts.</summary>
public enum CompensationMode
{
    Horizontal,
    Vertical,
}

/// <summary>How a vertical fund is split: by each district's GEP-R (its share of the total) or by its growth (positive Δ only).</summary>
public enum AllocationBasis
{
    Share,
    Growth,
}

/// <summary>
/// A compensation rule. <b>This is a configurable rule, not Beijing's formula</b>: the official formula is not public
/// (methods note §4.1, "The calculation rule was NOT FOUND"); the horizontal form follows the note's HYPOTHESIS
/// Payment_i = k·max(0, Target ΔGEP-R_i − Actual ΔGEP-R_i), pooled and redistributed in proportion to the surplus.
/// </summary>
public sealed record CompensationRules
{
    public const string DefaultLabel = "可配置规则；北京市官方补偿公式未公开（未经确认）。";

    public required CompensationMode Mode { get; init; }

    /// <summary>Shown with every result; says the rule is configurable, not official.</summary>
    public string Label { get; init; } = DefaultLabel;
    public string? Source { get; init; }

    /// <summary>The year assessed (default: the latest year in the data); its growth is measured from the year before.</summary>
    public int? Year { get; init; }

    /// <summary>GEP-R is compared at this year's prices (default: the year before the assessed one).</summary>
    public int? PriceBaseYear { get; init; }

    /// <summary>Horizontal: yuan paid into the pool per yuan of shortfall (the note's k).</summary>
    public decimal? Rate { get; init; }

    /// <summary>Horizontal: the growth target for every district (0.03 = 3 % over the previous year's GEP-R).</summary>
    public decimal? GrowthTarget { get; init; }

    /// <summary>Horizontal: targets per district code, overriding <see cref="GrowthTarget"/>.</summary>
    public IReadOnlyDictionary<string, decimal> GrowthTargets { get; init; } = new Dictionary<string, decimal>();

    /// <summary>Vertical: the fund in whole yuan.</summary>
    public decimal? Fund { get; init; }

    /// <summary>Vertical: who pays the fund (a region code; default 110000 北京市).</summary>
    public string FundPayer { get; init; } = "110000";
    public AllocationBasis? AllocateBy { get; init; }

    /// <summary>The growth target of a district, or null when it has none.</summary>
    public decimal? TargetOf(string regionCode) =>
        GrowthTargets.TryGetValue(regionCode, out var target) ? target : GrowthTarget;
}
