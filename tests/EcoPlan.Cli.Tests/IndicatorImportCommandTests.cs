using System.Globalization;
using System.Text;
using EcoPlan.Core.Data;
using EcoPlan.Core.Indicators;
using EcoPlan.Testing;
using Microsoft.EntityFrameworkCore;

namespace EcoPlan.Cli.Tests;

/// <summary><c>ecoplan ei import</c> and <c>ecoplan gepr import</c> against a real database on each provider.</summary>
public sealed class IndicatorImportCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ecoplan-import-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string[] Db(TestDatabase database) => database.Provider == DatabaseProvider.Sqlite
        ? ["--data-dir", database.Settings.DataDirectory]
        : ["--provider", "postgres", "--connection", database.Settings.ConnectionString];

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    private static string Db11(decimal water2026)
    {
        var methodology = MethodologyCatalog.Load(MethodologyCatalog.Db11);
        var text = new StringBuilder(string.Join(',', SubIndexCsv.Columns(methodology))).Append('\n');
        foreach (var year in new[] { 2025, 2026 })
        {
            text.Append("110112,").Append(year.ToString(CultureInfo.InvariantCulture));
            foreach (var s in methodology.SubIndices)
            {
                text.Append(',').Append((year == 2026 && s.Key == "water_network_density" ? water2026 : 60m).ToString(CultureInfo.InvariantCulture));
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    [ProviderTheory]
    public async Task EiImport_StoresTheRowsAndNoticesTheFall_ABadFileStoresNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var good = Write("ei.csv", Db11(58m));
        var bad = Write("bad.csv", Db11(58m).Replace("58", "abc", StringComparison.Ordinal));

        var failed = await CliRunner.RunAsync(["ei", "import", bad, "--method", "db11-1877", .. Db(database)]);
        var stored = await CliRunner.RunAsync(["ei", "import", good, "--method", "db11-1877", .. Db(database)]);
        var again = await CliRunner.RunAsync(["ei", "import", good, "--method", "db11-1877", .. Db(database)]);

        Assert.Equal(2, failed.ExitCode);
        Assert.Contains($"ecoplan: {bad} 第 3 行第 4 列：水网密度指数：“abc”不是数字", failed.Error, StringComparison.Ordinal);
        Assert.Contains("nothing stored", failed.Error, StringComparison.Ordinal);
        Assert.Equal(0, stored.ExitCode);
        Assert.Contains("Imported 2 rows of db11-1877", stored.Output, StringComparison.Ordinal);
        Assert.Contains("1 new notices", stored.Output, StringComparison.Ordinal);
        Assert.Contains("0 new notices", again.Output, StringComparison.Ordinal);
        await using var db = database.NewContext();
        Assert.Equal(2, await db.EiRecords.CountAsync());
        Assert.Equal(2, await db.IndicatorImports.CountAsync());
    }

    [ProviderTheory]
    public async Task GeprImport_StoresLedgerAndPrices_AnUnpricedLineStoresNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var quantities = Write("q.csv", "region_code,year,service,item,quantity,unit,source\n110112,2025,carbon_sequestration,,1100,t,test\n");
        var unpriced = Write("u.csv", "region_code,year,service,item,quantity,unit,source\n110112,2025,oxygen_release,,10,t,test\n");
        var prices = Write("p.csv", "price_year,service,item,price,unit,source\n2010,carbon_sequestration,,380,元/t,test\n");

        var failed = await CliRunner.RunAsync(["gepr", "import", "--quantities", unpriced, "--prices", prices, .. Db(database)]);
        await using (var db = database.NewContext())
        {
            Assert.Equal(0, await db.GepRPrices.CountAsync());
        }

        var stored = await CliRunner.RunAsync(["gepr", "import", "--quantities", quantities, "--prices", prices, .. Db(database)]);

        Assert.Equal(2, failed.ExitCode);
        Assert.Contains("没有有效的", failed.Error, StringComparison.Ordinal);
        Assert.Equal(0, stored.ExitCode);
        Assert.Contains("Imported 1 ledger lines and 1 prices.", stored.Output, StringComparison.Ordinal);
        await using var check = database.NewContext();
        Assert.Equal(1100m, (await check.GepRQuantities.SingleAsync()).Quantity);
    }
}
