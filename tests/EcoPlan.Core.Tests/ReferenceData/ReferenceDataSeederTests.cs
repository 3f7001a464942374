using EcoPlan.Core.Organizations;
using EcoPlan.Core.ReferenceData;
using EcoPlan.Core.Regions;

namespace EcoPlan.Core.Tests.ReferenceData;

public sealed class ReferenceDataSeederTests
{
    [ProviderTheory]
    public async Task Seed_LoadsBeijingAndTongzhouAndIsIdempotent(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();

        var again = await ReferenceDataSeeder.SeedAsync(db);

        Assert.False(again.ChangedAnything);
        var regions = await db.Regions.Include(r => r.Parent).ToListAsync();
        Assert.Equal("北京市", regions.Single(r => r.Code == "110000").Name);
        Assert.Equal(16, regions.Count(r => r.Level == RegionLevel.County && r.Parent!.Code == "110000"));
        var tongzhouTownships = regions.Where(r => r.Parent?.Code == "110112").ToList();
        Assert.Equal(22, tongzhouTownships.Count);
        Assert.All(tongzhouTownships, r => Assert.StartsWith("110112", r.Code, StringComparison.Ordinal));
        Assert.Equal(11, tongzhouTownships.Count(r => r.Name.EndsWith("街道", StringComparison.Ordinal)));
        Assert.Equal(22, await db.Organizations.CountAsync(o => o.Kind == OrganizationKind.Township && o.Region!.Parent!.Code == "110112"));
        Assert.Equal(4, await db.Leaders.CountAsync());
    }

    [ProviderTheory]
    public async Task Seed_RestoresAMissingAliasAndKeepsWhatAUserAdded(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        await db.OrganizationAliases.Where(a => a.Name == "市生态环境局").ExecuteDeleteAsync();
        var bureau = await db.Organizations.SingleAsync(o => o.Name == "北京市生态环境局");
        db.OrganizationAliases.Add(new OrganizationAlias { OrganizationId = bureau.Id, Name = "北京市环保局" });
        await db.SaveChangesAsync();

        var result = await ReferenceDataSeeder.SeedAsync(db);

        Assert.Equal(1, result.Aliases);
        var aliases = await db.OrganizationAliases.Where(a => a.OrganizationId == bureau.Id).Select(a => a.Name).ToListAsync();
        Assert.Contains("市生态环境局", aliases);
        Assert.Contains("北京市环保局", aliases);
    }
}
