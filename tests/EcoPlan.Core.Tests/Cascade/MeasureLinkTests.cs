using System.Globalization;
using System.Text.Json;
using EcoPlan.Core.Audit;
using EcoPlan.Core.Cascade;

namespace EcoPlan.Core.Tests.Cascade;

/// <summary>Suggestions, decisions and gaps on the two sample plans as imported and published, on both providers.</summary>
public sealed class MeasureLinkTests
{
    [ProviderTheory]
    public async Task Suggest_OnTheImportedSamplePair_FindsTheCityPlanAbove_AndItsMeasures(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var setup = await CascadeSetup.ImportAsync(db);

        var alignment = (await setup.Alignment(db).SuggestAsync(setup.Tongzhou, setup.DistrictPlanId)).Value!;

        Assert.Equal(setup.CityPlanId, alignment.City.Id);
        Assert.True(alignment.CanDecide);
        Assert.Equal(Enumerable.Range(1, 20).Select(n => n.ToString(CultureInfo.InvariantCulture)), alignment.Measures.Select(m => m.Measure.Label));
        var best = alignment.Measures.ToDictionary(m => m.Measure.Number!.Value, m => m.Suggestions[0].City.Label);
        Assert.Equal("9.3", best[7]);
        Assert.Equal("9.6", best[8]);
        Assert.Equal("14.2", best[19]);
        Assert.Equal("13.2", best[20]);
        Assert.All(alignment.Measures, m => Assert.Empty(m.Confirmed));
        Assert.All(alignment.Measures, m => Assert.False(m.SelfDefined));
    }

    [ProviderTheory]
    public async Task Decisions_AreStoredWithWhoAndWhen_AndAudited(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var setup = await CascadeSetup.ImportAsync(db);
        var alignment = setup.Alignment(db);
        var row7 = await setup.DistrictMeasureAsync(db, 7);
        var row10 = await setup.DistrictMeasureAsync(db, 10);
        var c93 = await setup.CityMeasureAsync(db, "9.3");
        var c71 = await setup.CityMeasureAsync(db, "7.1");
        var c73 = await setup.CityMeasureAsync(db, "7.3");
        var c151 = await setup.CityMeasureAsync(db, "15.1");

        Assert.True((await alignment.ConfirmAsync(setup.Tongzhou, row7, c93)).Succeeded);
        Assert.True((await alignment.ConfirmAsync(setup.Tongzhou, row7, c93)).Succeeded); // the same decision twice is one
        Assert.True((await alignment.ConfirmAsync(setup.Tongzhou, row7, c151)).Succeeded); // by hand: 15.1 is not suggested for row 7
        var changed = await alignment.ChangeAsync(setup.Tongzhou, row10, c71, c73);
        Assert.True(changed.Succeeded, changed.Error?.Message);

        await using var reader = database.NewContext();
        var links = await reader.MeasureLinks.AsNoTracking().OrderBy(l => l.Id).ToListAsync();
        Assert.Equal(
            [(row7, c93, MeasureLinkState.Confirmed, MeasureLinkOrigin.Suggested), (row7, c151, MeasureLinkState.Confirmed, MeasureLinkOrigin.Manual),
             (row10, c71, MeasureLinkState.Rejected, MeasureLinkOrigin.Suggested), (row10, c73, MeasureLinkState.Confirmed, MeasureLinkOrigin.Suggested)],
            links.Select(l => (l.DistrictMeasureId, l.CityMeasureId, l.State, l.Origin)));
        Assert.All(links, l => Assert.Equal(("coordinator", 101, setup.Clock.GetUtcNow().UtcDateTime), (l.DecidedBy, l.DecidedById, l.DecidedAt)));
        Assert.True(links[0].Score > 0.4, $"{links[0].Score}");

        var shown = (await setup.Alignment(reader).SuggestAsync(setup.City, setup.DistrictPlanId)).Value!;
        var shown10 = shown.Measures.Single(m => m.Measure.Number == 10);
        Assert.Equal(["7.3"], shown10.Confirmed.Select(l => l.City.Label));
        Assert.Equal(["7.1"], shown10.Rejected.Select(l => l.City.Label));
        Assert.DoesNotContain(shown10.Suggestions, s => s.City.Id == c71); // rejected: not suggested again
        Assert.Equal(MeasureLinkState.Confirmed, shown10.Suggestions.Single(s => s.City.Id == c73).State);
        Assert.Equal(["9.3", "15.1"], shown.Measures.Single(m => m.Measure.Number == 7).Confirmed.Select(l => l.City.Label));
        Assert.False(shown.CanDecide); // the city's coordinator reads

        var trail = await reader.AuditEntries.AsNoTracking().Where(a => a.Action == AuditAction.MeasureLink).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([row7, row7, row10, row10], trail.Select(a => a.MeasureId));
        Assert.All(trail, a => Assert.Equal("coordinator", a.UserName));
        var change = JsonDocument.Parse(trail[2].Details).RootElement;
        Assert.Equal(("7.1", "rejected", "none"), (change.GetProperty("city").GetString(), change.GetProperty("state").GetString(), change.GetProperty("previous").GetString()));

        var undone = await setup.Alignment(reader).UndoAsync(setup.Tongzhou, row10, c71);
        Assert.True(undone.Succeeded, undone.Error?.Message);
        Assert.Null(undone.Value!.State);
        Assert.False(await reader.MeasureLinks.AnyAsync(l => l.DistrictMeasureId == row10 && l.CityMeasureId == c71));
        Assert.IsType<UseCaseError.NotFound>((await setup.Alignment(reader).UndoAsync(setup.Tongzhou, row10, c71)).Error);
        Assert.Equal(5, await reader.AuditEntries.CountAsync(a => a.Action == AuditAction.MeasureLink));
    }

