using System.Net.Http.Json;
using EcoPlan.Core.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EcoPlan.Web.Tests;

/// <summary>A session ends for good: a cookie kept from before a logout or a password reset is refused at once, on every device.</summary>
public sealed class SessionTests
{
    private static readonly Uri s_me = new("/api/v1/me", UriKind.Relative);

    [Fact]
    public async Task Logout_EndsThisAndEveryOtherSession_AndAKeptCookieIsRefused()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        var (laptop, kept) = await SignInKeepingCookieAsync(factory, "ylj");
        using var phone = await factory.SignInAsync("ylj");
        using var other = await factory.SignInAsync("swj");
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync(s_me)).StatusCode);

        using var logout = await laptop.PostAsJsonAsync(new Uri("/api/v1/auth/logout", UriKind.Relative), new { });

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync(s_me)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithCookie(factory, kept).GetAsync(s_me)).StatusCode);
        // Another user's session is not touched.
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(s_me)).StatusCode);
        laptop.Dispose();
    }

    [Fact]
    public async Task PasswordReset_EndsEverySessionAtOnce()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        var (client, kept) = await SignInKeepingCookieAsync(factory, "swj");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(s_me)).StatusCode);

        using (var scope = factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<AccountAdministration>().ResetPasswordAsync("swj");
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(s_me)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithCookie(factory, kept).GetAsync(s_me)).StatusCode);
        client.Dispose();
    }

    /// <summary>A signed-in client, and its session cookie as a copy someone kept.</summary>
    private static async Task<(HttpClient Client, string Cookie)> SignInKeepingCookieAsync(EcoPlanWebFactory factory, string userName)
    {
        var client = factory.CreateBrowser();
        using var login = await client.PostAsJsonAsync(new Uri("/api/v1/auth/login", UriKind.Relative), new { userName, password = EcoPlanWebFactory.DemoPassword });
        login.EnsureSuccessStatusCode();
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ecoplan.auth=", StringComparison.Ordinal));
        return (client, cookie.Split(';')[0]);
    }

    private static HttpClient WithCookie(EcoPlanWebFactory factory, string cookie)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }
}
