using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using EcoPlan.Core.Import;
using EcoPlan.Core.Indicators;
using EcoPlan.Web.Localization;

namespace EcoPlan.Web.Tests;

/// <summary>
/// Chinese first, English on the switch: every UI text exists in both languages, and the answers a person meets when
/// something is wrong (API problem documents, refused imports, refused form posts) speak the request's language.
/// </summary>
public sealed partial class LocalizationTests
{
    /// <summary>Texts that are rightly not Chinese: symbols, the language switch itself, a brand acronym, an empty reason.</summary>
    private static readonly HashSet<string> s_notChinese = ["Comparator_AtLeast", "Comparator_AtMost", "Comparator_Equal", "OtherCulture", "OtherLanguage", "NavGepR", "RiskReason_None"];

    /// <summary>What the English texts of the refusals below say; none may reach a Chinese page.</summary>
    private static readonly string[] s_englishMessages =
    [
        "is not between", "not a plan document EcoPlan reads (text, Word, Excel, PDF, OFD, WPS or a scanned image)", "the file is empty", "damaged", "unknown column", "missing column",
        "is not a number", "Choose a file", "paragraph", "line ", "column ", "row ", "not a readable", "refused",
    ];

    [Fact]
    public void UiText_EveryKey_HasChineseAndEnglish() =>
        ResourceTexts.AssertChineseAndEnglish(UiText.All(CultureInfo.InvariantCulture), UiText.All(CultureInfo.GetCultureInfo("en")), s_notChinese);

    /// <summary>Every key a page or action names exists, and every label built from a value (method, format, audit action) has a text.</summary>
    [Fact]
    public void UiText_EveryKeyTheCodeUses_Exists()
    {
        var keys = UiText.All(CultureInfo.InvariantCulture);
        var web = Directory.EnumerateFiles(RepositoryPaths.Of("src/EcoPlan.Web"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var used = web.SelectMany(f => UsedKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value))).ToList();
        Assert.Contains(used, u => u.Key == "Form_PeriodFormat");
        Assert.All(used, u => Assert.True(keys.ContainsKey(u.Key), $"{u.File} uses UiText '{u.Key}', which has no text"));

        Assert.All(MethodologyCatalog.Ids, id => Assert.True(keys.ContainsKey("Methodology_" + id), id));
        Assert.All(Enum.GetNames<PlanFileFormat>(), format => Assert.True(keys.ContainsKey("Format_" + format), format));
        Assert.All(Enum.GetNames<EcoPlan.Core.Indicators.GepR.CompensationMode>(), mode => Assert.True(keys.ContainsKey("CompensationMode_" + mode), mode));
    }

    [Fact]
    public async Task Api_InvalidReport_ProblemIsChinese_EnglishOnTheSwitch()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        var measure = await factory.QueryAsync(db => db.Measures.Where(m => m.Task!.Section!.Plan!.Region!.Code == "110112" && m.Number == 7).Select(m => m.Id).SingleAsync());
        using var ylj = await factory.SignInAsync("ylj");
        var body = new { period = "2026-08", status = "InProgress", percent = 150, narrative = "", submit = false };

        using var chinese = await ylj.PostAsJsonAsync(new Uri($"/api/v1/measures/{measure}/reports", UriKind.Relative), body);
        using var english = await ylj.PostAsJsonAsync(new Uri($"/api/v1/measures/{measure}/reports?culture=en", UriKind.Relative), body);
        using var badPeriod = await ylj.PostAsJsonAsync(new Uri($"/api/v1/measures/{measure}/reports", UriKind.Relative), body with { period = "August" });

