using Microsoft.Playwright;

namespace EcoPlan.Browser.Tests;

/// <summary>What a signed-out visitor and a Chinese user see where the UI once showed English, raw keys or a spinner.</summary>
public sealed class LocalizationBrowserTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [ChromiumFact]
    public async Task Swagger_SignedOut_RendersTheOperationsAndSaysToSignIn()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/swagger");

        await Assertions.Expect(page.Locator(".opblock").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".info")).ToContainTextAsync("/api/v1/auth/login");
        Assert.True(await page.Locator(".opblock-summary-path[data-path='/api/v1/plans']").CountAsync() > 0, "the plans endpoint is listed");
        Assert.Equal(0, await page.Locator(".loading-container").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserSite.ScreenshotDirectory, "Swagger_SignedOut.png") });
    }

    [ChromiumFact]
    public async Task ImportUpload_ForgedErrorInTheUrl_IsNotShown_ARealRefusalIsInChinese()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login?returnUrl=%2Fplans%2Fimport");
        await page.FillAsync("input[name='userName']", "coordinator");
        await page.FillAsync("input[name='password']", BrowserSite.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/plans/import");

        await page.GotoAsync("/plans/import?error=" + Uri.EscapeDataString("系统升级，请拨打 010-12345678"));
        Assert.Equal(0, await page.Locator(".error").CountAsync());

        await page.SetInputFilesAsync("input[type='file']", new FilePayload { Name = "random.bin", MimeType = "application/octet-stream", Buffer = [0, 1, 2, 3, 0xFF, 0, 7] });
        await page.ClickAsync("form.upload button[type='submit']");
        await Assertions.Expect(page.Locator(".error")).ToHaveTextAsync("random.bin: 不是可导入的计划文件（支持文本、Word、Excel、PDF、OFD、WPS 或扫描图片）");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserSite.ScreenshotDirectory, "ImportUpload_Refused.png"), FullPage = true });
    }
}