    [ProviderTheory]
    public async Task Gaps_ListTheCityMeasuresNamingTheDistrictNotDecomposed_AndTheDistrictsOwnMeasures(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var setup = await CascadeSetup.ImportAsync(db);
        var gaps = new CascadeGaps(db);

        var before = (await gaps.GetAsync(setup.City, setup.DistrictPlanId, setup.CityPlanId)).Value!;
        // 21 Beijing measures name Tongzhou: 通州区政府 (7.1, 7.3, 11.1, 12.1, 12.2), 各区政府 or 相关区政府 in any column.
        Assert.Equal(21, before.CityMeasuresNamingDistrict);
        Assert.Equal(21, before.NotDecomposed.Count);
        Assert.DoesNotContain(before.NotDecomposed, g => g.City.Label is "4.1" or "7.2" or "9.1");
        Assert.Equal(["通州区政府"], before.NotDecomposed.Single(g => g.City.Label == "12.1").NamedAs);
        Assert.Contains("相关区政府", before.NotDecomposed.Single(g => g.City.Label == "5.1").NamedAs);
        Assert.Equal("7", before.NotDecomposed.Single(g => g.City.Label == "9.3").Suggested[0].Label);
        Assert.Empty(before.SelfDefined);
        Assert.Equal(20, before.Undecided.Count);

        // Tongzhou's coordinator confirms every measure's best suggestion.
        var alignment = setup.Alignment(db);
        foreach (var measure in (await alignment.SuggestAsync(setup.Tongzhou, setup.DistrictPlanId)).Value!.Measures)
        {
            Assert.True((await alignment.ConfirmAsync(setup.Tongzhou, measure.Measure.Id, measure.Suggestions[0].City.Id)).Succeeded);
        }

        var after = (await gaps.GetAsync(setup.Tongzhou, setup.DistrictPlanId)).Value!;
        // 13.1 (评价结果 published by 市生态环境局, 各区政府 cooperate) and 15.1 (示范创建) have no Tongzhou measure.
        Assert.Equal(["13.1", "15.1"], after.NotDecomposed.Select(g => g.City.Label));
        Assert.Empty(after.SelfDefined);
        Assert.Empty(after.Undecided);

        // A district measure whose suggestions are all rejected, and that is linked to nothing, is the district's own.
        var row1 = await setup.DistrictMeasureAsync(db, 1);
        await alignment.UndoAsync(setup.Tongzhou, row1, await setup.CityMeasureAsync(db, "1.1"));
        while (await OpenAsync() is [var next, ..])
        {
            Assert.True((await alignment.RejectAsync(setup.Tongzhou, row1, next)).Succeeded);
        }

        var own = (await gaps.GetAsync(setup.Tongzhou, setup.DistrictPlanId)).Value!;
        Assert.Equal(["1"], own.SelfDefined.Select(m => m.Label));
        Assert.Contains(own.NotDecomposed, g => g.City.Label == "1.1");

        async Task<List<int>> OpenAsync() => [.. (await alignment.SuggestAsync(setup.Tongzhou, setup.DistrictPlanId)).Value!.Measures
            .Single(m => m.Measure.Id == row1).Suggestions.Where(s => s.State is null).Select(s => s.City.Id)];
    }