        Assert.Equal(HttpStatusCode.BadRequest, chinese.StatusCode);
        Assert.Equal("完成百分比：150 不在 0 至 100 之间", (await chinese.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal("percent: 150 is not between 0 and 100", (await english.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        AssertChinese(await badPeriod.Content.ReadAsStringAsync());
    }

    public static TheoryData<string, byte[]> BadPlanFiles => new()
    {
        { "empty.txt", [] },
        { "random.bin", [0, 1, 2, 3, 0xFF, 0, 7] },
        { "broken.docx", [0x50, 0x4B, 0x03, 0x04, 1, 2, 3] },
        { "no-table.txt", Encoding.UTF8.GetBytes("北京市通州区2026年行动计划\n这一段不是表格。\n") },
    };

    [Theory]
    [MemberData(nameof(BadPlanFiles))]
    public async Task Import_BadFile_RefusalIsChinese_EnglishOnTheSwitch(string name, byte[] content)
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        using var coordinator = await factory.SignInAsync("coordinator");

        var chinese = await RefusalAsync(coordinator, "/plans/import", PlanUpload(content, name));
        await SwitchToEnglishAsync(coordinator);
        var english = await RefusalAsync(coordinator, "/plans/import", PlanUpload(content, name));

        Assert.StartsWith(name + ": ", chinese, StringComparison.Ordinal);
        AssertChinese(chinese);
        Assert.StartsWith(name + ": ", english, StringComparison.Ordinal);
        Assert.Matches(EnglishWords(), english);
        Assert.NotEqual(chinese, english);
    }

    [Fact]
    public async Task Import_TruncatedDocxAndEmptyAndNoFile_SayWhichInChinese()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        using var coordinator = await factory.SignInAsync("coordinator");
        var planId = await factory.QueryAsync(db => db.Plans.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        var docx = await coordinator.GetByteArrayAsync(new Uri($"/api/v1/plans/{planId}/export?format=docx", UriKind.Relative));

        var truncated = await RefusalAsync(coordinator, "/plans/import", PlanUpload(docx[..(docx.Length / 2)], "truncated.docx"));
        var empty = await RefusalAsync(coordinator, "/plans/import", PlanUpload([], "empty.docx"));
        var none = await RefusalAsync(coordinator, "/plans/import", new MultipartFormDataContent { { new StringContent(""), "file" } });

        AssertChinese(truncated);
        Assert.StartsWith("truncated.docx: ", truncated, StringComparison.Ordinal);
        Assert.Equal("empty.docx: 文件为空", empty);
        Assert.Equal("请选择一个文件。", none);
    }

    [Fact]
    public async Task EiImport_BadCsv_RefusalIsChinese_EnglishOnTheSwitch()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        using var coordinator = await factory.SignInAsync("coordinator");
        var csv = IndicatorPageTests.TongzhouEi().Replace("110112,2026", "110112,20x6", StringComparison.Ordinal) + "110112,2027,1\n";

        var chinese = await RefusalAsync(coordinator, "/indicators/ei/import", IndicatorPageTests.EiUpload(csv, "ei.csv"), "ul.error");
        await SwitchToEnglishAsync(coordinator);
        var english = await RefusalAsync(coordinator, "/indicators/ei/import", IndicatorPageTests.EiUpload(csv, "ei.csv"), "ul.error");

        Assert.Contains("ei.csv 第 3 行第 2 列：年份：“20x6”不是年份", chinese, StringComparison.Ordinal);
        AssertChinese(chinese);
        Assert.Contains("ei.csv:3:2: year: '20x6' is not a year", english, StringComparison.Ordinal);
        Assert.Contains("missing value", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TargetForm_BadValues_RefusalIsChinese()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        using var coordinator = await factory.SignInAsync("coordinator");
        var target = await factory.QueryAsync(db => db.Targets.Where(t => t.Measure!.Task!.Section!.Plan!.Region!.Code == "110112")
            .Select(t => new { t.Id, t.Measure!.Task!.Section!.PlanId }).FirstAsync());
        var form = new FormUrlEncodedContent([new("metric", ""), new("comparator", "Bigger"), new("value", "1,5"), new("year", "2026"),
            new("plan", target.PlanId.ToString(System.Globalization.CultureInfo.InvariantCulture))]);

        var refusal = await RefusalAsync(coordinator, $"/indicators/targets/{target.Id}/edit", form);

        Assert.Contains("目标值：“1,5”不是数字", refusal, StringComparison.Ordinal);
        Assert.Contains("比较方式：“Bigger”不是", refusal, StringComparison.Ordinal);
        AssertChinese(refusal);
    }

    /// <summary>A page shows a message from the URL only when EcoPlan wrote it: a known code, or a sealed message.</summary>
    [Fact]
    public async Task Pages_ErrorFromTheUrl_OnlyKnownCodesAreShown()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        using var coordinator = await factory.SignInAsync("coordinator");
        var measure = await factory.QueryAsync(db => db.Measures.Select(m => m.Id).FirstAsync());

        foreach (var page in new[] { "/plans/import", "/organizations", "/indicators/ei/import", "/indicators/gepr/import", $"/measures/{measure}" })
        {
            var forged = await EcoPlanWebFactory.PageAsync(coordinator, page + "?error=" + Uri.EscapeDataString("您的账号已停用，请致电 010-12345678"));
            Assert.Null(forged.QuerySelector(".error"));
            Assert.DoesNotContain("010-12345678", forged.Body!.TextContent, StringComparison.Ordinal);
        }

        var known = await EcoPlanWebFactory.PageAsync(coordinator, "/plans/import?error=forbidden");
        Assert.Equal("无权操作。", known.QuerySelector(".error")!.TextContent.Trim());
        var weights = await EcoPlanWebFactory.PageAsync(coordinator, "/indicators/ei?method=db11-1877&weightsError=" + Uri.EscapeDataString("m.forged"));
        Assert.Null(weights.QuerySelector(".weights-error"));
    }

    [Fact]
    public async Task AuditTrail_EveryActionLabelled_UnknownActionShowsNoRawKey()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        var measure = await factory.QueryAsync(db => db.Measures.Where(m => m.Task!.Section!.Plan!.Region!.Code == "110112" && m.Number == 7).Select(m => m.Id).SingleAsync());
        using var ylj = await factory.SignInAsync("ylj");
        using var saved = await ylj.PostAsJsonAsync(new Uri($"/api/v1/measures/{measure}/reports", UriKind.Relative), new { period = "2026-08", status = "InProgress", percent = 40, narrative = "已完成选址。", submit = false });
        saved.EnsureSuccessStatusCode();
        var report = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        using var attach = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4\n%%EOF\n"u8.ToArray()), "file", "现场照片.pdf" } };
        await EcoPlanWebFactory.UseApiTokenAsync(ylj);
        (await ylj.PostAsync(new Uri($"/api/v1/reports/{report}/attachments", UriKind.Relative), attach)).EnsureSuccessStatusCode();
        // An action a later release wrote: only SQL can store a word the enum does not have.
        await factory.QueryAsync(db => db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO \"AuditEntries\" (\"At\", \"UserName\", \"Action\", \"MeasureId\", \"Details\") VALUES ({DateTime.UtcNow}, 'EcoPlan', 'archived', {measure}, '{{}}')"));

