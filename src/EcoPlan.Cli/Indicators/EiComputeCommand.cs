using System.Text;
using EcoPlan.Core.Indicators;
using EcoPlan.Core.Regions;

namespace EcoPlan.Cli.Indicators;

/// <summary><c>ecoplan ei compute FILE</c>: EI from sub-index values in a csv file, no database.</summary>
internal static class EiComputeCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "csv of sub-index values, one row per region and year (see `ecoplan ei template`)." };
        var method = EiCommand.MethodOption();
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
                    await error.WriteLineAsync($"ecoplan: {weightsPath}: {CliFiles.Why(ex)}");
                    return CliFiles.BadInput;
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
                await error.WriteLineAsync($"ecoplan: {path}: {CliFiles.Why(ex)}");
                return CliFiles.BadInput;
            }

            if (!input.IsValid)
            {
                foreach (var e in input.Errors)
                {
                    await error.WriteLineAsync($"ecoplan: {e.ToString(path)}");
                }

                return CliFiles.BadInput;
            }

            var rows = EiReport.Build(methodology, input.Records, parse.GetValue(baseYear), RegionCatalog.Names);
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(EiOutput.Json(methodology, rows));
            }
            else
            {
                await EiOutput.WriteTableAsync(output, methodology, rows, parse.GetValue(baseYear), cancellationToken);
            }

            return 0;
        });
        return compute;
    }
}