    [ProviderTheory]
    public async Task Access_OnlyTheDistrictsCoordinatorDecides_TheCityReads_OthersAreRefused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var setup = await CascadeSetup.ImportAsync(db);
        var alignment = setup.Alignment(db);
        var row7 = await setup.DistrictMeasureAsync(db, 7);
        var c93 = await setup.CityMeasureAsync(db, "9.3");

        var daxingRead = await alignment.SuggestAsync(setup.Daxing, setup.DistrictPlanId);
        var unitRead = await alignment.SuggestAsync(setup.Unit, setup.DistrictPlanId);
        var daxingConfirm = await alignment.ConfirmAsync(setup.Daxing, row7, c93);
        var cityConfirm = await alignment.ConfirmAsync(setup.City, row7, c93);
        var unitReject = await alignment.RejectAsync(setup.Unit, row7, c93);
        var daxingGaps = await new CascadeGaps(db).GetAsync(setup.Daxing, setup.DistrictPlanId);

        Assert.Contains("通州区", Assert.IsType<UseCaseError.Forbidden>(daxingRead.Error).Message, StringComparison.Ordinal);
        Assert.IsType<UseCaseError.Forbidden>(unitRead.Error);
        Assert.IsType<UseCaseError.Forbidden>(daxingConfirm.Error);
        Assert.Contains("通州区", Assert.IsType<UseCaseError.Forbidden>(cityConfirm.Error).Message, StringComparison.Ordinal);
        Assert.IsType<UseCaseError.Forbidden>(unitReject.Error);
        Assert.IsType<UseCaseError.Forbidden>(daxingGaps.Error);
        Assert.True((await alignment.SuggestAsync(setup.City, setup.DistrictPlanId)).Succeeded);
        Assert.False(await db.MeasureLinks.AnyAsync());
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == AuditAction.MeasureLink));
    }

    [ProviderTheory]
    public async Task Pairs_ThatAreNotDistrictAndCityAbove_AreRefusedSayingWhy(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var setup = await CascadeSetup.ImportAsync(db);
        var alignment = setup.Alignment(db);
        var row7 = await setup.DistrictMeasureAsync(db, 7);
        var row8 = await setup.DistrictMeasureAsync(db, 8);

        var selfAsCity = await alignment.SuggestAsync(setup.Tongzhou, setup.DistrictPlanId, setup.DistrictPlanId);
        var cityAsDistrict = await alignment.SuggestAsync(setup.City, setup.CityPlanId);
        var districtToDistrict = await alignment.ConfirmAsync(setup.Tongzhou, row7, row8);
        var missing = await alignment.ConfirmAsync(setup.Tongzhou, row7, 999_999);

        Assert.Equal("cityPlan", Assert.Single(Assert.IsType<UseCaseError.Invalid>(selfAsCity.Error).Fields).Key);
        Assert.Equal("districtPlan", Assert.Single(Assert.IsType<UseCaseError.Invalid>(cityAsDistrict.Error).Fields).Key);
        Assert.IsType<UseCaseError.Invalid>(districtToDistrict.Error);
        Assert.IsType<UseCaseError.NotFound>(missing.Error);
        Assert.False(await db.MeasureLinks.AnyAsync());
    }
}
