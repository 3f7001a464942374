using System.Text;
using EcoPlan.Core.Import;
using EcoPlan.Core.Import.Documents.Ocr;
using EcoPlan.Core.Localization;
using EcoPlan.Core.Plans;

namespace EcoPlan.Core.Tests.Import;

public sealed class PlanImporterTests
{
    private static PlanImporter Importer(EcoPlanDbContext db) => new(db, TimeProvider.System);

    private static Task<PlanDocument> SeedAsync(string path) => PlanDocumentReader.ReadAsync(RepoFiles.PathOf(path));

    [ProviderTheory]
    public async Task Import_TongzhouSeed_StoresEveryMeasureWithUnitsLeadersDutiesAndTargets(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var document = await SeedAsync(RepoFiles.Tongzhou);

        var preview = await Importer(db).PreviewAsync(document);
        Assert.Equal("110112", preview.Region?.Code);
        Assert.Empty(preview.UnknownUnits);
        Assert.Empty(preview.UnknownLeaders);
        Assert.False(preview.NeedsDecisions);
        Assert.Equal(0, await db.Plans.CountAsync()); // a preview writes nothing

        var plan = await Importer(db).ImportAsync(document, new ImportDecisions());

        await using var reader = database.NewContext();
        var stored = (await PlanQueries.GetAsync(reader, UserAccess.System, plan.Id)).Value!;
        var measures = stored.Sections.SelectMany(s => s.Tasks).SelectMany(t => t.Measures).ToList();
        Assert.Equal(12, stored.Sections.Sum(s => s.Tasks.Count));
        Assert.Equal(20, measures.Count);
        Assert.Equal(PlanStatus.Draft, stored.Status);
        Assert.All(measures.SelectMany(m => m.Lead), a => Assert.NotNull(a.LeaderId));
        Assert.All(measures.SelectMany(m => m.Responsible.Concat(m.Cooperating)), a => Assert.NotNull(a.OrganizationId));

        var row8 = measures.Single(m => m.Number == 8);
        Assert.Equal("区住房城乡建设委推进花园住宅建设", row8.Responsible.Single(a => a.Name == "区住房城乡建设委").Duty);
        var row9 = measures.Single(m => m.Number == 9);
        Assert.StartsWith("区文化和旅游局发挥北京旅游工作协调机制作用", row9.Responsible.Single(a => a.Name == "区文化和旅游局").Duty, StringComparison.Ordinal);
        Assert.Null(row9.Cooperating[0].Duty);

        var row1 = measures.Single(m => m.Number == 1);
        var subIndices = row1.Targets.Where(t => t.Metric.StartsWith("EI子指数：", StringComparison.Ordinal)).ToList();
        Assert.Equal(14, subIndices.Count);
        var water = await reader.Organizations.SingleAsync(o => o.Name == "北京市通州区水务局");
        var ecology = await reader.Organizations.SingleAsync(o => o.Name == "北京市通州区生态环境局");
        Assert.Equal(new[] { ecology.Id, water.Id }.Order(), subIndices.Single(t => t.Metric == "EI子指数：水环境指数").OwnerOrganizationIds);
        Assert.All(subIndices, t => Assert.Equal(TargetComparator.NotBelowBaseline, t.Comparator));
    }

    [ProviderTheory]
    public async Task Import_BeijingSeed_StoresTargetsWithOwnersAndFlagsInferredColumns(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var document = await SeedAsync(RepoFiles.Beijing);

        var preview = await Importer(db).PreviewAsync(document);
        var plan = await Importer(db).ImportAsync(document, new ImportDecisions { Publish = true });

        Assert.Empty(preview.UnknownUnits);
        Assert.NotEmpty(preview.UncertainColumns);
        await using var reader = database.NewContext();
        var stored = (await PlanQueries.GetAsync(reader, UserAccess.System, plan.Id)).Value!;
        Assert.Equal(PlanStatus.Published, stored.Status);
        Assert.Equal("北京市", stored.RegionName);
        var targets = stored.Sections.SelectMany(s => s.Tasks).SelectMany(t => t.Measures).SelectMany(m => m.Targets).Where(t => t.Value is not null)
            .Select(t => (t.Metric, t.Value, t.Unit, t.Comparator)).ToList();
        Assert.Equal(
            [
                ("废弃矿山治理面积", 1373m, "公顷", TargetComparator.Approximately),
                ("平原地区森林覆盖率", 32m, "%", TargetComparator.AtLeast),
                ("全市森林覆盖率", 45m, "%", TargetComparator.AtLeast),
                ("生态保育小区", 100m, "处", TargetComparator.AtLeast),
                ("平原生态林养护经营示范区", 70m, "处", TargetComparator.AtLeast),
                ("口袋公园及小微绿地", 30m, "处", TargetComparator.AtLeast),
            ],
            targets);
        var forestry = await reader.Organizations.SingleAsync(o => o.Name == "北京市园林绿化局");
        var coverage = stored.Sections.SelectMany(s => s.Tasks).SelectMany(t => t.Measures).SelectMany(m => m.Targets).Single(t => t.Metric == "全市森林覆盖率");
        Assert.Equal([forestry.Id], coverage.OwnerOrganizationIds);
    }

