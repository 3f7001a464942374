using System.Globalization;
using EcoPlan.Core.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

using static EcoPlan.Browser.Tests.BrowserSteps;

namespace EcoPlan.Browser.Tests;

/// <summary>
/// A unit reports from a phone and the coordinator reviews from the queue: submit (with and without a file), return with a reason,
/// see the reason and resubmit, accept one from its row and the rest after confirming. A screenshot of every step.
/// </summary>
public sealed class ReviewBrowserTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [ChromiumFact]
    public async Task Unit_SubmitsFromAPhone_CoordinatorReturnsFromTheQueue_UnitResubmits_CoordinatorAccepts()
    {
        var measure = await site.QueryAsync(db => db.Measures.Where(m => m.Task!.Section!.Plan!.Region!.Code == "110112" && m.Number == 7).Select(m => m.Id).SingleAsync());
        await using var phone = await site.NewContextAsync(width: 390, height: 844);
        await using var desk = await site.NewContextAsync();
        var ylj = await SignInAsync(phone, "ylj", $"/measures/{measure}?period=2026-08");
        await ShotAsync(ylj, "1-unit-form");
        var (scrollWidth, innerWidth) = await WidthsAsync(ylj);
        Assert.True(scrollWidth <= innerWidth, $"the progress form scrolls sideways on a 390 px phone: {scrollWidth} > {innerWidth}");

        // Without a file: 提交 says so and shows the period's state instead of the form.
        await FillAsync(ylj, "InProgress", "40", "已完成选址，正在施工。");
        await ylj.GetByRole(AriaRole.Button, new() { Name = "提交", Exact = true }).ClickAsync();
        await ArriveAsync(ylj, url => url.Contains("saved=submitted", StringComparison.Ordinal));
        await ShotAsync(ylj, "2-unit-submitted");
        await Assertions.Expect(ylj.Locator("p.success")).ToContainTextAsync("已提交 2026-08 的进展报送");
        await Assertions.Expect(ylj.Locator(".period-state")).ToContainTextAsync("推进中 · 40%");
        await Assertions.Expect(ylj.Locator("textarea[name=narrative]")).ToHaveCountAsync(0);

        // With a file, for another period.
        await ylj.GotoAsync($"/measures/{measure}?period=2026-07");
        await FillAsync(ylj, "InProgress", "30", "7月完成方案编制。");
        await ylj.Locator("input[name=files]").SetInputFilesAsync(new FilePayload { Name = "现场照片.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%%EOF\n"u8.ToArray() });
        await ShotAsync(ylj, "3-unit-form-with-file");
        await ylj.GetByRole(AriaRole.Button, new() { Name = "提交", Exact = true }).ClickAsync();
        await ArriveAsync(ylj, url => url.Contains("saved=submitted", StringComparison.Ordinal));
        await ShotAsync(ylj, "4-unit-submitted-with-file");
        await Assertions.Expect(ylj.Locator(".period-state a", new() { HasTextString = "现场照片.pdf" })).ToHaveCountAsync(1);

        var reports = await site.QueryAsync(db => db.ProgressReports.Where(r => r.MeasureId == measure).ToDictionaryAsync(r => r.Period.Month, r => r.Id));
        var (july, august) = (reports[7], reports[8]);

        // The coordinator returns August's report from the queue with a reason.
        var coordinator = await SignInAsync(desk, "coordinator", "/reviews");
        await ShotAsync(coordinator, "5-queue");
        var row = coordinator.Locator($"tr[data-report-id='{august}']");
        await row.Locator("textarea[name=reason]").FillAsync("请补充施工现场照片。");
        await row.GetByRole(AriaRole.Button, new() { Name = "退回", Exact = true }).ClickAsync();
        await ArriveAsync(coordinator, url => url.Contains("done=returned", StringComparison.Ordinal));
        await ShotAsync(coordinator, "6-queue-returned");
        await Assertions.Expect(coordinator.Locator("p.success")).ToContainTextAsync("已退回");
        await Assertions.Expect(coordinator.Locator($"tr[data-report-id='{august}']")).ToHaveCountAsync(0);

        // The unit sees the reason above its own words, mends them and submits again.
        await ylj.GotoAsync($"/measures/{measure}?period=2026-08");
        await Assertions.Expect(ylj.Locator(".returned")).ToContainTextAsync("请补充施工现场照片。");
        await Assertions.Expect(ylj.Locator("textarea[name=narrative]")).ToHaveValueAsync("已完成选址，正在施工。");
        await ShotAsync(ylj, "7-unit-returned");
        await FillAsync(ylj, "InProgress", "50", "已完成选址，正在施工；补充现场照片 3 张。");
        await ylj.GetByRole(AriaRole.Button, new() { Name = "提交", Exact = true }).ClickAsync();
        await ArriveAsync(ylj, url => url.Contains("saved=submitted", StringComparison.Ordinal));
        await ShotAsync(ylj, "8-unit-resubmitted");

        // The queue shows what changed; the coordinator accepts that one from its row, then the rest after confirming.
        await coordinator.GotoAsync($"/reviews?report={august}");
        row = coordinator.Locator($"tr[data-report-id='{august}']");
        await Assertions.Expect(row.Locator("ul.diff")).ToContainTextAsync("40");
        await Assertions.Expect(row.Locator("ul.diff")).ToContainTextAsync("50");
        await ShotAsync(coordinator, "9-queue-what-changed");
        await row.GetByRole(AriaRole.Button, new() { Name = "通过", Exact = true }).ClickAsync();
        await ArriveAsync(coordinator, url => url.Contains("done=accepted", StringComparison.Ordinal));
        await ShotAsync(coordinator, "10-queue-accepted");

        var waiting = await site.QueryAsync(db => db.ProgressReports.CountAsync(r => r.State == ReportState.Submitted));
        await coordinator.Locator("a.button", new() { HasTextString = "全部通过" }).ClickAsync();
        await ArriveAsync(coordinator, url => url.Contains("confirm=all", StringComparison.Ordinal));
        await ShotAsync(coordinator, "11-queue-confirm");
        await Assertions.Expect(coordinator.Locator(".confirm h2")).ToContainTextAsync(string.Format(CultureInfo.InvariantCulture, "确认通过以下 {0} 份报告", waiting));
        Assert.Equal(ReportState.Submitted, await site.QueryAsync(db => db.ProgressReports.Where(r => r.Id == july).Select(r => r.State).SingleAsync()));
        await coordinator.GetByRole(AriaRole.Button, new() { Name = string.Format(CultureInfo.InvariantCulture, "确认通过 {0} 份", waiting), Exact = true }).ClickAsync();
        await ArriveAsync(coordinator, url => url.Contains("accepted=", StringComparison.Ordinal));
        await ShotAsync(coordinator, "12-queue-all-accepted");
        await Assertions.Expect(coordinator.Locator("p.success")).ToContainTextAsync(string.Format(CultureInfo.InvariantCulture, "已通过 {0} 份报告", waiting));

        var states = await site.QueryAsync(db => db.ProgressReports.Where(r => r.MeasureId == measure).Select(r => r.State).ToListAsync());
        Assert.All(states, s => Assert.Equal(ReportState.Accepted, s));
        await ylj.GotoAsync($"/measures/{measure}?period=2026-08");
        await Assertions.Expect(ylj.Locator(".period-state")).ToHaveAttributeAsync("data-state", "Accepted");
        await ShotAsync(ylj, "13-unit-accepted");

        // The same form on a desktop screen, for a period not yet reported.
        await using var unitDesk = await site.NewContextAsync();
        var wide = await SignInAsync(unitDesk, "ylj", $"/measures/{measure}?period=2026-06");
        await Assertions.Expect(wide.Locator("input[name=percent]")).ToHaveValueAsync("");
        await ShotAsync(wide, "14-unit-form-desktop");
    }

    private static async Task FillAsync(IPage page, string status, string percent, string narrative)
    {
        await page.Locator("select[name=status]").SelectOptionAsync(status);
        await page.Locator("input[name=percent]").FillAsync(percent);
        await page.Locator("textarea[name=narrative]").FillAsync(narrative);
    }
}
