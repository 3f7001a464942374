using EcoPlan.Core.Indicators.GepR;
using static EcoPlan.Cli.Indicators.GeprFormat;

namespace EcoPlan.Cli.Indicators;

/// <summary>A compensation table as <c>ecoplan gepr compensate</c> prints it.</summary>
internal static class CompensationOutput
{
    /// <summary>The compensation table and who pays whom, tab-separated.</summary>
    public static async Task WriteAsync(TextWriter output, CompensationResult result, CancellationToken cancellationToken)
    {
        var rules = result.Rules;
        var mode = rules.Mode == CompensationMode.Horizontal ? "horizontal" : "vertical";
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Compensation for {result.Year} ({mode}). {rules.Label}"));
        if (rules.Source is { } source)
        {
            await output.WriteLineAsync($"Rule source: {source}");
        }

        var terms = rules.Mode == CompensationMode.Horizontal
            ? $"rate {Quantity(rules.Rate!.Value)} yuan per yuan of shortfall; growth target {(rules.GrowthTarget is { } t ? Percent(t) : "per district")}{(rules.GrowthTargets.Count > 0 && rules.GrowthTarget is not null ? $", {rules.GrowthTargets.Count.ToString(CultureInfo.InvariantCulture)} set per district" : "")}"
            : $"fund {Yuan((long)rules.Fund!.Value)} 元 from {rules.FundPayer}, allocated by {(rules.AllocateBy == AllocationBasis.Share ? "GEP-R share" : "GEP-R growth")}";
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"GEP-R at {result.PriceBaseYear} prices; growth {result.PreviousYear}→{result.Year}; {terms}. Amounts in whole 元."));
        if (result.Notice is { } notice)
        {
            await output.WriteLineAsync(notice);
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"region\tname\tGEP-R {result.PreviousYear}\tGEP-R {result.Year}\tchange\tgrowth\ttarget\ttarget change\tshortfall\tsurplus\tpays\treceives"));
        foreach (var d in result.Districts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await output.WriteLineAsync(string.Join('\t',
                d.RegionCode, d.RegionName,
                d.Previous is { } p ? Money(p) : "-", Money(d.Current),
                d.Delta is { } delta ? Signed(Money(delta), delta) : "-",
                d.Growth is { } g ? Signed(Percent(g), g) : "-",
                d.TargetRate is { } tr ? Percent(tr) : "-",
                d.TargetDelta is { } td ? Money(td) : "-",
                Money(d.Shortfall), Money(d.Surplus), Yuan(d.Pays), Yuan(d.Receives)));
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync("Who pays whom (元):");
        await output.WriteLineAsync("from\tname\tto\tname\tamount");
        foreach (var transfer in result.Transfers)
        {
            await output.WriteLineAsync(string.Join('\t', transfer.FromCode, transfer.FromName, transfer.ToCode, transfer.ToName, Yuan(transfer.Amount)));
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Paid {Yuan(result.TotalPaid)} 元 = received {Yuan(result.TotalReceived)} 元{(result.Undistributed > 0 ? $"; {Yuan(result.Undistributed)} 元 of the fund not allocated" : "")}."));
    }

    /// <summary>The rule, per district what it pays and receives, and the transfers, as one JSON object.</summary>
    public static string Json(CompensationResult result) => GeprFormat.Json(w =>
    {
        var rules = result.Rules;
        w.WriteStartObject();
        w.WriteString("mode", rules.Mode == CompensationMode.Horizontal ? "horizontal" : "vertical");
        w.WriteString("label", rules.Label);
        w.WriteBoolean("official", false);
        w.WriteString("source", rules.Source);
        w.WriteNumber("year", result.Year);
        w.WriteNumber("previous_year", result.PreviousYear);
        w.WriteNumber("price_base_year", result.PriceBaseYear);
        RawOrNull(w, "rate", rules.Rate is { } rate ? Quantity(rate) : null);
        RawOrNull(w, "fund", rules.Fund is { } fund ? Quantity(fund) : null);
        w.WriteString("allocate_by", rules.AllocateBy switch { AllocationBasis.Share => "share", AllocationBasis.Growth => "growth", null => null });
        w.WriteString("notice", result.Notice);
        WriteObjects(w, "districts", result.Districts, d =>
        {
            w.WriteString("region_code", d.RegionCode);
            w.WriteString("region_name", d.RegionName);
            RawOrNull(w, "previous", d.Previous is { } p ? Money(p) : null);
            Raw(w, "current", Money(d.Current));
            RawOrNull(w, "change", d.Delta is { } delta ? Money(delta) : null);
            RawOrNull(w, "growth", d.Growth is { } g ? Ratio(g) : null);
            RawOrNull(w, "target", d.TargetRate is { } t ? Quantity(t) : null);
            RawOrNull(w, "target_change", d.TargetDelta is { } td ? Money(td) : null);
            Raw(w, "shortfall", Money(d.Shortfall));
            Raw(w, "surplus", Money(d.Surplus));
            Raw(w, "exact_payment", Money(d.ExactPayment));
            w.WriteNumber("pays", d.Pays);
            w.WriteNumber("receives", d.Receives);
        });
        WriteObjects(w, "transfers", result.Transfers, t =>
        {
            w.WriteString("from_code", t.FromCode);
            w.WriteString("from_name", t.FromName);
            w.WriteString("to_code", t.ToCode);
            w.WriteString("to_name", t.ToName);
            w.WriteNumber("amount", t.Amount);
        });
        w.WriteNumber("total_paid", result.TotalPaid);
        w.WriteNumber("total_received", result.TotalReceived);
        w.WriteNumber("undistributed", result.Undistributed);
        w.WriteEndObject();
    });
}
