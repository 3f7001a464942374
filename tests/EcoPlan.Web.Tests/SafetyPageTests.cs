using System.Text;
using EcoPlan.Core.Plans;

namespace EcoPlan.Web.Tests;

/// <summary>
/// What issue 10 found a person could break or could not use: one-click merges, controls for what the user may not
/// do, a portfolio admins could not open, publishing without a word of warning.
/// </summary>
public sealed class SafetyPageTests
{
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, params (string Key, string Value)[] fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, UriKind.Relative)) { Content = AuthorizationMatrixTests.DemoSite.Form([.. fields]) };
        await AuthorizationMatrixTests.DemoSite.AddAntiforgeryAsync(client, request);
        return await client.SendAsync(request);
    }

    private static string Path(HttpResponseMessage response)
    {
        var location = response.Headers.Location!.ToString();
        return location.StartsWith("https://localhost/", StringComparison.Ordinal) ? location["https://localhost".Length..] : location;
    }

    [Fact]
    public async Task Directory_TongzhouCoordinator_SeesEditControlsOnlyOnTongzhouUnits()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        using var client = await factory.SignInAsync("coordinator");

        var page = await EcoPlanWebFactory.PageAsync(client, "/organizations");

        var beijing = page.QuerySelector("section.region[data-region='110000']")!;
        var tongzhou = page.QuerySelector("section.region[data-region='110112']")!;
        Assert.NotEmpty(beijing.QuerySelectorAll("tr[data-organization-id]"));
        Assert.Empty(beijing.QuerySelectorAll("form"));
        Assert.NotEmpty(tongzhou.QuerySelectorAll("form[action$='/aliases']"));
        // The merge select starts on 请选择… and cannot be sent without a choice.
        var select = tongzhou.QuerySelector("form.merge select[name=target]")!;
        Assert.True(select.HasAttribute("required"));
        var first = select.QuerySelector("option")!;
        Assert.Equal(("", "请选择…"), (first.GetAttribute("value"), first.TextContent));
        Assert.True(first.HasAttribute("selected"));
    }

    [Fact]
    public async Task Directory_ForgedMergeOfABeijingUnit_IsRefusedWithNoPermissionAndWhy()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        using var client = await factory.SignInAsync("coordinator");
        var (source, target) = await factory.QueryAsync(async db =>
        {
            var units = await db.Organizations.Where(o => o.Region!.Code == "110000").OrderBy(o => o.Id).Select(o => o.Id).Take(2).ToListAsync();
            return (units[0], units[1]);
        });

        using var preview = await client.GetAsync(new Uri($"/organizations/{source}/merge?target={target}", UriKind.Relative));
        using var forged = await PostFormAsync(client, $"/organizations/{source}/merge", ("targetId", target.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("fingerprint", "x"));
        using var refusal = await client.GetAsync(new Uri(Path(forged), UriKind.Relative));
        var text = await refusal.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, preview.StatusCode);
        Assert.Contains("无权操作", await preview.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, forged.StatusCode);
        Assert.StartsWith("/denied?why=", Path(forged), StringComparison.Ordinal);
        Assert.Contains("无权操作", text, StringComparison.Ordinal);
        // Why, from the use case: the unit belongs to 北京市, whose coordinators (and admins) alone may merge it.
        Assert.Contains("属于北京市", text, StringComparison.Ordinal);
        Assert.DoesNotContain("您无权查看此内容", text, StringComparison.Ordinal);
        Assert.True(await factory.QueryAsync(db => db.Organizations.AnyAsync(o => o.Id == source)));
    }

    [Fact]
    public async Task Directory_UnitPostingAMerge_IsToldItsRoleMayNot()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        using var client = await factory.SignInAsync("ylj");
        var water = await factory.QueryAsync(db => db.Organizations.Where(o => o.Name == "北京市通州区水务局").Select(o => o.Id).SingleAsync());

        using var forged = await PostFormAsync(client, $"/organizations/{water}/merge", ("targetId", "1"));
        var refusal = await EcoPlanWebFactory.PageAsync(client, Path(forged));

        Assert.Equal("/denied?why=role", Path(forged));
        Assert.Equal("无权操作", refusal.QuerySelector("h1")!.TextContent);
        Assert.Contains("责任单位", refusal.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Weights_CoordinatorPostingTheAdminsForm_IsToldOnlyAdminsMay()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        using var client = await factory.SignInAsync("coordinator");

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/indicators/ei/weights", UriKind.Relative)) { Content = IndicatorPageTests.WeightsUpload(IndicatorPageTests.Db11Weights()) };
        await AuthorizationMatrixTests.DemoSite.AddAntiforgeryAsync(client, request);
        using var forged = await client.SendAsync(request);
        var refusal = await EcoPlanWebFactory.PageAsync(client, Path(forged));

        Assert.Equal("/denied?why=role", Path(forged));
        Assert.Contains("只有管理员", refusal.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Directory_MergeThroughThePages_ShowsWhatMovesThenUndoesFromTheHistory()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        using var client = await factory.SignInAsync("coordinator");
        var (forestry, water, assignments) = await factory.QueryAsync(async db =>
        {
            var f = await db.Organizations.SingleAsync(o => o.Name == "北京市通州区园林绿化局");
            var w = await db.Organizations.SingleAsync(o => o.Name == "北京市通州区水务局");
            // Both report on the measures they share in the demo, which blocks a merge (tested in Core): a duplicate entry has no such reports.
            await db.ProgressReports.Where(r => r.OrganizationId == f.Id).ExecuteDeleteAsync();
            return (f.Id, w.Id, await db.MeasureAssignments.CountAsync(a => a.OrganizationId == f.Id));
        });

        var preview = await EcoPlanWebFactory.PageAsync(client, $"/organizations/{forestry}/merge?target={water}");
        Assert.Equal(assignments.ToString(System.Globalization.CultureInfo.InvariantCulture), preview.QuerySelector("tr[data-moves=assignments] td.num")!.TextContent);
        Assert.Equal("1", preview.QuerySelector("tr[data-moves=users] td.num")!.TextContent);
        var fingerprint = preview.QuerySelector("input[name=fingerprint]")!.GetAttribute("value")!;

        using var merged = await PostFormAsync(client, $"/organizations/{forestry}/merge", ("targetId", water.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("fingerprint", fingerprint));
        Assert.Equal($"/organizations/{water}/history?done=merged", Path(merged));
        Assert.False(await factory.QueryAsync(db => db.Organizations.AnyAsync(o => o.Id == forestry)));
        var history = await EcoPlanWebFactory.PageAsync(client, Path(merged));
        var undoLink = history.QuerySelector("tr[data-merge-id] a.button")!.GetAttribute("href")!;

        // The same fingerprint twice: the second is stale (the unit is gone), nothing happens.
        using var again = await PostFormAsync(client, $"/organizations/{forestry}/merge", ("targetId", water.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("fingerprint", fingerprint));
        Assert.StartsWith("/organizations?error=", Path(again), StringComparison.Ordinal);
        Assert.Contains("找不到要合并的单位", (await EcoPlanWebFactory.PageAsync(client, Path(again))).QuerySelector("p.error")!.TextContent, StringComparison.Ordinal);

        var undoPage = await EcoPlanWebFactory.PageAsync(client, undoLink);
        Assert.Contains("北京市通州区园林绿化局", undoPage.QuerySelector("main, body")!.TextContent, StringComparison.Ordinal);
        using var undone = await PostFormAsync(client, undoLink + "/undo");
        Assert.Equal($"/organizations/{forestry}/history?done=undone", Path(undone));
        Assert.Equal(assignments, await factory.QueryAsync(db => db.MeasureAssignments.CountAsync(a => a.OrganizationId == forestry)));
        Assert.Equal("ylj", await factory.QueryAsync(db => db.Users.Where(u => u.OrganizationId == forestry).Select(u => u.UserName).SingleAsync()));
    }

    [Fact]
    public async Task Portfolio_AdminPicksAndOpensLzhsPortfolio_AUnitCannot()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        using var admin = await factory.SignInAsync("admin");
        using var unit = await factory.SignInAsync("ylj");
        var lin = await factory.QueryAsync(db => db.Leaders.Where(l => l.Name == "林正航").Select(l => l.Id).SingleAsync());

        var pick = await EcoPlanWebFactory.PageAsync(admin, "/portfolio");
        var portfolio = await EcoPlanWebFactory.PageAsync(admin, $"/portfolio?leader={lin}");
        using var refused = await unit.GetAsync(new Uri($"/portfolio?leader={lin}", UriKind.Relative));

        Assert.Contains(pick.QuerySelectorAll("select[name=leader] option"), o => o.GetAttribute("value") == lin.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("林正航", portfolio.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(portfolio.QuerySelectorAll("[data-measure-id]"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task Publish_GoesThroughTheConfirmPage_APostWithoutItPublishesNothing()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        using var client = await factory.SignInAsync("coordinator");
        var draft = await factory.QueryAsync(async db =>
        {
            var plan = await db.Plans.Where(p => p.Region!.Code == "110112").SingleAsync();
            plan.Status = PlanStatus.Draft;
            await db.SaveChangesAsync();
            return plan.Id;
        });

        var planPage = await EcoPlanWebFactory.PageAsync(client, $"/plans/{draft}");
        Assert.Null(planPage.QuerySelector($"form[action='/plans/{draft}/publish']"));
        Assert.NotNull(planPage.QuerySelector($"a[href='/plans/{draft}/publish']"));
        using var direct = await PostFormAsync(client, $"/plans/{draft}/publish");
        Assert.StartsWith($"/plans/{draft}/publish?error=", Path(direct), StringComparison.Ordinal);
        Assert.Contains("确认", (await EcoPlanWebFactory.PageAsync(client, Path(direct))).QuerySelector("p.error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(PlanStatus.Draft, await factory.QueryAsync(db => db.Plans.Where(p => p.Id == draft).Select(p => p.Status).SingleAsync()));

        var confirm = await EcoPlanWebFactory.PageAsync(client, $"/plans/{draft}/publish");
        Assert.Contains("催办", confirm.QuerySelector("ul.publish-effects")!.TextContent, StringComparison.Ordinal);
        using var published = await PostFormAsync(client, $"/plans/{draft}/publish", ("confirm", "true"));
        Assert.Equal($"/plans/{draft}?published=1", Path(published));
        Assert.Equal(PlanStatus.Published, await factory.QueryAsync(db => db.Plans.Where(p => p.Id == draft).Select(p => p.Status).SingleAsync()));
    }

    [Fact]
    public async Task ImportPreview_UnknownUnit_StartsUndecidedAndConfirmNamesIt()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        using var client = await factory.SignInAsync("coordinator");
        var text = Encoding.UTF8.GetString(Core.Demo.DemoData.ReadSample("tongzhou-2026-ecological-protection.txt")).Replace("区交通委", "区新设局", StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/plans/import", UriKind.Relative))
        {
            Content = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "file", "tongzhou-new-unit.txt" } },
        };
        await AuthorizationMatrixTests.DemoSite.AddAntiforgeryAsync(client, request);
        using var uploaded = await client.SendAsync(request);
        var previewUrl = Path(uploaded);

        var preview = await EcoPlanWebFactory.PageAsync(client, previewUrl);
        var select = preview.QuerySelector("select[name='unit:区新设局']")!;
        Assert.Equal("", select.QuerySelector("option[selected]")!.GetAttribute("value"));
        var options = select.QuerySelectorAll("option");
        Assert.Equal("new", options[^1].GetAttribute("value"));
        using var confirmed = await PostFormAsync(client, $"{previewUrl}/confirm", ("unit:区新设局", ""));

        Assert.StartsWith(previewUrl + "?", Path(confirmed), StringComparison.Ordinal);
        var refused = await EcoPlanWebFactory.PageAsync(client, Path(confirmed));
        Assert.Contains("区新设局", refused.QuerySelector(".error")!.TextContent, StringComparison.Ordinal);
        Assert.False(await factory.QueryAsync(db => db.Organizations.AnyAsync(o => o.Name == "区新设局")));
    }
}
