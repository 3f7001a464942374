using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace EcoPlan.Browser.Tests;

/// <summary>The steps every browser test takes: sign in through the login page, wait for a page, look at it, save a screenshot.</summary>
public static class BrowserSteps
{
    /// <summary>The two Tongzhou units of the demo that share measures: 区园林绿化局 (user ylj) and 区水务局.</summary>
    public const string Forestry = "北京市通州区园林绿化局";

    public const string Water = "北京市通州区水务局";

    /// <summary>
    /// Opens <paramref name="path"/> signed out, is sent to the login page, fills the form, clicks 登录 and lands back on
    /// the path; saves a screenshot of the login page and of the page, and checks the page is styled.
    /// </summary>
    public static async Task<IPage> SignInAsync(IBrowserContext context, string user, string path, [CallerMemberName] string test = "")
    {
        ArgumentNullException.ThrowIfNull(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        Assert.Equal("/login", new Uri(page.Url).AbsolutePath);
        await ShotAsync(page, "login", test);

        await page.Locator("input[name=userName]").FillAsync(user);
        await page.Locator("input[name=password]").FillAsync(BrowserSite.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await ArriveAsync(page, url => new Uri(url).PathAndQuery == path);
        await ShotAsync(page, path == "/" ? "plans" : string.Concat(path.Trim('/').Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')), test);
        await AssertStyledAsync(page);
        return page;
    }

    /// <summary>
    /// Waits until the page's URL satisfies <paramref name="arrived"/> and the document has finished loading.
    /// Polls the page itself instead of Playwright's load-state tracking (WaitForURLAsync), which once missed a
    /// "load" that had already fired when the click's navigation finished before the wait began.
    /// </summary>
    public static async Task ArriveAsync(IPage page, Func<string, bool> arrived)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(arrived);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!arrived(page.Url))
        {
            Assert.True(DateTime.UtcNow < deadline, $"still at {page.Url} after 30 s");
            await Task.Delay(50);
        }

        await page.WaitForFunctionAsync("() => document.readyState === 'complete'");
    }

    /// <summary>The stylesheet arrived and applies: an empty answer for app.css would leave the page unstyled but every status 200.</summary>
    public static async Task AssertStyledAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var rules = await page.EvaluateAsync<int>("() => Array.from(document.styleSheets).reduce((n, s) => n + s.cssRules.length, 0)");
        Assert.True(rules > 0, $"{page.Url}: no CSS rules loaded");
    }

    /// <summary>A full-page screenshot: TestResults/screenshots/&lt;test&gt;-&lt;name&gt;.png beside the test assembly.</summary>
    public static async Task ShotAsync(IPage page, string name, [CallerMemberName] string test = "")
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserSite.ScreenshotDirectory, $"{test}-{name}.png"), FullPage = true });
    }

    /// <summary>The data-measure-id of each of <paramref name="items"/>, in page order.</summary>
    public static async Task<List<int>> MeasureIdsAsync(ILocator items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return [.. (await items.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.measureId)")).Select(id => int.Parse(id, CultureInfo.InvariantCulture))];
    }

    /// <summary>How wide the document is against the window: wider means the page scrolls sideways.</summary>
    public static async Task<(int ScrollWidth, int InnerWidth)> WidthsAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var widths = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, window.innerWidth]");
        return (widths[0], widths[1]);
    }
}
