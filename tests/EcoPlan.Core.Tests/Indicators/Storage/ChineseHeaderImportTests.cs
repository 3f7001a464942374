using System.Text;
using EcoPlan.Core.Demo;
using EcoPlan.Core.Indicators;
using EcoPlan.Core.Indicators.GepR;

namespace EcoPlan.Core.Tests.Indicators.Storage;

/// <summary>Imports of files whose columns are named in Chinese (as the templates and the demo's sample files are), on both providers.</summary>
public sealed class ChineseHeaderImportTests
{
    private static readonly TimeProvider s_time = TimeProvider.System;

    [ProviderTheory]
    public async Task DemoSamples_WithChineseHeadersAndRegionNames_ImportAndCarryTheSampleLabel(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();

        await DemoData.LoadIndicatorsAsync(db, s_time);

        // 16 districts × 2 years; 14 sub-indices each; 通州区 2026 as the sample file gives it.
        Assert.Equal(32, await db.EiRecords.CountAsync());
        Assert.Equal(32 * 14, await db.EiSubIndexValues.CountAsync());
        var tongzhou = await EiImporter.RecordsAsync(db, MethodologyCatalog.Db11, await db.Regions.Where(r => r.Code == "110112").Select(r => r.Id).SingleAsync());
        Assert.Equal([2025, 2026], tongzhou.Keys);
        Assert.Equal((68.2m, 70.1m), (tongzhou[2025].Values["air_environment"], tongzhou[2026].Values["air_environment"]));
        Assert.Equal([DemoData.SampleLabel], await EiImporter.SourceLabelsAsync(db, MethodologyCatalog.Db11, "110112"));
        Assert.Empty(await EiImporter.SourceLabelsAsync(db, MethodologyCatalog.Hj192, "110112"));

        // 16 districts × 16 service items × 2 years, priced by the 16 sample prices; every district grows.
        Assert.Equal(512, await db.GepRQuantities.CountAsync());
        Assert.Equal(16, await db.GepRPrices.CountAsync());
        Assert.All(await db.GepRQuantities.Select(q => q.Source).Distinct().ToListAsync(), s => Assert.Equal(DemoData.SampleLabel, s));
        var store = new GepRStore(db, s_time);
        Assert.Equal([DemoData.SampleLabel], await store.SourceLabelsAsync());
        var (report, errors) = await store.ReportAsync(null);
        Assert.Empty(errors);
        Assert.All(report!.Regions.Where(r => r.Year == 2026), r => Assert.True(r.Change!.Delta > 0, r.RegionName));
        var total = report.Totals.Single(t => t.Year == 2026).Value;
        Assert.InRange(total, 2_000e8m, 6_000e8m); // the order of Beijing's published 3,738 亿元
        Assert.All(await db.IndicatorImports.ToListAsync(), i => Assert.Equal((DemoData.SampleLabel, (string?)null), (i.SourceLabel, i.ImportedBy)));
    }

    [ProviderTheory]
    public async Task Import_HeadersInEitherLanguageAnyCaseOrSpacing_AreRead(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var methodology = MethodologyCatalog.Load(MethodologyCatalog.Db11);
        // English keys in other cases and spacing, Chinese names with full-width spaces, the region by name or code.
        var header = string.Join(',', methodology.SubIndices.Select((s, i) => i % 2 == 0 ? s.Name.Insert(1, "\u3000") : " " + s.Key.ToUpperInvariant()));
        var csv = $"\uFEFF Region_Code ,年 份,{header}\n通州区,2025,{string.Join(',', methodology.SubIndices.Select(_ => "60"))}\n110112,2026,{string.Join(',', methodology.SubIndices.Select(_ => "61"))}\n";

        var ei = await new EiImporter(db, s_time).ImportAsync(Encoding.UTF8.GetBytes(csv), "ei.csv", methodology, "test");

        Assert.True(ei.Stored, string.Join('\n', ei.Errors.Select(e => e.ToString("ei.csv"))));
        Assert.Equal(2, await db.EiRecords.CountAsync(r => r.Region!.Code == "110112"));
        Assert.Null(await db.IndicatorImports.Select(i => i.SourceLabel).SingleAsync());

        const string quantities = "地区,年份,服务,项目,实物量,单位,来源\n通州区,2025,固碳,固定二氧化碳量,1000,t,区统计\n";
        const string prices = "价格年份,服务,项目,价格,单位,来源,已确认,备注\n2010,carbon_sequestration,co2,380,元/t,测试,是,\n";
        var gepr = await new GepRStore(db, s_time).ImportAsync(
            new GepRInputFile("q.csv", Encoding.UTF8.GetBytes(quantities)), new GepRInputFile("p.csv", Encoding.UTF8.GetBytes(prices)), "test");

        Assert.True(gepr.Stored, string.Join('\n', gepr.Errors));
        var line = await db.GepRQuantities.Include(q => q.Region).SingleAsync();
        Assert.Equal(("110112", "carbon_sequestration", "co2", 1000m), (line.Region!.Code, line.Service, line.Item, line.Quantity));
        Assert.True((await db.GepRPrices.SingleAsync()).Confirmed);
    }

    [Fact]
    public void Read_AnUnknownChineseHeaderOrRegion_IsAnErrorAtItsCell()
    {
        var methodology = MethodologyCatalog.Load(MethodologyCatalog.Db11);
        var header = string.Join(',', methodology.SubIndices.Select(s => s.Name));
        var badHeader = EiImporter.Read(Encoding.UTF8.GetBytes($"地点,年份,{header}\n"), "ei.csv", methodology);
        Assert.Contains(badHeader.Errors, e => (e.Row, e.Column) == (1, 1) && e.Message.Contains("地点", StringComparison.Ordinal));

        var badRegion = EiImporter.Read(Encoding.UTF8.GetBytes($"地区,年份,{header}\n火星区,2026,{string.Join(',', methodology.SubIndices.Select(_ => "60"))}\n"), "ei.csv", methodology);
        Assert.Equal((2, 1), (badRegion.Errors.Single().Row, badRegion.Errors.Single().Column));
    }
}
