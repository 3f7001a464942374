using System.Text.Json;
using EcoPlan.Core.Indicators.GepR;
using static EcoPlan.Cli.Indicators.GeprFormat;

namespace EcoPlan.Cli.Indicators;

/// <summary>GEP-R accounts as <c>ecoplan gepr compute</c> prints them.</summary>
internal static class GeprReportOutput
{
    /// <summary>The accounts as tab-separated tables: the ledger, by region and year, by service, and the total.</summary>
    public static async Task WriteAsync(TextWriter output, GepRReport report, CancellationToken cancellationToken)
    {
        var years = report.Regions.Select(r => r.Year).Distinct().Order().ToList();
        var comparable = report.BaseYear is { } b ? Invariant(b) : null;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"GEP-R of {report.Regions.Select(r => r.RegionCode).Distinct().Count()} regions, {years.First()}–{years.Last()}; values in 元 at the prices in force each year{(comparable is null ? "" : $", and at {comparable} prices (comparable)")}."));
        var used = report.Lines.Select(l => l.Price).Concat(report.Lines.Select(l => l.ComparablePrice).OfType<PriceEntry>()).Distinct().ToList();
        var unconfirmed = used.Count(p => !p.Confirmed);
        if (unconfirmed > 0)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Prices: {unconfirmed} of the {used.Count} prices used are not confirmed (confirmed=false in the price table); see each price's note."));
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync("Ledger:");
        await output.WriteLineAsync("region\tname\tyear\tservice\titem\tquantity\tunit\tprice\tprice year\tvalue" + (comparable is null ? "" : $"\tat {comparable} prices"));
        foreach (var l in report.Lines.OrderBy(l => l.Quantity.RegionCode, StringComparer.Ordinal).ThenBy(l => l.Quantity.Year))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await output.WriteLineAsync(string.Join('\t',
                l.Quantity.RegionCode, l.RegionName, Invariant(l.Quantity.Year), l.Service.Name, l.Item.Key,
                Quantity(l.Quantity.Quantity), l.Quantity.Unit.Symbol, $"{Quantity(l.Price.Price)} {l.Price.UnitText}{(l.Price.Confirmed ? "" : " (unconfirmed)")}",
                Invariant(l.Price.PriceYear), Money(l.Value)) + (l.ComparableValue is { } cv ? "\t" + Money(cv) : ""));
        }

        var basis = comparable is null ? "at the prices in force" : $"at {comparable} prices";
        await output.WriteLineAsync();
        await output.WriteLineAsync($"By region and year (change and share {basis}):");
        await output.WriteLineAsync("region\tname\tyear\tGEP-R" + (comparable is null ? "" : $"\tat {comparable} prices") + "\tchange\tgrowth\tshare");
        foreach (var r in report.Regions)
        {
            await output.WriteLineAsync(string.Join('\t', r.RegionCode, r.RegionName, Invariant(r.Year), Money(r.Value))
                + (r.ComparableValue is { } cv ? "\t" + Money(cv) : "")
                + "\t" + ChangeText(r.Change) + "\t" + Percent(r.Share));
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync($"By service (change {basis}):");
        await output.WriteLineAsync("region\tname\tyear\tservice\tvalue" + (comparable is null ? "" : $"\tat {comparable} prices") + "\tchange\tgrowth");
        foreach (var s in report.Services)
        {
            await output.WriteLineAsync(string.Join('\t', s.RegionCode, s.RegionName, Invariant(s.Year), $"{s.Service.Name} ({s.Service.Key})", Money(s.Value))
                + (s.ComparableValue is { } cv ? "\t" + Money(cv) : "")
                + "\t" + ChangeText(s.Change));
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync($"Total of the regions in the data (change {basis}):");
        await output.WriteLineAsync("year\tGEP-R" + (comparable is null ? "" : $"\tat {comparable} prices") + "\tchange\tgrowth");
        foreach (var t in report.Totals)
        {
            await output.WriteLineAsync(Invariant(t.Year) + "\t" + Money(t.Value) + (t.ComparableValue is { } cv ? "\t" + Money(cv) : "") + "\t" + ChangeText(t.Change));
        }
    }

    private static string ChangeText(YearChange? change) =>
        change is null ? "-\t-" : $"{Signed(Money(change.Delta), change.Delta)}\t{(change.Growth is { } g ? Signed(Percent(g), g) : "-")}";

    /// <summary>The accounts as one JSON object: lines, services, regions, totals.</summary>
    public static string Json(GepRReport report) => GeprFormat.Json(w =>
    {
        w.WriteStartObject();
        w.WriteString("price_basis", report.Comparable ? "comparable" : "current");
        WriteIntOrNull(w, "base_year", report.BaseYear);
        WriteObjects(w, "lines", report.Lines, l =>
        {
            w.WriteString("region_code", l.Quantity.RegionCode);
            w.WriteString("region_name", l.RegionName);
            w.WriteNumber("year", l.Quantity.Year);
            w.WriteString("service", l.Service.Key);
            w.WriteString("service_name", l.Service.Name);
            w.WriteString("item", l.Item.Key);
            Raw(w, "quantity", Quantity(l.Quantity.Quantity));
            w.WriteString("unit", l.Quantity.Unit.Symbol);
            w.WriteString("quantity_source", l.Quantity.Source);
            Raw(w, "price", Quantity(l.Price.Price));
            w.WriteString("price_unit", l.Price.UnitText);
            w.WriteNumber("price_year", l.Price.PriceYear);
            w.WriteString("price_source", l.Price.Source);
            w.WriteBoolean("price_confirmed", l.Price.Confirmed);
            Raw(w, "value", Money(l.Value));
            if (l.ComparablePrice is { } cp)
            {
                Raw(w, "comparable_price", Quantity(cp.Price));
                w.WriteNumber("comparable_price_year", cp.PriceYear);
                Raw(w, "comparable_value", Money(l.ComparableValue!.Value));
            }
        });
        WriteObjects(w, "services", report.Services, s =>
        {
            w.WriteString("region_code", s.RegionCode);
            w.WriteString("region_name", s.RegionName);
            w.WriteNumber("year", s.Year);
            w.WriteString("service", s.Service.Key);
            w.WriteString("service_name", s.Service.Name);
            WriteValue(w, s.Value, s.ComparableValue, s.Change);
        });
        WriteObjects(w, "regions", report.Regions, r =>
        {
            w.WriteString("region_code", r.RegionCode);
            w.WriteString("region_name", r.RegionName);
            w.WriteNumber("year", r.Year);
            WriteValue(w, r.Value, r.ComparableValue, r.Change);
            Raw(w, "share", Ratio(r.Share));
        });
        WriteObjects(w, "totals", report.Totals, t =>
        {
            w.WriteNumber("year", t.Year);
            WriteValue(w, t.Value, t.ComparableValue, t.Change);
        });
        w.WriteEndObject();
    });

    /// <summary>A value, at comparable prices when the report has them, and its change from the year before.</summary>
    private static void WriteValue(Utf8JsonWriter w, decimal value, decimal? comparable, YearChange? change)
    {
        Raw(w, "value", Money(value));
        RawOrNull(w, "comparable_value", comparable is { } cv ? Money(cv) : null);
        WriteIntOrNull(w, "previous_year", change?.PreviousYear);
        RawOrNull(w, "change", change is null ? null : Money(change.Delta));
        RawOrNull(w, "growth", change?.Growth is { } g ? Ratio(g) : null);
    }
}
