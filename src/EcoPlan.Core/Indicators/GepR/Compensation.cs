using System.Globalization;
using System.Text;
using System.Text.Json;

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

/// <summary>Reads a rules file (JSON) and checks it; a problem is reported with its line and column.</summary>
public static class CompensationRulesFile
{
    /// <summary>An example for each mode, as <c>ecoplan gepr template rules</c> writes it.</summary>
    public static string Template => """
        {
          "label": "可配置规则；北京市官方补偿公式未公开（未经确认）。",
          "source": "示例数值，不是政策：请换成本地政府采用的规则。",
          "mode": "horizontal",
          "year": null,
          "price_base_year": null,
          "rate": 0.1,
          "growth_target": 0.03,
          "growth_targets": { "110119": 0.05 },
          "fund": null,
          "allocate_by": null
        }

        """.Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>Parses and checks a rules file: mode and its settings, rates and targets in range, district codes known.</summary>
    public static (CompensationRules? Rules, GepRInputError? Error) Read(string text, string file, IReadOnlyDictionary<string, string> regions)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(regions);
        CompensationRules? rules;
        try
        {
            rules = JsonSerializer.Deserialize<CompensationRules>(text, DataFileJson.Options);
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0) + 1;
            var column = (int)(ex.BytePositionInLine ?? 0) + 1;
            var message = ex.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0];
            return (null, new GepRInputError(file, line, column, Localization.CoreText.Get("Rules_Invalid", message)));
        }

        if (rules is null)
        {
            return (null, new GepRInputError(file, 1, 1, Localization.CoreText.Get("Rules_Empty")));
        }

        GepRInputError At(string property, string message)
        {
            var (line, column) = Locate(text, property);
            return new GepRInputError(file, line, column, $"{property}: {message}");
        }

        if (rules.Year is < 1981 or > 2100)
        {
            return (null, At("year", Localization.CoreText.Get("Rules_YearRange")));
        }

        switch (rules.Mode)
        {
            case CompensationMode.Horizontal:
                if (rules.Rate is null)
                {
                    return (null, At("mode", Localization.CoreText.Get("Rules_HorizontalRate")));
                }

                if (rules.Rate < 0)
                {
                    return (null, At("rate", Localization.CoreText.Get("Rules_NotNegative")));
                }

                if (rules.GrowthTarget is null && rules.GrowthTargets.Count == 0)
                {
                    return (null, At("mode", Localization.CoreText.Get("Rules_HorizontalTarget")));
                }

                if (rules.GrowthTarget is <= -1)
                {
                    return (null, At("growth_target", Localization.CoreText.Get("Rules_GrowthAboveMinusOne")));
                }

                foreach (var (code, target) in rules.GrowthTargets)
                {
                    if (!regions.ContainsKey(code))
                    {
                        return (null, At(code, Localization.CoreText.Get("Rules_UnknownRegionInTargets")));
                    }

                    if (target <= -1)
                    {
                        return (null, At(code, Localization.CoreText.Get("Rules_TargetAboveMinusOne")));
                    }
                }

                break;
            case CompensationMode.Vertical:
                if (rules.Fund is null || rules.AllocateBy is null)
                {
                    return (null, At("mode", Localization.CoreText.Get("Rules_VerticalNeeds")));
                }

                if (rules.Fund < 0 || rules.Fund != decimal.Truncate(rules.Fund.Value) || rules.Fund > long.MaxValue / 2)
                {
                    return (null, At("fund", Localization.CoreText.Get("Rules_FundWhole")));
                }

                if (!regions.ContainsKey(rules.FundPayer))
                {
                    return (null, At("fund_payer", Localization.CoreText.Get("Rules_UnknownRegion", rules.FundPayer)));
                }

                break;
        }

        return (rules, null);
    }

    /// <summary>The 1-based line and column of the first <c>"property"</c> in the text, or 1:1.</summary>
    private static (int Line, int Column) Locate(string text, string property)
    {
        var index = text.IndexOf($"\"{property}\"", StringComparison.Ordinal);
        if (index < 0)
        {
            return (1, 1);
        }

        var line = 1 + text.AsSpan(0, index).Count('\n');
        var lineStart = text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        return (line, Encoding.UTF8.GetByteCount(text.AsSpan(lineStart, index - lineStart)) + 1);
    }
}

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

