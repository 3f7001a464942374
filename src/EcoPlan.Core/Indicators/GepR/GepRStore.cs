using System.Security.Cryptography;
using EcoPlan.Core.Regions;

namespace EcoPlan.Core.Indicators.GepR;

/// <summary>An input file for <see cref="GepRStore.ImportAsync"/>: its name (for errors) and bytes (csv or xlsx).</summary>
public sealed record GepRInputFile(string FileName, byte[] Content);

public sealed record GepRImportResult(IReadOnlyList<GepRInputError> Errors, int Quantities, int Prices)
{
    /// <summary>Region codes of the quantities file the importing user may not load (the import is then refused whole).</summary>
    public IReadOnlyList<string> RefusedRegions { get; init; } = [];

    public bool Stored => Errors.Count == 0 && RefusedRegions.Count == 0;
}

/// <summary>
/// GEP-R ledgers and price versions in the database. Quantities and prices are stored as read (the csv readers of
/// <see cref="QuantityCsv"/> and <see cref="PriceCsv"/>); values are priced on read, so a corrected or added price
/// version revalues the ledger without touching it.
/// </summary>
public sealed class GepRStore(EcoPlanDbContext db, TimeProvider time)
{
    /// <summary>The source label what <see cref="ImportAsync"/> stores carries (<see cref="IndicatorImport.SourceLabel"/>).</summary>
    public string? SourceLabel { get; init; }

    /// <summary>The source labels of the stored ledger lines and prices (示例数据，非官方数据 for the demo's), for every page showing them.</summary>
    public async Task<IReadOnlyList<string>> SourceLabelsAsync(CancellationToken cancellationToken = default) =>
        await db.IndicatorImports.AsNoTracking()
            .Where(i => i.SourceLabel != null && (db.GepRQuantities.Any(q => q.ImportId == i.Id) || db.GepRPrices.Any(p => p.ImportId == i.Id)))
            .Select(i => i.SourceLabel!).Distinct().ToListAsync(cancellationToken);

