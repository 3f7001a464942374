using EcoPlan.Core.Organizations;

namespace EcoPlan.Core.Tests.Organizations;

/// <summary>Adding a spelling of a unit's name: the coordinators of the unit's region may, others are told why not, bad names name the field.</summary>
public sealed class OrganizationAliasTests
{
    private const string Water = "北京市通州区水务局";

    [ProviderTheory]
    public async Task AddAlias_ByTheRegionsCoordinator_IsStoredNormalized(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var (water, tongzhou) = await UnitAsync(db);

        var added = await OrganizationCatalog.AddAliasAsync(db, Merges.Coordinator(water.Id, tongzhou.Id, tongzhou.Code), water.Id, " 通州 水务 ");

        Assert.True(added.Succeeded, added.Error?.Message);
        Assert.True(await db.OrganizationAliases.AnyAsync(a => a.OrganizationId == water.Id && a.Name == "通州水务"));
    }

    [ProviderTheory]
    public async Task AddAlias_ByTheWrongUser_OrForNoUnit_OrWithABadName_IsRefusedAndStoresNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var (water, tongzhou) = await UnitAsync(db);
        var beijing = await db.Regions.SingleAsync(r => r.Code == "110000");
        var city = Merges.Coordinator(1, beijing.Id, beijing.Code);
        var unit = new UserAccess(3, "swj", Roles.Unit, water.Id, Water, tongzhou.Id, tongzhou.Code, null);
        var coordinator = Merges.Coordinator(water.Id, tongzhou.Id, tongzhou.Code);
        var aliases = await db.OrganizationAliases.CountAsync();

        var byCity = await OrganizationCatalog.AddAliasAsync(db, city, water.Id, "通州水务");
        var byUnit = await OrganizationCatalog.AddAliasAsync(db, unit, water.Id, "通州水务");
        var noUnit = await OrganizationCatalog.AddAliasAsync(db, Merges.Admin, 999_999, "通州水务");
        var tooShort = await OrganizationCatalog.AddAliasAsync(db, coordinator, water.Id, "水");
        var fullName = await OrganizationCatalog.AddAliasAsync(db, coordinator, water.Id, Water);

        var forbidden = Assert.IsType<UseCaseError.Forbidden>(byCity.Error);
        Assert.Contains(Water, forbidden.Message, StringComparison.Ordinal);
        Assert.Contains("通州区", forbidden.Message, StringComparison.Ordinal);
        Assert.IsType<UseCaseError.Forbidden>(byUnit.Error);
        Assert.IsType<UseCaseError.NotFound>(noUnit.Error);
        Assert.Equal(["name"], Assert.IsType<UseCaseError.Invalid>(tooShort.Error).Fields.Keys);
        Assert.Contains("is the full name of a unit", Assert.IsType<UseCaseError.Invalid>(fullName.Error).Fields["name"][0], StringComparison.Ordinal);
        Assert.Equal(aliases, await db.OrganizationAliases.CountAsync());
    }

    private static async Task<(Organization Water, Regions.Region Tongzhou)> UnitAsync(EcoPlanDbContext db)
    {
        var water = await db.Organizations.SingleAsync(o => o.Name == Water);
        return (water, await db.Regions.SingleAsync(r => r.Id == water.RegionId));
    }
}
