using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

using static EcoPlan.Browser.Tests.BrowserSteps;

namespace EcoPlan.Browser.Tests;

/// <summary>
/// The township inspector's page on a phone (390×844): the demo's 永顺镇 account opens a clue it is verifying, the page
/// shows the distance from the phone's position, a photo goes up with that position; with the connection lost the next
/// photo waits on the phone and is sent when the connection returns.
/// </summary>
public sealed class ClueFieldBrowserTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [ChromiumFact]
    public async Task Township_OnAPhone_SendsPhotos_AndOneTakenOfflineArrivesWhenTheConnectionReturns()
    {
        var clue = await site.QueryAsync(db => db.Clues.Where(c => c.Township!.Code == "110112005" && c.State == Core.Clues.ClueState.Verifying)
            .Select(c => new { c.Id, c.MinLongitude, c.MaxLongitude, c.MinLatitude, c.MaxLatitude }).FirstAsync());
        var before = await PhotosAsync(clue.Id);
        await using var context = await site.NewContextAsync(390, 844);
        await context.GrantPermissionsAsync(["geolocation"]);
        // The phone stands about 200 m north of the clue.
        await context.SetGeolocationAsync(new Geolocation { Longitude = (float)((clue.MinLongitude + clue.MaxLongitude) / 2), Latitude = (float)(clue.MaxLatitude + 0.0018), Accuracy = 12 });
        var page = await SignInAsync(context, "yongshun", $"/clues/{clue.Id}/field");

        await Assertions.Expect(page.Locator("[data-distance]")).ToContainTextAsync("距线索约");
        Assert.Equal(1, await page.Locator("svg.geomap-svg").CountAsync());
        var photo = Core.Demo.DemoData.ReadSample("sample-site-photo.png");
        await page.Locator("[data-evidence-form] input[type=file]").SetInputFilesAsync(new FilePayload { Name = "现场-北侧.png", MimeType = "image/png", Buffer = photo });
        await page.Locator("[data-evidence-form] button[type=submit]").ClickAsync();
        await WaitForPhotosAsync(clue.Id, before + 1);
        await page.WaitForFunctionAsync("() => document.readyState === 'complete'");
        await ShotAsync(page, "field-after-photo");
        var sent = await site.QueryAsync(db => db.ClueEvidence.Where(e => e.ClueId == clue.Id).OrderBy(e => e.Id).LastAsync());
        Assert.Equal(Core.Clues.PositionSource.Device, sent.PositionSource);
        Assert.InRange(sent.DistanceMeters!.Value, 150, 260);

        // No signal: the photo is kept on the phone, and sent once the connection is back.
        await context.SetOfflineAsync(true);
        await page.Locator("[data-evidence-form] input[type=file]").SetInputFilesAsync(new FilePayload { Name = "现场-东侧.png", MimeType = "image/png", Buffer = photo });
        await page.Locator("[data-evidence-form] button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-field-status]")).ToContainTextAsync("保存在本机");
        await ShotAsync(page, "field-offline");
        Assert.Equal(before + 1, await PhotosAsync(clue.Id));
        await context.SetOfflineAsync(false);
        await page.EvaluateAsync("() => window.dispatchEvent(new Event('online'))");
        await WaitForPhotosAsync(clue.Id, before + 2);
        await page.WaitForFunctionAsync("() => document.readyState === 'complete'");
        await ShotAsync(page, "field-back-online");
    }

    private Task<int> PhotosAsync(int clueId) => site.QueryAsync(db => db.ClueEvidence.CountAsync(e => e.ClueId == clueId));

    private async Task WaitForPhotosAsync(int clueId, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await PhotosAsync(clueId) < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the clue has {await PhotosAsync(clueId)} files, not {count}\n{site.AppLog}");
            await Task.Delay(200);
        }
    }
}
