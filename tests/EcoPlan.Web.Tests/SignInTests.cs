using System.Net.Http.Json;
using System.Text.Json;
using EcoPlan.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace EcoPlan.Web.Tests;

/// <summary>
/// Sign-in cannot be used to lock accounts or to tell which exist: limits per client address and per account name answer
/// 429 with Retry-After, and an unknown name gets the answer a wrong password gets.
/// </summary>
public sealed class SignInTests
{
    private static readonly Uri s_login = new("/api/v1/auth/login", UriKind.Relative);
    private static readonly JsonSerializerOptions s_readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task Login_UnknownUserAndWrongPassword_GetTheSameAnswer()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        using var client = factory.CreateBrowser();

        var (unknownStatus, unknownBody) = await ApiAnswerAsync(client, "nobody-here", "wrong-password");
        var (knownStatus, knownBody) = await ApiAnswerAsync(client, "swj", "wrong-password");
        var unknownForm = await FormAnswerAsync(client, "nobody-here");
        var knownForm = await FormAnswerAsync(client, "swj");

        Assert.Equal(HttpStatusCode.Unauthorized, unknownStatus);
        Assert.Equal(knownStatus, unknownStatus);
        Assert.Equal(knownBody, unknownBody);
        Assert.Contains("用户名或密码错误", unknownBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, unknownForm.Status);
        Assert.Equal(knownForm, unknownForm);
    }

    [Fact]
    public async Task Login_OneAddressIsRefusedWith429AfterItsBurst_OthersAreNot()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true,
            new Dictionary<string, string> { ["EcoPlan:SignIn:PerClientBurst"] = "3", ["EcoPlan:SignIn:PerClientPerMinute"] = "1" });
        using var attacker = ClientAt(factory, "203.0.113.7");
        using var neighbour = ClientAt(factory, "198.51.100.20");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await ApiAnswerAsync(attacker, $"guess{i}", "wrong-password")).Status);
        }

        using var refused = await attacker.PostAsJsonAsync(s_login, new { userName = "guess3", password = "wrong-password" });
        using var refusedForm = await attacker.PostAsync(new Uri("/account/login", UriKind.Relative),
            new FormUrlEncodedContent([new("userName", "guess4"), new("password", "wrong-password")]));
        var (neighbourStatus, _) = await ApiAnswerAsync(neighbour, "swj", EcoPlanWebFactory.DemoPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("尝试登录过于频繁", problem.GetProperty("title").GetString());
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Contains($"请在 {retryAfter} 秒后再试", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // The form is refused before its anti-forgery token is even looked at: a page in Chinese, not a bare status.
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedForm.StatusCode);
        Assert.True(refusedForm.Headers.Contains("Retry-After"));
        Assert.Contains("尝试登录过于频繁", await refusedForm.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, neighbourStatus);
    }

    [Fact]
    public async Task Login_RealUserSignsInFromAnotherAddress_WhileOneAddressHammersHisName()
    {
        // The defaults' proportions: an account's bucket is larger and refills faster than one address's.
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true, new Dictionary<string, string>
        {
            ["EcoPlan:SignIn:PerClientBurst"] = "5", ["EcoPlan:SignIn:PerClientPerMinute"] = "1",
            ["EcoPlan:SignIn:PerAccountBurst"] = "15", ["EcoPlan:SignIn:PerAccountPerMinute"] = "3",
            ["EcoPlan:SignIn:BackoffMilliseconds"] = "1", ["EcoPlan:SignIn:MaxBackoffMilliseconds"] = "10",
        });
        using var attacker = ClientAt(factory, "203.0.113.7");
        using var owner = ClientAt(factory, "198.51.100.20");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            statuses.Add((await ApiAnswerAsync(attacker, "swj", $"guess-{i}")).Status);
        }

        var (ownerStatus, ownerBody) = await ApiAnswerAsync(owner, "swj", EcoPlanWebFactory.DemoPassword);

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 5).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 7)), statuses);
        Assert.Equal(HttpStatusCode.OK, ownerStatus);
        Assert.Contains("\"userName\":\"swj\"", ownerBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_ManyAddressesOnOneName_EmptyItsBucket_AndEveryoneWaitsTheSameShortTime()
    {
        // The trade-off, held: enough addresses together can make a name wait (429 with Retry-After: one token's time, 2 s by default), but
        // never lock it; an unknown name is throttled exactly like a known one.
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true, new Dictionary<string, string>
        {
            ["EcoPlan:SignIn:PerClientBurst"] = "5", ["EcoPlan:SignIn:PerAccountBurst"] = "6", ["EcoPlan:SignIn:PerAccountPerMinute"] = "1",
            ["EcoPlan:SignIn:BackoffMilliseconds"] = "1", ["EcoPlan:SignIn:MaxBackoffMilliseconds"] = "10",
        });
        foreach (var name in new[] { "swj", "nobody-here" })
        {
            for (var i = 0; i < 6; i++)
            {
                using var bot = ClientAt(factory, $"192.0.2.{i + 1}");
                Assert.Equal(HttpStatusCode.Unauthorized, (await ApiAnswerAsync(bot, name, "wrong-password")).Status);
            }
        }

        using var owner = ClientAt(factory, "198.51.100.20");
        using var known = await owner.PostAsJsonAsync(s_login, new { userName = "swj", password = EcoPlanWebFactory.DemoPassword });
        using var unknown = await owner.PostAsJsonAsync(s_login, new { userName = "nobody-here", password = "wrong-password" });

        Assert.Equal(HttpStatusCode.TooManyRequests, known.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, unknown.StatusCode);
        Assert.Equal("60", known.Headers.GetValues("Retry-After").Single()); // one token a minute
        Assert.Equal(WithoutTraceId(await known.Content.ReadAsStringAsync()), WithoutTraceId(await unknown.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Login_AnAccountLockedByAnAdministrator_StaysLocked_AndSaysSoOnlyToTheRightPassword()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<EcoPlanUser>>();
            var swj = await users.FindByNameAsync("swj");
            await users.SetLockoutEndDateAsync(swj!, DateTimeOffset.UtcNow.AddDays(1));
        }

        using var client = factory.CreateBrowser();
        var (wrongStatus, wrongBody) = await ApiAnswerAsync(client, "swj", "wrong-password");
        var (rightStatus, rightBody) = await ApiAnswerAsync(client, "swj", EcoPlanWebFactory.DemoPassword);

        Assert.Equal(HttpStatusCode.Unauthorized, wrongStatus);
        Assert.Contains("用户名或密码错误", wrongBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, rightStatus);
        Assert.Contains("账号已被管理员锁定", rightBody, StringComparison.Ordinal);
    }

    private static HttpClient ClientAt(EcoPlanWebFactory factory, string address)
    {
        var client = factory.CreateBrowser();
        client.DefaultRequestHeaders.Add(EcoPlanWebFactory.ClientAddressHeader, address);
        return client;
    }

    /// <summary>The API's answer, a problem without its traceId.</summary>
    private static async Task<(HttpStatusCode Status, string Body)> ApiAnswerAsync(HttpClient client, string userName, string password)
    {
        using var response = await client.PostAsJsonAsync(s_login, new { userName, password });
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.StatusCode == HttpStatusCode.OK ? body : WithoutTraceId(body));
    }

    /// <summary>A problem document without its traceId, which differs per request by design.</summary>
    private static string WithoutTraceId(string problem)
    {
        var fields = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(problem)!;
        fields.Remove("traceId");
        return JsonSerializer.Serialize(fields, s_readable);
    }

    private static async Task<(HttpStatusCode Status, string? Location, string Body)> FormAnswerAsync(HttpClient client, string userName)
    {
        var page = await EcoPlanWebFactory.PageAsync(client, "/login");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var response = await client.PostAsync(new Uri("/account/login", UriKind.Relative), new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("userName", userName), new("password", "wrong-password"), new("returnUrl", "/my")]));
        return (response.StatusCode, response.Headers.Location?.OriginalString, await response.Content.ReadAsStringAsync());
    }
}
