using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

using static EcoPlan.Browser.Tests.BrowserSteps;

namespace EcoPlan.Browser.Tests;

/// <summary>
/// The 通知 inbox in a real browser: the 催办 run on start tells 区园林绿化局 of its late report; the unit follows the notice
/// to the measure, submits, and the notice has left its unread list (kept under 全部 as handled).
/// </summary>
public sealed class NoticeBrowserTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [ChromiumFact]
    public async Task Unit_SubmitsTheLateReport_AndItsOverdueNoticeIsGone()
    {
        var reminder = await OverdueReminderAsync();
        var parts = reminder.Key.Split(':');
        var (measure, period) = (int.Parse(parts[1], CultureInfo.InvariantCulture), parts[3]);

        await using var context = await site.NewContextAsync();
        var page = await SignInAsync(context, "ylj", "/notices");
        var notice = page.Locator($".notice-list [data-notice-id='{reminder.Id}']");
        await Assertions.Expect(notice).ToContainTextAsync("已逾期");
        await Assertions.Expect(notice).ToContainTextAsync(period);
        var before = await BadgeAsync(page);
        Assert.Equal(await page.Locator(".notice-list .notice.unread").CountAsync(), before);

        // 我的任务 shows the work, with one line about the notices.
        await page.GotoAsync("/my");
        await Assertions.Expect(page.Locator(".notice-summary")).ToContainTextAsync($"{before} 条未读通知");
        Assert.Equal(0, await page.Locator("[data-notice-id]").CountAsync());
        await ShotAsync(page, "my-tasks");

        await page.GotoAsync("/notices");
        await notice.GetByRole(AriaRole.Link, new() { Name = "打开" }).ClickAsync();
        // The notice opens the report of its own period.
        await ArriveAsync(page, url => new Uri(url).PathAndQuery == $"/measures/{measure}?period={period}");
        var form = page.Locator("form.report-form");
        await form.Locator("select[name=status]").SelectOptionAsync("InProgress");
        await form.Locator("input[name=percent]").FillAsync("80");
        await form.Locator("textarea[name=narrative]").FillAsync("九月工作已按计划完成（浏览器测试）。");
        await ShotAsync(page, "report-form");
        await form.Locator("button[name=submit][value=true]").ClickAsync();
        await page.WaitForFunctionAsync("() => document.readyState === 'complete'");
        await ShotAsync(page, "submitted");

        await page.GotoAsync("/notices");
        await page.WaitForFunctionAsync("() => document.readyState === 'complete'");
        await ShotAsync(page, "notices-after");
        Assert.Equal(0, await page.Locator($".notice-list [data-notice-id='{reminder.Id}']").CountAsync());
        Assert.Equal(before - 1, await BadgeAsync(page));

        await page.GotoAsync("/notices?filter=all");
        await Assertions.Expect(page.Locator($".notice-list.resolved [data-notice-id='{reminder.Id}']")).ToHaveCountAsync(1);
        await ShotAsync(page, "notices-all");
        Assert.NotNull(await site.QueryAsync(db => db.Notifications.Where(n => n.Id == reminder.Id).Select(n => n.ResolvedAt).SingleAsync()));
    }

    /// <summary>The overdue reminder of 区园林绿化局 the 催办 run on start raised (it runs beside the start, so wait for it).</summary>
    private async Task<(int Id, string Key)> OverdueReminderAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var found = await site.QueryAsync(db => db.Notifications.AsNoTracking()
                .Where(n => n.Organization!.Name == Forestry && n.Key.StartsWith("remind:") && n.ResolvedAt == null && n.Text.Contains("已逾期"))
                .OrderBy(n => n.Id).Select(n => new { n.Id, n.Key }).FirstOrDefaultAsync());
            if (found is not null)
            {
                return (found.Id, found.Key);
            }

            Assert.True(DateTime.UtcNow < deadline, "no overdue reminder for 区园林绿化局 60 s after start");
            await Task.Delay(250);
        }
    }

    private static async Task<int> BadgeAsync(IPage page)
    {
        var badge = page.Locator("nav.main-nav a[href='/notices'] .badge");
        return await badge.CountAsync() == 0 ? 0 : int.Parse(await badge.InnerTextAsync(), CultureInfo.InvariantCulture);
    }
}
