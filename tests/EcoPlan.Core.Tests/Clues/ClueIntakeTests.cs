using System.Globalization;
using System.Text;
using EcoPlan.Core.Clues;
using EcoPlan.Core.Spatial;

namespace EcoPlan.Core.Tests.Clues;

/// <summary>
/// The intake use case end to end over boundaries with known answers: two square townships side by side, 永顺镇 west of
/// 116.70° E and 梨园镇 east of it, both 39.85–39.95° N.
/// </summary>
public sealed class ClueIntakeTests
{
    private static readonly byte[] s_onePoint = Encoding.UTF8.GetBytes(
        """{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[116.70,39.90]},"properties":{"编号":"DRY-1"}}]}""");

    private static readonly ClueBatchRequest s_batch = new("2026年第二批卫片线索", ClueSource.SatelliteEnforcement, "110112",
        new DateOnly(2026, 5, 20), new DateOnly(2026, 6, 30), new DateOnly(2026, 11, 30));

    [ProviderTheory]
    public async Task Preview_AssignsInsideCrossingAndOutside_ThenImportWritesIt_AndARedrawingMergesIntoTheOpenClue(DatabaseProvider provider)
    {
        await using var setup = await WithTownshipsAsync(provider);
        var file = Features(
            ("WP-01", Box(116.64, 39.895, 116.66, 39.905)),    // inside 永顺镇
            ("WP-02", Box(116.695, 39.90, 116.715, 39.901)),   // a quarter in 永顺镇, three quarters in 梨园镇
            ("WP-03", Box(116.803, 39.90, 116.806, 39.901)));  // east of both, within the district's margin: the queue

        await using (var db = setup.Database.NewContext())
        {
            var preview = (await Intake(db, setup).RunAsync(setup.Coordinator, file, "wp.geojson", s_batch, import: false).Done()).Preview;

            Assert.Empty(preview.Problems);
            Assert.Equal(
                [("WP-01", (string?)ClueSetup.YongshunCode, ""), ("WP-02", ClueSetup.LiyuanCode, ClueSetup.YongshunCode), ("WP-03", null, "")],
                preview.Rows.Select(r => (r.Code, r.TownshipCode, string.Join(",", r.CooperatingTownshipCodes))));
            Assert.All(preview.Rows, r => Assert.Null(r.DuplicateOf));
            // 0.02° × 0.01° at 39.9° N: about 1,706 m × 1,110 m.
            Assert.InRange(preview.Rows[0].AreaSquareMeters, 1.88e6, 1.91e6);
            Assert.Equal(0, await db.Clues.CountAsync());
        }

        int first;
        await using (var db = setup.Database.NewContext())
        {
            file.Position = 0;
            var written = (await Intake(db, setup).RunAsync(setup.Coordinator, file, "wp.geojson", s_batch, import: true).Done()).Written!;
            Assert.Equal((3, 0), (written.Created, written.Merged));
            first = written.ClueIds[0];
        }

        await using (var db = setup.Database.NewContext())
        {
            var queue = await db.Clues.Include(c => c.SourceIds).SingleAsync(c => c.SourceIds.Any(s => s.Code == "WP-03"));
            Assert.Null(queue.TownshipRegionId);

            // Another programme's redrawing of the first place is the same clue with one more source id.
            var redrawn = Features(("HD-77", Box(116.641, 39.896, 116.659, 39.904)));
            var again = await Intake(db, setup).RunAsync(setup.Coordinator, redrawn, "hd.geojson",
                s_batch with { Name = "2026年红线监管线索", Source = ClueSource.RedLine }, import: true).Done();
            Assert.Equal(first, again.Preview.Rows.Single().DuplicateOf);
            Assert.Equal((0, 1), (again.Written!.Created, again.Written.Merged));
        }

        await using (var db = setup.Database.NewContext())
        {
            Assert.Equal(3, await db.Clues.CountAsync());
            Assert.Equal(["HD-77", "WP-01"], (await db.ClueSourceIds.Where(s => s.ClueId == first).Select(s => s.Code).ToListAsync()).Order(StringComparer.Ordinal));
        }
    }

