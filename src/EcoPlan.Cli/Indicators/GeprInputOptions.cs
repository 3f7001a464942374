using EcoPlan.Core.Indicators.GepR;

namespace EcoPlan.Cli.Indicators;

/// <summary>The input files of <c>gepr compute</c> and <c>gepr compensate</c>, read into Core's GEP-R pipeline (<see cref="GepRAccounts"/>).</summary>
internal sealed record GeprInputOptions(Option<string?> Quantities, Option<string> Prices, Option<string?> Inputs, Option<string?> Services)
{
    public static GeprInputOptions AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var options = new GeprInputOptions(
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

    /// <summary>The inputs of the files given; null, with every problem printed, when a file is missing or wrong.</summary>
    public async Task<GepRInputs?> ReadAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        GepRInputFile? services = null;
        if (parse.GetValue(Services) is { } servicesPath && (services = await ReadFileAsync(parse, servicesPath, cancellationToken)) is null)
        {
            return null;
        }

        var quantitiesPath = parse.GetValue(Quantities);
        var inputsPath = parse.GetValue(Inputs);
        if (quantitiesPath is null && inputsPath is null)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync("ecoplan: give --quantities FILE, --inputs FILE or both");
            return null;
        }

        // Every file is tried, so one run names every file that cannot be read.
        var prices = await ReadFileAsync(parse, parse.GetRequiredValue(Prices), cancellationToken);
        var quantities = quantitiesPath is null ? null : await ReadFileAsync(parse, quantitiesPath, cancellationToken);
        var inputs = inputsPath is null ? null : await ReadFileAsync(parse, inputsPath, cancellationToken);
        if (prices is null || (quantitiesPath is not null && quantities is null) || (inputsPath is not null && inputs is null))
        {
            return null;
        }

        var read = GepRAccounts.Read(prices, quantities, inputs, services);
        if (read.Value is null)
        {
            await RefuseAsync(parse, read.Reasons);
        }

        return read.Value;
    }

    /// <summary>A file as Core reads it; null, with the reason printed, when it cannot be read.</summary>
    public static async Task<GepRInputFile?> ReadFileAsync(ParseResult parse, string path, CancellationToken cancellationToken) =>
        await CliFiles.ReadAsync(parse, path, cancellationToken) is { } content ? new GepRInputFile(path, content) : null;

    /// <summary>Prints each reason on its own line and answers the bad-input exit code.</summary>
    public static async Task<int> RefuseAsync(ParseResult parse, IEnumerable<string> reasons)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(reasons);
        foreach (var reason in reasons)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync($"ecoplan: {reason}");
        }

        return CliFiles.BadInput;
    }
}
