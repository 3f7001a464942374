using EcoPlan.Core.Indicators.GepR;

namespace EcoPlan.Cli.Indicators;

/// <summary><c>ecoplan gepr compute</c>: GEP-R accounts from csv files, no database.</summary>
internal static class GeprComputeCommand
{
    public static Command Create()
    {
        var baseYear = new Option<int?>("--base-year") { Description = "Also value every year at this year's prices (comparable GEP-R); growth and shares are then real." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object: lines, services, regions, totals." };
        var compute = new Command("compute", "Values the quantities at the prices in force each year: per region, year and service, totals, change from the previous year and each region's share.")
        {
            baseYear, json,
        };
        var inputs = GeprInputOptions.AddTo(compute);
        compute.SetAction(async (parse, cancellationToken) =>
        {
            if (await inputs.ReadAsync(parse, cancellationToken) is not { } read)
            {
                return CliFiles.BadInput;
            }

            var report = GepRAccounts.Report(read, parse.GetValue(baseYear));
            if (report.Value is null)
            {
                return await GeprInputOptions.RefuseAsync(parse, report.Reasons);
            }

            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(GeprReportOutput.Json(report.Value));
            }
            else
            {
                await GeprReportOutput.WriteAsync(output, report.Value, cancellationToken);
            }

            return 0;
        });
        return compute;
    }
}
