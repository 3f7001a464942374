using System.Text.Json;
using EcoPlan.Core.Indicators;

namespace EcoPlan.Cli.Indicators;

/// <summary>EI rows as <c>ecoplan ei compute</c> prints them: a tab-separated table with the declines, or JSON.</summary>
internal static class EiOutput
{
    public static async Task WriteTableAsync(TextWriter output, Methodology methodology, IReadOnlyList<EiReportRow> rows, int? baseYear, CancellationToken cancellationToken)
    {
        var decimals = methodology.EiDecimals;
        await output.WriteLineAsync($"EI under {methodology.Id}, {methodology.Name}; each year compared with {(baseYear is { } y ? Invariant(y) : "the previous year")}.");
        if (!methodology.WeightsConfigured)
        {
            await output.WriteLineAsync($"EI not computed: weights not configured for {methodology.Id}; load them with --weights FILE. Sub-index values and declines are still reported.");
        }

        await output.WriteLineAsync("region\tname\tyear\tEI\tgrade\trestriction\tbase\tΔEI\tchange");
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = row.Outcome.Result;
            await output.WriteLineAsync(string.Join('\t',
                row.Record.RegionCode,
                row.RegionName,
                Invariant(row.Record.Year),
                result is null ? "-" : Fixed(result.Ei, decimals),
                result?.Grade.Name ?? "-",
                result is null || result.RestrictionLevel == 0 ? "-" : $"{Invariant(result.RestrictionLevel)} ({result.UnrestrictedGrade.Name}→{result.Grade.Name})",
                row.BaseYear is { } b ? Invariant(b) : "-",
                row.Delta is { } d ? Signed(d, decimals) : "-",
                row.Change?.Name ?? "-"));
        }

        var declining = rows.Where(r => r.Declines.Count > 0).ToList();
        if (declining.Count == 0)
        {
            return;
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync("Sub-indices that got worse:");
        foreach (var row in declining)
        {
            foreach (var d in row.Declines)
            {
                var owners = d.Owners.Count == 0 ? "no owner configured" : string.Join("、", d.Owners);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{row.Record.RegionCode} {row.RegionName} {row.BaseYear}→{row.Record.Year}\t{d.Name} ({d.Key})\t{d.Before} → {d.After} ({(d.Change > 0 ? "+" : "")}{d.Change})\t{owners}"));
            }
        }
    }

    public static string Json(Methodology methodology, IReadOnlyList<EiReportRow> rows) => GeprFormat.Json(w =>
    {
        var decimals = methodology.EiDecimals;
        w.WriteStartArray();
        foreach (var row in rows)
        {
            var result = row.Outcome.Result;
            w.WriteStartObject();
            w.WriteString("region_code", row.Record.RegionCode);
            w.WriteString("region_name", row.RegionName);
            w.WriteNumber("year", row.Record.Year);
            w.WriteString("methodology", methodology.Id);
            w.WriteString("ei_status", row.Outcome.IsComputed ? "computed" : "weights_not_configured");
            if (row.Outcome.Message is { } message)
            {
                w.WriteString("ei_message", message);
            }

            WriteFixedOrNull(w, "ei", result?.Ei, decimals);
            w.WriteString("grade", result?.Grade.Name);
            w.WriteString("grade_key", result?.Grade.Key);
            WriteFixedOrNull(w, "ei_unrestricted", result?.UnrestrictedEi, decimals);
            w.WriteNumber("environmental_restriction", row.Record.RestrictionLevel);
            GeprFormat.WriteIntOrNull(w, "base_year", row.BaseYear);
            WriteFixedOrNull(w, "base_ei", row.BaseEi, decimals);
            WriteFixedOrNull(w, "delta", row.Delta, decimals);
            w.WriteString("change_class", row.Change?.Name);
            w.WriteString("change_band", row.Change?.Band.Key);
            w.WriteStartObject("sub_indices");
            foreach (var (key, value) in row.Record.Values)
            {
                w.WriteNumber(key, value);
            }

            w.WriteEndObject();
            GeprFormat.WriteObjects(w, "declines", row.Declines, d =>
            {
                w.WriteString("key", d.Key);
                w.WriteString("name", d.Name);
                w.WriteNumber("before", d.Before);
                w.WriteNumber("after", d.After);
                w.WriteNumber("change", d.Change);
                w.WriteNumber("fall", d.Fall);
                w.WriteStartArray("owners");
                foreach (var owner in d.Owners)
                {
                    w.WriteStringValue(owner);
                }

                w.WriteEndArray();
            });
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    private static void WriteFixedOrNull(Utf8JsonWriter writer, string name, decimal? value, int decimals)
    {
        writer.WritePropertyName(name);
        if (value is { } v)
        {
            writer.WriteRawValue(Fixed(v, decimals));
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private static string Fixed(decimal value, int decimals) =>
        value.ToString("F" + Invariant(decimals), CultureInfo.InvariantCulture);

    private static string Signed(decimal value, int decimals) => (value > 0 ? "+" : "") + Fixed(value, decimals);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
