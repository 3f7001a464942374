using EcoPlan.Core.Regions;

namespace EcoPlan.Core.Indicators.GepR;

/// <summary>What GEP-R accounts are built from: the services, the price versions, quantities and physical-model inputs.</summary>
public sealed record GepRInputs(RegulatingServiceSet Services, PriceTable Prices, IReadOnlyList<QuantityRecord> Quantities, IReadOnlyList<ModelInputRecord> ModelInputs);

/// <summary>A GEP-R result, or why there is none: input errors (each at its file, row and column) or one refusal.</summary>
public sealed record GepROutcome<T>(T? Value, IReadOnlyList<GepRInputError> Errors, string? Refusal = null)
    where T : class
{
    /// <summary>Every reason there is no value, one a line: the errors with their place, then the refusal.</summary>
    public IEnumerable<string> Reasons => Errors.Select(e => e.ToString()).Concat(Refusal is null ? [] : [Refusal]);

    internal static GepROutcome<T> Of(T value) => new(value, []);
}

/// <summary>
/// The one GEP-R pipeline, for files (the CLI) and for the stored ledger (the web pages and exports): quantities given
/// and computed from the model inputs, priced by the price versions in force (or at one base year's prices) into the
/// accounts, and from those the compensation table.
/// </summary>
public static class GepRAccounts
{
    /// <summary>
    /// Reads the input files (csv, or xlsx as <see cref="TabularInput"/> reads it): the services (JSON; default the
    /// built-in ten), the prices, and the quantities and model inputs when given. Every error of every file is reported.
    /// </summary>
    public static GepROutcome<GepRInputs> Read(GepRInputFile prices, GepRInputFile? quantities, GepRInputFile? modelInputs, GepRInputFile? services = null)
    {
        ArgumentNullException.ThrowIfNull(prices);
        var serviceSet = RegulatingServiceCatalog.BuiltIn;
        if (services is not null)
        {
            try
            {
                using var stream = new MemoryStream(services.Content);
                serviceSet = RegulatingServiceCatalog.Parse(stream);
            }
            catch (GepRException ex)
            {
                return new(null, [], $"{services.FileName}: {ex.Message}");
            }
        }

        var errors = new List<GepRInputError>();
        var priceEntries = ReadFile(prices, errors, (r, file) => PriceCsv.Read(r, file, serviceSet));
        var quantityRecords = quantities is null ? [] : ReadFile(quantities, errors, (r, file) => QuantityCsv.Read(r, file, serviceSet, RegionCatalog.Names));
        var inputRecords = modelInputs is null ? [] : ReadFile(modelInputs, errors, (r, file) => PhysicalModels.Read(r, file, serviceSet, RegionCatalog.Names));
        return errors.Count > 0
            ? new(null, errors)
            : GepROutcome<GepRInputs>.Of(new GepRInputs(serviceSet, new PriceTable(priceEntries), quantityRecords, inputRecords));
    }

    /// <summary>The accounts at the prices in force each year, and at <paramref name="baseYear"/>'s prices when given.</summary>
    public static GepROutcome<GepRReport> Report(GepRInputs inputs, int? baseYear)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var quantities = Quantities(inputs, out var errors);
        return errors.Count > 0 ? new(null, errors) : Report(inputs, quantities, baseYear);
    }

    /// <summary>
    /// The compensation table under <paramref name="rules"/> (a configurable rule, not the official formula) for
    /// <paramref name="year"/> (default: the rules' year, else the latest of the quantities), comparing GEP-R at the
    /// prices of the rules' price base year (default: the year before the assessed one).
    /// </summary>
    public static GepROutcome<CompensationResult> Compensate(GepRInputs inputs, CompensationRules rules, int? year)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(rules);
        var quantities = Quantities(inputs, out var errors);
        if (errors.Count > 0)
        {
            return new(null, errors);
        }

        if (quantities.Count == 0)
        {
            return new(null, [], Localization.CoreText.Get("GepR_NoLedger"));
        }

        var assessed = year ?? rules.Year ?? quantities.Max(q => q.Year);
        rules = rules with { Year = assessed };
        var report = Report(inputs, quantities, rules.PriceBaseYear ?? assessed - 1);
        if (report.Value is null)
        {
            return new(null, report.Errors);
        }

        try
        {
            return GepROutcome<CompensationResult>.Of(CompensationCalculator.Compute(report.Value, rules, RegionCatalog.Names));
        }
        catch (GepRException ex)
        {
            return new(null, [], ex.Message);
        }
    }

    /// <summary>The quantities given and those the physical models compute from the inputs.</summary>
    private static List<QuantityRecord> Quantities(GepRInputs inputs, out IReadOnlyList<GepRInputError> errors)
    {
        var computed = PhysicalModels.Compute(inputs.ModelInputs, inputs.Services);
        errors = computed.Errors;
        return [.. inputs.Quantities, .. computed.Records];
    }

    private static GepROutcome<GepRReport> Report(GepRInputs inputs, IReadOnlyList<QuantityRecord> quantities, int? baseYear)
    {
        var ledger = GepRLedger.Build(quantities, inputs.Prices, inputs.Services, RegionCatalog.Names, baseYear);
        return ledger.IsValid ? GepROutcome<GepRReport>.Of(GepRReport.Build(ledger.Records, baseYear, inputs.Services)) : new(null, ledger.Errors);
    }

    /// <summary>The records of one file (csv, or a workbook's first sheet); its errors are added to <paramref name="errors"/>.</summary>
    internal static IReadOnlyList<T> ReadFile<T>(GepRInputFile file, List<GepRInputError> errors, Func<TextReader, string, GepRReadResult<T>> read)
    {
        string text;
        try
        {
            text = TabularInput.ToCsv(file.Content, file.FileName);
        }
        catch (InvalidDataException ex)
        {
            errors.Add(new GepRInputError(file.FileName, 1, 1, ex.Message));
            return [];
        }

        using var reader = new StringReader(text);
        var result = read(reader, file.FileName);
        errors.AddRange(result.Errors);
        return result.Records;
    }
}