    [ProviderTheory]
    public async Task Import_SameFileTwice_IsRecognisedAndRefused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var document = await SeedAsync(RepoFiles.Tongzhou);
        var first = await Importer(db).ImportAsync(document, new ImportDecisions());

        var preview = await Importer(db).PreviewAsync(document);
        var ex = await Assert.ThrowsAsync<ImportBlockedException>(() => Importer(db).ImportAsync(document, new ImportDecisions()));

        Assert.Equal(first.Id, preview.ExistingPlanId);
        Assert.Contains($"imported already as plan {first.Id}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("import as a new version", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, await db.Plans.CountAsync());
    }

    [ProviderTheory]
    public async Task Import_SameFileAsNewVersion_IsANewMarkedDraftAndLeavesTheFirstAlone(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var document = await SeedAsync(RepoFiles.Tongzhou);
        var first = await Importer(db).ImportAsync(document, new ImportDecisions { Publish = true });
        var firstRevision = first.ContentRevision;

        // Publish is asked for, but a new version is always a draft for the coordinator to check.
        var second = await Importer(db).ImportAsync(document, new ImportDecisions { AsNewVersion = true, Publish = true });

        await using var reader = database.NewContext();
        var plans = await reader.Plans.AsNoTracking().OrderBy(p => p.Id).ToListAsync();
        Assert.Equal(2, plans.Count);
        Assert.Equal((document.Plan.Title, Plans.PlanStatus.Published, firstRevision), (plans[0].Title, plans[0].Status, plans[0].ContentRevision));
        Assert.Equal((document.Plan.Title + "（新版本 2）", Plans.PlanStatus.Draft), (plans[1].Title, plans[1].Status));
        Assert.Equal(second.Id, plans[1].Id);
        Assert.Equal(await reader.Measures.CountAsync(m => m.Task!.Section!.PlanId == first.Id), await reader.Measures.CountAsync(m => m.Task!.Section!.PlanId == second.Id));
    }

    [ProviderTheory]
    public async Task Import_UnknownUnit_IsListedNeverCreatedSilentlyAndCanBeMappedOrCreated(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var text = Encoding.UTF8.GetString(RepoFiles.Bytes(RepoFiles.Tongzhou)).Replace("区交通委", "区新设局", StringComparison.Ordinal);
        var document = await PlanDocumentReader.ReadAsync(Encoding.UTF8.GetBytes(text), "revised.txt");
        var organizations = await db.Organizations.CountAsync();

        var preview = await Importer(db).PreviewAsync(document);
        var blocked = await Assert.ThrowsAsync<ImportBlockedException>(() => Importer(db).ImportAsync(document, new ImportDecisions()));

        Assert.Equal(["区新设局"], preview.UnknownUnits.Select(u => u.Name));
        Assert.Contains("区新设局", blocked.Message, StringComparison.Ordinal);
        Assert.Equal(0, await db.Plans.CountAsync());
        Assert.Equal(organizations, await db.Organizations.CountAsync());

        var transport = await db.Organizations.SingleAsync(o => o.Name == "北京市通州区交通委员会");
        var mapped = await Importer(db).ImportAsync(document, new ImportDecisions { UnitMappings = new Dictionary<string, int> { ["区新设局"] = transport.Id } });
        Assert.Contains(await db.MeasureAssignments.Where(a => a.Measure!.Task!.Section!.PlanId == mapped.Id).ToListAsync(), a => a.PrintedName == "区新设局" && a.OrganizationId == transport.Id);
        Assert.Equal(organizations, await db.Organizations.CountAsync());
    }

    [ProviderTheory]
    public async Task Import_FailingHalfway_LeavesNothingBehind(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var text = Encoding.UTF8.GetString(RepoFiles.Bytes(RepoFiles.Tongzhou)).Replace("区交通委", "区新设局", StringComparison.Ordinal);
        var document = await PlanDocumentReader.ReadAsync(Encoding.UTF8.GetBytes(text), "revised.txt");
        await using (var db = database.NewContext())
        {
            // The new unit is created first, then the plan refers to a unit id that does not exist: the save fails.
            var decisions = new ImportDecisions { CreateUnits = ["区新设局"], UnitMappings = new Dictionary<string, int> { ["区水务局"] = 999_999 } };
            await Assert.ThrowsAsync<DbUpdateException>(() => Importer(db).ImportAsync(document, decisions));
        }

        await using var check = database.NewContext();
        Assert.Equal(0, await check.Plans.CountAsync());
        Assert.False(await check.Organizations.AnyAsync(o => o.Name == "区新设局"));
    }

