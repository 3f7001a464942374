using System.Net.Http.Json;
using System.Text.Json;
using EcoPlan.Core.Demo;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace EcoPlan.Web.Tests;

/// <summary>
/// Two instances of the app over one database and one data directory, as behind a load balancer without sticky
/// sessions (docs/operations.md): a user signed in on one is signed in on the other, a form token from one is good on
/// the other, a file uploaded through one downloads through the other, and a logout on one ends the session on both.
/// </summary>
public sealed class TwoInstancesTests
{
    [ProviderTheory]
    public async Task ARequestMayLandOnEitherInstance_SessionTokenUploadAndLogoutHoldAcrossBoth(DatabaseProvider provider)
    {
        await using var first = await EcoPlanWebFactory.CreateAsync(provider, demoData: true);
        await using var second = new EcoPlanWebFactory(first.Database, demoData: true, ownsDatabase: false);
        // Both instances are up before anyone signs in: each has read the key ring as it was at its start.
        using (var health = await second.CreateClient().GetAsync(new Uri("/healthz", UriKind.Relative)))
        {
            health.EnsureSuccessStatusCode();
        }

        var jar = new CookieContainer();
        var site = new Uri("https://localhost");
        using var onFirst = first.CreateDefaultClient(site, new CookieContainerHandler(jar));
        using var onSecond = second.CreateDefaultClient(site, new CookieContainerHandler(jar));
        var me = new Uri("/api/v1/me", UriKind.Relative);

        using (var login = await onFirst.PostAsJsonAsync(new Uri("/api/v1/auth/login", UriKind.Relative), new { userName = "yongshun", password = EcoPlanWebFactory.DemoPassword }))
        {
            login.EnsureSuccessStatusCode();
        }

        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync(me)).StatusCode);

        // The anti-forgery token handed out by one instance guards an upload sent to the other.
        var token = await onFirst.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/auth/antiforgery", UriKind.Relative));
        var clue = await first.QueryAsync(db => db.Clues.Where(c => c.Township!.Code == "110112005" && c.State == Core.Clues.ClueState.Verifying).Select(c => c.Id).FirstAsync());
        var photo = DemoData.ReadSample("sample-site-photo.png");
        using var upload = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/v1/clues/{clue}/evidence", UriKind.Relative))
        {
            Content = new MultipartFormDataContent
            {
                { new ByteArrayContent(photo), "file", "现场.png" },
                { new StringContent("SitePhoto"), "kind" },
                { new StringContent("无"), "noGpsReason" },
            },
        };
        upload.Headers.Add(token.GetProperty("headerName").GetString()!, token.GetProperty("token").GetString());
        using var uploaded = await onSecond.SendAsync(upload);
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        var evidence = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        Assert.Equal(photo, await onFirst.GetByteArrayAsync(new Uri($"/api/v1/clue-evidence/{evidence}", UriKind.Relative)));

        var kept = jar.GetCookieHeader(site);
        using (var logout = await onSecond.PostAsync(new Uri("/api/v1/auth/logout", UriKind.Relative), EcoPlanWebFactory.EmptyJson()))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        // A copy of the cookie kept from before the logout is refused by the other instance too.
        using var withKept = first.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = site, AllowAutoRedirect = false, HandleCookies = false });
        withKept.DefaultRequestHeaders.Add("Cookie", kept);
        Assert.Equal(HttpStatusCode.Unauthorized, (await withKept.GetAsync(me)).StatusCode);
    }
}