    /// <summary>
    /// Stores price versions and ledger lines, all or nothing: any error in either file, or a quantity that the stored
    /// and new prices together cannot value, stores nothing. A line of the same region, year, service and item (a price
    /// of the same year, service and item) replaces the stored one.
    /// </summary>
    /// <remarks><paramref name="mayImport"/>, when given, says whether the user may load a region's quantities (by region id); a file with any other region is refused whole.</remarks>
    public async Task<GepRImportResult> ImportAsync(
        GepRInputFile? quantities, GepRInputFile? prices, string? importedBy, Func<int, bool>? mayImport = null, CancellationToken cancellationToken = default)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await StoreAsync(quantities, prices, importedBy, mayImport, cancellationToken);
        Operations.EcoPlanMetrics.RecordImport("gepr", result.Errors.Count == 0 && result.RefusedRegions.Count == 0, started);
        return result;
    }

    private async Task<GepRImportResult> StoreAsync(
        GepRInputFile? quantities, GepRInputFile? prices, string? importedBy, Func<int, bool>? mayImport, CancellationToken cancellationToken)
    {
        var services = RegulatingServiceCatalog.BuiltIn;
        var errors = new List<GepRInputError>();
        var newPrices = prices is null ? [] : GepRAccounts.ReadFile(prices, errors, (r, file) => PriceCsv.Read(r, file, services));
        var newQuantities = quantities is null ? [] : GepRAccounts.ReadFile(quantities, errors, (r, file) => QuantityCsv.Read(r, file, services, RegionCatalog.Names));
        if (errors.Count > 0)
        {
            return new GepRImportResult(errors, 0, 0);
        }

        var regions = await db.Regions.ToDictionaryAsync(r => r.Code, r => r.Id, cancellationToken);
        var refused = newQuantities.Select(q => q.RegionCode).Distinct().Where(c => mayImport is not null && !mayImport(regions[c])).Order(StringComparer.Ordinal).ToList();
        if (refused.Count > 0)
        {
            return new GepRImportResult([], 0, 0) { RefusedRegions = refused };
        }

        // The ledger as it would be after the import must price: every quantity has a price in force, no region twice.
        var (storedQuantities, storedPrices) = await LoadAsync(cancellationToken);
        var priceKeys = newPrices.Select(p => (p.PriceYear, p.Service, p.Item)).ToHashSet();
        var quantityKeys = newQuantities.Select(q => (q.RegionCode, q.Year, q.Service, q.Item)).ToHashSet();
        var allPrices = new PriceTable(storedPrices.Entries.Where(p => !priceKeys.Contains((p.PriceYear, p.Service, p.Item))).Concat(newPrices));
        var allQuantities = storedQuantities.Where(q => !quantityKeys.Contains((q.RegionCode, q.Year, q.Service, q.Item))).Concat(newQuantities).ToList();
        var check = GepRLedger.Build(allQuantities, allPrices, services, RegionCatalog.Names);
        if (!check.IsValid)
        {
            return new GepRImportResult(check.Errors, 0, 0);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (prices is not null)
        {
            var batch = Batch(IndicatorImportKind.GepRPrices, prices, newPrices.Count, importedBy);
            foreach (var p in newPrices)
            {
                await db.GepRPrices.Where(x => x.PriceYear == p.PriceYear && x.Service == p.Service && x.Item == p.Item).ExecuteDeleteAsync(cancellationToken);
                db.GepRPrices.Add(new GepRPrice
                {
                    PriceYear = p.PriceYear, Service = p.Service, Item = p.Item, Price = p.Price, Unit = p.PricedUnit.Symbol,
                    Source = p.Source, Confirmed = p.Confirmed, Note = p.Note, Import = batch,
                });
            }
        }

        if (quantities is not null)
        {
            var batch = Batch(IndicatorImportKind.GepRQuantities, quantities, newQuantities.Count, importedBy);
            foreach (var q in newQuantities)
            {
                var regionId = regions[q.RegionCode];
                await db.GepRQuantities.Where(x => x.RegionId == regionId && x.Year == q.Year && x.Service == q.Service && x.Item == q.Item).ExecuteDeleteAsync(cancellationToken);
                db.GepRQuantities.Add(new GepRQuantity
                {
                    RegionId = regionId, Year = q.Year, Service = q.Service, Item = q.Item, Quantity = q.Quantity, Unit = q.Unit.Symbol,
                    Source = q.Source, Import = batch,
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new GepRImportResult([], newQuantities.Count, newPrices.Count);
    }

    /// <summary>The stored ledger lines and price versions, as the csv readers would give them.</summary>
    public async Task<(IReadOnlyList<QuantityRecord> Quantities, PriceTable Prices)> LoadAsync(CancellationToken cancellationToken = default)
    {
        var quantities = (await db.GepRQuantities.AsNoTracking()
                .Select(q => new { q.Region!.Code, q.Year, q.Service, q.Item, q.Quantity, q.Unit, q.Source, q.Id })
                .ToListAsync(cancellationToken))
            .OrderBy(q => q.Id)
            .Select(q => new QuantityRecord(q.Code, q.Year, q.Service, q.Item, q.Quantity, Unit(q.Unit), q.Source, "database", q.Id))
            .ToList();
        var prices = (await db.GepRPrices.AsNoTracking().ToListAsync(cancellationToken))
            .Select(p => new PriceEntry(p.PriceYear, p.Service, p.Item, p.Price, Unit(p.Unit), p.Source, p.Confirmed, p.Note, p.Id))
            .ToList();
        return (quantities, new PriceTable(prices));
    }

    /// <summary>The accounts of the stored ledger (at prices in force, or at <paramref name="baseYear"/>'s prices); null with the reasons when they cannot be priced.</summary>
    public async Task<(GepRReport? Report, IReadOnlyList<GepRInputError> Errors)> ReportAsync(int? baseYear, CancellationToken cancellationToken = default)
    {
        var report = GepRAccounts.Report(await InputsAsync(cancellationToken), baseYear);
        return (report.Value, report.Errors);
    }

    /// <summary>
    /// The compensation table of the stored ledger (<see cref="GepRAccounts.Compensate"/>); null with the reason
    /// (the first five when the ledger cannot be priced) when it cannot be computed.
    /// </summary>
    public async Task<(CompensationResult? Result, string? Error)> CompensateAsync(CompensationRules rules, int? year, CancellationToken cancellationToken = default)
    {
        var result = GepRAccounts.Compensate(await InputsAsync(cancellationToken), rules, year);
        return (result.Value, result.Value is null ? result.Refusal ?? string.Join("; ", result.Errors.Take(5).Select(e => e.Message)) : null);
    }

    private async Task<GepRInputs> InputsAsync(CancellationToken cancellationToken)
    {
        var (quantities, prices) = await LoadAsync(cancellationToken);
        return new GepRInputs(RegulatingServiceCatalog.BuiltIn, prices, quantities, []);
    }

    private IndicatorImport Batch(IndicatorImportKind kind, GepRInputFile file, int rows, string? importedBy)
    {
        var batch = new IndicatorImport
        {
            Kind = kind,
            FileName = FileNames.Stored(file.FileName),
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(file.Content)),
            Rows = rows,
            ImportedAt = time.GetUtcNow().UtcDateTime,
            ImportedBy = importedBy,
            SourceLabel = SourceLabel,
        };
        db.IndicatorImports.Add(batch);
        return batch;
    }

    private static PhysicalUnit Unit(string symbol) =>
        GepRUnits.TryParse(symbol, out var unit) || GepRUnits.TryParsePriceUnit(symbol, out unit)
            ? unit
            : throw new GepRException(string.Create(CultureInfo.InvariantCulture, $"Stored unit '{symbol}' is not known."));
}
