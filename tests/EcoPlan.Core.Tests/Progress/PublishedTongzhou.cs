using EcoPlan.Core.Import;
using EcoPlan.Core.Plans;
using EcoPlan.Core.Tests.Import;
using Microsoft.Extensions.Time.Testing;

namespace EcoPlan.Core.Tests.Progress;

/// <summary>
/// The Tongzhou demo plan imported and published on 2026-08-20, its responsible units per measure, its targets, and the
/// people who report on it and review it: the shared start of the August scenarios of the ledger and dashboard tests.
/// </summary>
internal sealed record PublishedTongzhou(
    FakeTimeProvider Clock,
    int PlanId,
    int RegionId,
    IReadOnlyList<(int MeasureId, int OrganizationId)> Responsible,
    IReadOnlyList<(int MeasureId, int Id)> Targets,
    UserAccess Coordinator)
{
    public static async Task<PublishedTongzhou> ImportAsync(EcoPlanDbContext db)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 8, 20, 2, 0, 0, TimeSpan.Zero));
        var document = await PlanDocumentReader.ReadAsync(RepoFiles.PathOf(RepoFiles.Tongzhou));
        var planId = (await new PlanImporter(db, clock).ImportAsync(document, new ImportDecisions { Publish = true })).Id;
        var region = await db.Regions.Where(r => r.Code == "110112").Select(r => r.Id).SingleAsync();
        var assignments = await db.MeasureAssignments.Where(a => a.Measure!.Task!.Section!.PlanId == planId && a.Role == AssignmentRole.Responsible && a.OrganizationId != null)
            .Select(a => new { a.MeasureId, Organization = a.OrganizationId!.Value }).ToListAsync();
        var targets = await db.Targets.Where(t => t.Measure!.Task!.Section!.PlanId == planId).Select(t => new { t.MeasureId, t.Id }).ToListAsync();
        var coordinatorOrg = await db.Organizations.Where(o => o.Name == "北京市通州区生态环境局").Select(o => o.Id).SingleAsync();
        var coordinator = new UserAccess(100, "coordinator", Roles.Coordinator, coordinatorOrg, "", region, "110112", null);
        return new PublishedTongzhou(clock, planId, region, [.. assignments.Select(a => (a.MeasureId, a.Organization))], [.. targets.Select(t => (t.MeasureId, t.Id))], coordinator);
    }

    /// <summary>A unit account of the given organization.</summary>
    public UserAccess Unit(int organization) => new(200 + organization, $"unit{organization}", Roles.Unit, organization, "", RegionId, "110112", null);
}
