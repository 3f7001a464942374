using System.Text;
using EcoPlan.Core.Clues;
using EcoPlan.Core.Clues.Rules;
using EcoPlan.Core.Organizations;
using Microsoft.Extensions.Time.Testing;
using NetTopologySuite.Geometries;

namespace EcoPlan.Core.Tests.Clues;

/// <summary>
/// A migrated database with the reference data, and the people of the clue workflow in 通州区: the township 永顺镇 and its
/// neighbour 梨园镇, the district coordinator, the city coordinator, another district's coordinator, a unit and a viewer.
/// </summary>
internal sealed class ClueSetup : IAsyncDisposable
{
    /// <summary>Rules with nothing required: for walking the lifecycle without files.</summary>
    public static readonly EvidenceRules NoEvidence = EvidenceRules.Load(new MemoryStream(Encoding.UTF8.GetBytes(
        """{ "reasons": { "PseudoChange": [{"code":"crop","zh":"农作物","en":"crop"}], "Compliant": [{"code":"approved","zh":"已审批","en":"approved"}], "ViolationNew": [{"code":"unapproved-construction","zh":"未批先建","en":"unapproved"}], "ViolationLegacy": [{"code":"legacy-use","zh":"历史遗留","en":"legacy"}] }, "steps": [ { "step": "ReturnVerification", "fields": ["note"] }, { "step": "ReturnPlan", "fields": ["note"] }, { "step": "ReturnClose", "fields": ["note"] }, { "step": "Reopen", "fields": ["note"] } ] }""")), "test");

    private ClueSetup(TestDatabase database, FakeTimeProvider clock, Dictionary<string, UserAccess> users, Dictionary<string, int> regions)
    {
        Database = database;
        Clock = clock;
        Users = users;
        Regions = regions;
    }

    public TestDatabase Database { get; }
    public FakeTimeProvider Clock { get; }
    public IReadOnlyDictionary<string, UserAccess> Users { get; }

    /// <summary>Region ids by code.</summary>
    public IReadOnlyDictionary<string, int> Regions { get; }

    public UserAccess Yongshun => Users["yongshun"];
    public UserAccess Liyuan => Users["liyuan"];
    public UserAccess Coordinator => Users["coordinator"];
    public UserAccess City => Users["city"];
    public UserAccess OtherDistrict => Users["chaoyang"];
    public UserAccess Unit => Users["ylj"];
    public UserAccess Viewer => Users["viewer"];

    public const string YongshunCode = "110112005";
    public const string LiyuanCode = "110112006";

    public static async Task<ClueSetup> CreateAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var organizations = await db.Organizations.AsNoTracking().Include(o => o.Region).ToListAsync();
        var regions = await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Code, r => r.Id);
        var id = 0;
        UserAccess User(string name, string role, Func<Organization, bool> which)
        {
            var organization = organizations.First(which);
            return new UserAccess(++id, name, role, organization.Id, organization.Name, organization.RegionId, organization.Region!.Code, null);
        }

        var users = new Dictionary<string, UserAccess>
        {
            ["yongshun"] = User("yongshun", Roles.Township, o => o.Kind == OrganizationKind.Township && o.Region!.Code == YongshunCode),
            ["liyuan"] = User("liyuan", Roles.Township, o => o.Kind == OrganizationKind.Township && o.Region!.Code == LiyuanCode),
            ["coordinator"] = User("coordinator", Roles.Coordinator, o => o.Name == "北京市通州区生态环境局"),
            ["city"] = User("city", Roles.Coordinator, o => o.Name == "北京市生态环境局"),
            ["chaoyang"] = User("chaoyang", Roles.Coordinator, o => o.Region!.Code == "110105"),
            ["ylj"] = User("ylj", Roles.Unit, o => o.Name == "北京市通州区园林绿化局"),
            ["viewer"] = User("viewer", Roles.Viewer, o => o.Name == "北京市通州区生态环境局"),
        };
        return new ClueSetup(database, BeijingClock.At(2026, 6, 1), users, regions);
    }

    public ClueWorkflow Workflow(EcoPlanDbContext db, EvidenceRules? rules = null) => new(db, Clock, rules ?? NoEvidence);

    public ClueQueries Queries(EcoPlanDbContext db) => new(db, Clock);

    /// <summary>A square of about <paramref name="meters"/> a side centred at a point, as lon/lat.</summary>
    public static Polygon Square(double lon, double lat, double meters = 100)
    {
        var dLat = meters / 2 / 111_320.0;
        var dLon = meters / 2 / (111_320.0 * Math.Cos(lat * Math.PI / 180));
        return ClueGeometry.Factory.CreatePolygon(
        [
            new(lon - dLon, lat - dLat), new(lon + dLon, lat - dLat), new(lon + dLon, lat + dLat), new(lon - dLon, lat + dLat), new(lon - dLon, lat - dLat),
        ]);
    }

    /// <summary>Writes a batch of clues in 通州区, each assigned to the township given by code (null: the district's queue).</summary>
    public async Task<WrittenBatch> BatchAsync(EcoPlanDbContext db, params (string Code, string? Township)[] clues)
    {
        var placed = clues.Select((c, i) => new PlacedClue(c.Code, Square(116.70 + (i * 0.01), 39.90), 10_000, ActivityType.Industry, null, "疑似新增建设用地",
            c.Township is null ? null : Regions[c.Township], [], null)).ToList();
        return await new ClueBatchWriter(db, Clock).WriteAsync(Coordinator,
            new ClueBatchRequest("2026年第一批生态保护红线人类活动线索", ClueSource.RedLine, "110112", new DateOnly(2026, 5, 20), new DateOnly(2026, 6, 30), new DateOnly(2026, 11, 30)),
            placed).Done();
    }

    public async ValueTask DisposeAsync() => await Database.DisposeAsync();
}
