using EcoPlan.Core.Indicators.GepR;

namespace EcoPlan.Cli.Indicators;

/// <summary><c>ecoplan gepr template KIND</c>: an input file to fill in.</summary>
internal static class GeprTemplateCommand
{
    private static readonly string[] s_templates = ["quantities", "prices", "inputs", "rules"];

    public static Command Create()
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

            if (!await CliFiles.WriteNewAsync(parse, path, writer => writer.WriteAsync(content)))
            {
                return CliFiles.BadInput;
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
}
