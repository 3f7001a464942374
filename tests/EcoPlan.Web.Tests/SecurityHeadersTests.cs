using Microsoft.AspNetCore.Mvc.Testing;

namespace EcoPlan.Web.Tests;

/// <summary>
/// What every answer says about itself: a content policy that allows no script or style from elsewhere (and no inline
/// script at all), no Server header, HSTS over HTTPS, and redirects that never echo a forged Host.
/// </summary>
public sealed class SecurityHeadersTests
{
    [Fact]
    public async Task ReadmeStart_Answers_WithThePolicies_NoServerHeader_AndRedirectsThatIgnoreAForgedHost()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = await ReadmeApp.StartEmptyAsync(database);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };

        using var login = await http.GetAsync(new Uri("login", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.False(login.Headers.Contains("Server"), $"Server: {string.Join(",", login.Headers.Server)}");
        var policy = Assert.Single(login.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("style-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        Assert.Contains("microphone=()", Assert.Single(login.Headers.GetValues("Permissions-Policy")), StringComparison.Ordinal);
        // Plain HTTP on localhost: no HSTS, which would lock a browser out of a server without TLS.
        Assert.False(login.Headers.Contains("Strict-Transport-Security"));

        using var forged = new HttpRequestMessage(HttpMethod.Get, new Uri("plans", UriKind.Relative));
        forged.Headers.Host = "evil.example";
        using var redirect = await http.SendAsync(forged);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var location = redirect.Headers.Location!.OriginalString;
        Assert.StartsWith("/login?", location, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Https_GetsHsts_AndAHostOutsideAllowedHostsIsRefused()
    {
        await using var app = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = app.WithWebHostBuilder(b => b.UseSetting("AllowedHosts", "ecoplan.example"));
        using var allowed = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://ecoplan.example"), AllowAutoRedirect = false });
        using var other = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://evil.example"), AllowAutoRedirect = false });

        using var page = await allowed.GetAsync(new Uri("/login", UriKind.Relative));
        using var refused = await other.GetAsync(new Uri("/login", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.StartsWith("max-age=", Assert.Single(page.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task ImageSources_AreTheSiteAlone_UnlessATiandituKeyIsSet_ThenItsTileServersToo()
    {
        await using var app = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        await using var other = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        await using var withKey = other.WithWebHostBuilder(b => b.UseSetting(EcoPlan.Web.Clues.Map.TiandituBasemap.ConfigurationKey, "test-key"));
        using var keyed = withKey.CreateClient();
        using var plain = app.CreateClient();

        using var without = await plain.GetAsync(new Uri("/login", UriKind.Relative));
        using var with = await keyed.GetAsync(new Uri("/login", UriKind.Relative));

        Assert.Contains("img-src 'self' data:;", Assert.Single(without.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal("same-origin", Assert.Single(without.Headers.GetValues("Referrer-Policy")));
        var policy = Assert.Single(with.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("img-src 'self' data: https://t0.tianditu.gov.cn https://t1.tianditu.gov.cn", policy, StringComparison.Ordinal);
        Assert.Contains("https://t7.tianditu.gov.cn;", policy, StringComparison.Ordinal);
        // Tiles only: scripts, styles and connections stay with the site.
        Assert.Contains("script-src 'self'; style-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self';", policy, StringComparison.Ordinal);
        // 天地图 checks a browser key against the Referer's domain; other sites still get no page path.
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(with.Headers.GetValues("Referrer-Policy")));
    }
}
