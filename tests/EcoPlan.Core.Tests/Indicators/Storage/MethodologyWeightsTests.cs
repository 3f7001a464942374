using System.Globalization;
using System.Text;
using EcoPlan.Core.Indicators;

namespace EcoPlan.Core.Tests.Indicators.Storage;

/// <summary>db11-1877 weights uploaded by an admin: stored with who, when and source; EI computed with them; malformed files refused; on both providers.</summary>
public sealed class MethodologyWeightsTests
{
    private static readonly TimeProvider s_time = TimeProvider.System;

    private static UserAccess Admin { get; } = new(1, "admin", Roles.Admin, 1, "", 1, "110000", null);

    /// <summary>A db11-1877 weights file: 0.07 for each sub-index but 大气环境指数 (air_environment), which gets 0.09 (13 × 0.07 + 0.09 = 1).</summary>
    internal static string Db11Weights(string source = "测试权重（非公开）", decimal? air = null)
    {
        var methodology = MethodologyCatalog.Load(MethodologyCatalog.Db11);
        var weights = string.Join(", ", methodology.SubIndices.Select(s =>
            string.Create(CultureInfo.InvariantCulture, $"\"{s.Key}\": {(s.Key == "air_environment" ? air ?? 0.09m : 0.07m)}")));
        return "{\"methodology\": \"db11-1877\", \"source\": \"" + source + "\", \"weights\": {" + weights + "}}";
    }

    [ProviderTheory]
    public async Task Upload_IsStoredWithWhoWhenAndSource_AndEiIsComputedWithIt(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using (var db = database.NewContext())
        {
            var result = await new MethodologyWeightsStore(db, s_time).UploadAsync(Admin, MethodologyCatalog.Db11, Encoding.UTF8.GetBytes(Db11Weights()), "w.json");
            Assert.True(result.Succeeded, result.Error?.Message);
            // 水网密度指数 (weight 0.07) at 57.5, the rest at 60: EI = 60 − 0.07 × 2.5 = 59.825 → 59.8.
            await new EiImporter(db, s_time).ImportAsync(Encoding.UTF8.GetBytes(IndicatorStorageTests.Db11Csv((2026, 60m, "water_network_density", 57.5m))),
                "ei.csv", MethodologyCatalog.Load(MethodologyCatalog.Db11), "test");
        }

        await using var reader = database.NewContext();
        var stored = await reader.MethodologyWeights.SingleAsync();
        Assert.Equal(("db11-1877", "测试权重（非公开）", "admin", "w.json"), (stored.Methodology, stored.Source, stored.UploadedBy, stored.FileName));
        Assert.Equal(64, stored.Sha256.Length);
        var (methodology, uploaded) = await MethodologyWeightsStore.WeightedAsync(reader, MethodologyCatalog.Load(MethodologyCatalog.Db11));
        Assert.Equal(stored.Id, uploaded!.Id);
        Assert.Equal("测试权重（非公开）", methodology.WeightsSource);
        var view = await EiAccountability.BuildAsync(reader, methodology, "110112", 2026);
        Assert.Equal(EiStatus.Computed, view!.Outcome!.Status);
        Assert.Equal(59.8m, view.Outcome.Result!.Ei);

        // hj192-2015 ships its weights: uploads never override them.
        var (hj, none) = await MethodologyWeightsStore.WeightedAsync(reader, MethodologyCatalog.Load(MethodologyCatalog.Hj192));
        Assert.Null(none);
        Assert.Equal(0.35m, hj.SubIndices[0].Weight);
    }

    [ProviderTheory]
    public async Task NewestUpload_IsInForce(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var store = new MethodologyWeightsStore(db, s_time);
        await store.UploadAsync(Admin, MethodologyCatalog.Db11, Encoding.UTF8.GetBytes(Db11Weights("first")), "a.json");
        await store.UploadAsync(Admin, MethodologyCatalog.Db11, Encoding.UTF8.GetBytes(Db11Weights("second")), "b.json");

        var current = await MethodologyWeightsStore.CurrentAsync(db, MethodologyCatalog.Db11);

        Assert.Equal("second", current!.Source);
        Assert.Equal(2, await db.MethodologyWeights.CountAsync());
    }

    [ProviderTheory]
    public async Task MalformedFiles_AreRefusedWithTheReason_AndNothingIsStored(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var store = new MethodologyWeightsStore(db, s_time);

        var notJson = await store.UploadAsync(Admin, MethodologyCatalog.Db11, "weights: 1"u8.ToArray(), "w.json");
        var badSum = await store.UploadAsync(Admin, MethodologyCatalog.Db11, Encoding.UTF8.GetBytes(Db11Weights(air: 0.5m)), "w.json");
        var other = await store.UploadAsync(Admin, MethodologyCatalog.Db11, Encoding.UTF8.GetBytes(Db11Weights().Replace("db11-1877", "hj192-2015", StringComparison.Ordinal)), "w.json");
        var missing = await store.UploadAsync(Admin, MethodologyCatalog.Db11, Encoding.UTF8.GetBytes("""{"weights": {"air_environment": 1}}"""), "w.json");
        var empty = await store.UploadAsync(Admin, MethodologyCatalog.Db11, [], "w.json");

        Assert.StartsWith("w.json: Not a valid weights file", notJson.Error?.Message, StringComparison.Ordinal);
        Assert.Contains("add up to 1.41, not 1", badSum.Error?.Message, StringComparison.Ordinal);
        Assert.Contains("for hj192-2015, not db11-1877", other.Error?.Message, StringComparison.Ordinal);
        Assert.Contains("The weights lack", missing.Error?.Message, StringComparison.Ordinal);
        Assert.Equal("w.json: the file is empty", empty.Error?.Message);
        Assert.Equal(["file"], Assert.IsType<UseCaseError.Invalid>(badSum.Error).Fields.Keys);
        Assert.Equal(0, await db.MethodologyWeights.CountAsync());
    }

    [ProviderTheory]
    public async Task Upload_ByACoordinator_IsForbiddenAndStoresNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var city = await db.Regions.SingleAsync(r => r.Code == "110000");
        var coordinator = new UserAccess(2, "city", Roles.Coordinator, 1, "", city.Id, city.Code, null);

        var result = await new MethodologyWeightsStore(db, s_time).UploadAsync(coordinator, MethodologyCatalog.Db11, Encoding.UTF8.GetBytes(Db11Weights()), "w.json");

        Assert.Contains("Only admins", Assert.IsType<UseCaseError.Forbidden>(result.Error).Message, StringComparison.Ordinal);
        Assert.Equal(0, await db.MethodologyWeights.CountAsync());
    }
}
