using System.Net.Http.Json;
using System.Text.Json;
using EcoPlan.Core.Audit;
using EcoPlan.Core.Progress;

namespace EcoPlan.Web.Tests;

/// <summary>Reporting through the API in one step (<c>"submit": true</c>), as the month-end scripts and the form's 提交 do.</summary>
public sealed class ProgressApiTests
{
    [ProviderTheory]
    public async Task SaveWithSubmit_SubmitsInOneRequest_ResendingIsHarmlessAndOtherUnitsAreRefused(DatabaseProvider provider)
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(provider, demoData: true);
        var measure = await factory.QueryAsync(db => db.Measures.Where(m => m.Task!.Section!.Plan!.Region!.Code == "110112" && m.Number == 7).Select(m => m.Id).SingleAsync());
        var url = new Uri($"/api/v1/measures/{measure}/reports", UriKind.Relative);
        var body = new { period = "2026-08", status = "InProgress", percent = 40, narrative = "已完成选址。", submit = true };
        using var ylj = await factory.SignInAsync("ylj");
        using var swj = await factory.SignInAsync("swj");

        using var saved = await ylj.PostAsJsonAsync(url, body);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var answer = await saved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Submitted", answer.GetProperty("state").GetString());
        var version = Assert.Single(answer.GetProperty("versions").EnumerateArray());
        Assert.Equal(40, version.GetProperty("percent").GetInt32());
        Assert.Equal(JsonValueKind.String, version.GetProperty("submittedAt").ValueKind);
        Assert.Equal("北京市通州区园林绿化局", answer.GetProperty("organization").GetString());

        // A retry of the same submission answers with the same report; other content for a submitted report is a conflict.
        using var resent = await ylj.PostAsJsonAsync(url, body);
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        Assert.Equal(answer.GetProperty("id").GetInt32(), (await resent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32());
        using var changed = await ylj.PostAsJsonAsync(url, body with { percent = 45 });
        Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        Assert.Contains("已报送待审核", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var wrongUnit = await swj.PostAsJsonAsync(url, body with { period = "2026-09" });
        Assert.Equal(HttpStatusCode.Forbidden, wrongUnit.StatusCode);

        var trail = await factory.QueryAsync(db => db.AuditEntries.Where(a => a.MeasureId == measure).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal([AuditAction.Draft, AuditAction.Submit], trail);
        Assert.Equal(ReportState.Submitted, await factory.QueryAsync(db => db.ProgressReports.Where(r => r.MeasureId == measure && r.Period == new DateOnly(2026, 8, 1)).Select(r => r.State).SingleAsync()));
    }

    /// <summary>The API answers each refusal with its own status and the use case's words: 403 for the wrong unit, 404 for no report, 400 naming each field.</summary>
    [Fact]
    public async Task Refusals_AnswerTheRightStatus_WithTheUseCasesMessage_AndEachWrongField()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        var measure = await factory.QueryAsync(db => db.Measures.Where(m => m.Task!.Section!.Plan!.Region!.Code == "110112" && m.Number == 7).Select(m => m.Id).SingleAsync());
        using var ylj = await factory.SignInAsync("ylj");
        using var swj = await factory.SignInAsync("swj");
        using var leader = await factory.SignInAsync("lzh");
        var body = new { period = "2026-08", status = "InProgress", percent = 40, narrative = "已完成选址。", submit = false };
        using var saved = await ylj.PostAsJsonAsync(new Uri($"/api/v1/measures/{measure}/reports", UriKind.Relative), body);
        var report = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        // Another unit changing ylj's draft: refused by Core, in its words (the endpoint no longer checks the owner itself).
        using var otherUnit = await swj.PutAsJsonAsync(new Uri($"/api/v1/reports/{report}", UriKind.Relative), body);
        await AssertProblemAsync(otherUnit, HttpStatusCode.Forbidden, "只有报送单位可以修改自己的报告");
        using var missing = await ylj.PutAsJsonAsync(new Uri("/api/v1/reports/999999", UriKind.Relative), body);
        await AssertProblemAsync(missing, HttpStatusCode.NotFound, "没有编号为 999999 的报告");
        using var review = await leader.PostAsJsonAsync(new Uri($"/api/v1/reports/{report}/accept", UriKind.Relative), new { revision = 1 });
        await AssertProblemAsync(review, HttpStatusCode.Forbidden, "只有计划所属地区的协调单位可以审核报告");

        using var wrong = await ylj.PutAsJsonAsync(new Uri($"/api/v1/reports/{report}", UriKind.Relative), body with { percent = 150 });
        var problem = await AssertProblemAsync(wrong, HttpStatusCode.BadRequest, "完成百分比：150 不在 0 至 100 之间");
        Assert.Equal(["percent"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        using var coordinator = await factory.SignInAsync("coordinator");
        using var noReason = await coordinator.PostAsJsonAsync(new Uri($"/api/v1/reports/{report}/return", UriKind.Relative), new { revision = 1, reason = " " });
        Assert.Equal(["reason"], (await AssertProblemAsync(noReason, HttpStatusCode.BadRequest, null)).GetProperty("errors").EnumerateObject().Select(e => e.Name));

        Assert.Equal(40, await factory.QueryAsync(db => db.ReportVersions.Where(v => v.ReportId == report).Select(v => v.Percent).SingleAsync()));
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? detail)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (detail is not null)
        {
            Assert.Equal(detail, problem.GetProperty("detail").GetString());
        }

        return problem;
    }
}
