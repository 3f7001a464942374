using EcoPlan.Core.Notifications;
using EcoPlan.Core.Organizations;

namespace EcoPlan.Core.Tests.Organizations;

public sealed class OrganizationDirectoryTests
{
    [ProviderTheory]
    public async Task Aliases_ResolveToOneUnit(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var directory = new OrganizationDirectory(db);

        string[] spellings = ["北京市规划和自然资源委员会通州分局", "市规划自然资源委通州分局", "市规划自然资源委 通州分局", "市规划自然资源委\n通州分局"];
        var ids = new List<int>();
        foreach (var spelling in spellings)
        {
            var match = await directory.ResolveAsync(spelling, "110112");
            Assert.True(match.IsResolved, spelling);
            ids.Add(match.Organization!.Id);
        }

        Assert.Single(ids.Distinct());
        Assert.Equal("北京市规划和自然资源委员会通州分局", (await directory.ResolveAsync("市规划自然资源委 通州分局", null)).Organization!.Name);
        Assert.Equal("北京经济技术开发区管理委员会", (await directory.ResolveAsync("北京经济技术\n开发区管委会", "110000")).Organization!.Name);
        Assert.Equal("北京市生态环境局", (await directory.ResolveAsync("市生态环境局", "110000")).Organization!.Name);
    }

    [ProviderTheory]
    public async Task SharedShortName_IsDecidedByThePlansRegion(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var haidian = await db.Regions.SingleAsync(r => r.Code == "110108");
        db.Organizations.Add(new Organization
        {
            Name = "北京市海淀区水务局", Kind = OrganizationKind.Department, RegionId = haidian.Id,
            Aliases = [new OrganizationAlias { Name = "区水务局" }],
        });
        await db.SaveChangesAsync();
        var directory = new OrganizationDirectory(db);

        var unscoped = await directory.ResolveAsync("区水务局", null);
        var tongzhou = await directory.ResolveAsync("区水务局", "110112");
        var haidianMatch = await directory.ResolveAsync("区 水务局", "110108");

        Assert.True(unscoped.IsAmbiguous);
        Assert.False(unscoped.IsResolved);
        Assert.Equal("北京市通州区水务局", tongzhou.Organization!.Name);
        Assert.Equal("北京市海淀区水务局", haidianMatch.Organization!.Name);
    }

    [ProviderTheory]
    public async Task UnknownName_IsNotResolvedAndNothingIsCreated(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var before = await db.Organizations.CountAsync();

        var match = await new OrganizationDirectory(db).ResolveAsync("区不存在局", "110112");

        Assert.False(match.IsResolved);
        Assert.Empty(match.Candidates);
        Assert.Equal(before, await db.Organizations.CountAsync());
    }

    [ProviderTheory]
    public async Task Merge_MovesNoticesToTheSurvivingUnit_DroppingThoseItHasAlready(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        int duplicateId, waterId;
        await using (var db = database.NewContext())
        {
            var tongzhou = await db.Regions.SingleAsync(r => r.Code == "110112");
            var water = await db.Organizations.SingleAsync(o => o.Name == "北京市通州区水务局");
            var duplicate = new Organization { Name = "通州区水务局（重复）", Kind = OrganizationKind.Department, RegionId = tongzhou.Id };
            db.Organizations.Add(duplicate);
            await db.SaveChangesAsync();
            var at = new DateTime(2026, 5, 1, 8, 0, 0, DateTimeKind.Utc);
            // The duplicate has two notices: one the surviving unit also has (same key), one it has not.
            db.Notifications.AddRange(
                new Notification { OrganizationId = duplicate.Id, Key = "ei-fall/shared", Text = "duplicate's copy", CreatedAt = at },
                new Notification { OrganizationId = duplicate.Id, Key = "ei-fall/own", Text = "only the duplicate's", CreatedAt = at, ReadAt = at },
                new Notification { OrganizationId = water.Id, Key = "ei-fall/shared", Text = "survivor's copy", CreatedAt = at });
            await db.SaveChangesAsync();
            (duplicateId, waterId) = (duplicate.Id, water.Id);
        }

        await using (var db = database.NewContext())
        {
            Assert.True((await Merges.PreviewAndMergeAsync(db, duplicateId, waterId)).Succeeded);
        }

        await using var reader = database.NewContext();
        var notices = await reader.Notifications.OrderBy(n => n.Key).ToListAsync();
        Assert.Equal(["ei-fall/own", "ei-fall/shared"], notices.Select(n => n.Key));
        Assert.All(notices, n => Assert.Equal(waterId, n.OrganizationId));
        Assert.Equal("survivor's copy", notices.Single(n => n.Key == "ei-fall/shared").Text);
        Assert.NotNull(notices.Single(n => n.Key == "ei-fall/own").ReadAt);
        Assert.False(await reader.Organizations.AnyAsync(o => o.Id == duplicateId));
    }
}
