using EcoPlan.Core.Indicators.GepR;

namespace EcoPlan.Core.Tests.Indicators.Storage;

/// <summary>
/// The one GEP-R pipeline (<see cref="GepRAccounts"/>): the sample files and the same files stored give the same
/// accounts and compensation, on both providers; a bad input is reported at its place.
/// </summary>
public sealed class GepRAccountsTests
{
    private static GepRInputFile Sample(string name) =>
        new(name, File.ReadAllBytes(RepositoryPaths.Of(Path.Combine("samples", "indicators", name))));

    private static GepRInputs SampleInputs()
    {
        var read = GepRAccounts.Read(Sample("gepr-prices.csv"), Sample("gepr-quantities.csv"), modelInputs: null);
        Assert.True(read.Value is not null, string.Join('\n', read.Reasons));
        return read.Value;
    }

    private static readonly CompensationRules s_rules = new() { Mode = CompensationMode.Horizontal, Rate = 0.1m, GrowthTarget = 0.03m };

    [ProviderTheory]
    public async Task StoredSamples_GiveTheAccountsAndCompensationOfTheFiles(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var store = new GepRStore(db, TimeProvider.System);
        var imported = await store.ImportAsync(Sample("gepr-quantities.csv"), Sample("gepr-prices.csv"), "test");
        Assert.True(imported.Stored, string.Join('\n', imported.Errors));

        var fromFiles = GepRAccounts.Report(SampleInputs(), baseYear: 2025);
        var (stored, errors) = await store.ReportAsync(2025);
        var compensationOfFiles = GepRAccounts.Compensate(SampleInputs(), s_rules, year: null);
        var (compensationStored, why) = await store.CompensateAsync(s_rules, null);

        Assert.Empty(errors);
        Assert.Null(why);
        var files = fromFiles.Value!;
        // The 16 districts of the sample, 2025 and 2026, valued at the prices in force and at 2025's (here the same 2010 prices).
        Assert.Equal(32, files.Regions.Count);
        Assert.Equal(
            files.Regions.Select(r => (r.RegionCode, r.Year, r.Value, r.ComparableValue, r.Share)),
            stored!.Regions.Select(r => (r.RegionCode, r.Year, r.Value, r.ComparableValue, r.Share)));
        Assert.Equal(files.Totals.Select(t => (t.Year, t.Value)), stored.Totals.Select(t => (t.Year, t.Value)));

        var compensation = compensationOfFiles.Value!;
        Assert.Equal((2026, 2025, 2025), (compensation.Year, compensation.PreviousYear, compensation.PriceBaseYear));
        Assert.True(compensation.TotalPaid > 0);
        Assert.Equal(compensation.TotalPaid, compensation.TotalReceived);
        Assert.Equal(
            compensation.Transfers.Select(t => (t.FromCode, t.ToCode, t.Amount)),
            compensationStored!.Transfers.Select(t => (t.FromCode, t.ToCode, t.Amount)));
    }

    [ProviderTheory]
    public async Task EmptyLedger_IsRefusedWithAReason(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();

        var (result, why) = await new GepRStore(db, TimeProvider.System).CompensateAsync(s_rules, null);

        Assert.Null(result);
        Assert.Equal("no GEP-R ledger on file", why);
    }

    [Fact]
    public void Read_BadCellsInTwoFiles_ReportsEachAtItsPlace()
    {
        var prices = new GepRInputFile("p.csv", "price_year,service,item,price,unit,source\n2010,carbon_sequestration,,abc,元/t,test\n"u8.ToArray());
        var quantities = new GepRInputFile("q.csv", "region_code,year,service,item,quantity,unit,source\n999999,2025,carbon_sequestration,,1,t,test\n"u8.ToArray());

        var read = GepRAccounts.Read(prices, quantities, modelInputs: null);

        Assert.Null(read.Value);
        Assert.Equal(["p.csv", "q.csv"], read.Errors.Select(e => e.File).Distinct());
        Assert.All(read.Errors, e => Assert.Equal(2, e.Row));
    }

    [Fact]
    public void Compensate_AYearWithoutData_IsRefused()
    {
        var result = GepRAccounts.Compensate(SampleInputs(), s_rules with { Year = 2030 }, year: null);

        Assert.Null(result.Value);
        Assert.Contains("2030", Assert.Single(result.Reasons), StringComparison.Ordinal);
    }
}