        using var coordinator = await factory.SignInAsync("coordinator");
        var trail = (await EcoPlanWebFactory.PageAsync(coordinator, $"/measures/{measure}")).Body!.TextContent;

        Assert.Contains("保存草稿", trail, StringComparison.Ordinal);
        Assert.Contains("添加附件", trail, StringComparison.Ordinal);
        Assert.Contains("其他操作", trail, StringComparison.Ordinal);
        Assert.DoesNotContain("Audit_", trail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Swagger_SignedOut_ServesTheUiAndTheDocument()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        using var anonymous = factory.CreateBrowser();

        foreach (var url in new[] { "/swagger/index.html", "/swagger/index.js", "/swagger/swagger-ui-bundle.js", "/swagger/swagger-ui.css", "/openapi/v1.json" })
        {
            using var response = await anonymous.GetAsync(new Uri(url, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
            Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
        }

        using var document = await anonymous.GetFromJsonAsync<JsonDocument>(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Contains("/api/v1/auth/login", document!.RootElement.GetProperty("info").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    private static void AssertChinese(string answer)
    {
        Assert.True(ResourceTexts.HasChinese(answer), $"no Chinese in: {answer}");
        foreach (var english in s_englishMessages)
        {
            Assert.DoesNotContain(english, answer, StringComparison.Ordinal);
        }
    }

    private static MultipartFormDataContent PlanUpload(byte[] content, string name) =>
        new() { { new ByteArrayContent(content), "file", name } };

    /// <summary>Posts a form as a browser does and reads the refusal the page it is sent back to shows.</summary>
    private static async Task<string> RefusalAsync(HttpClient client, string url, HttpContent form, string selector = ".error")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, UriKind.Relative)) { Content = form };
        await AuthorizationMatrixTests.DemoSite.AddAntiforgeryAsync(client, request);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await EcoPlanWebFactory.PageAsync(client, response.Headers.Location!.ToString());
        var error = page.QuerySelector(selector);
        Assert.True(error is not null, $"{url}: no {selector} on {response.Headers.Location}");
        return error.TextContent.Trim();
    }

    private static async Task SwitchToEnglishAsync(HttpClient client)
    {
        using var switched = await client.GetAsync(new Uri("/culture?name=en&returnUrl=/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
    }

    [GeneratedRegex(@"(?:UiText\.Get\(|T\[)""(\w[\w-]*)""\s*[,)\]]")]
    private static partial Regex UsedKey();

    [GeneratedRegex(@"[A-Za-z]{3,} [a-z]{2,}")]
    private static partial Regex EnglishWords();

}
