using EcoPlan.Core.Indicators;

namespace EcoPlan.Cli.Indicators;

/// <summary><c>ecoplan ei template</c>: the csv header for sub-index values under a methodology.</summary>
internal static class EiTemplateCommand
{
    public static Command Create()
    {
        var method = EiCommand.MethodOption();
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

            if (!await CliFiles.WriteNewAsync(parse, path, writer =>
                {
                    SubIndexCsv.WriteTemplate(writer, methodology);
                    return Task.CompletedTask;
                }))
            {
                return CliFiles.BadInput;
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync(
                $"Wrote {path}: columns {string.Join(',', SubIndexCsv.Columns(methodology))}.");
            return 0;
        });
        return template;
    }
}
