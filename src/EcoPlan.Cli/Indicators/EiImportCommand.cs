using EcoPlan.Core.Indicators;

namespace EcoPlan.Cli.Indicators;

/// <summary><c>ecoplan ei import FILE</c>: sub-index values into the database, all or nothing.</summary>
internal static class EiImportCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "csv or xlsx of sub-index values, one row per region and year (see `ecoplan ei template`)." };
        var method = EiCommand.MethodOption();
        var import = new Command("import", "Stores sub-index values in the database, all or nothing, replacing those of the same region and year, and notices each fall to the units that own the sub-index.")
        {
            file, method,
        };
        import.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var path = parse.GetRequiredValue(file);
            if (await CliFiles.ReadAsync(parse, path, cancellationToken) is not { } content)
            {
                return CliFiles.BadInput;
            }

            await using var database = await CliDatabase.OpenAsync(parse, cancellationToken);
            var methodology = MethodologyCatalog.Load(parse.GetRequiredValue(method));
            var result = await new EiImporter(database.Db, TimeProvider.System).ImportAsync(content, path, methodology, Environment.UserName, cancellationToken: cancellationToken);
            if (!result.Stored)
            {
                foreach (var e in result.Errors)
                {
                    await error.WriteLineAsync($"ecoplan: {e.ToString(path)}");
                }

                await error.WriteLineAsync($"ecoplan: {path}: nothing stored");
                return CliFiles.BadInput;
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Imported {result.Records} rows of {methodology.Id} from {Path.GetFileName(path)} (import {result.Import!.Id}); {result.Notices} new notices of falls."));
            return 0;
        });
        return import;
    }
}
