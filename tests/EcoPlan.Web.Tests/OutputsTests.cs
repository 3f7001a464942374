using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Microsoft.Extensions.DependencyInjection;

namespace EcoPlan.Web.Tests;

/// <summary>The dashboard page and API, the 台账, the 月报 and the audit CSV through HTTP, on the demo data with a report made by 区园林绿化局.</summary>
public sealed class OutputsTests
{
    private static async Task<(EcoPlanWebFactory Factory, int Plan, int Measure)> SiteAsync()
    {
        var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EcoPlanDbContext>();
        var plan = await db.Plans.Where(p => p.Region!.Code == "110112").Select(p => p.Id).SingleAsync();
        var measure = await db.Measures.Where(m => m.Task!.Section!.PlanId == plan && m.Number == 7).Select(m => m.Id).SingleAsync();
        using var ylj = await factory.SignInAsync("ylj");
        using var saved = await ylj.PostAsJsonAsync(new Uri($"/api/v1/measures/{measure}/reports", UriKind.Relative), new { period = "2026-08", status = "Late", percent = 30, narrative = "受汛期影响。" });
        var report = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        using var submitted = await ylj.PostAsync(new Uri($"/api/v1/reports/{report}/submit", UriKind.Relative), EcoPlanWebFactory.EmptyJson());
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        return (factory, plan, measure);
    }

    [Fact]
    public async Task Dashboard_ApiAndPage_ShowTheReportAndTheBoard()
    {
        var (factory, plan, measure) = await SiteAsync();
        await using var _ = factory;
        using var client = await factory.SignInAsync("swj");

        var json = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/plans/{plan}/dashboard?date=2026-08-31", UriKind.Relative));
        Assert.Equal("2026-08-01", json.GetProperty("period").GetString());
        var summary = json.GetProperty("summary");
        Assert.Equal(1, summary.GetProperty("reported").GetInt32());
        Assert.True(summary.GetProperty("measures").GetInt32() > 10);
        var row = json.GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("measureId").GetInt32() == measure);
        Assert.Equal(("Red", "ReportedLate"), (row.GetProperty("risk").GetString(), row.GetProperty("reason").GetString()));

        using var response = await client.GetAsync(new Uri($"/plans/{plan}/dashboard?date=2026-08-31", UriKind.Relative));
        var page = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        Assert.Equal("Red", page.QuerySelector($"#board tr[data-measure-id='{measure}']")!.GetAttribute("data-risk"));
        Assert.NotEmpty(page.QuerySelectorAll("#trend svg.trend-chart rect"));
        Assert.NotEmpty(page.QuerySelectorAll("#by-unit svg.share-bar"));
        Assert.Contains("1 / ", page.QuerySelector("[data-figure='reported'] strong")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"a[href='/api/v1/plans/{plan}/monthly-report.docx?period=2026-08']"));
    }

    [Fact]
    public async Task LedgerAndMonthlyReport_DownloadAsValidDocuments()
    {
        var (factory, plan, _) = await SiteAsync();
        await using var _ = factory;
        using var client = await factory.SignInAsync("coordinator");

        using var ledger = await client.GetAsync(new Uri($"/api/v1/plans/{plan}/ledger.xlsx?date=2026-08-31", UriKind.Relative));
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ledger.Content.Headers.ContentType!.MediaType);
        using (var workbook = SpreadsheetDocument.Open(new MemoryStream(await ledger.Content.ReadAsByteArrayAsync()), false))
        {
            Assert.Empty(new OpenXmlValidator().Validate(workbook));
            Assert.Contains(workbook.WorkbookPart!.WorksheetParts, p => p.Worksheet.InnerText.Contains("受汛期影响。", StringComparison.Ordinal));
        }

        using var report = await client.GetAsync(new Uri($"/api/v1/plans/{plan}/monthly-report.docx?period=2026-08", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        using var word = WordprocessingDocument.Open(new MemoryStream(await report.Content.ReadAsByteArrayAsync()), false);
        Assert.Empty(new OpenXmlValidator().Validate(word));
        Assert.Contains("本期（2026年8月）应报送进展", word.MainDocumentPart!.Document.Body!.InnerText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditCsv_ListsTheTrailOfTheMeasure()
    {
        var (factory, _, measure) = await SiteAsync();
        await using var _ = factory;
        using var client = await factory.SignInAsync("coordinator");

        using var response = await client.GetAsync(new Uri($"/api/v1/measures/{measure}/audit.csv", UriKind.Relative));
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("at_utc,user,action,action_label,report_id,details", lines[0]);
        Assert.Equal(["draft", "submit"], lines.Skip(1).Select(l => l.Split(',')[2]));
        Assert.Equal(["保存草稿", "提交"], lines.Skip(1).Select(l => l.Split(',')[3]));
        Assert.All(lines.Skip(1), l => Assert.Equal("ylj", l.Split(',')[1]));
    }
}
