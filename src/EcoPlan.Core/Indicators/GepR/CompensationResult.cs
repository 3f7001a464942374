namespace EcoPlan.Core.Indicators.GepR;

/// <summary>A district's GEP-R in the assessed year and, where known, the year before (in one price basis).</summary>
public sealed record DistrictGepR(string RegionCode, string RegionName, decimal? Previous, decimal Current);

/// <summary>A district's line in the compensation table; amounts paid and received in whole yuan.</summary>
public sealed record DistrictCompensation(
    string RegionCode,
    string RegionName,
    decimal? Previous,
    decimal Current,
    decimal? Delta,
    decimal? Growth,
    decimal? TargetRate,
    decimal? TargetDelta,
    decimal Shortfall,
    decimal Surplus,
    decimal ExactPayment,
    long Pays,
    long Receives);

/// <summary>One payment of the who-pays-whom table, in whole yuan.</summary>
public sealed record Transfer(string FromCode, string FromName, string ToCode, string ToName, long Amount);

/// <summary>The compensation table: per district what it pays and receives, and who pays whom; paid = received to the yuan.</summary>
public sealed record CompensationResult(
    CompensationRules Rules,
    int Year,
    int PreviousYear,
    int PriceBaseYear,
    IReadOnlyList<DistrictCompensation> Districts,
    IReadOnlyList<Transfer> Transfers,
    string? Notice)
{
    public long TotalPaid => Rules.Mode == CompensationMode.Vertical ? (long)Rules.Fund!.Value - Undistributed : Districts.Sum(d => d.Pays);
    public long TotalReceived => Districts.Sum(d => d.Receives);

    /// <summary>Vertical only: the part of the fund not allocated (all of it when no district qualifies).</summary>
    public long Undistributed { get; init; }
}

/// <summary>What a mode's calculation gives: per district what it pays and receives, who pays whom, and a notice when nobody pays or receives.</summary>
public sealed record CompensationShares(IReadOnlyList<DistrictCompensation> Districts, IReadOnlyList<Transfer> Transfers, string? Notice)
{
    /// <summary>Vertical only: the part of the fund not allocated (all of it when no district qualifies).</summary>
    public long Undistributed { get; init; }
}
