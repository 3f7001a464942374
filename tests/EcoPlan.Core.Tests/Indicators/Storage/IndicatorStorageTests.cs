using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using EcoPlan.Core.Export;
using EcoPlan.Core.Indicators;
using EcoPlan.Core.Indicators.GepR;
using EcoPlan.Core.Plans;

namespace EcoPlan.Core.Tests.Indicators.Storage;

/// <summary>Indicator values in the database: imports all or nothing, notices of falls once, accounts read back, on both providers.</summary>
public sealed class IndicatorStorageTests
{
    private static readonly TimeProvider s_time = TimeProvider.System;

    /// <summary>A db11-1877 csv for 通州区: each row's sub-indices at its level, one of them (Key) at Value.</summary>
    internal static string Db11Csv(params (int Year, decimal Level, string? Key, decimal? Value)[] rows)
    {
        var methodology = MethodologyCatalog.Load(MethodologyCatalog.Db11);
        var text = new StringBuilder(string.Join(',', SubIndexCsv.Columns(methodology))).Append('\n');
        foreach (var (year, level, key, value) in rows)
        {
            text.Append("110112,").Append(year.ToString(CultureInfo.InvariantCulture));
            foreach (var s in methodology.SubIndices)
            {
                text.Append(',').Append((s.Key == key ? value!.Value : level).ToString(CultureInfo.InvariantCulture));
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static Task<EiImportResult> ImportAsync(EcoPlanDbContext db, string csv, string file = "ei.csv") =>
        new EiImporter(db, s_time).ImportAsync(Encoding.UTF8.GetBytes(csv), file, MethodologyCatalog.Load(MethodologyCatalog.Db11), "test");

    /// <summary>A refused import leaves no indicator value, import record or notice behind.</summary>
    private static async Task AssertNothingStoredAsync(EcoPlanDbContext db)
    {
        Assert.Equal((0, 0, 0, 0, 0), (await db.EiRecords.CountAsync(), await db.GepRQuantities.CountAsync(), await db.GepRPrices.CountAsync(),
            await db.IndicatorImports.CountAsync(), await db.Notifications.CountAsync()));
    }

    [ProviderTheory]
    public async Task EiImport_StoresValuesAndNoticesAFallToItsOwnersOnce(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        // 水网密度指数 falls from 60 to 57.5 between 2025 and 2026; its owner (methodology: 区水务局) is told once.
        var csv = Db11Csv((2025, 60m, null, null), (2026, 61m, "water_network_density", 57.5m));

        var first = await ImportAsync(db, csv);
        var again = await ImportAsync(db, csv);

        Assert.True(first.Stored, string.Join('\n', first.Errors));
        Assert.Equal(2, first.Records);
        Assert.Equal(1, first.Notices);
        Assert.Equal(0, again.Notices);
        Assert.Equal(2, await db.EiRecords.CountAsync());
        Assert.Equal(28, await db.EiSubIndexValues.CountAsync());
        var notice = await db.Notifications.Include(n => n.Organization).SingleAsync();
        Assert.Equal("北京市通州区水务局", notice.Organization!.Name);
        Assert.Contains("水网密度指数", notice.Text, StringComparison.Ordinal);
        Assert.Contains("2.5", notice.Text, StringComparison.Ordinal);
        Assert.Equal("/indicators/ei?region=110112&year=2026&method=db11-1877", notice.Link);

        var view = await EiAccountability.BuildAsync(db, MethodologyCatalog.Load(MethodologyCatalog.Db11), "110112", 2026);
        Assert.NotNull(view);
        Assert.Equal(2025, view.PreviousYear);
        Assert.Equal(2025, view.BaseYear);
        Assert.Equal(EiStatus.WeightsNotConfigured, view.Outcome!.Status);
        var fall = Assert.Single(view.Falls);
        Assert.Equal("water_network_density", fall.Definition.Key);
        Assert.Equal(2.5m, fall.Fall);
        Assert.Equal(["北京市通州区水务局"], fall.Owners.Select(o => o.Name));
    }

    [ProviderTheory]
    public async Task EiImport_WithAnErrorAnywhere_StoresNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var csv = Db11Csv((2025, 60m, null, null), (2026, 61m, "grassland", -1m));

        var result = await ImportAsync(db, csv);

        Assert.False(result.Stored);
        var error = Assert.Single(result.Errors);
        Assert.Equal(3, error.Row);
        Assert.Equal(7, error.Column); // region_code, year, then the 5th sub-index (grassland)
        Assert.Contains("negative", error.Message, StringComparison.Ordinal);
        await AssertNothingStoredAsync(db);
    }

    [ProviderTheory]
    public async Task EiImport_ReplacesTheSameRegionAndYearAndRefusesRegionsNotAllowed(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        await ImportAsync(db, Db11Csv((2026, 60m, null, null)));
        var city = await db.Regions.SingleAsync(r => r.Code == "110000");
        var refused = await new EiImporter(db, s_time).ImportAsync(new UserAccess(2, "city", Roles.Coordinator, 1, "", city.Id, city.Code, null),
            Encoding.UTF8.GetBytes(Db11Csv((2026, 50m, null, null))), "other.csv", MethodologyCatalog.Load(MethodologyCatalog.Db11));

        await ImportAsync(db, Db11Csv((2026, 70m, null, null)));

        var forbidden = Assert.IsType<UseCaseError.Forbidden>(refused.Error);
        Assert.Contains("region_code", forbidden.Message, StringComparison.Ordinal);
        Assert.Contains("通州区", forbidden.Message, StringComparison.Ordinal);
        var values = await db.EiSubIndexValues.Select(v => v.Value).Distinct().ToListAsync();
        Assert.Equal([70m], values);
        Assert.Equal(1, await db.EiRecords.CountAsync());
    }

    [Fact]
    public void EiRead_Xlsx_GivesTheSameRowsAndCellsAsCsv()
    {
        var methodology = MethodologyCatalog.Load(MethodologyCatalog.Hj192);
        var header = SubIndexCsv.Columns(methodology).Cast<object?>().ToList();
        using var buffer = new MemoryStream();
        SimpleXlsxWriter.Write(buffer, [new XlsxSheet("values", [
            header,
            new object?[] { "110112", 2025, 60.5, 70, 30, 20, 10, 0 },
            Array.Empty<object?>(),
            new object?[] { "110112", 2026, 61, "x", 30, 20, 10, 0 },
        ])]);

        var result = EiImporter.Read(buffer.ToArray(), "values.xlsx", methodology);

        var error = Assert.Single(result.Errors);
        Assert.Equal((4, 4), (error.Row, error.Column)); // cell D4
        Assert.Contains("'x' is not a number", error.Message, StringComparison.Ordinal);
        Assert.Equal(60.5m, Assert.Single(result.Records).Values["biological_abundance"]);
    }

    private const string Quantities = """
        region_code,year,service,item,quantity,unit,source
        110112,2024,carbon_sequestration,,1000,t,test
        110112,2025,carbon_sequestration,,1100,t,test
        110119,2024,carbon_sequestration,,3000,t,test
        110119,2025,carbon_sequestration,,3000,t,test
        """;

    private const string Prices = """
        price_year,service,item,price,unit,source,confirmed,note
        2010,carbon_sequestration,,380,元/t,test,false,
        """;

    private static GepRInputFile File(string name, string text) => new(name, Encoding.UTF8.GetBytes(text));

    [ProviderTheory]
    public async Task GepRImport_StoresTheLedgerAndReadsBackTheSameAccounts(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var store = new GepRStore(db, s_time);

        var result = await store.ImportAsync(File("q.csv", Quantities), File("p.csv", Prices), "test");
        var (report, errors) = await store.ReportAsync(null);

        Assert.True(result.Stored, string.Join('\n', result.Errors));
        Assert.Empty(errors);
        // 通州区 2025: 1100 t × 380 元/t = 418000 元; 2024: 380000 元; growth 10 %.
        var tongzhou = report!.Regions.Single(r => r.RegionCode == "110112" && r.Year == 2025);
        Assert.Equal(418000m, tongzhou.Value);
        Assert.Equal(0.1m, tongzhou.Change!.Growth);
        Assert.Equal(1558000m, report.Totals.Single(t => t.Year == 2025).Value);
    }

    [ProviderTheory]
    public async Task GepRImport_WithARegionTheUserMayNotLoad_IsRefusedWhole(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var tongzhou = await db.Regions.Where(r => r.Code == "110112").Select(r => r.Id).SingleAsync();

        var coordinator = new UserAccess(2, "coordinator", Roles.Coordinator, 1, "", tongzhou, "110112", null);
        var importing = new GepRImporting(db, s_time);

        var quantities = await importing.ImportAsync(coordinator, File("q.csv", Quantities), null);
        var prices = await importing.ImportAsync(coordinator, null, File("p.csv", Prices));

        var refused = Assert.IsType<UseCaseError.Forbidden>(quantities.Error).Message;
        Assert.Contains("延庆区", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("通州区", refused, StringComparison.Ordinal);
        Assert.Contains("Prices hold for every region", Assert.IsType<UseCaseError.Forbidden>(prices.Error).Message, StringComparison.Ordinal);
        Assert.Equal(new GepRImportRights(true, false), await importing.RightsAsync(coordinator));
        await AssertNothingStoredAsync(db);
    }

    [ProviderTheory]
    public async Task GepRImport_QuantityWithoutAPrice_StoresNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var store = new GepRStore(db, s_time);
        var quantities = Quantities + "\n110112,2025,oxygen_release,,10,t,test\n";

        var result = await store.ImportAsync(File("q.csv", quantities), File("p.csv", Prices), "test");

        Assert.False(result.Stored);
        Assert.Contains(result.Errors, e => e.Row == 6 && e.Message.Contains("no price", StringComparison.Ordinal));
        await AssertNothingStoredAsync(db);
    }

    [ProviderTheory]
    public async Task Compensation_OfTheStoredLedger_BalancesAndIsAValidWorkbook(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var store = new GepRStore(db, s_time);
        await store.ImportAsync(File("q.csv", Quantities), File("p.csv", Prices), "test");
        var rules = new CompensationRules { Mode = CompensationMode.Horizontal, Rate = 0.5m, GrowthTarget = 0.03m };

        var (result, error) = await store.CompensateAsync(rules, null);

        Assert.Null(error);
        // 延庆区 grew 0 against 3 % of 1140000: shortfall 34200 元, pays 0.5 × 34200 = 17100 to 通州区 (grew 10 %).
        Assert.Equal(17100, result!.TotalPaid);
        Assert.Equal(result.TotalPaid, result.TotalReceived);
        var transfer = Assert.Single(result.Transfers);
        Assert.Equal(("110119", "110112", 17100L), (transfer.FromCode, transfer.ToCode, transfer.Amount));

        using var buffer = new MemoryStream();
        CompensationXlsx.Write(buffer, result);
        buffer.Position = 0;
        using var document = SpreadsheetDocument.Open(buffer, false);
        Assert.Empty(new OpenXmlValidator().Validate(document));
        Assert.Equal(3, document.WorkbookPart!.WorksheetParts.Count());
    }

    [ProviderTheory]
    public async Task TargetAchievement_IsStoredOncePerRegionAndYear(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        int targetId, regionId;
        await using (var db = database.NewContext())
        {
            var plan = await Data.SamplePlans.TongzhouExcerptAsync(db);
            db.Plans.Add(plan);
            await db.SaveChangesAsync();
            targetId = plan.Sections[0].Tasks[0].Measures[0].Targets[0].Id;
            regionId = plan.RegionId;
            await TargetProgress.SaveAsync(db, targetId, regionId, 2026, 44m, null, "统计公报", "coordinator", DateTime.UtcNow);
            await TargetProgress.SaveAsync(db, targetId, regionId, 2026, 45.5m, null, "统计公报（修订）", "coordinator", DateTime.UtcNow);
        }

        await using var reader = database.NewContext();
        var progress = (await TargetProgress.ForPlanAsync(reader, UserAccess.System, (await reader.Plans.SingleAsync()).Id, 2026)).Value;
        var row = progress!.Targets.Single(t => t.TargetId == targetId);
        Assert.Equal(45.5m, row.Own!.Value);
        Assert.Equal("统计公报（修订）", row.Own.Source);
        Assert.True(row.Met); // 森林覆盖率 ≥ 45
        Assert.Equal(1, await reader.TargetAchievements.CountAsync());
    }
}
