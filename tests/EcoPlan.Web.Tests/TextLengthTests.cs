using System.Net.Http.Json;
using System.Text.Json;
using EcoPlan.Core.Progress;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EcoPlan.Web.Tests;

/// <summary>Texts longer than their column are refused at the edge with a 400 naming the field, and bodies are capped per endpoint.</summary>
public sealed class TextLengthTests
{
    [Fact]
    public async Task ReturnReason_LongerThanItsLimit_IsRefusedNamingTheField_AndNothingIsStored()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        var measure = await factory.QueryAsync(db => db.Measures.Where(m => m.Task!.Section!.Plan!.Region!.Code == "110112" && m.Number == 7).Select(m => m.Id).SingleAsync());
        using var ylj = await factory.SignInAsync("ylj");
        using var saved = await ylj.PostAsJsonAsync(new Uri($"/api/v1/measures/{measure}/reports", UriKind.Relative),
            new { period = "2026-08", status = "InProgress", percent = 40, narrative = "已完成选址。", submit = true });
        var report = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        using var coordinator = await factory.SignInAsync("coordinator");
        var returnUri = new Uri($"/api/v1/reports/{report}/return", UriKind.Relative);

        using var justOver = await coordinator.PostAsJsonAsync(returnUri, new { revision = 1, reason = new string('长', ProgressWorkflow.MaxReturnReason + 1) });
        using var huge = await coordinator.PostAsJsonAsync(returnUri, new { revision = 1, reason = new string('x', 10 * 1024 * 1024) });

        Assert.Equal(HttpStatusCode.BadRequest, justOver.StatusCode);
        var errors = (await justOver.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal($"reason：不能超过 {ProgressWorkflow.MaxReturnReason} 个字符（收到 {ProgressWorkflow.MaxReturnReason + 1} 个）", errors.GetProperty("reason")[0].GetString());
        Assert.True(huge.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, huge.StatusCode.ToString());
        Assert.Equal(ReportState.Submitted, await factory.QueryAsync(db => db.ProgressReports.Where(r => r.Id == report).Select(r => r.State).SingleAsync()));
        Assert.False(await factory.QueryAsync(db => db.ReportVersions.AnyAsync(v => v.ReportId == report && v.ReturnReason != null)));
    }

    [Fact]
    public async Task AliasAndNarrative_LongerThanTheirColumns_AreRefusedByTheApiAndTheForm()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        var water = await factory.QueryAsync(db => db.Users.Where(u => u.UserName == "swj").Select(u => u.OrganizationId).SingleAsync());
        var measure = await factory.QueryAsync(db => db.Measures.Where(m => m.Task!.Section!.Plan!.Region!.Code == "110112" && m.Number == 7).Select(m => m.Id).SingleAsync());
        using var coordinator = await factory.SignInAsync("coordinator");
        using var ylj = await factory.SignInAsync("ylj");
        var aliasesBefore = await factory.QueryAsync(db => db.OrganizationAliases.CountAsync());

        using var api = await coordinator.PostAsJsonAsync(new Uri($"/api/v1/organizations/{water}/aliases", UriKind.Relative), new { name = new string('水', 101) });
        var page = await EcoPlanWebFactory.PageAsync(coordinator, "/");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = await coordinator.PostAsync(new Uri($"/organizations/{water}/aliases", UriKind.Relative),
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("name", new string('水', 101))]));
        using var narrative = await ylj.PostAsJsonAsync(new Uri($"/api/v1/measures/{measure}/reports", UriKind.Relative),
            new { period = "2026-08", status = "InProgress", percent = 40, narrative = new string('长', ProgressWorkflow.MaxNarrative + 1) });

        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Contains("name：不能超过 100 个字符", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        Assert.Contains("name：不能超过 100 个字符", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, narrative.StatusCode);
        Assert.Contains("narrative：不能超过 4000 个字符", await narrative.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(aliasesBefore, await factory.QueryAsync(db => db.OrganizationAliases.CountAsync()));
    }

    [Fact]
    public async Task EveryEndpointThatReadsABody_HasASizeLimit_UploadsTheirOwn()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Any(m => m is "POST" or "PUT") == true).ToList();
        // The largest, as a path may be both a page (its own form posts) and a form action.
        long LimitOf(string pattern) => endpoints.Where(e => e.RoutePattern.RawText == pattern).Max(e => e.Metadata.GetMetadata<IRequestSizeLimitMetadata>()!.MaxRequestBodySize!.Value);

        Assert.All(endpoints, e => Assert.NotNull(e.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize));
        Assert.Equal(1024 * 1024, LimitOf("/api/v1/reports/{id:int}/return"));
        Assert.Equal(10 * 1024 * 1024 + 64 * 1024, LimitOf("/api/v1/reports/{id:int}/attachments"));
        Assert.Equal(20 * 1024 * 1024 + 64 * 1024, LimitOf("/plans/import"));
    }
}
