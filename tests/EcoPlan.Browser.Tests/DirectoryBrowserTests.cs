using System.Text;
using EcoPlan.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

using static EcoPlan.Browser.Tests.BrowserSteps;

namespace EcoPlan.Browser.Tests;

/// <summary>
/// The directory and the import preview as a coordinator meets them: a merge shows what moves and asks, then is
/// undone from the unit's history; the preview keeps names and deadlines readable. A screenshot per step.
/// </summary>
public sealed class DirectoryBrowserTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [ChromiumFact]
    public async Task Coordinator_MergesWithConfirm_ThenUndoesFromTheHistory()
    {
        var forestry = await site.OrganizationIdAsync(Forestry);
        var water = await site.OrganizationIdAsync(Water);
        var assignments = await site.QueryAsync(db => db.MeasureAssignments.CountAsync(a => a.OrganizationId == forestry));
        // Both report on the measures they share in the demo, which blocks a merge (tested in Core): a duplicate entry has no such reports.
        await site.QueryAsync(db => db.ProgressReports.Where(r => r.OrganizationId == forestry).ExecuteDeleteAsync());
        await using var context = await site.NewContextAsync();
        var page = await SignInAsync(context, "coordinator", "/organizations");

        // Beijing's units are shown without edit controls; Tongzhou's merge select starts on 请选择….
        await Assertions.Expect(page.Locator("section.region[data-region='110000'] form")).ToHaveCountAsync(0);
        var row = page.Locator($"tr[data-organization-id='{forestry}']");
        await Assertions.Expect(row.Locator("select[name=target]")).ToHaveValueAsync("");
        await row.Locator("select[name=target]").SelectOptionAsync(water.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await row.GetByRole(AriaRole.Button, new() { Name = "合并到…" }).ClickAsync();
        await ArriveAsync(page, url => new Uri(url).AbsolutePath == $"/organizations/{forestry}/merge");
        await ShotAsync(page, "1-preview");

        await Assertions.Expect(page.Locator(".merge-summary")).ToContainTextAsync(Forestry);
        await Assertions.Expect(page.Locator("tr[data-moves=assignments] td.num")).ToHaveTextAsync(assignments.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(await site.QueryAsync(db => db.Organizations.AnyAsync(o => o.Id == forestry)), "the preview merged already");

        await page.GetByRole(AriaRole.Button, new() { Name = "确认合并" }).ClickAsync();
        await ArriveAsync(page, url => new Uri(url).AbsolutePath == $"/organizations/{water}/history");
        await ShotAsync(page, "2-merged");
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("已合并");
        Assert.False(await site.QueryAsync(db => db.Organizations.AnyAsync(o => o.Id == forestry)));

        await page.Locator("tr[data-merge-id] a.button").ClickAsync();
        await ArriveAsync(page, url => new Uri(url).AbsolutePath.StartsWith("/organizations/merges/", StringComparison.Ordinal));
        await ShotAsync(page, "3-undo-confirm");
        await page.GetByRole(AriaRole.Button, new() { Name = "确认撤销" }).ClickAsync();
        await ArriveAsync(page, url => new Uri(url).AbsolutePath == $"/organizations/{forestry}/history");
        await ShotAsync(page, "4-undone");

        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("已撤销合并");
        await Assertions.Expect(page.Locator("tr[data-merge-id]")).ToContainTextAsync("撤销");
        Assert.Equal(assignments, await site.QueryAsync(db => db.MeasureAssignments.CountAsync(a => a.OrganizationId == forestry)));
    }

    [ChromiumFact]
    public async Task ImportPreview_NamesAndDeadlines_StayOnOneLineAndUnknownUnitsStartUndecided()
    {
        // A laptop-sized window, where the long measure texts squeeze the other columns.
        await using var context = await site.NewContextAsync(width: 1000);
        var page = await SignInAsync(context, "coordinator", "/plans/import");
        var sample = File.ReadAllText(RepositoryPaths.Of("samples/plans/tongzhou-2026-ecological-protection.txt"))
            .Replace("区交通委", "区新设局", StringComparison.Ordinal);
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "tongzhou-revised.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes(sample) });
        await page.GetByRole(AriaRole.Button, new() { Name = "上传并预览" }).ClickAsync();
        await ArriveAsync(page, url => new Uri(url).AbsolutePath.StartsWith("/plans/import/", StringComparison.Ordinal));
        await ShotAsync(page, "preview");

        await Assertions.Expect(page.Locator("select[name='unit:区新设局']")).ToHaveValueAsync("");
        // Lines each short name or deadline takes: broken one character per line, a name of 6 characters takes 6.
        var lines = await page.EvaluateAsync<int[]>(@"() => ['td.names div', 'td.when'].map(selector => Math.max(...Array.from(document.querySelectorAll('table.preview ' + selector))
            .filter(e => e.textContent.trim().length > 0 && e.textContent.trim().length <= 12)
            .map(e => { const range = document.createRange(); range.selectNodeContents(e); return new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top))).size; })))");
        Assert.True(lines[0] == 1, $"a unit name takes {lines[0]} lines");
        Assert.True(lines[1] <= 2, $"a short deadline takes {lines[1]} lines");
    }
}
