using EcoPlan.Core.Cascade;
using EcoPlan.Core.Import;
using EcoPlan.Core.Tests.Import;
using Microsoft.Extensions.Time.Testing;

namespace EcoPlan.Core.Tests.Cascade;

/// <summary>
/// The two sample plans imported from their issued text and published, as the demo has them: Beijing 2025 (the city plan)
/// and Tongzhou 2026 (the district plan), with the accounts that work on their cascade.
/// </summary>
internal sealed record CascadeSetup(FakeTimeProvider Clock, int CityPlanId, int DistrictPlanId, UserAccess Tongzhou, UserAccess City, UserAccess Daxing, UserAccess Unit)
{
    public static async Task<CascadeSetup> ImportAsync(EcoPlanDbContext db)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
        var importer = new PlanImporter(db, clock);
        var city = await importer.ImportAsync(await PlanDocumentReader.ReadAsync(RepoFiles.PathOf(RepoFiles.Beijing)), new ImportDecisions { Publish = true });
        var district = await importer.ImportAsync(await PlanDocumentReader.ReadAsync(RepoFiles.PathOf(RepoFiles.Tongzhou)), new ImportDecisions { Publish = true });
        async Task<UserAccess> AccountAsync(int id, string name, string role, string organization)
        {
            var org = await db.Organizations.Where(o => o.Name == organization).Select(o => new { o.Id, o.RegionId, o.Region!.Code }).SingleAsync();
            return new UserAccess(id, name, role, org.Id, organization, org.RegionId, org.Code, null);
        }

        return new CascadeSetup(clock, city.Id, district.Id,
            await AccountAsync(101, "coordinator", Roles.Coordinator, "北京市通州区生态环境局"),
            await AccountAsync(102, "city", Roles.Coordinator, "北京市生态环境局"),
            await AccountAsync(103, "daxing", Roles.Coordinator, "北京市大兴区人民政府"),
            await AccountAsync(104, "ylj", Roles.Unit, "北京市通州区园林绿化局"));
    }

    public MeasureAlignment Alignment(EcoPlanDbContext db) => new(db, Clock);

    /// <summary>The id of a measure of the district plan by its 序号.</summary>
    public async Task<int> DistrictMeasureAsync(EcoPlanDbContext db, int number) =>
        (await CascadePair.MeasuresAsync(db, DistrictPlanId, CancellationToken.None)).Single(m => m.Number == number).Id;

    /// <summary>The id of a measure of the city plan by its label (9.3).</summary>
    public async Task<int> CityMeasureAsync(EcoPlanDbContext db, string label) =>
        (await CascadePair.MeasuresAsync(db, CityPlanId, CancellationToken.None)).Single(m => m.Label == label).Id;
}