    [ProviderTheory]
    public async Task AFileWithProblems_NamesEachFeatureAndField_AndStoresNothing(DatabaseProvider provider)
    {
        await using var setup = await WithTownshipsAsync(provider);
        var file = Features(
            ("WP-01", Box(116.64, 39.895, 116.66, 39.905)),
            ("WP-09", Box(117.50, 39.90, 117.51, 39.91)),      // far east of the district
            ("", Box(116.75, 39.90, 116.76, 39.91)));          // no 编号

        await using var db = setup.Database.NewContext();
        var preview = (await Intake(db, setup).RunAsync(setup.Coordinator, file, "bad.geojson", s_batch, import: false).Done()).Preview;

        Assert.False(preview.CanImport);
        Assert.Equal(2, preview.Problems.Count);
        Assert.Contains("2", preview.Problems[0].Position, StringComparison.Ordinal);
        Assert.Contains("WP-09", preview.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("3", preview.Problems[1].Position, StringComparison.Ordinal);
        Assert.Equal("编号", preview.Problems[1].Field);

        // Asked to import anyway: refused with every problem named, and nothing stored.
        file.Position = 0;
        var refused = Assert.IsType<UseCaseError.Invalid>(await Intake(db, setup).RunAsync(setup.Coordinator, file, "bad.geojson", s_batch, import: true).RefusedAsync());
        Assert.Contains("WP-09", refused.Message, StringComparison.Ordinal);
        Assert.Contains("bad.geojson", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, await db.ClueBatches.CountAsync());
        Assert.Equal(0, await db.Clues.CountAsync());
    }

    [ProviderTheory]
    public async Task TheBatchsOwnFields_AndTheCaller_AreCheckedBeforeAnythingIsStored(DatabaseProvider provider)
    {
        await using var setup = await WithTownshipsAsync(provider);
        await using var db = setup.Database.NewContext();

        // Dates out of order are refused before the file is read: this one is not even GeoJSON.
        var garbage = new MemoryStream(Encoding.UTF8.GetBytes("not a clue file"));
        var refused = await Intake(db, setup).RunAsync(setup.Coordinator, garbage, "x.geojson",
            s_batch with { VerifyBy = new DateOnly(2026, 5, 1) }, import: true).RefusedAsync();
        Assert.Contains("verifyBy", Assert.IsType<UseCaseError.Invalid>(refused).Fields.Keys);

        var file = Features(("WP-01", Box(116.64, 39.895, 116.66, 39.905)));
        Assert.IsType<UseCaseError.Forbidden>(await Intake(db, setup).RunAsync(setup.Yongshun, file, "wp.geojson", s_batch, import: true).RefusedAsync());
        file.Position = 0;
        Assert.IsType<UseCaseError.Forbidden>(await Intake(db, setup).RunAsync(setup.OtherDistrict, file, "wp.geojson", s_batch, import: true).RefusedAsync());
        Assert.Equal(0, await db.ClueBatches.CountAsync());
    }

    /// <summary>A preview that shows no problem must import: the batch's own fields are refused on the dry run already, naming the field.</summary>
    [ProviderTheory]
    public async Task DryRun_RefusesTheBatchsOwnFields_AsTheImportWould(DatabaseProvider provider)
    {
        await using var setup = await ClueSetup.CreateAsync(provider);
        await using var db = setup.Database.NewContext();
        var intake = new ClueIntake(db, setup.Clock);
        var good = new ClueBatchRequest("第一批", ClueSource.RedLine, "110112", new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 30));
        async Task<UseCaseError> Refused(ClueBatchRequest request, bool import) =>
            await intake.RunAsync(setup.Coordinator, new MemoryStream(s_onePoint), "batch.geojson", request, import).RefusedAsync();

        foreach (var import in (bool[])[false, true])
        {
            var late = Assert.IsType<UseCaseError.Invalid>(await Refused(good with { RectifyBy = new DateOnly(2026, 6, 10) }, import));
            Assert.Equal(["verifyBy"], late.Fields.Keys);
            Assert.Equal(Core.Localization.CoreText.Get("ClueBatch_DeadlineOrder"), late.Message);
            Assert.Equal(["name"], Assert.IsType<UseCaseError.Invalid>(await Refused(good with { Name = " " }, import)).Fields.Keys);
            Assert.Equal(["measure"], Assert.IsType<UseCaseError.Invalid>(await Refused(good with { MeasureId = 999_999 }, import)).Fields.Keys);
        }

        // Access first: another district's coordinator is told that, not what is wrong with the fields.
        Assert.IsType<UseCaseError.Forbidden>(await intake.RunAsync(setup.OtherDistrict, new MemoryStream(s_onePoint), "batch.geojson", good with { Name = "" }, import: false).RefusedAsync());
        var preview = (await intake.RunAsync(setup.Coordinator, new MemoryStream(s_onePoint), "batch.geojson", good, import: false).Done()).Preview;
        Assert.Equal(["DRY-1"], preview.Rows.Select(r => r.Code));
        Assert.Equal(0, await db.ClueBatches.CountAsync());
    }

    private static ClueIntake Intake(EcoPlanDbContext db, ClueSetup setup) => new(db, setup.Clock);

    private static async Task<ClueSetup> WithTownshipsAsync(DatabaseProvider provider)
    {
        var setup = await ClueSetup.CreateAsync(provider);
        await using var db = setup.Database.NewContext();
        var boundaries = await BoundaryFile.ReadAsync(Features(
            (ClueSetup.YongshunCode, Box(116.60, 39.85, 116.70, 39.95)),
            (ClueSetup.LiyuanCode, Box(116.70, 39.85, 116.80, 39.95))), "townships.geojson", CancellationToken.None);
        await new TownshipBoundaries(db, setup.Clock).ImportAsync(setup.Coordinator, boundaries.Boundaries, "townships.geojson").Done();
        return setup;
    }

    private static string Box(double west, double south, double east, double north) => string.Create(CultureInfo.InvariantCulture,
        $"[[[{west},{south}],[{east},{south}],[{east},{north}],[{west},{north}],[{west},{south}]]]");

    /// <summary>A GeoJSON file of polygons, each with its 编号 (also read as a boundary's code).</summary>
    private static MemoryStream Features(params (string Code, string Rings)[] features)
    {
        var json = "{\"type\":\"FeatureCollection\",\"features\":[" + string.Join(",", features.Select(f =>
            $"{{\"type\":\"Feature\",\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":{f.Rings}}},\"properties\":{{\"编号\":\"{f.Code}\",\"code\":\"{f.Code}\"}}}}")) + "]}";
        return new MemoryStream(Encoding.UTF8.GetBytes(json));
    }
}