/// <summary>
/// The compensation mechanism as configurable rules (see <see cref="CompensationRules"/>: not the official formula).
/// Amounts are rounded to the yuan by largest remainder so that payments, receipts and the table balance exactly.
/// </summary>
public static class CompensationCalculator
{
    /// <summary>
    /// Horizontal: Δ_i = current − previous; target Δ_i = target rate × previous; a district below target pays
    /// k × (target Δ − Δ) into the pool, a district above it receives from the pool in proportion to (Δ − target Δ).
    /// The pool is the sum of the payments rounded to the yuan; when no district is above its target nobody pays.
    /// </summary>
    public static IReadOnlyList<DistrictCompensation> Horizontal(IReadOnlyList<DistrictGepR> districts, CompensationRules rules, out IReadOnlyList<Transfer> transfers, out string? notice)
    {
        ArgumentNullException.ThrowIfNull(districts);
        ArgumentNullException.ThrowIfNull(rules);
        var rate = rules.Rate ?? throw new GepRException("Horizontal compensation needs a rate.");
        var rows = new List<(DistrictGepR D, decimal Delta, decimal Target, decimal TargetDelta, decimal Shortfall, decimal Surplus, decimal Exact)>();
        foreach (var d in districts)
        {
            if (d.Previous is not { } previous)
            {
                throw new GepRException(Localization.CoreText.Get("Compensation_NoPreviousYear", d.RegionCode, d.RegionName));
            }

            var target = rules.TargetOf(d.RegionCode) ?? throw new GepRException(Localization.CoreText.Get("Compensation_NoTarget", d.RegionCode, d.RegionName));
            var delta = d.Current - previous;
            var targetDelta = target * previous;
            var shortfall = Math.Max(0, targetDelta - delta);
            var surplus = Math.Max(0, delta - targetDelta);
            rows.Add((d, delta, target, targetDelta, shortfall, surplus, rate * shortfall));
        }

        notice = null;
        var pays = new long[rows.Count];
        var receives = new long[rows.Count];
        var surplusTotal = rows.Sum(r => r.Surplus);
        var exactTotal = rows.Sum(r => r.Exact);
        if (surplusTotal == 0)
        {
            notice = exactTotal > 0 ? Localization.CoreText.Get("Compensation_NoReceiver") : Localization.CoreText.Get("Compensation_NoneShortOrOver");
        }
        else if (exactTotal == 0)
        {
            notice = Localization.CoreText.Get("Compensation_NobodyPays");
        }
        else
        {
            var pool = (long)decimal.Round(exactTotal, 0, MidpointRounding.AwayFromZero);
            pays = LargestRemainder.Apportion(pool, rows.Select(r => r.Exact).ToList());
            receives = LargestRemainder.Apportion(pool, rows.Select(r => r.Surplus).ToList());
        }

        transfers = Table(rows.Select(r => r.D).ToList(), pays, receives);
        return rows.Select((r, i) => new DistrictCompensation(r.D.RegionCode, r.D.RegionName, r.D.Previous, r.D.Current, r.Delta,
                r.D.Previous == 0 ? null : r.Delta / r.D.Previous, r.Target, r.TargetDelta, r.Shortfall, r.Surplus, r.Exact, pays[i], receives[i]))
            .ToList();
    }

    /// <summary>Vertical: the fund (whole yuan) is split by GEP-R (share) or by positive growth, largest remainder; the fund payer pays each district.</summary>
    public static IReadOnlyList<DistrictCompensation> Vertical(IReadOnlyList<DistrictGepR> districts, CompensationRules rules, string payerName, out IReadOnlyList<Transfer> transfers, out long undistributed, out string? notice)
    {
        ArgumentNullException.ThrowIfNull(districts);
        ArgumentNullException.ThrowIfNull(rules);
        var fund = (long)(rules.Fund ?? throw new GepRException("Vertical compensation needs a fund."));
        var basis = rules.AllocateBy ?? throw new GepRException("Vertical compensation needs allocate_by.");
        if (basis == AllocationBasis.Growth && districts.FirstOrDefault(d => d.Previous is null) is { } lacking)
        {
            throw new GepRException(Localization.CoreText.Get("Compensation_NoPreviousYearGrowth", lacking.RegionCode, lacking.RegionName));
        }

        var weights = districts.Select(d => basis switch
        {
            AllocationBasis.Share => Math.Max(0, d.Current),
            AllocationBasis.Growth => Math.Max(0, d.Current - d.Previous!.Value),
        }).ToList();
        notice = null;
        undistributed = 0;
        long[] receives;
        if (fund > 0 && weights.Sum() == 0)
        {
            notice = basis == AllocationBasis.Growth ? Localization.CoreText.Get("Compensation_NoGrowth") : Localization.CoreText.Get("Compensation_NoPositive");
            undistributed = fund;
            receives = new long[districts.Count];
        }
        else
        {
            receives = LargestRemainder.Apportion(fund, weights);
        }

        var payer = rules.FundPayer;
        transfers = districts.Select((d, i) => new Transfer(payer, payerName, d.RegionCode, d.RegionName, receives[i])).Where(t => t.Amount > 0).ToList();
        return districts.Select((d, i) => new DistrictCompensation(d.RegionCode, d.RegionName, d.Previous, d.Current,
                d.Current - d.Previous, d.Previous is null or 0 ? null : (d.Current - d.Previous) / d.Previous, null, null, 0, 0, 0, 0, receives[i]))
            .ToList();
    }

