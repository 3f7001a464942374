namespace EcoPlan.Core.Indicators.GepR;

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
    public static CompensationShares Horizontal(IReadOnlyList<DistrictGepR> districts, CompensationRules rules)
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

        string? notice = null;
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

        var lines = rows.Select((r, i) => new DistrictCompensation(r.D.RegionCode, r.D.RegionName, r.D.Previous, r.D.Current, r.Delta,
                r.D.Previous == 0 ? null : r.Delta / r.D.Previous, r.Target, r.TargetDelta, r.Shortfall, r.Surplus, r.Exact, pays[i], receives[i]))
            .ToList();
        return new CompensationShares(lines, Table(rows.Select(r => r.D).ToList(), pays, receives), notice);
    }

    /// <summary>Vertical: the fund (whole yuan) is split by GEP-R (share) or by positive growth, largest remainder; the fund payer pays each district.</summary>
    public static CompensationShares Vertical(IReadOnlyList<DistrictGepR> districts, CompensationRules rules, string payerName)
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
        string? notice = null;
        long undistributed = 0;
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
        var transfers = districts.Select((d, i) => new Transfer(payer, payerName, d.RegionCode, d.RegionName, receives[i])).Where(t => t.Amount > 0).ToList();
        var lines = districts.Select((d, i) => new DistrictCompensation(d.RegionCode, d.RegionName, d.Previous, d.Current,
                d.Current - d.Previous, d.Previous is null or 0 ? null : (d.Current - d.Previous) / d.Previous, null, null, 0, 0, 0, 0, receives[i]))
            .ToList();
        return new CompensationShares(lines, transfers, notice) { Undistributed = undistributed };
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
        var shares = rules.Mode switch
        {
            CompensationMode.Horizontal => Horizontal(districts, rules),
            CompensationMode.Vertical => Vertical(districts, rules, regionNames.TryGetValue(rules.FundPayer, out var payer) ? payer : rules.FundPayer),
            _ => throw new GepRException($"Unknown mode {rules.Mode}."),
        };
        return new CompensationResult(rules, year, year - 1, baseYear, shares.Districts, shares.Transfers, shares.Notice) { Undistributed = shares.Undistributed };
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
