using EcoPlan.Core.Indicators.GepR;

namespace EcoPlan.Cli.Indicators;

/// <summary><c>ecoplan gepr import</c>: GEP-R ledger lines and price versions into the database, all or nothing.</summary>
internal static class GeprImportCommand
{
    public static Command Create()
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
                return CliFiles.BadInput;
            }

            var files = new List<GepRInputFile?>();
            foreach (var path in new[] { parse.GetValue(quantities), parse.GetValue(prices) })
            {
                if (path is null)
                {
                    files.Add(null);
                }
                else if (await GeprInputOptions.ReadFileAsync(parse, path, cancellationToken) is { } file)
                {
                    files.Add(file);
                }
                else
                {
                    return CliFiles.BadInput;
                }
            }

            await using var database = await CliDatabase.OpenAsync(parse, cancellationToken);
            var result = await new GepRStore(database.Db, TimeProvider.System).ImportAsync(files[0], files[1], Environment.UserName, cancellationToken: cancellationToken);
            if (!result.Stored)
            {
                foreach (var e in result.Errors)
                {
                    await error.WriteLineAsync($"ecoplan: {e}");
                }

                await error.WriteLineAsync("ecoplan: nothing stored");
                return CliFiles.BadInput;
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Imported {result.Quantities} ledger lines and {result.Prices} prices."));
            return 0;
        });
        return import;
    }
}
