using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using EcoPlan.Core.Audit;
using EcoPlan.Core.Cascade;
using EcoPlan.Core.Plans;
using EcoPlan.Core.Progress;

namespace EcoPlan.Core.Tests.Cascade;

/// <summary>The 分解落实 board and the roll-up on the sample pair, with links confirmed and reports scripted, on both providers.</summary>
public sealed class DecompositionBoardTests
{
    /// <summary>
    /// Tongzhou reports quarterly (the first quarter's reports are due on 25 March) and links row 7 to 9.3, row 12 to 9.4
    /// and row 17 to 12.2 on 2 March 2026: row 12's unit reports 推进中, row 17's 滞后, row 7's nobody.
    /// </summary>
    private static async Task<(CascadeSetup Setup, Dictionary<string, int> City)> ScriptedAsync(EcoPlanDbContext db)
    {
        var setup = await CascadeSetup.ImportAsync(db);
        await db.Plans.Where(p => p.Id == setup.DistrictPlanId).ExecuteUpdateAsync(p => p.SetProperty(x => x.ReportingFrequency, ReportingFrequency.Quarterly));
        var city = new Dictionary<string, int>();
        foreach (var (row, label) in new[] { (7, "9.3"), (12, "9.4"), (17, "12.2") })
        {
            city[label] = await setup.CityMeasureAsync(db, label);
            Assert.True((await setup.Alignment(db).ConfirmAsync(setup.Tongzhou, await setup.DistrictMeasureAsync(db, row), city[label])).Succeeded);
        }

        var workflow = new ProgressWorkflow(db, setup.Clock);
        foreach (var (row, content) in new[] { (12, new ReportContent(ProgressStatus.InProgress, 30, "已开展岸线调查。")), (17, new ReportContent(ProgressStatus.Late, 10, "规划尚未批复。")) })
        {
            var measure = await setup.DistrictMeasureAsync(db, row);
            var unit = await db.MeasureAssignments.Where(a => a.MeasureId == measure && a.Role == AssignmentRole.Responsible && a.OrganizationId != null)
                .OrderBy(a => a.Ordinal).Select(a => new { Id = a.OrganizationId!.Value, a.Organization!.RegionId }).FirstAsync();
            var account = new UserAccess(300 + row, $"unit{row}", Roles.Unit, unit.Id, "", unit.RegionId, "110112", null);
            var report = await workflow.SaveAsync(account, measure, new DateOnly(2026, 1, 1), content).Done();
            await workflow.SubmitAsync(account, report.Id).Done();
        }

        db.ChangeTracker.Clear();
        return (setup, city);
    }

