using System.Net.Http.Json;
using System.Text;
using EcoPlan.Core.Demo;
using EcoPlan.Core.Organizations;
using EcoPlan.Core.Plans;
using Microsoft.Extensions.DependencyInjection;

namespace EcoPlan.Web.Tests;

/// <summary>What each kind of user sees and does through the pages, on the demo data.</summary>
public sealed class PageTests
{
    private static HashSet<int> MeasureIds(AngleSharp.Dom.IParentNode page, string selector = "[data-measure-id]") =>
        [.. page.QuerySelectorAll(selector).Select(e => int.Parse(e.GetAttribute("data-measure-id")!, System.Globalization.CultureInfo.InvariantCulture))];

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, UriKind.Relative)) { Content = content };
        await AuthorizationMatrixTests.DemoSite.AddAntiforgeryAsync(client, request);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task MyTasks_Unit_SeesExactlyItsOwnMeasuresByRoleWithItsDuty()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        using var client = await factory.SignInAsync("ylj");
        var forestry = await factory.QueryAsync(db => db.Organizations.Where(o => o.Name == "北京市通州区园林绿化局").Select(o => o.Id).SingleAsync());
        var expected = await factory.QueryAsync(db => db.MeasureAssignments.Where(a => a.OrganizationId == forestry).Select(a => new { a.MeasureId, a.Role }).ToListAsync());

        var page = await EcoPlanWebFactory.PageAsync(client, "/my");

        Assert.Equal(expected.Select(e => e.MeasureId).ToHashSet(), MeasureIds(page));
        foreach (var role in new[] { AssignmentRole.Responsible, AssignmentRole.Cooperating })
        {
            var section = page.QuerySelector($"section[data-role='{role}']");
            Assert.Equal(expected.Where(e => e.Role == role).Select(e => e.MeasureId).ToHashSet(), section is null ? [] : MeasureIds(section));
        }

        Assert.Contains(page.QuerySelectorAll(".duty"), d => d.TextContent.Contains("区园林绿化局推进建筑物墙面", StringComparison.Ordinal));
        // Another unit's own measures (区农业农村局 alone: 种质资源保护) are not on the page.
        var agriculture = await factory.QueryAsync(db => db.MeasureAssignments.Where(a => a.Organization!.Name == "北京市通州区农业农村局").Select(a => a.MeasureId).ToListAsync());
        var othersOnly = agriculture.Except(expected.Select(e => e.MeasureId)).ToList();
        Assert.NotEmpty(othersOnly);
        Assert.Empty(MeasureIds(page).Intersect(othersOnly));
    }

    [Fact]
    public async Task PlanTable_DeadlineBadges_AreTheBadgeComponentsMarkup()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        using var client = await factory.SignInAsync("ylj");
        var plan = await factory.QueryAsync(db => db.Plans.Where(p => p.Region!.Code == "110112").Select(p => p.Id).SingleAsync());

        // The plan table writes the badge into its rows itself (DeadlineBadge.Markup); 我的任务 uses the component.
        var table = (await EcoPlanWebFactory.PageAsync(client, $"/plans/{plan}")).QuerySelectorAll("tr[data-measure-id]")
            .ToDictionary(r => r.GetAttribute("data-measure-id")!, r => r.QuerySelector("span.deadline")!.OuterHtml);
        var mine = (await EcoPlanWebFactory.PageAsync(client, "/my")).QuerySelectorAll("li[data-measure-id]")
            .Select(li => (Id: li.GetAttribute("data-measure-id")!, Badge: li.QuerySelector("span.deadline")!.OuterHtml)).ToList();

        Assert.NotEmpty(mine);
        Assert.All(mine, m => Assert.Equal(m.Badge, table[m.Id]));
        Assert.Contains(mine, m => m.Badge.Contains("title=\"20", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Portfolio_Leader_SeesTheMeasuresHeLeads()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        using var client = await factory.SignInAsync("lzh");
        var expected = await factory.QueryAsync(db => db.MeasureAssignments.Where(a => a.Leader!.Name == "林正航").Select(a => a.MeasureId).Distinct().ToListAsync());

        var page = await EcoPlanWebFactory.PageAsync(client, "/portfolio");
        var json = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
        var mine = (await client.GetFromJsonAsync<List<MeasureListItem>>(new Uri("/api/v1/me/measures", UriKind.Relative), json))!;

        Assert.Equal(expected.ToHashSet(), MeasureIds(page));
        Assert.Equal(expected.ToHashSet(), mine.Select(m => m.Id).ToHashSet());
        Assert.Contains(page.QuerySelectorAll(".unit-group h2"), h => h.TextContent.Contains("区园林绿化局", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PlanPage_FiltersByUnitMonthAndText()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        using var client = await factory.SignInAsync("coordinator");
        var plan = await factory.QueryAsync(db => db.Plans.Where(p => p.Region!.Code == "110112").Select(p => p.Id).SingleAsync());
        var water = await factory.QueryAsync(db => db.Organizations.Where(o => o.Name == "北京市通州区水务局").Select(o => o.Id).SingleAsync());
        var waterMeasures = await factory.QueryAsync(db => db.MeasureAssignments.Where(a => a.OrganizationId == water).Select(a => a.MeasureId).Distinct().ToListAsync());

        var all = await EcoPlanWebFactory.PageAsync(client, $"/plans/{plan}");
        var byUnit = await EcoPlanWebFactory.PageAsync(client, $"/plans/{plan}?unit={water}");
        var byMonth = await EcoPlanWebFactory.PageAsync(client, $"/plans/{plan}?month=2026-12");
        var byText = await EcoPlanWebFactory.PageAsync(client, $"/plans/{plan}?q={Uri.EscapeDataString("湿地")}");

        Assert.Equal(20, MeasureIds(all, "tr[data-measure-id]").Count);
        Assert.Equal(waterMeasures.ToHashSet(), MeasureIds(byUnit, "tr[data-measure-id]"));
        Assert.Single(MeasureIds(byMonth, "tr[data-measure-id]")); // 目标任务: 年底前
        Assert.All(byText.QuerySelectorAll("tr[data-measure-id]"), row => Assert.Contains("湿地", row.TextContent, StringComparison.Ordinal));
        Assert.NotEmpty(byText.QuerySelectorAll("tr[data-measure-id]"));
        Assert.Equal(4, all.QuerySelectorAll("tr.section-row").Length);
    }

    [Fact]
    public async Task Login_FailuresSlowTheNameButNeverLockTheAccount()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true,
            new Dictionary<string, string> { ["EcoPlan:SignIn:BackoffMilliseconds"] = "1", ["EcoPlan:SignIn:MaxBackoffMilliseconds"] = "20" });
        using var client = factory.CreateBrowser();
        var throttle = factory.Services.GetRequiredService<EcoPlan.Web.Accounts.SignInThrottle>();
        for (var i = 0; i < 8; i++)
        {
            using var wrong = await client.PostAsJsonAsync(new Uri("/api/v1/auth/login", UriKind.Relative), new { userName = "swj", password = "wrong-password" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Equal("登录失败", (await wrong.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("title").GetString());
        }

        var slowed = throttle.Backoff("SWJ");
        using var right = await client.PostAsJsonAsync(new Uri("/api/v1/auth/login", UriKind.Relative), new { userName = "swj", password = EcoPlanWebFactory.DemoPassword });

        Assert.Equal(TimeSpan.FromMilliseconds(20), slowed); // 8 failures: 1 ms doubled past the 20 ms cap
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(TimeSpan.Zero, throttle.Backoff("SWJ"));
        Assert.Null(await factory.QueryAsync(db => db.Users.Where(u => u.UserName == "swj").Select(u => u.LockoutEnd).SingleAsync()));
    }

    [Fact]
    public async Task Forms_WithoutAntiforgeryToken_AreRefused_AndTheCookieIsSecure()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        using var client = factory.CreateBrowser();

        using var forged = await client.PostAsync(new Uri("/account/login", UriKind.Relative),
            new FormUrlEncodedContent([new("userName", "ylj"), new("password", EcoPlanWebFactory.DemoPassword)]));
        using var login = await client.PostAsJsonAsync(new Uri("/api/v1/auth/login", UriKind.Relative), new { userName = "ylj", password = EcoPlanWebFactory.DemoPassword });

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ecoplan.auth=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Import_UploadPreviewMapConfirm_StoresTheDraftOnlyOnConfirm()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        using var client = await factory.SignInAsync("coordinator");
        var plansBefore = await factory.QueryAsync(db => db.Plans.CountAsync());
        var revised = Encoding.UTF8.GetString(DemoData.ReadSample("tongzhou-2026-ecological-protection.txt"))
            .Replace("区交通委", "区新设局", StringComparison.Ordinal).Replace("持续打击矿产资源私挖盗采活动，严格查处非法开采违法行为。\t9月底", "持续打击矿产资源私挖盗采活动，严格查处非法开采违法行为。\t年底前", StringComparison.Ordinal);
        var upload = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(revised)), "file", "revised.txt" } };

        using var uploaded = await PostFormAsync(client, "/plans/import", upload);
        var preview = await EcoPlanWebFactory.PageAsync(client, uploaded.Headers.Location!.ToString());

        Assert.Equal(plansBefore, await factory.QueryAsync(db => db.Plans.CountAsync()));
        Assert.NotNull(preview.QuerySelector("select[name='unit:区新设局']"));
        Assert.Contains(preview.QuerySelectorAll(".changes td"), td => td.TextContent == "年底前");

        var confirm = new FormUrlEncodedContent([new("unit:区新设局", "new")]);
        using var confirmed = await PostFormAsync(client, uploaded.Headers.Location!.ToString() + "/confirm", confirm);

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var planId = int.Parse(confirmed.Headers.Location!.ToString().Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(PlanStatus.Draft, await factory.QueryAsync(db => db.Plans.Where(p => p.Id == planId).Select(p => p.Status).SingleAsync()));
        Assert.True(await factory.QueryAsync(db => db.Organizations.AnyAsync(o => o.Name == "区新设局")));
        Assert.Empty(Directory.GetFiles(Path.Combine(factory.Database.Settings.UploadsDirectory, "pending")));

        using var published = await PostFormAsync(client, $"/plans/{planId}/publish", new FormUrlEncodedContent([new("confirm", "true")]));
        Assert.Equal(PlanStatus.Published, await factory.QueryAsync(db => db.Plans.Where(p => p.Id == planId).Select(p => p.Status).SingleAsync()));
    }

    [Theory]
    [InlineData("empty.txt", new byte[0], "empty.txt: 文件为空")]
    [InlineData("random.bin", new byte[] { 0, 1, 2, 3, 0xFF, 0, 7 }, "random.bin: 不是可导入的计划文件（支持文本、Word、Excel、PDF、OFD、WPS 或扫描图片）")]
    [InlineData("broken.docx", new byte[] { 0x50, 0x4B, 0x03, 0x04, 1, 2, 3 }, "broken.docx: 已损坏的 ZIP")]
    public async Task Import_BadFile_ShowsWhyAndStoresNothing(string name, byte[] content, string expected)
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        using var client = await factory.SignInAsync("coordinator");
        var plansBefore = await factory.QueryAsync(db => db.Plans.CountAsync());
        var upload = new MultipartFormDataContent { { new ByteArrayContent(content), "file", name } };

        using var response = await PostFormAsync(client, "/plans/import", upload);
        var page = await EcoPlanWebFactory.PageAsync(client, response.Headers.Location!.ToString());

        Assert.StartsWith("/plans/import?error=", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Contains(expected, page.QuerySelector(".error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(plansBefore, await factory.QueryAsync(db => db.Plans.CountAsync()));
        Assert.False(Directory.Exists(Path.Combine(factory.Database.Settings.UploadsDirectory, "pending")) && Directory.EnumerateFiles(Path.Combine(factory.Database.Settings.UploadsDirectory, "pending")).Any());
    }

    /// <summary>A crafted upload gets the refusal page (a redirect to the form with the message), never a 500, and nothing is kept.</summary>
    [Theory]
    [InlineData("docx-gigabyte", "部件 word/document.xml: 解压后的内容超过 100 MB")]
    [InlineData("docx-billion-laughs", "部件 word/document.xml: XML 含文档类型声明（DTD）")]
    [InlineData("xlsx-shared-strings", "部件 xl/sharedStrings.xml，第 200001 个共享字符串: 共享字符串超过 200000 个")]
    public async Task Import_ZipBomb_ShowsTheRefusalAndStoresNothing(string bomb, string expected)
    {
        var content = bomb switch
        {
            "docx-gigabyte" => ZipBombs.DocxInflatingTo(ZipBombs.OneGigabyte),
            "docx-billion-laughs" => ZipBombs.DocxWithBillionLaughs(),
            _ => ZipBombs.XlsxWithSharedStrings(2_000_000),
        };
        var name = bomb + "." + bomb[..4];
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        using var client = await factory.SignInAsync("coordinator");
        var plansBefore = await factory.QueryAsync(db => db.Plans.CountAsync());
        var upload = new MultipartFormDataContent { { new ByteArrayContent(content), "file", name } };

        using var response = await PostFormAsync(client, "/plans/import", upload);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await EcoPlanWebFactory.PageAsync(client, response.Headers.Location!.ToString());
        Assert.StartsWith("/plans/import?error=", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Contains($"{name}: ", page.QuerySelector(".error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(expected, page.QuerySelector(".error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(plansBefore, await factory.QueryAsync(db => db.Plans.CountAsync()));
        Assert.False(Directory.Exists(Path.Combine(factory.Database.Settings.UploadsDirectory, "pending")) && Directory.EnumerateFiles(Path.Combine(factory.Database.Settings.UploadsDirectory, "pending")).Any());
    }

    [Fact]
    public async Task Import_TheSameDocumentAgain_IsRecognised()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        using var client = await factory.SignInAsync("coordinator");
        var upload = new MultipartFormDataContent { { new ByteArrayContent(DemoData.ReadSample("tongzhou-2026-ecological-protection.txt")), "file", "tongzhou.txt" } };

        using var uploaded = await PostFormAsync(client, "/plans/import", upload);
        var preview = await EcoPlanWebFactory.PageAsync(client, uploaded.Headers.Location!.ToString());

        Assert.Contains("已导入为计划", preview.QuerySelector(".warning")!.TextContent, StringComparison.Ordinal);
        // Only the explicit choice is offered: no 确认导入, no publish-at-once.
        var buttons = preview.QuerySelectorAll("form.confirm button[type=submit]").ToList();
        var button = Assert.Single(buttons);
        Assert.Equal("作为新版本导入", button.TextContent.Trim());
        Assert.Equal(("asNewVersion", "true"), (button.GetAttribute("name"), button.GetAttribute("value")));
        Assert.Null(preview.QuerySelector("input[name=publish]"));
    }

    [Fact]
    public async Task Directory_MergeADuplicate_MovesItsWorkAndKeepsItsName()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        using var client = await factory.SignInAsync("coordinator");
        var (water, duplicate, measure) = await factory.QueryAsync(async db =>
        {
            var waterBureau = await db.Organizations.SingleAsync(o => o.Name == "北京市通州区水务局");
            var copy = new Organization { Name = "通州区水务局（重复）", Kind = OrganizationKind.Department, RegionId = waterBureau.RegionId, Aliases = [new OrganizationAlias { Name = "区水务" }] };
            db.Organizations.Add(copy);
            await db.SaveChangesAsync();
            var assignment = await db.MeasureAssignments.FirstAsync(a => a.OrganizationId == waterBureau.Id);
            assignment.OrganizationId = copy.Id;
            await db.SaveChangesAsync();
            return (waterBureau.Id, copy.Id, assignment.MeasureId);
        });

        using var unconfirmed = await client.PostAsync(new Uri($"/api/v1/organizations/{duplicate}/merge-into/{water}", UriKind.Relative), EcoPlanWebFactory.EmptyJson());
        Assert.Equal(HttpStatusCode.Conflict, unconfirmed.StatusCode);
        var preview = await client.GetFromJsonAsync<Core.Organizations.MergePreview>(new Uri($"/api/v1/organizations/{duplicate}/merge-into/{water}", UriKind.Relative));
        Assert.Equal(1, preview!.Assignments);

        using var merged = await client.PostAsync(new Uri($"/api/v1/organizations/{duplicate}/merge-into/{water}?fingerprint={preview.Fingerprint}", UriKind.Relative), EcoPlanWebFactory.EmptyJson());

        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        Assert.False(await factory.QueryAsync(db => db.Organizations.AnyAsync(o => o.Id == duplicate)));
        Assert.True(await factory.QueryAsync(db => db.MeasureAssignments.AnyAsync(a => a.MeasureId == measure && a.OrganizationId == water)));
        var aliases = await factory.QueryAsync(db => db.OrganizationAliases.Where(a => a.OrganizationId == water).Select(a => a.Name).ToListAsync());
        Assert.Contains("通州区水务局（重复）", aliases);
        Assert.Contains("区水务", aliases);
    }
}