    /// <summary>
    /// Computes the compensation from GEP-R accounts: the assessed year (the rules' or the latest), the year before,
    /// GEP-R at the price base year's prices (the rules' or the year before). Needs a report built with that base year.
    /// </summary>
    public static CompensationResult Compute(GepRReport report, CompensationRules rules, IReadOnlyDictionary<string, string> regionNames)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(regionNames);
        var year = AssessedYear(report, rules);
        var baseYear = report.BaseYear ?? throw new GepRException("Compensation compares GEP-R at one year's prices; build the report with a base year.");
        var codes = report.Regions.Where(r => r.Year == year).Select(r => r.RegionCode).Order(StringComparer.Ordinal).ToList();
        if (codes.Count == 0)
        {
            throw new GepRException(Localization.CoreText.Get("Compensation_NoYear", year.ToString(CultureInfo.InvariantCulture)));
        }

        var missing = rules.GrowthTargets.Keys.Where(k => !codes.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw new GepRException(Localization.CoreText.Get("Compensation_TargetsWithoutData", string.Join(", ", missing), year.ToString(CultureInfo.InvariantCulture)));
        }

        var districts = codes.Select(c => new DistrictGepR(c, regionNames.TryGetValue(c, out var n) ? n : c, report.MeasureOf(c, year - 1), report.MeasureOf(c, year)!.Value)).ToList();
        string? notice;
        IReadOnlyList<Transfer> transfers;
        IReadOnlyList<DistrictCompensation> rows;
        long undistributed = 0;
        switch (rules.Mode)
        {
            case CompensationMode.Horizontal:
                rows = Horizontal(districts, rules, out transfers, out notice);
                break;
            case CompensationMode.Vertical:
                rows = Vertical(districts, rules, regionNames.TryGetValue(rules.FundPayer, out var payer) ? payer : rules.FundPayer, out transfers, out undistributed, out notice);
                break;
            default:
                throw new GepRException($"Unknown mode {rules.Mode}.");
        }

        return new CompensationResult(rules, year, year - 1, baseYear, rows, transfers, notice) { Undistributed = undistributed };
    }

    /// <summary>The year assessed: the rules' year, else the latest year in the report.</summary>
    public static int AssessedYear(GepRReport report, CompensationRules rules)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.Year is { } y)
        {
            return y;
        }

        return report.Regions.Count == 0 ? throw new GepRException(Localization.CoreText.Get("Compensation_NoData")) : report.Regions.Max(r => r.Year);
    }

    /// <summary>
    /// The who-pays-whom table with integer margins: payer by payer, its payment is apportioned (largest remainder)
    /// over the receivers in proportion to what each still has to receive, capped at that; the last payer's share is
    /// exactly what is left, so every row sums to the payment and every column to the receipt.
    /// </summary>
    internal static List<Transfer> Table(IReadOnlyList<DistrictGepR> districts, IReadOnlyList<long> pays, IReadOnlyList<long> receives)
    {
        var remaining = receives.ToArray();
        var transfers = new List<Transfer>();
        for (var i = 0; i < districts.Count; i++)
        {
            if (pays[i] == 0)
            {
                continue;
            }

            var shares = LargestRemainder.Apportion(pays[i], remaining.Select(r => (decimal)r).ToList(), remaining);
            for (var j = 0; j < districts.Count; j++)
            {
                if (shares[j] > 0)
                {
                    transfers.Add(new Transfer(districts[i].RegionCode, districts[i].RegionName, districts[j].RegionCode, districts[j].RegionName, shares[j]));
                    remaining[j] -= shares[j];
                }
            }
        }

        return transfers;
    }
}