    [ProviderTheory]
    public async Task Board_CellsFollowTheLinksAndTheLinkedMeasuresReports(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var (setup, city) = await ScriptedAsync(db);
        var board = new DecompositionBoard(db, setup.Clock);

        var view = (await board.ComputeAsync(setup.City, setup.CityPlanId)).Value!;
        Assert.False(view.OwnDistrictOnly);
        var tongzhou = view.Districts.Single(d => d.RegionName == "通州区");
        Assert.Equal(setup.DistrictPlanId, tongzhou.Plan?.Id);
        DecompositionState? State(DecompositionRow row, string label) => row.CellOf(city.GetValueOrDefault(label, -1))?.State;
        Assert.Equal(DecompositionState.Decomposed, State(tongzhou, "9.3"));
        Assert.Equal(DecompositionState.OnTrack, State(tongzhou, "9.4"));
        Assert.Equal(DecompositionState.Late, State(tongzhou, "12.2"));
        Assert.Equal(["7"], tongzhou.CellOf(city["9.3"])!.Links.Select(l => l.Label));
        // The 21 city measures that name Tongzhou: three linked, the other 18 not decomposed.
        Assert.Equal(new DecompositionCounts(18, 1, 1, 1), tongzhou.Counts);
        Assert.Equal(tongzhou.Cells.Count, tongzhou.Counts.Total);

        // 各区政府 names every district: 大兴区 has a row with no plan, its named measures all 未分解.
        var daxing = view.Districts.Single(d => d.RegionName == "大兴区");
        Assert.Null(daxing.Plan);
        Assert.NotEmpty(daxing.Cells);
        Assert.All(daxing.Cells, c => Assert.Equal(DecompositionState.NotDecomposed, c.State));
        var column = view.Measures.Single(m => m.Measure.Id == city["9.4"]);
        Assert.Equal(1, column.Counts.OnTrack);
        Assert.Equal(view.Districts.Count(d => d.CellOf(city["9.4"]) is not null), column.Counts.Total);

        // After the quarter's due day, row 7's missing report makes 9.3 late.
        setup.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 27, 2, 0, 0, TimeSpan.Zero));
        var later = (await board.ComputeAsync(setup.City, setup.CityPlanId)).Value!;
        Assert.Equal(DecompositionState.Late, State(later.Districts.Single(d => d.RegionName == "通州区"), "9.3"));

        // Filtered by 9.4's task: its measures only, counted again.
        var task = view.Measures.Single(m => m.Measure.Id == city["9.4"]).TaskId;
        var filtered = (await board.ComputeAsync(setup.City, setup.CityPlanId, task)).Value!;
        Assert.All(filtered.Measures, m => Assert.Equal(task, m.TaskId));
        Assert.Contains(filtered.Measures, m => m.Measure.Id == city["9.4"]);
        Assert.DoesNotContain(filtered.Measures, m => m.Measure.Id == city["12.2"]);
        var filteredTongzhou = filtered.Districts.Single(d => d.RegionName == "通州区");
        Assert.Equal(filtered.Measures.Count(m => filteredTongzhou.CellOf(m.Measure.Id) is not null), filteredTongzhou.Counts.Total);
        Assert.True(filteredTongzhou.Counts.Total < tongzhou.Counts.Total);
        Assert.IsType<UseCaseError.Invalid>((await board.ComputeAsync(setup.City, setup.CityPlanId, -5)).Error);
    }

    [ProviderTheory]
    public async Task Board_DistrictsSeeTheirOwnRow_OthersAreRefused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var (setup, city) = await ScriptedAsync(db);
        var board = new DecompositionBoard(db, setup.Clock);

        var own = (await board.ComputeAsync(setup.Tongzhou, setup.CityPlanId)).Value!;
        Assert.True(own.OwnDistrictOnly);
        Assert.Equal(["通州区"], own.Districts.Select(d => d.RegionName));
        Assert.Equal(DecompositionState.OnTrack, own.Districts[0].CellOf(city["9.4"])!.State);
        var daxing = (await board.ComputeAsync(setup.Daxing, setup.CityPlanId)).Value!;
        Assert.Equal(["大兴区"], daxing.Districts.Select(d => d.RegionName));
        Assert.DoesNotContain(daxing.Districts[0].Cells, c => c.Links.Count > 0); // Tongzhou's links are not Daxing's

        var refused = await board.ComputeAsync(setup.Unit, setup.CityPlanId);
        Assert.IsType<UseCaseError.Forbidden>(refused.Error);
        Assert.Contains("北京市", refused.Error!.Message, StringComparison.Ordinal);
        var viewer = setup.City with { Role = Roles.Viewer };
        Assert.IsType<UseCaseError.Forbidden>((await board.ComputeAsync(viewer, setup.CityPlanId)).Error);
        var cityLeader = setup.City with { Role = Roles.Leader };
        Assert.False((await board.ComputeAsync(cityLeader, setup.CityPlanId)).Value!.OwnDistrictOnly);
        Assert.IsType<UseCaseError.NotFound>((await board.ComputeAsync(setup.City, 9999)).Error);
    }

    [ProviderTheory]
    public async Task Workbook_HasTheBoardsCells_AndIsAudited(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var (setup, _) = await ScriptedAsync(db);
        using var output = new MemoryStream();

        var board = (await new DecompositionBoard(db, setup.Clock).WriteXlsxAsync(setup.City, setup.CityPlanId, null, output)).Value!;

        using var workbook = SpreadsheetDocument.Open(new MemoryStream(output.ToArray()), false);
        var rows = workbook.WorkbookPart!.WorksheetParts.Select(p => p.Worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToList()).ToList()).ToList();
        var sheet = rows.Single(r => r[0][0] == "序号");
        var tongzhou = sheet[0].IndexOf("通州区");
        Assert.Equal(board.Measures.Count + 1, sheet.Count);
        Assert.Equal("推进正常（12）", sheet.Single(r => r[0] == "9.4")[tongzhou]);
        Assert.Equal("滞后（17滞后）", sheet.Single(r => r[0] == "12.2")[tongzhou]);
        Assert.Equal("未分解", sheet.Single(r => r[0] == "7.1")[tongzhou]);
        var summary = rows.Single(r => r[0][0] == "区");
        Assert.Equal(["通州区", board.Districts.Single(d => d.RegionName == "通州区").Plan!.Title, "21", "18", "1", "1", "1"], summary.Single(r => r[0] == "通州区").Take(7));

        var audit = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == AuditAction.DecompositionExport);
        Assert.Equal("city", audit.UserName);
        Assert.Equal(setup.CityPlanId, JsonDocument.Parse(audit.Details).RootElement.GetProperty("city_plan").GetInt32());
    }

    [ProviderTheory]
    public async Task RollUp_ShowsEachDistrictsLinkedMeasuresWithTheirReports(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var (setup, city) = await ScriptedAsync(db);
        var rollUp = new CascadeRollUp(db, setup.Clock);

        var shown = (await rollUp.ForCityMeasureAsync(setup.Unit, city["12.2"])).Value!;
        var district = Assert.Single(shown);
        Assert.Equal(("通州区", setup.DistrictPlanId), (district.RegionName, district.Plan.Id));
        var measure = Assert.Single(district.Measures);
        Assert.Equal("17", measure.Measure.Label);
        Assert.True(measure.State.Late);
        Assert.Contains(measure.State.Duties, d => d.Status == ProgressStatus.Late && d.Review?.State == ReportState.Submitted);
        Assert.Empty((await rollUp.ForCityMeasureAsync(setup.City, await setup.CityMeasureAsync(db, "7.1"))).Value!);
        Assert.IsType<UseCaseError.NotFound>((await rollUp.ForCityMeasureAsync(setup.City, 999_999)).Error);
    }
}
