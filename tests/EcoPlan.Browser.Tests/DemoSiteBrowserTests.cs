using System.Globalization;
using System.Text.Json;
using EcoPlan.Core.Accounts;
using EcoPlan.Core.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

using static EcoPlan.Browser.Tests.BrowserSteps;

namespace EcoPlan.Browser.Tests;

/// <summary>
/// The demo site in a real browser: each kind of user signs in through the login page and sees exactly his or her work.
/// Every page visited is saved as a full-page screenshot under <see cref="BrowserSite.ScreenshotDirectory"/>.
/// </summary>
public sealed class DemoSiteBrowserTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [ChromiumFact]
    public async Task Unit_SignsIn_SeesOnlyItsOwnMeasures_AndOpensOne()
    {
        var forestry = await site.OrganizationIdAsync(Forestry);
        var water = await site.OrganizationIdAsync(Water);
        var ownMeasures = await site.QueryAsync(db => db.MeasureAssignments.Where(a => a.OrganizationId == forestry).Select(a => a.MeasureId).Distinct().ToListAsync());
        var waterOnly = site.WaterOnlyMeasure;
        Assert.Equal([water], await site.QueryAsync(db => db.MeasureAssignments.Where(a => a.MeasureId == waterOnly).Select(a => a.OrganizationId).Distinct().ToListAsync()));
        var withDuty = await site.QueryAsync(db => db.MeasureAssignments.Where(a => a.OrganizationId == forestry && a.Duty != null)
            .OrderBy(a => a.MeasureId).Select(a => new { a.MeasureId, a.Duty }).FirstOrDefaultAsync());
        Assert.NotEmpty(ownMeasures);

        await using var context = await site.NewContextAsync();
        var page = await SignInAsync(context, "ylj", "/my");

        // The session cookie is Secure and Chromium still keeps it on http://127.0.0.1, a secure context.
        var auth = (await context.CookiesAsync()).Single(c => c.Name == "ecoplan.auth");
        Assert.True(auth.Secure && auth.HttpOnly, "the session cookie must be Secure and HttpOnly");

        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(Forestry);
        var listed = await MeasureIdsAsync(page.Locator("li[data-measure-id]"));
        Assert.Equal(ownMeasures.Order(), listed.Order());
        Assert.DoesNotContain(waterOnly, listed);
        Assert.Equal(0, await page.Locator($"li[data-measure-id='{waterOnly}']").CountAsync());

        // The API answers the same session with the same list.
        var api = await context.APIRequest.GetAsync("/api/v1/me/measures");
        Assert.True(api.Ok, $"/api/v1/me/measures: {api.Status}");
        using (var json = JsonDocument.Parse(await api.TextAsync()))
        {
            Assert.Equal(ownMeasures.Order(), json.RootElement.EnumerateArray().Select(m => m.GetProperty("id").GetInt32()).Order());
        }

        // Open a measure from the list, one that splits duties among units (in the sample, 1. 目标任务: each unit answers for its own EI sub-indices).
        Assert.NotNull(withDuty);
        var open = withDuty.MeasureId;
        var item = page.Locator($"li[data-measure-id='{open}']").First;
        await Assertions.Expect(item.Locator("p.duty")).ToContainTextAsync(withDuty.Duty!);

        await item.Locator($"a[href='/measures/{open}']").ClickAsync();
        await ArriveAsync(page, url => new Uri(url).AbsolutePath == $"/measures/{open}");
        await ShotAsync(page, "measure");

        var text = await site.QueryAsync(db => db.Measures.Where(m => m.Id == open).Select(m => m.Text).SingleAsync());
        await Assertions.Expect(page.Locator("p.measure-text")).ToHaveTextAsync(text);
        var unitRow = page.Locator(".assignee", new() { Has = page.Locator(".duty", new() { HasTextString = withDuty.Duty! }) });
        await Assertions.Expect(unitRow).ToHaveCountAsync(1);
        await Assertions.Expect(unitRow).ToContainTextAsync("园林绿化局");
    }

    [ChromiumFact]
    public async Task Leader_SignsIn_SeesThePortfolioByUnit()
    {
        var lin = await site.QueryAsync(db => db.Leaders.Where(l => l.Name == "林正航").Select(l => l.Id).SingleAsync());
        var led = await site.QueryAsync(db => db.Measures.Where(m => m.Assignments.Any(a => a.LeaderId == lin)).Select(m => m.Id).ToListAsync());
        // A measure stands under each of its responsible units (or "——" when it has none).
        var measures = await site.QueryAsync(db => MeasureQueries.ListAsync(db, UserAccess.System, new MeasureFilter { LeaderId = lin }, DateOnly.FromDateTime(DateTime.Today)));
        var expectedGroups = measures
            .SelectMany(m => m.InRole(AssignmentRole.Responsible).Select(a => a.Name).DefaultIfEmpty("——").Distinct().Select(unit => (Unit: unit, m.Id)))
            .GroupBy(x => x.Unit, x => x.Id)
            .ToDictionary(g => g.Key, g => g.Order().ToList());
        Assert.NotEmpty(led);

        await using var context = await site.NewContextAsync();
        var page = await SignInAsync(context, "lzh", "/portfolio");

        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("林正航");
        await Assertions.Expect(page.Locator("main > p.muted").First)
            .ToContainTextAsync(string.Format(CultureInfo.InvariantCulture, "共 {0} 项措施", led.Count));
        Assert.Equal(led.Order(), (await MeasureIdsAsync(page.Locator("tr[data-measure-id]"))).Distinct().Order());

        var groups = page.Locator("section.unit-group");
        var actualGroups = new Dictionary<string, List<int>>();
        for (var i = 0; i < await groups.CountAsync(); i++)
        {
            var group = groups.Nth(i);
            var heading = (await group.Locator("h2").InnerTextAsync()).Trim();
            var unit = heading[..heading.LastIndexOf('(')].Trim();
            var ids = await MeasureIdsAsync(group.Locator("tr[data-measure-id]"));
            Assert.EndsWith($"({ids.Count})", heading, StringComparison.Ordinal);
            actualGroups[unit] = [.. ids.Order()];
        }

        Assert.Equal(expectedGroups.Keys.Order(StringComparer.Ordinal), actualGroups.Keys.Order(StringComparer.Ordinal));
        foreach (var (unit, ids) in expectedGroups)
        {
            Assert.Equal(ids, actualGroups[unit]);
        }
    }

    [ChromiumFact]
    public async Task WrongPassword_ShowsTheError_AndStaysOnLogin()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.Locator("input[name=userName]").FillAsync("swj");
        await page.Locator("input[name=password]").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await ArriveAsync(page, url => new Uri(url).Query.Contains("error=failed", StringComparison.Ordinal));
        await ShotAsync(page, "login-failed");

        Assert.Equal("/login", new Uri(page.Url).AbsolutePath);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("用户名或密码错误。");
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "ecoplan.auth");
    }

    [ChromiumFact]
    public async Task PlanPage_FilteredByUnit_ShowsOnlyThatUnitsRows()
    {
        var forestry = await site.OrganizationIdAsync(Forestry);
        var plan = await site.QueryAsync(db => db.Plans.Where(p => p.Region!.Code == "110112").Select(p => p.Id).SingleAsync());
        var all = await site.QueryAsync(db => db.Measures.Where(m => m.Task!.Section!.PlanId == plan).Select(m => m.Id).ToListAsync());
        var ofForestry = await site.QueryAsync(db => db.Measures
            .Where(m => m.Task!.Section!.PlanId == plan && m.Assignments.Any(a => a.OrganizationId == forestry)).Select(m => m.Id).ToListAsync());
        Assert.InRange(ofForestry.Count, 1, all.Count - 1);

        await using var context = await site.NewContextAsync();
        var page = await SignInAsync(context, "ylj", "/");
        await page.Locator($"a[href='/plans/{plan}']").First.ClickAsync();
        await ArriveAsync(page, url => new Uri(url).AbsolutePath == $"/plans/{plan}");
        await ShotAsync(page, "plan");
        Assert.Equal(all.Order(), (await MeasureIdsAsync(page.Locator("tr[data-measure-id]"))).Order());

        await page.Locator("select[name=unit]").SelectOptionAsync(new SelectOptionValue { Value = forestry.ToString(CultureInfo.InvariantCulture) });
        await page.GetByRole(AriaRole.Button, new() { Name = "筛选", Exact = true }).ClickAsync();
        await ArriveAsync(page, url => new Uri(url).Query.Contains($"unit={forestry}", StringComparison.Ordinal));
        await ShotAsync(page, "plan-filtered");

        Assert.Equal(ofForestry.Order(), (await MeasureIdsAsync(page.Locator("tr[data-measure-id]"))).Order());
        await Assertions.Expect(page.Locator("p.count")).ToHaveTextAsync(string.Format(CultureInfo.InvariantCulture, "共 {0} 项措施", ofForestry.Count));
    }

    [ChromiumFact]
    public async Task MyTasks_OnAPhone_HasNoHorizontalScroll()
    {
        await using var context = await site.NewContextAsync(width: 390, height: 844);
        var page = await SignInAsync(context, "ylj", "/my");

        var (scrollWidth, innerWidth) = await WidthsAsync(page);
        Assert.True(scrollWidth <= innerWidth, $"/my scrolls sideways on a 390 px phone: scrollWidth {scrollWidth} > innerWidth {innerWidth}");

        // The pages a unit opens from there fit too (the plan table turns into one card per measure).
        var plan = await site.QueryAsync(db => db.Plans.Where(p => p.Region!.Code == "110112").Select(p => p.Id).SingleAsync());
        var measure = (await MeasureIdsAsync(page.Locator("li[data-measure-id]")))[0];
        foreach (var (path, name) in new[] { ($"/plans/{plan}", "plan"), ($"/measures/{measure}", "measure"), ("/calendar", "calendar") })
        {
            await page.GotoAsync(path);
            await ShotAsync(page, name);
            (scrollWidth, innerWidth) = await WidthsAsync(page);
            Assert.True(scrollWidth <= innerWidth, $"{path} scrolls sideways on a 390 px phone: scrollWidth {scrollWidth} > innerWidth {innerWidth}");
        }
    }
}
