using EcoPlan.Core.Indicators;
using EcoPlan.Core.Regions;

namespace EcoPlan.Core.Tests.Indicators;

public sealed class EiReportTests
{
    private const string Tongzhou = "110112";

    private static SubIndexRecord Db11Record(Methodology m, int year, Dictionary<string, decimal> changes) =>
        new(Tongzhou, year, m.SubIndices.ToDictionary(s => s.Key, s => changes.TryGetValue(s.Key, out var v) ? v : 50m), 0);

    [Fact]
    public void Db11_WithoutWeights_ReportsWeightsNotConfiguredAndStillListsDeclinesWithOwners()
    {
        var db11 = MethodologyCatalog.Load(MethodologyCatalog.Db11);
        var records = new[]
        {
            Db11Record(db11, 2024, new() { ["species_diversity"] = 60, ["air_environment"] = 70 }),
            // 物种多样性指数 60 → 57.5 (fell 2.5), 水网密度指数 50 → 49.9 (fell 0.1), 大气环境指数 70 → 72 (rose)
            Db11Record(db11, 2025, new() { ["species_diversity"] = 57.5m, ["water_network_density"] = 49.9m, ["air_environment"] = 72 }),
        };

        var rows = EiReport.Build(db11, records, baseYear: null, RegionCatalog.Names);

        Assert.All(rows, r => Assert.Equal(EiStatus.WeightsNotConfigured, r.Outcome.Status));
        Assert.All(rows, r => Assert.Contains("weights not configured", r.Outcome.Message, StringComparison.Ordinal));
        var latest = rows.Single(r => r.Record.Year == 2025);
        Assert.Equal("通州区", latest.RegionName);
        Assert.Equal(2024, latest.BaseYear);
        Assert.Null(latest.Delta);
        Assert.Collection(latest.Declines,
            d =>
            {
                Assert.Equal("水网密度指数", d.Name);
                Assert.Equal(-0.1m, d.Change);
                Assert.Equal(0.1m, d.Fall);
                Assert.Equal(["区水务局"], d.Owners);
            },
            d =>
            {
                Assert.Equal("物种多样性指数", d.Name);
                Assert.Equal(60m, d.Before);
                Assert.Equal(57.5m, d.After);
                Assert.Equal(2.5m, d.Fall);
                Assert.Equal(["区园林绿化局", "区农业农村局"], d.Owners);
            });
    }

    [Fact]
    public void Declines_CountARiseOfAHigherIsWorseIndexAsWorse()
    {
        var hj192 = MethodologyCatalog.Load(MethodologyCatalog.Hj192);
        var before = new Dictionary<string, decimal> { ["land_stress"] = 20, ["pollution_load"] = 10, ["vegetation_cover"] = 60 };
        var after = new Dictionary<string, decimal> { ["land_stress"] = 22, ["pollution_load"] = 9, ["vegetation_cover"] = 61 };

        var decline = Assert.Single(SubIndexDeclines.Find(hj192, before, after));

        Assert.Equal("land_stress", decline.Key);
        Assert.Equal(2m, decline.Change);
        Assert.Equal(2m, decline.Fall);
    }

    [Fact]
    public void Report_ComparesTwoYearsOfOneRegion()
    {
        var db11 = MethodologyCatalog.Load(MethodologyCatalog.Db11);

        var report = SubIndexDeclines.Report(db11, Db11Record(db11, 2023, []), Db11Record(db11, 2025, new() { ["cultivated_land"] = 49 }));

        Assert.Equal((2023, 2025), (report.BaseYear, report.Year));
        var decline = Assert.Single(report.Declines);
        Assert.Equal(["区农业农村局"], decline.Owners);
    }

    [Fact]
    public void Hj192_ReportGivesDeltaAndChangeClassAgainstTheBaseYear()
    {
        var hj192 = MethodologyCatalog.Load(MethodologyCatalog.Hj192);
        static Dictionary<string, decimal> V(decimal bio) => new()
        {
            ["biological_abundance"] = bio,
            ["vegetation_cover"] = 60,
            ["water_network_density"] = 30,
            ["land_stress"] = 35,
            ["pollution_load"] = 20,
        };
        var records = new[]
        {
            new SubIndexRecord(Tongzhou, 2023, V(40), 0),   // 51.25 → 51.3
            new SubIndexRecord(Tongzhou, 2024, V(41), 0),   // 51.25 + 0.35 = 51.60 → 51.6
            new SubIndexRecord(Tongzhou, 2025, V(50), 0),   // 51.25 + 3.5 = 54.75 → 54.8
        };

        var rows = EiReport.Build(hj192, records, baseYear: 2023, RegionCatalog.Names);

        Assert.Null(rows[0].Delta); // the base year itself
        Assert.Equal(0.3m, rows[1].Delta); // 51.6 − 51.3
        Assert.Equal("无明显变化", rows[1].Change!.Name);
        Assert.Equal(3.5m, rows[2].Delta); // 54.8 − 51.3
        Assert.Equal("明显变好", rows[2].Change!.Name);

        var yearOnYear = EiReport.Build(hj192, records, baseYear: null, RegionCatalog.Names);
        Assert.Equal(3.2m, yearOnYear[2].Delta); // 54.8 − 51.6
        Assert.Equal("明显变好", yearOnYear[2].Change!.Name);
    }
}