    [ProviderTheory]
    public async Task Reimport_OfARevisedDocument_ShowsWhatChanged(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        await Importer(db).ImportAsync(await SeedAsync(RepoFiles.Tongzhou), new ImportDecisions());
        var text = Encoding.UTF8.GetString(RepoFiles.Bytes(RepoFiles.Tongzhou))
            .Replace("持续打击矿产资源私挖盗采活动，严格查处非法开采违法行为。\t9月底", "持续打击矿产资源私挖盗采活动，严格查处非法开采违法行为。\t年底前", StringComparison.Ordinal);
        var revised = await PlanDocumentReader.ReadAsync(Encoding.UTF8.GetBytes(text), "revised.txt");

        var preview = await Importer(db).PreviewAsync(revised);

        Assert.NotNull(preview.PreviousPlanId);
        var change = Assert.Single(preview.Changes);
        Assert.Equal(PlanChangeKind.Changed, change.Kind);
        Assert.Equal("完成时限", change.Field);
        Assert.Equal(("9月底", "年底前"), (change.Before, change.After));
        Assert.Contains("加强涉矿违法行为查处", change.Measure, StringComparison.Ordinal);
    }

    [ProviderTheory]
    public async Task Confirm_ByTheWrongUser_OrWithUndecidedNames_IsRefusedByField_AndWritesNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var text = Encoding.UTF8.GetString(RepoFiles.Bytes(RepoFiles.Tongzhou)).Replace("区交通委", "区新设局", StringComparison.Ordinal);
        var document = await PlanDocumentReader.ReadAsync(Encoding.UTF8.GetBytes(text), "revised.txt");
        var beijing = await db.Regions.SingleAsync(r => r.Code == "110000");
        var tongzhou = await db.Regions.SingleAsync(r => r.Code == "110112");
        var coordinator = new UserAccess(2, "coordinator", Roles.Coordinator, 1, "", tongzhou.Id, tongzhou.Code, null);
        var importer = Importer(db);

        var city = await importer.ConfirmAsync(new UserAccess(2, "city", Roles.Coordinator, 1, "", beijing.Id, beijing.Code, null), document, new ImportDecisions { CreateUnits = ["区新设局"] });
        var unit = await importer.ConfirmAsync(new UserAccess(3, "ylj", Roles.Unit, 1, "", tongzhou.Id, tongzhou.Code, null), document, new ImportDecisions { CreateUnits = ["区新设局"] });
        var undecided = await importer.ConfirmAsync(coordinator, document, new ImportDecisions());
        var mappedToNothing = await importer.ConfirmAsync(coordinator, document, new ImportDecisions { UnitMappings = new Dictionary<string, int> { ["区新设局"] = 999_999 } });
        var noRegion = await importer.ConfirmAsync(coordinator, document, new ImportDecisions { RegionCode = "999999", CreateUnits = ["区新设局"] });

        Assert.Contains("通州区", Assert.IsType<UseCaseError.Forbidden>(city.Error).Message, StringComparison.Ordinal);
        Assert.IsType<UseCaseError.Forbidden>(unit.Error);
        Assert.Contains("区新设局", Assert.IsType<UseCaseError.Invalid>(undecided.Error).Fields["unit:区新设局"][0], StringComparison.Ordinal);
        Assert.Contains("999999", Assert.IsType<UseCaseError.Invalid>(mappedToNothing.Error).Fields["unit:区新设局"][0], StringComparison.Ordinal);
        Assert.Equal(["region"], Assert.IsType<UseCaseError.Invalid>(noRegion.Error).Fields.Keys);
        Assert.Equal(0, await db.Plans.CountAsync());
        Assert.False(await db.Organizations.AnyAsync(o => o.Name == "区新设局"));

        var done = await importer.ConfirmAsync(coordinator, document, new ImportDecisions { CreateUnits = ["区新设局"] });
        Assert.True(done.Succeeded, done.Error?.Message);
        Assert.Equal(tongzhou.Id, (await db.Plans.SingleAsync(p => p.Id == done.Value)).RegionId);
    }

    [ProviderTheory]
    public async Task Confirm_APlanReadByOcr_IsRefusedUntilThePersonSaysTheyCheckedIt(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var seed = await SeedAsync(RepoFiles.Tongzhou);
        var document = seed with { Plan = ScanReader.MarkRecognized(seed.Plan) };
        var tongzhou = await db.Regions.SingleAsync(r => r.Code == "110112");
        var coordinator = new UserAccess(1, "coordinator", Roles.Coordinator, 1, "", tongzhou.Id, tongzhou.Code, null);
        var importer = Importer(db);

        var refused = await importer.ConfirmAsync(coordinator, document, new ImportDecisions());

        var invalid = Assert.IsType<UseCaseError.Invalid>(refused.Error);
        Assert.Equal([CoreText.Get("Ocr_NotConfirmed")], invalid.Fields["recognizedTextChecked"]);
        Assert.Equal(0, await db.Plans.CountAsync());
        var done = await importer.ConfirmAsync(coordinator, document, new ImportDecisions { RecognizedTextChecked = true });
        Assert.True(done.Succeeded, done.Error?.Message);
    }
}
