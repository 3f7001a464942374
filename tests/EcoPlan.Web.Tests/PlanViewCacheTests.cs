using AngleSharp.Html.Dom;
using EcoPlan.Core.Plans;

namespace EcoPlan.Web.Tests;

/// <summary>
/// The plan page's table is rendered once and kept (PlanViewCache); these check that what is kept never differs from what
/// the page would render now: after a change to the plan, for each unit, in each language.
/// </summary>
public sealed class PlanViewCacheTests
{
    private const string Forestry = "北京市通州区园林绿化局";
    private const string Water = "北京市通州区水务局";

    [ProviderTheory]
    public async Task PlanPage_AfterThePlanChangesInTheDatabase_ShowsTheChange(DatabaseProvider provider)
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(provider, demoData: true);
        using var client = await factory.SignInAsync("ylj");
        var (plan, measure) = await factory.QueryAsync(async db =>
        {
            var id = await db.Plans.Where(p => p.Region!.Code == "110112").Select(p => p.Id).SingleAsync();
            return (id, await db.Measures.Where(m => m.Task!.Section!.PlanId == id).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync());
        });
        var before = await EcoPlanWebFactory.PageAsync(client, $"/plans/{plan}");
        Assert.Equal(TableOf(before), TableOf(await EcoPlanWebFactory.PageAsync(client, $"/plans/{plan}")));

        // The change is made by a DbContext of its own, not through this app's pages: as another app instance would make it.
        const string Edited = "（本条措施已修订）";
        await factory.QueryAsync(async db =>
        {
            var row = await db.Measures.SingleAsync(m => m.Id == measure);
            row.Text += Edited;
            db.MeasureAssignments.Add(new MeasureAssignment
            {
                MeasureId = measure, Role = AssignmentRole.Cooperating, Ordinal = 99, PrintedName = "区水务局",
                OrganizationId = await db.Organizations.Where(o => o.Name == Water).Select(o => o.Id).SingleAsync(),
            });
            return await db.SaveChangesAsync();
        });

        var after = await EcoPlanWebFactory.PageAsync(client, $"/plans/{plan}");
        var row = after.QuerySelector($"tr[data-measure-id='{measure}']")!;
        Assert.EndsWith(Edited, row.QuerySelector("td.text")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(row.QuerySelectorAll("td:last-child li"), li => li.TextContent == "区水务局");
        Assert.DoesNotContain(Edited, before.QuerySelector($"tr[data-measure-id='{measure}']")!.TextContent, StringComparison.Ordinal);
    }

    [ProviderTheory]
    public async Task PlanPage_MarksEachUnitsOwnNames_AndSpeaksTheReadersLanguage(DatabaseProvider provider)
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(provider, demoData: true);
        var plan = await factory.QueryAsync(db => db.Plans.Where(p => p.Region!.Code == "110112").Select(p => p.Id).SingleAsync());
        var names = await factory.QueryAsync(db => db.MeasureAssignments
            .Where(a => a.Measure!.Task!.Section!.PlanId == plan && (a.Organization!.Name == Forestry || a.Organization.Name == Water))
            .Select(a => new { a.Organization!.Name, a.PrintedName }).Distinct().ToListAsync());
        using var forestry = await factory.SignInAsync("ylj");
        using var water = await factory.SignInAsync("swj");

        // Each twice, so the second of each comes from what the first left behind.
        foreach (var (client, own) in new[] { (forestry, Forestry), (water, Water), (forestry, Forestry), (water, Water) })
        {
            var page = await EcoPlanWebFactory.PageAsync(client, $"/plans/{plan}");
            var marked = page.QuerySelectorAll("li.mine").Select(li => li.TextContent).ToHashSet();
            Assert.Equal(names.Where(n => n.Name == own).Select(n => n.PrintedName).ToHashSet(), marked);
        }

        using (var response = await water.GetAsync(new Uri("/culture?name=en&returnUrl=/", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        }

        var english = await EcoPlanWebFactory.PageAsync(water, $"/plans/{plan}");
        var chinese = await EcoPlanWebFactory.PageAsync(forestry, $"/plans/{plan}");
        Assert.Equal("Measure", english.QuerySelectorAll("table.plan-table th")[2].TextContent);
        Assert.Equal("工作措施", chinese.QuerySelectorAll("table.plan-table th")[2].TextContent);
    }

    [ProviderTheory]
    public async Task MyMeasures_FollowsEveryChangeToTheUnitsAssignments(DatabaseProvider provider)
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(provider, demoData: true);
        using var client = await factory.SignInAsync("ylj");
        var (forestry, other) = await factory.QueryAsync(async db =>
        {
            var id = await db.Organizations.Where(o => o.Name == Forestry).Select(o => o.Id).SingleAsync();
            return (id, await db.Measures.Where(m => m.Assignments.All(a => a.OrganizationId != id)).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync());
        });
        var own = await factory.QueryAsync(db => db.MeasureAssignments.Where(a => a.OrganizationId == forestry).Select(a => a.MeasureId).Distinct().ToListAsync());
        Assert.Equal(own.ToHashSet(), await MyMeasureIdsAsync(client));
        Assert.Equal(own.ToHashSet(), await MyMeasureIdsAsync(client));

        // Named on one more measure (by another instance, say), then taken off it again.
        var added = await factory.QueryAsync(async db =>
        {
            var assignment = new MeasureAssignment { MeasureId = other, Role = AssignmentRole.Cooperating, Ordinal = 99, PrintedName = "区园林绿化局", OrganizationId = forestry };
            db.MeasureAssignments.Add(assignment);
            await db.SaveChangesAsync();
            return assignment.Id;
        });
        Assert.Equal(own.Append(other).ToHashSet(), await MyMeasureIdsAsync(client));

        await factory.QueryAsync(async db =>
        {
            db.MeasureAssignments.RemoveRange(await db.MeasureAssignments.Where(a => a.Id == added || (a.MeasureId == own[0] && a.OrganizationId == forestry)).ToListAsync());
            return await db.SaveChangesAsync();
        });
        Assert.Equal(own.Skip(1).ToHashSet(), await MyMeasureIdsAsync(client));
    }

    private static async Task<HashSet<int>> MyMeasureIdsAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/api/v1/me/measures", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. json.RootElement.EnumerateArray().Select(m => m.GetProperty("id").GetInt32())];
    }

    private static string TableOf(IHtmlDocument page) => page.QuerySelector("table.plan-table")!.OuterHtml;
}
