using EcoPlan.Core.Import;
using EcoPlan.Core.Plans;
using EcoPlan.Core.Tests.Import;
using EcoPlan.Core.Tests.Organizations;

namespace EcoPlan.Core.Tests.Data;

public sealed class PlanPublishingTests
{
    [ProviderTheory]
    public async Task Publish_WithoutTheConfirmStep_PublishesNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var plan = await new PlanImporter(db, TimeProvider.System).ImportAsync(await PlanDocumentReader.ReadAsync(RepoFiles.PathOf(RepoFiles.Tongzhou)), new ImportDecisions());
        var tongzhou = await db.Regions.SingleAsync(r => r.Code == "110112");
        var coordinator = Merges.Coordinator(1, tongzhou.Id, tongzhou.Code);
        var publishing = new PlanPublishing(db, TimeProvider.System);

        var unconfirmed = await publishing.PublishAsync(coordinator, plan.Id, confirmed: false);
        Assert.IsType<UseCaseError.Invalid>(unconfirmed.Error);
        Assert.Equal(PlanStatus.Draft, await db.Plans.AsNoTracking().Where(p => p.Id == plan.Id).Select(p => p.Status).SingleAsync());

        var confirmed = await publishing.PublishAsync(coordinator, plan.Id, confirmed: true);
        Assert.True(confirmed.Succeeded, confirmed.Error?.Message);
        Assert.Equal(PlanStatus.Published, await db.Plans.AsNoTracking().Where(p => p.Id == plan.Id).Select(p => p.Status).SingleAsync());
        Assert.IsType<UseCaseError.Conflict>((await publishing.PublishAsync(coordinator, plan.Id, confirmed: true)).Error);
    }

    [ProviderTheory]
    public async Task Publish_ByACoordinatorOfAnotherRegionOrAUnit_IsRefused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var plan = await new PlanImporter(db, TimeProvider.System).ImportAsync(await PlanDocumentReader.ReadAsync(RepoFiles.PathOf(RepoFiles.Tongzhou)), new ImportDecisions());
        var beijing = await db.Regions.SingleAsync(r => r.Code == "110000");
        var tongzhou = await db.Regions.SingleAsync(r => r.Code == "110112");
        var publishing = new PlanPublishing(db, TimeProvider.System);

        var city = await publishing.PublishAsync(Merges.Coordinator(1, beijing.Id, beijing.Code), plan.Id, confirmed: true);
        var unit = await publishing.PublishAsync(new UserAccess(3, "ylj", Roles.Unit, 1, "", tongzhou.Id, tongzhou.Code, null), plan.Id, confirmed: true);

        Assert.IsType<UseCaseError.Forbidden>(city.Error);
        Assert.Contains("通州区", city.Error?.Message, StringComparison.Ordinal);
        Assert.IsType<UseCaseError.Forbidden>(unit.Error);
        Assert.Equal(PlanStatus.Draft, await db.Plans.AsNoTracking().Where(p => p.Id == plan.Id).Select(p => p.Status).SingleAsync());
    }

    [ProviderTheory]
    public async Task Preview_AsksWhatPublishDecides_AndCountsWhatItWouldDo(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var plan = await new PlanImporter(db, TimeProvider.System).ImportAsync(await PlanDocumentReader.ReadAsync(RepoFiles.PathOf(RepoFiles.Tongzhou)), new ImportDecisions());
        var beijing = await db.Regions.SingleAsync(r => r.Code == "110000");
        var tongzhou = await db.Regions.SingleAsync(r => r.Code == "110112");
        var coordinator = Merges.Coordinator(1, tongzhou.Id, tongzhou.Code);
        var publishing = new PlanPublishing(db, TimeProvider.System);

        var preview = await publishing.PreviewAsync(coordinator, plan.Id);
        var city = await publishing.PreviewAsync(Merges.Coordinator(1, beijing.Id, beijing.Code), plan.Id);
        var missing = await publishing.PreviewAsync(coordinator, 999_999);

        Assert.True(preview.Succeeded, preview.Error?.Message);
        Assert.Equal(await db.Measures.CountAsync(m => m.Task!.Section!.PlanId == plan.Id), preview.Value!.Measures);
        Assert.True(preview.Value.Units > 10, $"{preview.Value.Units} units");
        Assert.Contains("通州区", Assert.IsType<UseCaseError.Forbidden>(city.Error).Message, StringComparison.Ordinal);
        Assert.IsType<UseCaseError.NotFound>(missing.Error);
        await publishing.PublishAsync(coordinator, plan.Id, confirmed: true);
        Assert.IsType<UseCaseError.Conflict>((await publishing.PreviewAsync(coordinator, plan.Id)).Error);
    }
}
