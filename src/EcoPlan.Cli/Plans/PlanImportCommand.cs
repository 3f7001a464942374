using EcoPlan.Core.Import;

namespace EcoPlan.Cli.Plans;

/// <summary>`ecoplan plan import FILE [--publish] [--as-new-version]`: stores a plan document, or says what stands in the way.</summary>
internal static class PlanImportCommand
{
    public static Command Create()
    {
        var publish = new Option<bool>("--publish") { Description = "Publish the plan at once instead of keeping it as a draft." };
        var createUnits = new Option<bool>("--create-unknown-units") { Description = "Create units (and leaders) the directory does not know, in the plan's region, instead of refusing." };
        var ocrChecked = new Option<bool>("--ocr-checked") { Description = "For a scan read by OCR: you checked the recognized text (ecoplan plan parse) against the original; such a plan is refused without it." };
        var asNewVersion = new Option<bool>("--as-new-version") { Description = "Import a file imported before as a new draft plan, its title marked 新版本 N; the earlier plan is left as it is." };
        var command = new Command("import", "Imports a plan document into the database as a draft (or published) plan. Refuses, storing nothing, when a unit is unknown or the file was imported already.")
        {
            PlanParseCommand.File, PlanParseCommand.Format, PlanParseCommand.Year, publish, createUnits, asNewVersion, ocrChecked,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var database = await CliDatabase.OpenAsync(parse, cancellationToken);
            if (await PlanParseCommand.ReadAsync(parse) is not { } document)
            {
                return CliFiles.BadInput;
            }

            var importer = new PlanImporter(database.Db, TimeProvider.System);
            var preview = await importer.PreviewAsync(document, cancellationToken);
            var decisions = new ImportDecisions { Publish = parse.GetValue(publish), AsNewVersion = parse.GetValue(asNewVersion), RecognizedTextChecked = parse.GetValue(ocrChecked) };
            if (parse.GetValue(createUnits))
            {
                decisions = decisions with
                {
                    CreateUnits = [.. preview.UnknownUnits.Where(u => u.Candidates.Count == 0).Select(u => u.Name)],
                    CreateLeaders = [.. preview.UnknownLeaders.Where(l => l.Candidates.Count == 0).Select(l => l.Name)],
                };
            }

            var output = parse.InvocationConfiguration.Output;
            if (document.Plan.RecognizedByOcr == true)
            {
                await output.WriteLineAsync("This plan was read from a scan by OCR (tesseract): every measure's text, deadline and units may be misread and must be checked against the original.");
            }

            try
            {
                var plan = await importer.ImportAsync(document, decisions, preview, cancellationToken);
                var measures = document.Plan.Sections.SelectMany(s => s.Tasks).Sum(t => t.Measures.Count);
                await output.WriteLineAsync($"Imported plan {plan.Id} ({plan.Status.ToString().ToLowerInvariant()}): {plan.Title}, {plan.Year}, {measures} measures.");
                foreach (var measure in preview.UncertainColumns)
                {
                    await output.WriteLineAsync($"  check the lead/responsible/cooperating split of {measure}: the document does not show the columns");
                }

                foreach (var measure in preview.UnparsedDeadlines)
                {
                    await output.WriteLineAsync($"  deadline not understood, set it by hand: {measure}");
                }

                return 0;
            }
            catch (ImportBlockedException ex)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"ecoplan: {parse.GetValue(PlanParseCommand.File)}: not imported: {ex.Message}");
                return CliFiles.BadInput;
            }
        });
        return command;
    }
}
