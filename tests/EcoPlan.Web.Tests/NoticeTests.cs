using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using EcoPlan.Core.Progress;

namespace EcoPlan.Web.Tests;

/// <summary>The 通知 inbox on the demo data after a 催办 run: the count in the navigation, the one-line summaries, marking read, the unit told of reviews.</summary>
public sealed class NoticeTests
{
    private static async Task<EcoPlanWebFactory> DemoAfterRemindersAsync(DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var factory = await EcoPlanWebFactory.CreateAsync(provider, demoData: true);
        using var warmUp = factory.CreateBrowser();
        await factory.QueryAsync(db => new ReminderJob(db, TimeProvider.System, new ReminderOptions()).RunAsync());
        return factory;
    }

    private static Task<int> UnreadOfAsync(EcoPlanWebFactory factory, string userName) =>
        factory.QueryAsync(db => db.Notifications.CountAsync(n => n.ReadAt == null && n.ResolvedAt == null
            && db.Users.Any(u => u.UserName == userName && u.OrganizationId == n.OrganizationId)));

    private static async Task<int> NavCountAsync(HttpClient client, string url = "/")
    {
        var page = await EcoPlanWebFactory.PageAsync(client, url);
        var link = page.QuerySelector("nav.main-nav a[href='/notices']");
        Assert.NotNull(link);
        return link.QuerySelector(".badge") is { } badge ? int.Parse(badge.TextContent, CultureInfo.InvariantCulture) : 0;
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, UriKind.Relative)) { Content = new FormUrlEncodedContent([]) };
        await AuthorizationMatrixTests.DemoSite.AddAntiforgeryAsync(client, request);
        return await client.SendAsync(request);
    }

    [ProviderTheory]
    public async Task NavCount_MatchesTheUnreadNoticesOfEveryRole_AndTheCoordinatorHasAHandful(DatabaseProvider provider)
    {
        await using var factory = await DemoAfterRemindersAsync(provider);

        foreach (var user in Core.Demo.DemoData.Accounts.Select(a => a.UserName))
        {
            using var client = await factory.SignInAsync(user);
            var expected = await UnreadOfAsync(factory, user);
            Assert.Equal(expected, await NavCountAsync(client));
            Assert.Equal(expected, (await EcoPlanWebFactory.PageAsync(client, "/notices")).QuerySelectorAll(".notice-list .notice.unread").Length);
        }

        // Grouped per measure and period: a few lines, each naming its late units, not one per unit.
        var coordinator = await UnreadOfAsync(factory, "coordinator");
        Assert.InRange(coordinator, 2, 10);
        Assert.InRange(await UnreadOfAsync(factory, "ylj"), 1, 5);
        Assert.InRange(await UnreadOfAsync(factory, "lzh"), 1, 10);
    }

    [Fact]
    public async Task WorkPages_ShowTheWorkWithAOneLineSummary_NotTheNotices()
    {
        await using var factory = await DemoAfterRemindersAsync();

        (string User, string Url)[] pages = [("ylj", "/my"), ("coordinator", "/reviews"), ("lzh", "/portfolio")];
        foreach (var (user, url) in pages)
        {
            using var client = await factory.SignInAsync(user);
            var page = await EcoPlanWebFactory.PageAsync(client, url);
            var summary = Assert.Single(page.QuerySelectorAll(".notice-summary"));
            Assert.Contains($"{await UnreadOfAsync(factory, user)} 条未读通知", summary.TextContent, StringComparison.Ordinal);
            Assert.NotNull(summary.QuerySelector("a[href='/notices']"));
            Assert.Empty(page.QuerySelectorAll("[data-notice-id]"));
        }
    }

    [Fact]
    public async Task MarkAllRead_ClearsTheCallersOwnCount_AndNoOneElses()
    {
        await using var factory = await DemoAfterRemindersAsync();
        using var coordinator = await factory.SignInAsync("coordinator");
        using var ylj = await factory.SignInAsync("ylj");
        var forestry = await UnreadOfAsync(factory, "ylj");
        Assert.True(await NavCountAsync(coordinator) > 0);

        using var marked = await PostFormAsync(coordinator, "/notifications/read-all");

        Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        Assert.Equal("/notices", marked.Headers.Location!.ToString());
        Assert.Equal(0, await NavCountAsync(coordinator));
        Assert.Null((await EcoPlanWebFactory.PageAsync(coordinator, "/reviews")).QuerySelector(".notice-summary"));
        Assert.Equal(forestry, await NavCountAsync(ylj));
        // Read, not gone: the inbox still lists them under 全部.
        Assert.NotEmpty((await EcoPlanWebFactory.PageAsync(coordinator, "/notices?filter=all")).QuerySelectorAll(".notice-list .notice.read"));
    }

    [Fact]
    public async Task MarkRead_AnotherOrganizationsNotice_IsRefusedAndStaysUnread()
    {
        await using var factory = await DemoAfterRemindersAsync();
        var notice = await factory.QueryAsync(db => db.Notifications.Where(n => db.Users.Any(u => u.UserName == "coordinator" && u.OrganizationId == n.OrganizationId)).Select(n => n.Id).FirstAsync());

        foreach (var user in (string[])["ylj", "admin", "lzh"])
        {
            using var client = await factory.SignInAsync(user);
            using var refused = await PostFormAsync(client, $"/notifications/{notice}/read");
            Assert.StartsWith("/denied", refused.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
            // The reason names the notice's organization, whatever the caller's role.
            var denied = await EcoPlanWebFactory.PageAsync(client, refused.Headers.Location!.PathAndQuery());
            Assert.Contains("该通知是发给“北京市通州区生态环境局”的", denied.Body!.TextContent, StringComparison.Ordinal);
        }

        // A viewer of the same organization reads the inbox, without the buttons, and may not mark it read.
        await WebHostTests.AddUserAsync(factory, "viewer");
        using (var viewer = await factory.SignInAsync("viewer"))
        {
            Assert.Empty((await EcoPlanWebFactory.PageAsync(viewer, "/notices")).QuerySelectorAll("form[action$='/read'], form[action='/notifications/read-all']"));
            using var refused = await PostFormAsync(viewer, $"/notifications/{notice}/read");
            Assert.StartsWith("/denied", refused.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        }

        Assert.Null(await factory.QueryAsync(db => db.Notifications.Where(n => n.Id == notice).Select(n => n.ReadAt).SingleAsync()));
        using var own = await factory.SignInAsync("coordinator");
        using var read = await PostFormAsync(own, $"/notifications/{notice}/read");
        Assert.Equal("/notices", read.Headers.Location!.ToString());
        Assert.NotNull(await factory.QueryAsync(db => db.Notifications.Where(n => n.Id == notice).Select(n => n.ReadAt).SingleAsync()));
    }

    [ProviderTheory]
    public async Task LateReport_SubmittedReturnedAndAccepted_TheUnitIsToldEachTime_AndTheReminderGoes(DatabaseProvider provider)
    {
        await using var factory = await DemoAfterRemindersAsync(provider);
        using var ylj = await factory.SignInAsync("ylj");
        using var coordinator = await factory.SignInAsync("coordinator");
        var reminder = await factory.QueryAsync(db => db.Notifications.AsNoTracking()
            .Where(n => n.Key.StartsWith("remind:") && n.ResolvedAt == null && db.Users.Any(u => u.UserName == "ylj" && u.OrganizationId == n.OrganizationId)).FirstAsync());
        var parts = reminder.Key.Split(':');
        var (measure, period) = (int.Parse(parts[1], CultureInfo.InvariantCulture), parts[3]);
        async Task<List<string>> OpenNoticesAsync(HttpClient client) =>
            [.. (await EcoPlanWebFactory.PageAsync(client, "/notices?filter=all")).QuerySelectorAll(".notice-list:not(.resolved) .notice").Select(n => n.TextContent)];
        async Task<bool> IsOpenAsync(HttpClient client, int notice) =>
            (await EcoPlanWebFactory.PageAsync(client, "/notices?filter=all")).QuerySelector($".notice-list:not(.resolved) [data-notice-id='{notice}']") is not null;
        var group = await factory.QueryAsync(db => db.Notifications.AsNoTracking()
            .SingleAsync(n => n.Key == $"late:{measure}:{period}" && db.Users.Any(u => u.UserName == "coordinator" && u.OrganizationId == n.OrganizationId)));
        Assert.True(await IsOpenAsync(ylj, reminder.Id));
        Assert.Contains("已逾期", reminder.Text, StringComparison.Ordinal);
        Assert.True(await IsOpenAsync(coordinator, group.Id));
        Assert.Contains("区园林绿化局", group.Text, StringComparison.Ordinal);

        // Submitted: the unit's reminder is resolved (kept as history), the coordinator's line no longer names the unit.
        var report = await SubmitAsync(ylj, measure, period, "九月工作已完成。");
        Assert.False(await IsOpenAsync(ylj, reminder.Id));
        Assert.NotNull((await EcoPlanWebFactory.PageAsync(ylj, "/notices?filter=all")).QuerySelector($".notice-list.resolved [data-notice-id='{reminder.Id}']"));
        var regrouped = await factory.QueryAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.Id == group.Id));
        Assert.True(regrouped.ResolvedAt is not null || !regrouped.Text.Contains("区园林绿化局", StringComparison.Ordinal), regrouped.Text);

        using var returned = await coordinator.PostAsJsonAsync(new Uri($"/api/v1/reports/{report.Id}/return", UriKind.Relative), new { revision = report.Revision, reason = "请补充现场照片" });
        Assert.Equal(HttpStatusCode.OK, returned.StatusCode);
        Assert.Contains(await OpenNoticesAsync(ylj), t => t.Contains("退回", StringComparison.Ordinal) && t.Contains("请补充现场照片", StringComparison.Ordinal));
        using var swj = await factory.SignInAsync("swj");
        Assert.DoesNotContain(await OpenNoticesAsync(swj), t => t.Contains("请补充现场照片", StringComparison.Ordinal));

        report = await SubmitAsync(ylj, measure, period, "已补充现场照片。");
        Assert.DoesNotContain(await OpenNoticesAsync(ylj), t => t.Contains("退回", StringComparison.Ordinal));
        using var accepted = await coordinator.PostAsJsonAsync(new Uri($"/api/v1/reports/{report.Id}/accept", UriKind.Relative), new { revision = report.Revision });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Contains(await OpenNoticesAsync(ylj), t => t.Contains("审核通过", StringComparison.Ordinal) && t.Contains(period, StringComparison.Ordinal));
    }

    private static async Task<(int Id, int Revision)> SubmitAsync(HttpClient client, int measure, string period, string narrative)
    {
        using var saved = await client.PostAsJsonAsync(new Uri($"/api/v1/measures/{measure}/reports", UriKind.Relative), new { period, status = "InProgress", percent = 80, narrative, submit = true });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var json = await saved.Content.ReadFromJsonAsync<JsonElement>();
        return (json.GetProperty("id").GetInt32(), json.GetProperty("revision").GetInt32());
    }
}
