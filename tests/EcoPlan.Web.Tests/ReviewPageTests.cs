using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using EcoPlan.Core.Audit;
using EcoPlan.Core.Progress;

namespace EcoPlan.Web.Tests;

/// <summary>The unit's progress form on the measure page and the coordinator's review queue, on the demo data, as a browser posts them.</summary>
public sealed class ReviewPageTests
{
    private const string Forestry = "北京市通州区园林绿化局";

    /// <summary>Measure 7 of the Tongzhou plan (区园林绿化局's), without the demo's reports on it, so each test starts from none.</summary>
    private static Task<int> ForestryMeasureAsync(EcoPlanWebFactory factory) =>
        factory.QueryAsync(async db =>
        {
            var measure = await db.Measures.Where(m => m.Task!.Section!.Plan!.Region!.Code == "110112" && m.Number == 7).Select(m => m.Id).SingleAsync();
            await db.ProgressReports.Where(r => r.MeasureId == measure).ExecuteDeleteAsync();
            return measure;
        });

    /// <summary>Posts the measure page's report form (Blazor's named form "report") with the page's anti-forgery token.</summary>
    private static async Task<HttpResponseMessage> PostReportAsync(HttpClient client, int measure, string period, string status, string percent, string narrative, bool submit,
        (string Name, byte[] Content)? file = null)
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent("report"), "_handler" }, { new StringContent(period), "period" }, { new StringContent(status), "status" },
            { new StringContent(percent), "percent" }, { new StringContent(narrative), "narrative" },
        };
        if (submit)
        {
            content.Add(new StringContent("true"), "submit");
        }

        if (file is { } f)
        {
            content.Add(new ByteArrayContent(f.Content), "files", f.Name);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/measures/{measure}?period={period}", UriKind.Relative)) { Content = content };
        await AuthorizationMatrixTests.DemoSite.AddAntiforgeryAsync(client, request);
        return await client.SendAsync(request);
    }

    private static string PathOf(Uri location) => location.IsAbsoluteUri ? location.PathAndQuery : location.ToString();

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, IEnumerable<(string Key, string Value)> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, UriKind.Relative)) { Content = AuthorizationMatrixTests.DemoSite.Form(fields) };
        await AuthorizationMatrixTests.DemoSite.AddAntiforgeryAsync(client, request);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task ReportForm_Submit_SaysSoAndShowsThePeriodsStateInsteadOfTheForm()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        var measure = await ForestryMeasureAsync(factory);
        using var ylj = await factory.SignInAsync("ylj");

        using var posted = await PostReportAsync(ylj, measure, "2026-08", "InProgress", "40", "已完成选址。", submit: true);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var location = PathOf(posted.Headers.Location!);
        Assert.Contains($"/measures/{measure}?period=2026-08&saved=submitted", location, StringComparison.Ordinal);
        var page = await EcoPlanWebFactory.PageAsync(ylj, location);
        Assert.Contains("已提交 2026-08 的进展报送", page.QuerySelector(".success")!.TextContent, StringComparison.Ordinal);
        var state = page.QuerySelector(".period-state")!;
        Assert.Equal("Submitted", state.GetAttribute("data-state"));
        Assert.Contains("推进中 · 40%", state.TextContent, StringComparison.Ordinal);
        Assert.Contains("已完成选址。", state.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("select[name=status]"));

        // Accepted: the period shows its state, and the form is not offered again.
        var report = await factory.QueryAsync(db => db.ProgressReports.Where(r => r.MeasureId == measure).Select(r => new { r.Id, r.Revision }).SingleAsync());
        using var coordinator = await factory.SignInAsync("coordinator");
        using var accepted = await coordinator.PostAsJsonAsync(new Uri($"/api/v1/reports/{report.Id}/accept", UriKind.Relative), new { revision = report.Revision });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        page = await EcoPlanWebFactory.PageAsync(ylj, $"/measures/{measure}?period=2026-08");
        Assert.Equal("Accepted", page.QuerySelector(".period-state")!.GetAttribute("data-state"));
        Assert.Null(page.QuerySelector("textarea[name=narrative]"));
        // Another period still offers the form, empty: no 未启动/0 preset.
        page = await EcoPlanWebFactory.PageAsync(ylj, $"/measures/{measure}?period=2026-07");
        Assert.Equal("", page.QuerySelector("input[name=percent]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task ReportForm_Refused_KeepsWhatWasTypedWithTheErrorBesideTheField()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        var measure = await ForestryMeasureAsync(factory);
        using var ylj = await factory.SignInAsync("ylj");

        using var posted = await PostReportAsync(ylj, measure, "2026-08", "NotStarted", "20", "尚未开工，已完成前期调研。", submit: true);

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var page = await new HtmlParser().ParseDocumentAsync(await posted.Content.ReadAsStringAsync());
        Assert.Contains("报告未提交", page.QuerySelector("p.error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("「未启动」时应为 0", page.QuerySelector("#percent-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("尚未开工，已完成前期调研。", page.QuerySelector("textarea[name=narrative]")!.TextContent);
        Assert.Equal("20", page.QuerySelector("input[name=percent]")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("select[name=status] option[value=NotStarted][selected]"));
        Assert.False(await factory.QueryAsync(db => db.ProgressReports.AnyAsync(r => r.MeasureId == measure)));
    }

    [Fact]
    public async Task ReportForm_RefusedAttachment_LeavesNothingSubmittedAndSaysTheReportWasNotSubmitted()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        var measure = await ForestryMeasureAsync(factory);
        using var ylj = await factory.SignInAsync("ylj");

        using var posted = await PostReportAsync(ylj, measure, "2026-08", "InProgress", "40", "附照片。", submit: true, ("现场.png", "not a picture"u8.ToArray()));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var page = await new HtmlParser().ParseDocumentAsync(await posted.Content.ReadAsStringAsync());
        var error = page.QuerySelector("p.error")!.TextContent;
        Assert.StartsWith("报告未提交", error, StringComparison.Ordinal);
        Assert.Contains("现场.png", error, StringComparison.Ordinal);
        Assert.Equal("附照片。", page.QuerySelector("textarea[name=narrative]")!.TextContent);
        Assert.False(await factory.QueryAsync(db => db.ProgressReports.AnyAsync(r => r.MeasureId == measure)));
        Assert.False(await factory.QueryAsync(db => db.ReportAttachments.AnyAsync()));

        // With a real PDF the same press of 提交 submits the report and its file together.
        using var again = await PostReportAsync(ylj, measure, "2026-08", "InProgress", "40", "附照片。", submit: true, ("现场.pdf", "%PDF-1.4\n%%EOF\n"u8.ToArray()));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(ReportState.Submitted, await factory.QueryAsync(db => db.ProgressReports.Where(r => r.MeasureId == measure).Select(r => r.State).SingleAsync()));
        Assert.Equal("现场.pdf", await factory.QueryAsync(db => db.ReportAttachments.Select(a => a.FileName).SingleAsync()));
    }

    [Fact]
    public async Task Queue_ReturnWithAReasonThenAcceptAllShownAfterConfirming()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        var measure = await ForestryMeasureAsync(factory);
        using var ylj = await factory.SignInAsync("ylj");
        foreach (var period in new[] { "2026-07", "2026-08" })
        {
            using var saved = await ylj.PostAsJsonAsync(new Uri($"/api/v1/measures/{measure}/reports", UriKind.Relative), new { period, status = "InProgress", percent = 40, narrative = $"{period} 进展。", submit = true });
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        var reports = await factory.QueryAsync(db => db.ProgressReports.Where(r => r.MeasureId == measure).OrderBy(r => r.Period).Select(r => new { r.Id, r.Revision, r.Period }).ToListAsync());
        var forestry = await factory.QueryAsync(db => db.Organizations.Where(o => o.Name == Forestry).Select(o => o.Id).SingleAsync());
        using var coordinator = await factory.SignInAsync("coordinator");
        var queue = $"unit={forestry}";

        var page = await EcoPlanWebFactory.PageAsync(coordinator, $"/reviews?{queue}");
        Assert.Equal(reports.Select(r => r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), page.QuerySelectorAll("tr[data-report-id]").Select(r => r.GetAttribute("data-report-id")!));

        using (var noReason = await PostFormAsync(coordinator, $"/reports/{reports[0].Id}/review", [("measureId", $"{measure}"), ("revision", $"{reports[0].Revision}"), ("decision", "return"), ("reason", " "), ("queue", queue)]))
        {
            // Back to the queue as filtered, with the workflow's own reason, sealed.
            var location = noReason.Headers.Location!.ToString();
            Assert.StartsWith($"/reviews?{queue}&report={reports[0].Id}&error=m.", location, StringComparison.Ordinal);
            Assert.Contains("退回", (await EcoPlanWebFactory.PageAsync(coordinator, location)).QuerySelector(".error[role=alert]")!.TextContent, StringComparison.Ordinal);
        }

        using (var returned = await PostFormAsync(coordinator, $"/reports/{reports[0].Id}/review", [("measureId", $"{measure}"), ("revision", $"{reports[0].Revision}"), ("decision", "return"), ("reason", "请补充现场照片"), ("queue", queue)]))
        {
            Assert.Equal($"/reviews?{queue}&done=returned&report={reports[0].Id}", returned.Headers.Location!.ToString());
        }

        page = await EcoPlanWebFactory.PageAsync(coordinator, $"/reviews?{queue}&done=returned&report={reports[0].Id}");
        Assert.Contains("已退回", page.QuerySelector(".success")!.TextContent, StringComparison.Ordinal);
        Assert.Single(page.QuerySelectorAll("tr[data-report-id]"));

        // 全部通过 asks first, naming how many; only the confirm step's POST accepts.
        var confirm = await EcoPlanWebFactory.PageAsync(coordinator, $"/reviews?{queue}&confirm=all");
        Assert.Contains("确认通过以下 1 份报告", confirm.QuerySelector(".confirm h2")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(ReportState.Submitted, await factory.QueryAsync(db => db.ProgressReports.Where(r => r.Id == reports[1].Id).Select(r => r.State).SingleAsync()));
        var pairs = confirm.QuerySelectorAll(".confirm input[name=report]").Select(i => ("report", i.GetAttribute("value")!)).ToList();
        using var all = await PostFormAsync(coordinator, "/reviews/accept", [("queue", queue), .. pairs]);

        Assert.Equal($"/reviews?{queue}&accepted=1&skipped=0", all.Headers.Location!.ToString());
        var states = await factory.QueryAsync(db => db.ProgressReports.Where(r => r.MeasureId == measure).OrderBy(r => r.Period).Select(r => r.State).ToListAsync());
        Assert.Equal([ReportState.Returned, ReportState.Accepted], states);
        // The unit sees the reason on its form for that period, prefilled to mend.
        var mine = await EcoPlanWebFactory.PageAsync(ylj, $"/measures/{measure}?period=2026-07");
        Assert.Contains("请补充现场照片", mine.QuerySelector(".returned")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("2026-07 进展。", mine.QuerySelector("textarea[name=narrative]")!.TextContent);
    }

    [Theory]
    [InlineData("ylj")]
    [InlineData("lzh")]
    [InlineData("city")]
    public async Task QueueActionsAndBulkAccept_WrongUser_AreRefusedAndNothingChanges(string user)
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        var measure = await ForestryMeasureAsync(factory);
        using var ylj = await factory.SignInAsync("ylj");
        using var saved = await ylj.PostAsJsonAsync(new Uri($"/api/v1/measures/{measure}/reports", UriKind.Relative), new { period = "2026-08", status = "InProgress", percent = 40, narrative = "进展。", submit = true });
        var report = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var revision = await factory.QueryAsync(db => db.ProgressReports.Where(r => r.Id == report).Select(r => r.Revision).SingleAsync());
        using var client = user == "ylj" ? null : await factory.SignInAsync(user);
        var caller = client ?? ylj;

        using var bulk = await caller.PostAsJsonAsync(new Uri("/api/v1/reviews/accept", UriKind.Relative), new { reports = new[] { new { reportId = report, revision } } });
        using var accept = await PostFormAsync(caller, $"/reports/{report}/review", [("measureId", $"{measure}"), ("revision", $"{revision}"), ("decision", "accept"), ("queue", "")]);
        using var giveBack = await PostFormAsync(caller, $"/reports/{report}/review", [("measureId", $"{measure}"), ("revision", $"{revision}"), ("decision", "return"), ("reason", "x"), ("queue", "")]);
        using var all = await PostFormAsync(caller, "/reviews/accept", [("queue", ""), ("report", $"{report}:{revision}")]);

        Assert.Equal(HttpStatusCode.Forbidden, bulk.StatusCode);
        Assert.All(new[] { accept, giveBack, all }, r => Assert.StartsWith("/denied", PathOf(r.Headers.Location!), StringComparison.Ordinal));
        Assert.Equal(ReportState.Submitted, await factory.QueryAsync(db => db.ProgressReports.Where(r => r.Id == report).Select(r => r.State).SingleAsync()));
        Assert.Equal([AuditAction.Draft, AuditAction.Submit], await factory.QueryAsync(db => db.AuditEntries.Where(a => a.ReportId == report).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync()));
    }

    [Fact]
    public async Task BulkAcceptApi_Coordinator_GetsTypedResultWithTheSkippedReportsAndTheChanges()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        var measure = await ForestryMeasureAsync(factory);
        using var ylj = await factory.SignInAsync("ylj");
        using var saved = await ylj.PostAsJsonAsync(new Uri($"/api/v1/measures/{measure}/reports", UriKind.Relative), new { period = "2026-08", status = "InProgress", percent = 40, narrative = "进展。", submit = true });
        var report = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        using var coordinator = await factory.SignInAsync("coordinator");

        var listed = await coordinator.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/reviews?period=2026-08", UriKind.Relative));
        var revision = listed.EnumerateArray().Single(i => i.GetProperty("reportId").GetInt32() == report).GetProperty("revision").GetInt32();
        var changes = await coordinator.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/reports/{report}/changes", UriKind.Relative));
        using var hidden = await (await factory.SignInAsync("swj")).GetAsync(new Uri($"/api/v1/reports/{report}/changes", UriKind.Relative));
        using var bulk = await coordinator.PostAsJsonAsync(new Uri("/api/v1/reviews/accept", UriKind.Relative), new { reports = new[] { new { reportId = report, revision }, new { reportId = report + 1000, revision = 1 } } });

        Assert.Equal((1, JsonValueKind.Null), (changes.GetProperty("version").GetInt32(), changes.GetProperty("previousVersion").ValueKind));
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bulk.StatusCode);
        var result = await bulk.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([report], result.GetProperty("accepted").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("NotFound", result.GetProperty("skipped")[0].GetProperty("reason").GetString());
        using var openApi = await coordinator.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        var document = await openApi.Content.ReadAsStringAsync();
        Assert.Contains("BulkAcceptResult", document, StringComparison.Ordinal);
        Assert.Contains("ReportChanges", document, StringComparison.Ordinal);
    }
}
