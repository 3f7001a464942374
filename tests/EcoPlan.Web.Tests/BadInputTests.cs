using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;

namespace EcoPlan.Web.Tests;

/// <summary>What a user or script is told about input the app cannot take: a 400 problem naming the field (Chinese, English on the switch), a 400 page, or home.</summary>
public sealed class BadInputTests(BadInputTests.DemoApp app) : IClassFixture<BadInputTests.DemoApp>
{
    [Fact]
    public async Task Api_MalformedJson_IsAProblemWithTheLineAndByte()
    {
        using var response = await app.Ylj.PostAsync(new Uri($"/api/v1/measures/{app.Measure}/reports", UriKind.Relative),
            new StringContent("{\"period\":\"2026-08\",\n  \"status\": }", Encoding.UTF8, "application/json"));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("请求有误", problem.GetProperty("title").GetString());
        Assert.Equal("请求正文不是有效的 JSON（第 2 行第 13 字节）", problem.GetProperty("detail").GetString());
        Assert.Equal((2, 13), (problem.GetProperty("line").GetInt32(), problem.GetProperty("position").GetInt32()));
    }

    [Fact]
    public async Task Api_UnknownEnumNameOrNumber_NamesTheFieldAndTheNames_EnglishOnTheSwitch()
    {
        var url = $"/api/v1/measures/{app.Measure}/reports";
        using var chinese = await app.Ylj.PostAsync(new Uri(url, UriKind.Relative), Json("{\"period\":\"2026-08\",\"status\":\"推进中\",\"percent\":10}"));
        using var number = await app.Ylj.PostAsync(new Uri(url + "?culture=en", UriKind.Relative), Json("{\"period\":\"2026-08\",\"status\":1,\"percent\":10}"));

        Assert.Equal("字段 status 应为 NotStarted, InProgress, Completed, Late, CannotComplete 之一（请求正文第 1 行第 41 字节）",
            Errors(await ProblemAsync(chinese, HttpStatusCode.BadRequest), "status"));
        var english = await ProblemAsync(number, HttpStatusCode.BadRequest);
        Assert.Equal("The request is invalid", english.GetProperty("title").GetString());
        Assert.Equal("field status must be one of NotStarted, InProgress, Completed, Late, CannotComplete (request body line 1, byte 31)", Errors(english, "status"));
    }

    [Fact]
    public async Task Api_WrongTypeMissingBodyAndOtherMediaType_SayWhich()
    {
        var url = new Uri($"/api/v1/measures/{app.Measure}/reports", UriKind.Relative);
        using var wrongType = await app.Ylj.PostAsync(url, Json("{\"period\":\"2026-08\",\"status\":\"InProgress\",\"percent\":\"half\"}"));
        using var noBody = await app.Ylj.PostAsync(url, null);
        using var text = await app.Ylj.PostAsync(url, new StringContent("percent=50", Encoding.UTF8, "text/plain"));

        Assert.Equal("字段 percent 应为整数（请求正文第 1 行第 59 字节）", Errors(await ProblemAsync(wrongType, HttpStatusCode.BadRequest), "percent"));
        Assert.Equal("请求缺少正文（application/json）", Errors(await ProblemAsync(noBody, HttpStatusCode.BadRequest), "body"));
        Assert.Equal("请求正文类型不受支持", (await ProblemAsync(text, HttpStatusCode.UnsupportedMediaType)).GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("/api/v1/measures?org=abc", "org", "org 的值“abc”无效，应为整数")]
    [InlineData("/api/v1/measures?status=99", "status", "status 的值“99”无效，应为 Overdue, DueThisMonth, Upcoming, Continuous, Recurring, Unparsed 之一")]
    [InlineData("/api/v1/measures?dueBefore=2026-13-01", "dueBefore", "dueBefore 的值“2026-13-01”无效，应为日期（YYYY-MM-DD）")]
    [InlineData("/api/v1/reviews?plan=abc", "plan", "plan 的值“abc”无效，应为整数")]
    public async Task Api_QueryValueThatDoesNotBind_IsAProblemNamingIt(string url, string field, string message)
    {
        using var response = await app.Coordinator.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(message, Errors(await ProblemAsync(response, HttpStatusCode.BadRequest), field));
    }

    [Fact]
    public async Task Api_PeriodPastTheCalendar_IsAProblemNotA500()
    {
        using var response = await app.Coordinator.GetAsync(new Uri($"/api/v1/plans/{app.Plan}/monthly-report.docx?period=9999-12", UriKind.Relative));

        Assert.Equal("报告期格式应为 YYYY-MM", Errors(await ProblemAsync(response, HttpStatusCode.BadRequest), "period"));
    }

    [Theory]
    [InlineData("/my?org=abc", "org 的值“abc”无效，应为整数")]
    [InlineData("/calendar?year=abc", "year 的值“abc”无效，应为整数")]
    [InlineData("/reviews?plan=abc", "plan 的值“abc”无效，应为整数")]
    [InlineData("/plans/{plan}?unit=abc", "unit 的值“abc”无效，应为整数")]
    [InlineData("/plans/{plan}?published=0", "published 的值“0”无效，应为 true 或 false")]
    public async Task Page_QueryValueThatDoesNotBind_IsA400PageNamingIt(string url, string message)
    {
        using var response = await app.Coordinator.GetAsync(new Uri(url.Replace("{plan}", app.Plan.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        Assert.Equal("请求有误", page.QuerySelector("main h1")!.TextContent);
        Assert.Equal(message, page.QuerySelector("main [role=alert]")!.TextContent);
        Assert.NotNull(page.QuerySelector("nav.main-nav a[href='/reviews']"));
    }

    [Theory]
    [InlineData("//evil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    public async Task ReturnUrl_OffTheSite_GoesHome(string returnUrl)
    {
        using var anonymous = app.Factory.CreateBrowser();
        using var culture = await anonymous.GetAsync(new Uri("/culture?name=en&returnUrl=" + Uri.EscapeDataString(returnUrl), UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, culture.StatusCode);
        Assert.Equal("/", culture.Headers.Location!.ToString());
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string? Errors(JsonElement problem, string field) => problem.GetProperty("errors").GetProperty(field)[0].GetString();

    /// <summary>The demo site with a unit and a coordinator signed in.</summary>
    public sealed class DemoApp : IAsyncLifetime
    {
        public EcoPlanWebFactory Factory { get; private set; } = default!;
        public HttpClient Ylj { get; private set; } = default!;
        public HttpClient Coordinator { get; private set; } = default!;
        public int Measure { get; private set; }
        public int Plan { get; private set; }

        public async Task InitializeAsync()
        {
            Factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
            Ylj = await Factory.SignInAsync("ylj");
            Coordinator = await Factory.SignInAsync("coordinator");
            var forestry = await Factory.QueryAsync(db => db.Organizations.Where(o => o.Name == "北京市通州区园林绿化局").Select(o => o.Id).SingleAsync());
            Measure = await Factory.QueryAsync(db => db.MeasureAssignments.Where(a => a.OrganizationId == forestry).Select(a => a.MeasureId).FirstAsync());
            Plan = await Factory.QueryAsync(db => db.Plans.Where(p => p.Region!.Code == "110112").Select(p => p.Id).SingleAsync());
        }

        public async Task DisposeAsync()
        {
            Ylj.Dispose();
            Coordinator.Dispose();
            await Factory.DisposeAsync();
        }
    }
}
