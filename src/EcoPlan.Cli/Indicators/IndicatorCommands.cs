using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using EcoPlan.Core.Data;
using EcoPlan.Core.Indicators;
using EcoPlan.Core.Regions;

namespace EcoPlan.Cli.Indicators;

/// <summary><c>ecoplan ei compute</c> and <c>ecoplan ei template</c>: EI from sub-index values in a csv file, no database.</summary>
internal static class IndicatorCommands
{
    /// <summary>Exit code for a bad input file (a cell, a missing file, a bad weights file).</summary>
    public const int BadInput = 2;

    public static Command Create()
    {
        var ei = new Command("ei", "The ecological quality index (EI): compute it from sub-index values, write the input template.")
        {
            CreateCompute(),
            CreateTemplate(),
            CreateImport(),
        };
        return ei;
    }

    private static Option<string> MethodOption()
    {
        var method = new Option<string>("--method")
        {
            Description = $"The methodology: {string.Join(" or ", MethodologyCatalog.Ids)}.",
            Required = true,
        };
        method.AcceptOnlyFromAmong([.. MethodologyCatalog.Ids]);
        return method;
    }

    private static Command CreateCompute()
    {
        var file = new Argument<string>("FILE") { Description = "csv of sub-index values, one row per region and year (see `ecoplan ei template`)." };
        var method = MethodOption();
        var baseYear = new Option<int?>("--base-year") { Description = "Compare every year with this year (default: with the previous year)." };
        var weights = new Option<string?>("--weights") { Description = "JSON weights file for a methodology that ships without weights (db11-1877)." };
        var json = new Option<bool>("--json") { Description = "Print a JSON array, one object per row." };
        var compute = new Command("compute", "Computes EI, grade, ΔEI and change class per region and year, and lists the sub-indices that got worse with their owning units.")
        {
            file, method, baseYear, weights, json,
        };
        compute.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var path = parse.GetRequiredValue(file);
            var methodology = MethodologyCatalog.Load(parse.GetRequiredValue(method));

            if (parse.GetValue(weights) is { } weightsPath)
            {
                try
                {
                    await using var stream = File.OpenRead(weightsPath);
                    methodology = MethodologyCatalog.WithWeights(methodology, stream);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or MethodologyException)
                {
                    await error.WriteLineAsync($"ecoplan: {weightsPath}: {(ex is FileNotFoundException or DirectoryNotFoundException ? "no such file" : ex.Message)}");
                    return BadInput;
                }
            }

            SubIndexCsvResult input;
            try
            {
                using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
                input = SubIndexCsv.Read(reader, methodology, RegionCatalog.Names);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"ecoplan: {path}: {(ex is FileNotFoundException or DirectoryNotFoundException ? "no such file" : ex.Message)}");
                return BadInput;
            }

            if (!input.IsValid)
            {
                foreach (var e in input.Errors)
                {
                    await error.WriteLineAsync($"ecoplan: {e.ToString(path)}");
                }

                return BadInput;
            }

            var rows = EiReport.Build(methodology, input.Records, parse.GetValue(baseYear), RegionCatalog.Names);
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(ToJson(methodology, rows));
            }
            else
            {
                await WriteTableAsync(output, methodology, rows, parse.GetValue(baseYear), cancellationToken);
            }

            return 0;
        });
        return compute;
    }

    private static Command CreateImport()
    {
        var file = new Argument<string>("FILE") { Description = "csv or xlsx of sub-index values, one row per region and year (see `ecoplan ei template`)." };
        var method = MethodOption();
        var import = new Command("import", "Stores sub-index values in the database, all or nothing, replacing those of the same region and year, and notices each fall to the units that own the sub-index.")
        {
            file, method,
        };
        import.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var path = parse.GetRequiredValue(file);
            byte[] content;
            try
            {
                content = await File.ReadAllBytesAsync(path, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"ecoplan: {path}: {(ex is FileNotFoundException or DirectoryNotFoundException ? "no such file" : ex.Message)}");
                return BadInput;
            }

            var settings = EcoPlanCli.ReadSettings(parse);
            await using var db = DatabaseRegistration.CreateContext(settings);
            await DatabaseInitializer.VerifyAsync(db, settings, cancellationToken);
            var methodology = MethodologyCatalog.Load(parse.GetRequiredValue(method));
            var result = await new EiImporter(db, TimeProvider.System).ImportAsync(content, path, methodology, Environment.UserName, cancellationToken: cancellationToken);
            if (!result.Stored)
            {
                foreach (var e in result.Errors)
                {
                    await error.WriteLineAsync($"ecoplan: {e.ToString(path)}");
                }

                await error.WriteLineAsync($"ecoplan: {path}: nothing stored");
                return BadInput;
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Imported {result.Records} rows of {methodology.Id} from {Path.GetFileName(path)} (import {result.Import!.Id}); {result.Notices} new notices of falls."));
            return 0;
        });
        return import;
    }

    private static Command CreateTemplate()
    {
        var method = MethodOption();
        var outputFile = new Option<string?>("--output", "-o") { Description = "Where to write the template (default: standard output). An existing file is not overwritten." };
        var template = new Command("template", "Writes the csv header for sub-index values under a methodology.") { method, outputFile };
        template.SetAction(async (parse, cancellationToken) =>
        {
            var methodology = MethodologyCatalog.Load(parse.GetRequiredValue(method));
            if (parse.GetValue(outputFile) is not { } path)
            {
                SubIndexCsv.WriteTemplate(parse.InvocationConfiguration.Output, methodology);
                return 0;
            }

            try
            {
                await using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                SubIndexCsv.WriteTemplate(writer, methodology);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(File.Exists(path)
                    ? $"ecoplan: {path}: already exists; choose another name or remove it"
                    : $"ecoplan: {path}: {ex.Message}");
                return BadInput;
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync(
                $"Wrote {path}: columns {string.Join(',', SubIndexCsv.Columns(methodology))}.");
            return 0;
        });
        return template;
    }

    private static async Task WriteTableAsync(TextWriter output, Methodology methodology, IReadOnlyList<EiReportRow> rows, int? baseYear, CancellationToken cancellationToken)
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

    private static string ToJson(Methodology methodology, IReadOnlyList<EiReportRow> rows)
    {
        var decimals = methodology.EiDecimals;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
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
                if (row.BaseYear is { } baseYear)
                {
                    w.WriteNumber("base_year", baseYear);
                }
                else
                {
                    w.WriteNull("base_year");
                }

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
                w.WriteStartArray("declines");
                foreach (var d in row.Declines)
                {
                    w.WriteStartObject();
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
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

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
