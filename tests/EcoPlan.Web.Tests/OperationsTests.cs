using System.Net.Http.Json;
using System.Text.Json;

namespace EcoPlan.Web.Tests;

/// <summary>/metrics in Prometheus format (request metrics and EcoPlan's own counters) for loopback or the token; /healthz with its checks.</summary>
public sealed class OperationsTests
{
    private static readonly Uri s_metrics = new("/metrics", UriKind.Relative);

    [Fact]
    public async Task Metrics_AfterASubmit_ShowRequestMetricsAndEcoPlansCounters()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        var measure = await factory.QueryAsync(db => db.Measures.Where(m => m.Task!.Section!.Plan!.Region!.Code == "110112" && m.Number == 7).Select(m => m.Id).SingleAsync());
        using var ylj = await factory.SignInAsync("ylj");
        using var saved = await ylj.PostAsJsonAsync(new Uri($"/api/v1/measures/{measure}/reports", UriKind.Relative),
            new { period = "2026-08", status = "InProgress", percent = 40, narrative = "已完成选址。", submit = true });
        saved.EnsureSuccessStatusCode();

        using var anonymous = factory.CreateBrowser();
        using var response = await anonymous.GetAsync(s_metrics);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds_count{", text, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^ecoplan_reports_submitted_total(\{[^}]*\})? [1-9]", text);
        Assert.Matches(@"(?m)^ecoplan_reports_saved_total(\{[^}]*\})? [1-9]", text);
    }

    [Fact]
    public async Task Metrics_FromAnotherHost_AreHidden_UnlessItSendsTheToken()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, settings: new Dictionary<string, string> { ["EcoPlan:Operations:MetricsToken"] = "scrape-secret-2026" });
        using var remote = factory.CreateBrowser();
        remote.DefaultRequestHeaders.Add(EcoPlanWebFactory.ClientAddressHeader, "203.0.113.7");
        using var local = factory.CreateBrowser();
        local.DefaultRequestHeaders.Add(EcoPlanWebFactory.ClientAddressHeader, "127.0.0.1");

        using var hidden = await remote.GetAsync(s_metrics);
        using var wrongToken = new HttpRequestMessage(HttpMethod.Get, s_metrics) { Headers = { { "Authorization", "Bearer scrape-secret-2025" } } };
        using var wrong = await remote.SendAsync(wrongToken);
        using var withToken = new HttpRequestMessage(HttpMethod.Get, s_metrics) { Headers = { { "Authorization", "Bearer scrape-secret-2026" } } };
        using var allowed = await remote.SendAsync(withToken);
        using var loopback = await local.GetAsync(s_metrics);

        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, loopback.StatusCode);
    }

    [Fact]
    public async Task Healthz_ReportsTheDatabaseAndTheDataDirectorysFreeSpace_DegradedBelowTheThreshold()
    {
        await using var healthy = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        await using var full = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite,
            settings: new Dictionary<string, string> { ["EcoPlan:Operations:MinFreeDiskMegabytes"] = "1000000000000" });

        var ok = await HealthAsync(healthy);
        var degraded = await HealthAsync(full);

        Assert.Equal("Healthy", ok.GetProperty("status").GetString());
        Assert.Equal(["data-directory", "database"], ok.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Order());
        Assert.Equal("Degraded", degraded.GetProperty("status").GetString());
        var disk = degraded.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "data-directory");
        Assert.Equal("Degraded", disk.GetProperty("status").GetString());
        Assert.Equal(1_000_000_000_000, disk.GetProperty("data").GetProperty("minimumMegabytes").GetInt64());
        Assert.True(disk.GetProperty("data").GetProperty("freeMegabytes").GetInt64() > 0);
    }

    private static async Task<JsonElement> HealthAsync(EcoPlanWebFactory factory)
    {
        using var client = factory.CreateBrowser();
        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
