using System.Text;
using EcoPlan.Core.Clues;

namespace EcoPlan.Core.Tests.Clues;

public sealed class ClueIntakeTests
{
    private static readonly byte[] s_onePoint = Encoding.UTF8.GetBytes(
        """{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[116.70,39.90]},"properties":{"编号":"DRY-1"}}]}""");

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
}
