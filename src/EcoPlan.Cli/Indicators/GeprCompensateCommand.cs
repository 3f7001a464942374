using EcoPlan.Core.Indicators.GepR;
using EcoPlan.Core.Regions;

namespace EcoPlan.Cli.Indicators;

/// <summary><c>ecoplan gepr compensate</c>: compensation between districts under a configurable rule, from csv files.</summary>
internal static class GeprCompensateCommand
{
    public static Command Create()
    {
        var rulesFile = new Option<string>("--rules") { Description = "JSON rules (`ecoplan gepr template rules`): mode horizontal|vertical, rate, growth targets, fund. A configurable rule, not the official formula.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON object: the rule, per district what it pays and receives, and the transfers." };
        var compensate = new Command("compensate", "Compensation between districts under a configurable rule (the official formula is not public): who pays whom, balanced to the yuan.")
        {
            rulesFile, json,
        };
        var inputs = GeprInputOptions.AddTo(compensate);
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
                await error.WriteLineAsync($"ecoplan: {rulesPath}: {CliFiles.Why(ex)}");
                return CliFiles.BadInput;
            }

            var (rules, rulesError) = CompensationRulesFile.Read(text, rulesPath, RegionCatalog.Names);
            if (rules is null)
            {
                await error.WriteLineAsync($"ecoplan: {rulesError}");
                return CliFiles.BadInput;
            }

            if (await inputs.ReadAsync(parse, cancellationToken) is not { } read)
            {
                return CliFiles.BadInput;
            }

            var result = GepRAccounts.Compensate(read, rules, year: null);
            if (result.Value is null)
            {
                return await GeprInputOptions.RefuseAsync(parse, result.Reasons);
            }

            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(CompensationOutput.Json(result.Value));
            }
            else
            {
                await CompensationOutput.WriteAsync(output, result.Value, cancellationToken);
            }

            return 0;
        });
        return compensate;
    }
}
