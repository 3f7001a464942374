using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using EcoPlan.Core.Data;
using EcoPlan.Core.Indicators.GepR;
using EcoPlan.Core.Regions;

namespace EcoPlan.Cli.Indicators;

/// <summary>
/// <c>ecoplan gepr compute</c>, <c>compensate</c> and <c>template</c>: GEP-R accounts and compensation from csv files,
/// no database.
/// </summary>
internal static class GeprCommands
{
    public const int BadInput = IndicatorCommands.BadInput;

    private static readonly string[] s_templates = ["quantities", "prices", "inputs", "rules"];

    public static Command Create() => new("gepr", "GEP-R (生态系统调节服务价值): accounts per region, year and service, comparable prices, growth, shares, and compensation between districts.")
    {
        CreateCompute(),
        CreateCompensate(),
        CreateTemplate(),
        CreateImport(),
    };

    private static Command CreateImport()
    {
        var quantities = new Option<string?>("--quantities") { Description = "csv or xlsx of physical quantities: region_code,year,service,item,quantity,unit,source." };
        var prices = new Option<string?>("--prices") { Description = "csv or xlsx of price versions: price_year,service,item,price,unit,source[,confirmed,note]." };
        var import = new Command("import", "Stores GEP-R ledger lines and price versions in the database, all or nothing; a line of the same region, year, service and item (a price of the same year, service and item) replaces the stored one.")
        {
            quantities, prices,
        };
        import.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (parse.GetValue(quantities) is null && parse.GetValue(prices) is null)
            {
                await error.WriteLineAsync("ecoplan: give --quantities, --prices or both");
                return BadInput;
            }

            var files = new List<GepRInputFile?>();
            foreach (var path in new[] { parse.GetValue(quantities), parse.GetValue(prices) })
            {
                if (path is null)
                {
                    files.Add(null);
                    continue;
                }

                try
                {
                    files.Add(new GepRInputFile(path, await File.ReadAllBytesAsync(path, cancellationToken)));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    await error.WriteLineAsync($"ecoplan: {path}: {Why(ex)}");
                    return BadInput;
                }
            }

            var settings = EcoPlanCli.ReadSettings(parse);
            await using var db = DatabaseRegistration.CreateContext(settings);
            await DatabaseInitializer.VerifyAsync(db, settings, cancellationToken);
            var result = await new GepRStore(db, TimeProvider.System).ImportAsync(files[0], files[1], Environment.UserName, cancellationToken: cancellationToken);
            if (!result.Stored)
            {
                foreach (var e in result.Errors)
                {
                    await error.WriteLineAsync($"ecoplan: {e}");
                }

                await error.WriteLineAsync("ecoplan: nothing stored");
                return BadInput;
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Imported {result.Quantities} ledger lines and {result.Prices} prices."));
            return 0;
        });
        return import;
    }

    private sealed record InputOptions(Option<string?> Quantities, Option<string> Prices, Option<string?> Inputs, Option<string?> Services);

    private static InputOptions AddInputOptions(Command command)
    {
        var options = new InputOptions(
            new Option<string?>("--quantities") { Description = "csv of physical quantities: region_code,year,service,item,quantity,unit,source (see `ecoplan gepr template quantities`)." },
            new Option<string>("--prices") { Description = "csv of prices by year: price_year,service,item,price,unit,source[,confirmed,note] (`ecoplan gepr template prices` writes the note's prices).", Required = true },
            new Option<string?>("--inputs") { Description = "csv of physical-model inputs (水源涵养, 土壤保持, 防风固沙): region_code,year,service,ecosystem,parameter,value,unit,source." },
            new Option<string?>("--services") { Description = "JSON file of regulating services replacing the built-in ten (same form as the built-in one)." });
        command.Options.Add(options.Quantities);
        command.Options.Add(options.Prices);
        command.Options.Add(options.Inputs);
        command.Options.Add(options.Services);
        return options;
    }

    private static Command CreateCompute()
    {
        var baseYear = new Option<int?>("--base-year") { Description = "Also value every year at this year's prices (comparable GEP-R); growth and shares are then real." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object: lines, services, regions, totals." };
        var compute = new Command("compute", "Values the quantities at the prices in force each year: per region, year and service, totals, change from the previous year and each region's share.")
        {
            baseYear, json,
        };
        var inputs = AddInputOptions(compute);
        compute.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var year = parse.GetValue(baseYear);
            var loaded = await LoadAsync(parse, inputs, _ => year, error);
            if (loaded is null)
            {
                return BadInput;
            }

            var (report, prices, _) = loaded.Value;
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(ReportJson(report));
            }
            else
            {
                await WriteReportAsync(output, report, prices, cancellationToken);
            }

            return 0;
        });
        return compute;
    }

    private static Command CreateCompensate()
    {
        var rulesFile = new Option<string>("--rules") { Description = "JSON rules (`ecoplan gepr template rules`): mode horizontal|vertical, rate, growth targets, fund. A configurable rule, not the official formula.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON object: the rule, per district what it pays and receives, and the transfers." };
        var compensate = new Command("compensate", "Compensation between districts under a configurable rule (the official formula is not public): who pays whom, balanced to the yuan.")
        {
            rulesFile, json,
        };
        var inputs = AddInputOptions(compensate);
        compensate.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var rulesPath = parse.GetRequiredValue(rulesFile);
            string text;
            try
            {
                text = await File.ReadAllTextAsync(rulesPath, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"ecoplan: {rulesPath}: {Why(ex)}");
                return BadInput;
            }

            var (rules, rulesError) = CompensationRulesFile.Read(text, rulesPath, RegionCatalog.Names);
            if (rules is null)
            {
                await error.WriteLineAsync($"ecoplan: {rulesError}");
                return BadInput;
            }

            // The price base year depends on the assessed year, which defaults to the latest year of the quantities.
            var loaded = await LoadAsync(parse, inputs, latest => rules.PriceBaseYear ?? (rules.Year ?? latest) - 1, error);
            if (loaded is null)
            {
                return BadInput;
            }

            CompensationResult result;
            try
            {
                result = CompensationCalculator.Compute(loaded.Value.Report, rules, RegionCatalog.Names);
            }
            catch (GepRException ex)
            {
                await error.WriteLineAsync($"ecoplan: {ex.Message}");
                return BadInput;
            }

            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(CompensationJson(result));
            }
            else
            {
                await WriteCompensationAsync(output, result, cancellationToken);
            }

            return 0;
        });
        return compensate;
    }

    private static Command CreateTemplate()
    {
        var kind = new Argument<string>("KIND") { Description = "quantities, prices (with the note's prices), inputs or rules." };
        kind.AcceptOnlyFromAmong(s_templates);
        var outputFile = new Option<string?>("--output", "-o") { Description = "Where to write it (default: standard output). An existing file is not overwritten." };
        var template = new Command("template", "Writes an input file to fill in: the quantities or model-inputs header, the note's prices (flagged UNCONFIRMED), or an example rules file.") { kind, outputFile };
        template.SetAction(async (parse, cancellationToken) =>
        {
            var which = parse.GetRequiredValue(kind);
            var content = which switch
            {
                "quantities" => Header(QuantityCsv.WriteTemplate),
                "prices" => PriceCsv.ShippedPrices(),
                "inputs" => Header(PhysicalModels.WriteTemplate),
                _ => CompensationRulesFile.Template,
            };
            if (parse.GetValue(outputFile) is not { } path)
            {
                await parse.InvocationConfiguration.Output.WriteAsync(content);
                return 0;
            }

            try
            {
                await using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                await writer.WriteAsync(content);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(File.Exists(path)
                    ? $"ecoplan: {path}: already exists; choose another name or remove it"
                    : $"ecoplan: {path}: {ex.Message}");
                return BadInput;
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync($"Wrote {path} ({which}).");
            return 0;
        });
        return template;
    }

    private static string Header(Action<TextWriter> write)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        write(writer);
        return writer.ToString();
    }

    /// <summary>Reads the services, prices, quantities and model inputs, prices the quantities and builds the accounts; prints every problem and returns null on bad input.</summary>
    private static async Task<(GepRReport Report, PriceTable Prices, RegulatingServiceSet Services)?> LoadAsync(ParseResult parse, InputOptions options, Func<int, int?> baseYearForLatest, TextWriter error)
    {
        var services = RegulatingServiceCatalog.BuiltIn;
        if (parse.GetValue(options.Services) is { } servicesPath)
        {
            try
            {
                await using var stream = File.OpenRead(servicesPath);
                services = RegulatingServiceCatalog.Parse(stream);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or GepRException)
            {
                await error.WriteLineAsync($"ecoplan: {servicesPath}: {Why(ex)}");
                return null;
            }
        }

        var quantitiesPath = parse.GetValue(options.Quantities);
        var inputsPath = parse.GetValue(options.Inputs);
        if (quantitiesPath is null && inputsPath is null)
        {
            await error.WriteLineAsync("ecoplan: give --quantities FILE, --inputs FILE or both");
            return null;
        }

        var errors = new List<GepRInputError>();
        var pricesPath = parse.GetRequiredValue(options.Prices);
        var prices = await ReadAsync(pricesPath, r => PriceCsv.Read(r, pricesPath, services), error);
        var quantities = quantitiesPath is null ? new([], []) : await ReadAsync(quantitiesPath, r => QuantityCsv.Read(r, quantitiesPath, services, RegionCatalog.Names), error);
        var modelInputs = inputsPath is null ? new([], []) : await ReadAsync(inputsPath, r => PhysicalModels.Read(r, inputsPath, services, RegionCatalog.Names), error);
        if (prices is null || quantities is null || modelInputs is null)
        {
            return null;
        }

        errors.AddRange(prices.Errors);
        errors.AddRange(quantities.Errors);
        errors.AddRange(modelInputs.Errors);
        if (errors.Count == 0)
        {
            var computed = PhysicalModels.Compute(modelInputs.Records, services);
            errors.AddRange(computed.Errors);
            if (errors.Count == 0)
            {
                var all = quantities.Records.Concat(computed.Records).ToList();
                var table = new PriceTable(prices.Records);
                var baseYear = all.Count == 0 ? null : baseYearForLatest(all.Max(q => q.Year));
                var ledger = GepRLedger.Build(all, table, services, RegionCatalog.Names, baseYear);
                errors.AddRange(ledger.Errors);
                if (errors.Count == 0)
                {
                    return (GepRReport.Build(ledger.Records, baseYear, services), table, services);
                }
            }
        }

        foreach (var e in errors)
        {
            await error.WriteLineAsync($"ecoplan: {e}");
        }

        return null;
    }

    private static async Task<GepRReadResult<T>?> ReadAsync<T>(string path, Func<TextReader, GepRReadResult<T>> read, TextWriter error)
    {
        try
        {
            using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return read(reader);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"ecoplan: {path}: {Why(ex)}");
            return null;
        }
    }

    private static string Why(Exception ex) => ex is FileNotFoundException or DirectoryNotFoundException ? "no such file" : ex.Message;

    private static async Task WriteReportAsync(TextWriter output, GepRReport report, PriceTable prices, CancellationToken cancellationToken)
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

    private static async Task WriteCompensationAsync(TextWriter output, CompensationResult result, CancellationToken cancellationToken)
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

    private static string ReportJson(GepRReport report) => Json(w =>
    {
        w.WriteStartObject();
        w.WriteString("price_basis", report.Comparable ? "comparable" : "current");
        WriteIntOrNull(w, "base_year", report.BaseYear);
        w.WriteStartArray("lines");
        foreach (var l in report.Lines)
        {
            w.WriteStartObject();
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

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("services");
        foreach (var s in report.Services)
        {
            w.WriteStartObject();
            w.WriteString("region_code", s.RegionCode);
            w.WriteString("region_name", s.RegionName);
            w.WriteNumber("year", s.Year);
            w.WriteString("service", s.Service.Key);
            w.WriteString("service_name", s.Service.Name);
            Raw(w, "value", Money(s.Value));
            RawOrNull(w, "comparable_value", s.ComparableValue is { } cv ? Money(cv) : null);
            WriteChange(w, s.Change);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("regions");
        foreach (var r in report.Regions)
        {
            w.WriteStartObject();
            w.WriteString("region_code", r.RegionCode);
            w.WriteString("region_name", r.RegionName);
            w.WriteNumber("year", r.Year);
            Raw(w, "value", Money(r.Value));
            RawOrNull(w, "comparable_value", r.ComparableValue is { } cv ? Money(cv) : null);
            WriteChange(w, r.Change);
            Raw(w, "share", Ratio(r.Share));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("totals");
        foreach (var t in report.Totals)
        {
            w.WriteStartObject();
            w.WriteNumber("year", t.Year);
            Raw(w, "value", Money(t.Value));
            RawOrNull(w, "comparable_value", t.ComparableValue is { } cv ? Money(cv) : null);
            WriteChange(w, t.Change);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static void WriteChange(Utf8JsonWriter w, YearChange? change)
    {
        WriteIntOrNull(w, "previous_year", change?.PreviousYear);
        RawOrNull(w, "change", change is null ? null : Money(change.Delta));
        RawOrNull(w, "growth", change?.Growth is { } g ? Ratio(g) : null);
    }

    private static string CompensationJson(CompensationResult result) => Json(w =>
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
        w.WriteStartArray("districts");
        foreach (var d in result.Districts)
        {
            w.WriteStartObject();
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
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("transfers");
        foreach (var t in result.Transfers)
        {
            w.WriteStartObject();
            w.WriteString("from_code", t.FromCode);
            w.WriteString("from_name", t.FromName);
            w.WriteString("to_code", t.ToCode);
            w.WriteString("to_name", t.ToName);
            w.WriteNumber("amount", t.Amount);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("total_paid", result.TotalPaid);
        w.WriteNumber("total_received", result.TotalReceived);
        w.WriteNumber("undistributed", result.Undistributed);
        w.WriteEndObject();
    });

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(w);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Raw(Utf8JsonWriter w, string name, string number)
    {
        w.WritePropertyName(name);
        w.WriteRawValue(number);
    }

    private static void RawOrNull(Utf8JsonWriter w, string name, string? number)
    {
        if (number is null)
        {
            w.WriteNull(name);
        }
        else
        {
            Raw(w, name, number);
        }
    }

    private static void WriteIntOrNull(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    /// <summary>元 with two decimals (fen), rounded half away from zero.</summary>
    private static string Money(decimal value) =>
        decimal.Round(value, 2, MidpointRounding.AwayFromZero).ToString("F2", CultureInfo.InvariantCulture);

    private static string Yuan(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A quantity or price as given, without trailing zeros.</summary>
    private static string Quantity(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);

    /// <summary>A ratio (growth, share) with six decimals.</summary>
    private static string Ratio(decimal value) =>
        decimal.Round(value, 6, MidpointRounding.AwayFromZero).ToString("0.######", CultureInfo.InvariantCulture);

    private static string Percent(decimal ratio) =>
        decimal.Round(ratio * 100, 2, MidpointRounding.AwayFromZero).ToString("F2", CultureInfo.InvariantCulture) + "%";

    private static string Signed(string text, decimal value) => value > 0 ? "+" + text : text;

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
