using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using EcoPlan.Core.Audit;
using EcoPlan.Core.Indicators;
using EcoPlan.Core.Indicators.GepR;
using Microsoft.Extensions.DependencyInjection;

namespace EcoPlan.Web.Tests;

/// <summary>The indicator pages on the demo data: EI import and accountability, notices, targets, GEP-R.</summary>
public sealed class IndicatorPageTests
{
    /// <summary>db11-1877 values of 通州区 for 2025 and 2026: all at 60, except 水网密度指数, which falls to 57.5 in 2026.</summary>
    internal static string TongzhouEi()
    {
        var methodology = MethodologyCatalog.Load(MethodologyCatalog.Db11);
        var text = new StringBuilder(string.Join(',', SubIndexCsv.Columns(methodology))).Append('\n');
        foreach (var year in new[] { 2025, 2026 })
        {
            text.Append("110112,").Append(year.ToString(CultureInfo.InvariantCulture));
            foreach (var s in methodology.SubIndices)
            {
                text.Append(',').Append(year == 2026 && s.Key == "water_network_density" ? "57.5" : "60");
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    internal static MultipartFormDataContent EiUpload(string csv, string fileName = "tongzhou-ei.csv")
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(MethodologyCatalog.Db11), "method" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", fileName },
        };
        return content;
    }

    /// <summary>A db11-1877 weights file: 0.07 for every sub-index but air_environment (0.09); 13 × 0.07 + 0.09 = 1.</summary>
    internal static string Db11Weights(decimal air = 0.09m)
    {
        var methodology = MethodologyCatalog.Load(MethodologyCatalog.Db11);
        var weights = string.Join(", ", methodology.SubIndices.Select(s =>
            string.Create(CultureInfo.InvariantCulture, $"\"{s.Key}\": {(s.Key == "air_environment" ? air : 0.07m)}")));
        return "{\"methodology\": \"db11-1877\", \"source\": \"市生态环境局提供（未公开）\", \"weights\": {" + weights + "}}";
    }

    internal static MultipartFormDataContent WeightsUpload(string json) => new()
    {
        { new StringContent("110112"), "region" },
        { new ByteArrayContent(Encoding.UTF8.GetBytes(json)), "file", "db11-weights.json" },
    };

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, UriKind.Relative)) { Content = content };
        await AuthorizationMatrixTests.DemoSite.AddAntiforgeryAsync(client, request);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task EiImport_CoordinatorLoadsTongzhou_SeesTheFallAndItsDepartment_AndTheOwnerIsNoticed()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        using var coordinator = await factory.SignInAsync("coordinator");

        using var uploaded = await PostAsync(coordinator, "/indicators/ei/import", EiUpload(TongzhouEi()));

        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var location = uploaded.Headers.Location!.ToString();
        Assert.StartsWith("/indicators/ei?region=110112&year=2026&method=db11-1877", location, StringComparison.Ordinal);
        var page = await EcoPlanWebFactory.PageAsync(coordinator, location);
        var fall = Assert.Single(page.QuerySelectorAll("li.fall"));
        Assert.Equal("water_network_density", fall.GetAttribute("data-sub-index"));
        Assert.Contains("水网密度指数", fall.TextContent, StringComparison.Ordinal);
        Assert.Contains("2.5", fall.TextContent, StringComparison.Ordinal);
        Assert.Contains("北京市通州区水务局", fall.TextContent, StringComparison.Ordinal);
        var row = page.QuerySelector("tr[data-sub-index='water_network_density']")!;
        Assert.Contains("fell", row.ClassList);
        Assert.Contains("-2.5", row.TextContent, StringComparison.Ordinal);
        // The owners come from the published plan's EI子指数 target.
        Assert.Contains("据计划", row.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector(".weights-missing"));

        // The owning unit (区水务局, user swj) finds the notice in its inbox; another unit does not.
        using var water = await factory.SignInAsync("swj");
        var notice = Assert.Single((await EcoPlanWebFactory.PageAsync(water, "/notices")).QuerySelectorAll(".notice-list .notice"), n => n.TextContent.Contains("水网密度指数", StringComparison.Ordinal));
        using var forestry = await factory.SignInAsync("ylj");
        Assert.DoesNotContain((await EcoPlanWebFactory.PageAsync(forestry, "/notices?filter=all")).QuerySelectorAll(".notice-list .notice"), n => n.TextContent.Contains("水网密度指数", StringComparison.Ordinal));

        // Importing the same values again notices nothing new.
        static Task<int> FallNotices(EcoPlanDbContext db) => db.Notifications.CountAsync(n => n.Key.StartsWith("ei-fall/"));
        Assert.Equal(1, await factory.QueryAsync(FallNotices));
        using var again = await PostAsync(coordinator, "/indicators/ei/import", EiUpload(TongzhouEi()));
        Assert.Equal(1, await factory.QueryAsync(FallNotices));

        // Marking it read takes it off the unread list.
        var id = notice.GetAttribute("data-notice-id")!;
        using var read = await PostAsync(water, $"/notifications/{id}/read", new FormUrlEncodedContent([]));
        Assert.Equal("/notices", read.Headers.Location!.ToString());
        Assert.DoesNotContain((await EcoPlanWebFactory.PageAsync(water, "/notices")).QuerySelectorAll(".notice-list .notice"), n => n.GetAttribute("data-notice-id") == id);
    }

    [Fact]
    public async Task Weights_AdminUploads_EiIsComputedAndLabelledWithTheirSource_OthersAndBadFilesAreRefused()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        using var coordinator = await factory.SignInAsync("coordinator");
        using var imported = await PostAsync(coordinator, "/indicators/ei/import", EiUpload(TongzhouEi()));
        const string page2026 = "/indicators/ei?region=110112&year=2026&method=db11-1877";
        Assert.Null((await EcoPlanWebFactory.PageAsync(coordinator, page2026)).QuerySelector(".weights-upload"));

        // A coordinator may not load weights.
        using var refused = await PostAsync(coordinator, "/indicators/ei/weights", WeightsUpload(Db11Weights()));
        Assert.StartsWith("/denied", refused.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);

        // A malformed file is refused with the reason; nothing is stored.
        using var admin = await factory.SignInAsync("admin");
        Assert.NotNull((await EcoPlanWebFactory.PageAsync(admin, page2026)).QuerySelector(".weights-upload form[action='/indicators/ei/weights']"));
        using var bad = await PostAsync(admin, "/indicators/ei/weights", WeightsUpload(Db11Weights(air: 0.5m)));
        var badPage = await EcoPlanWebFactory.PageAsync(admin, bad.Headers.Location!.ToString());
        Assert.Contains("db11-weights.json: 权重之和为 1.41，不是 1。", badPage.QuerySelector(".weights-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await factory.QueryAsync(db => db.MethodologyWeights.CountAsync()));

        using var saved = await PostAsync(admin, "/indicators/ei/weights", WeightsUpload(Db11Weights()));
        Assert.StartsWith("/indicators/ei?method=db11-1877&region=110112&weights=saved", saved.Headers.Location!.ToString(), StringComparison.Ordinal);

        // Everyone now sees EI under db11-1877, labelled with the weights' source, uploader and time.
        using var viewer = await factory.SignInAsync("ylj");
        var page = await EcoPlanWebFactory.PageAsync(viewer, page2026);
        Assert.Null(page.QuerySelector(".weights-missing"));
        // 水网密度指数 (0.07) falls to 57.5, the rest stay at 60: EI = 60 − 0.07 × 2.5 = 59.825 → 59.8; 2025: 60.
        Assert.Contains("EI 59.8", page.QuerySelector(".ei-summary .ei")!.TextContent, StringComparison.Ordinal);
        var label = page.QuerySelector(".weights-source")!.TextContent;
        Assert.Contains("市生态环境局提供（未公开）", label, StringComparison.Ordinal);
        Assert.Contains("admin", label, StringComparison.Ordinal);
        var stored = await factory.QueryAsync(db => db.MethodologyWeights.SingleAsync());
        Assert.Equal(("admin", "db11-weights.json"), (stored.UploadedBy, stored.FileName));
    }

    [Fact]
    public async Task EiImport_AnotherRegionsCoordinator_IsRefusedAndNothingIsStored()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        using var city = await factory.SignInAsync("city");

        var before = await factory.QueryAsync(db => db.EiSubIndexValues.SumAsync(v => v.Value));

        using var response = await PostAsync(city, "/indicators/ei/import", EiUpload(TongzhouEi()));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/denied", response.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        Assert.Equal(before, await factory.QueryAsync(db => db.EiSubIndexValues.SumAsync(v => v.Value)));
    }

    [Fact]
    public async Task EiImport_BadFile_ShowsRowAndColumnAndStoresNothing()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        using var coordinator = await factory.SignInAsync("coordinator");
        var bad = TongzhouEi().Replace("57.5", "-1", StringComparison.Ordinal);
        var before = await factory.QueryAsync(db => db.EiRecords.CountAsync());

        using var response = await PostAsync(coordinator, "/indicators/ei/import", EiUpload(bad));

        var location = response.Headers.Location!.ToString();
        Assert.StartsWith("/indicators/ei/import?", location, StringComparison.Ordinal);
        var page = await EcoPlanWebFactory.PageAsync(coordinator, location);
        Assert.Contains("tongzhou-ei.csv 第 3 行第 4 列：水网密度指数：-1 为负数", page.QuerySelector(".error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await factory.QueryAsync(db => db.EiRecords.CountAsync()));
    }

    [Fact]
    public async Task EiTemplate_IsAValidWorkbookWithTheMethodologysColumns()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        using var viewer = await factory.SignInAsync("ylj");

        var bytes = await viewer.GetByteArrayAsync(new Uri("/indicators/ei/template.xlsx?method=hj192-2015", UriKind.Relative));

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        Assert.Empty(new OpenXmlValidator().Validate(document));
        var read = EiImporter.Read(bytes, "template.xlsx", MethodologyCatalog.Load(MethodologyCatalog.Hj192));
        Assert.Contains(read.Errors, e => e.Message == EcoPlan.Core.Localization.CoreText.Get("Csv_NoDataRows"));
        Assert.Equal(["区划代码", "年份", "生物丰度指数"], Cells(bytes).Take(3));
    }

    /// <summary>The first row of the first sheet of a workbook.</summary>
    private static List<string> Cells(byte[] workbook)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(workbook), false);
        var part = document.WorkbookPart!;
        var first = part.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().First();
        var sheet = ((WorksheetPart)part.GetPartById(first.Id!)).Worksheet;
        return [.. sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().First().Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().Select(c => c.InnerText)];
    }

    [Fact]
    public async Task Demo_EiAndGepRPages_ShowTheSampleValuesOfTongzhou2026_LabelledAsSampleData()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        using var unit = await factory.SignInAsync("ylj");

        var ei = await EcoPlanWebFactory.PageAsync(unit, "/indicators/ei?region=110112&year=2026");
        Assert.Equal(("110112", "2026"), (ei.QuerySelector(".ei-summary")!.GetAttribute("data-region"), ei.QuerySelector(".ei-summary")!.GetAttribute("data-year")));
        var air = ei.QuerySelector("tr[data-sub-index='air_environment']")!.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(("大气环境指数", "70.1", "68.2", "+1.9"), (air[0], air[1], air[2], air[3]));
        Assert.Equal(14, ei.QuerySelectorAll("table.sub-indices tbody tr").Length);
        Assert.Contains("示例数据，非官方数据", ei.QuerySelector(".sample-data .badge")!.TextContent, StringComparison.Ordinal);

        var gepr = await EcoPlanWebFactory.PageAsync(unit, "/indicators/gepr?year=2026");
        Assert.Equal(16, gepr.QuerySelectorAll(".gepr-regions tbody tr[data-region]").Length);
        Assert.NotNull(gepr.QuerySelector(".gepr-regions tr[data-region='110112']"));
        Assert.Contains("示例数据，非官方数据", gepr.QuerySelector(".sample-data .badge")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(gepr.QuerySelector("table.compensation"));
        Assert.DoesNotContain("ecoplan", gepr.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyIndicatorPages_OfferTheUploadAndTemplatesToCoordinators_AndNoCommand()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        await factory.QueryAsync(db => db.GepRQuantities.ExecuteDeleteAsync());
        using var coordinator = await factory.SignInAsync("coordinator");
        using var unit = await factory.SignInAsync("ylj");

        // 2030 has no values; hj192-2015 has none at all.
        foreach (var url in new[] { "/indicators/ei?region=110112&year=2030", "/indicators/gepr" })
        {
            var page = await EcoPlanWebFactory.PageAsync(coordinator, url);
            var empty = page.QuerySelector(".no-data")!;
            Assert.NotNull(empty.QuerySelector("a.upload-data[href^='/indicators/']"));
            Assert.NotEmpty(empty.QuerySelectorAll("a.template"));
            Assert.DoesNotContain("ecoplan", page.Body!.TextContent, StringComparison.Ordinal);

            var refused = (await EcoPlanWebFactory.PageAsync(unit, url)).QuerySelector(".no-data")!;
            Assert.Null(refused.QuerySelector("a.upload-data"));
            Assert.Contains("协调单位", refused.TextContent, StringComparison.Ordinal);
        }

        var import = await EcoPlanWebFactory.PageAsync(coordinator, "/indicators/gepr/import");
        Assert.DoesNotContain("ecoplan", import.Body!.TextContent, StringComparison.Ordinal);
        foreach (var (kind, first) in new[] { ("quantities", "区划代码"), ("prices", "价格年份") })
        {
            Assert.NotNull(import.QuerySelector($"a.template[href='/indicators/gepr/template/{kind}.xlsx']"));
            var bytes = await unit.GetByteArrayAsync(new Uri($"/indicators/gepr/template/{kind}.xlsx", UriKind.Relative));
            using (var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false))
            {
                Assert.Empty(new OpenXmlValidator().Validate(document));
            }

            Assert.Equal(first, Cells(bytes)[0]);
        }
    }

    [Fact]
    public async Task Uploads_UnitLeaderAndOtherRegionsCoordinator_AreRefused_AndNothingChanges()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        Task<(int, decimal, int, decimal)> StoredAsync() => factory.QueryAsync(async db => (
            await db.EiSubIndexValues.CountAsync(), await db.EiSubIndexValues.SumAsync(v => v.Value), await db.GepRQuantities.CountAsync(), await db.GepRQuantities.SumAsync(q => q.Quantity)));
        var before = await StoredAsync();
        var chaoyang = TongzhouEi().Replace("110112,", "110105,", StringComparison.Ordinal);
        const string tongzhouQuantities = "区划代码,年份,服务,项目,实物量,单位,来源\n110112,2026,固碳,,1,t,测试\n";

        foreach (var (user, url, content) in new (string, string, Func<HttpContent>)[]
        {
            ("ylj", "/indicators/ei/import", () => EiUpload(TongzhouEi())),
            ("lzh", "/indicators/ei/import", () => EiUpload(TongzhouEi())),
            ("city", "/indicators/ei/import", () => EiUpload(TongzhouEi())),
            ("coordinator", "/indicators/ei/import", () => EiUpload(chaoyang)),
            ("ylj", "/indicators/gepr/import", () => GepRUpload(tongzhouQuantities, null)),
            ("lzh", "/indicators/gepr/import", () => GepRUpload(tongzhouQuantities, null)),
            ("coordinator", "/indicators/gepr/import", () => GepRUpload(tongzhouQuantities.Replace("110112", "110105", StringComparison.Ordinal), null)),
        })
        {
            using var client = await factory.SignInAsync(user);
            using var response = await PostAsync(client, url, content());
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.PathAndQuery().StartsWith("/denied", StringComparison.Ordinal),
                $"{user} {url}: {response.StatusCode} {response.Headers.Location}");
        }

        Assert.Equal(before, await StoredAsync());

        // The same Chinese-headed file is taken from 通州区's own coordinator.
        using var own = await factory.SignInAsync("coordinator");
        using var stored = await PostAsync(own, "/indicators/gepr/import", GepRUpload(tongzhouQuantities, null));
        Assert.Equal("/indicators/gepr?quantities=1&prices=0", stored.Headers.Location!.ToString());
    }

    /// <summary>The hidden field every target form carries, so a refused form goes back to its plan's targets.</summary>
    private static KeyValuePair<string, string> Plan(int planId) => new("plan", planId.ToString(CultureInfo.InvariantCulture));

    [Fact]
    public async Task Targets_CoordinatorEntersAnAchievedValue_AndTheTableShowsIt()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        using var coordinator = await factory.SignInAsync("coordinator");
        var (planId, targetId) = await factory.QueryAsync(async db =>
        {
            var target = await db.Targets.Where(t => t.Measure!.Task!.Section!.Plan!.Region!.Code == "110112")
                .Select(t => new { t.Id, t.Measure!.Task!.Section!.PlanId }).FirstAsync();
            return (target.PlanId, target.Id);
        });

        using var saved = await PostAsync(coordinator, $"/indicators/targets/{targetId}/achievements",
            new FormUrlEncodedContent([new("region", "110112"), new("year", "2026"), new("value", "33.5"), new("source", "区统计公报")]));
        var page = await EcoPlanWebFactory.PageAsync(coordinator, saved.Headers.Location!.ToString());

        Assert.Equal($"/indicators/targets?plan={planId}&year=2026", saved.Headers.Location!.ToString());
        Assert.Contains("33.5", page.QuerySelector($"tr[data-target-id='{targetId}'] .own")!.TextContent, StringComparison.Ordinal);

        // A unit may not enter values.
        using var unit = await factory.SignInAsync("ylj");
        using var refused = await PostAsync(unit, $"/indicators/targets/{targetId}/achievements",
            new FormUrlEncodedContent([new("region", "110112"), new("year", "2026"), new("value", "99"), new("source", "x")]));
        Assert.StartsWith("/denied", refused.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Targets_CoordinatorEditsAndAddsTargets_AuditedAndValidated()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        using var coordinator = await factory.SignInAsync("coordinator");
        var (planId, targetId, measureId, water) = await factory.QueryAsync(async db =>
        {
            var target = await db.Targets.Where(t => t.Measure!.Task!.Section!.Plan!.Region!.Code == "110112")
                .Select(t => new { t.Id, t.MeasureId, t.Measure!.Task!.Section!.PlanId }).FirstAsync();
            var unit = await db.Organizations.Where(o => o.Name == "北京市通州区水务局").Select(o => o.Id).SingleAsync();
            return (target.PlanId, target.Id, target.MeasureId, unit);
        });
        var page = await EcoPlanWebFactory.PageAsync(coordinator, $"/indicators/targets?plan={planId}");
        Assert.NotNull(page.QuerySelector($"tr[data-target-id='{targetId}'] form.target-form[action='/indicators/targets/{targetId}/edit']"));
        Assert.NotNull(page.QuerySelector(".add-target form.target-form select[name='measure']"));

        using var edited = await PostAsync(coordinator, $"/indicators/targets/{targetId}/edit", new FormUrlEncodedContent([
            new("metric", "生态保育小区"), new("unit", "处"), new("comparator", "AtLeast"), new("value", "120"), new("baseline", "80.5"),
            new("owners", water.ToString(CultureInfo.InvariantCulture)), new("year", "2026")]));
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        page = await EcoPlanWebFactory.PageAsync(coordinator, edited.Headers.Location!.ToString());
        var row = page.QuerySelector($"tr[data-target-id='{targetId}']")!;
        Assert.Contains("生态保育小区 ≥ 120处", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("北京市通州区水务局", row.TextContent, StringComparison.Ordinal);
        var audit = await factory.QueryAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditAction.Target));
        Assert.Equal(measureId, audit.MeasureId);
        Assert.Contains("\"after\"", audit.Details, StringComparison.Ordinal);

        // A comma decimal is refused with the field, and the page shows why.
        using var invalid = await PostAsync(coordinator, $"/indicators/targets/{targetId}/edit", new FormUrlEncodedContent([
            new("metric", "生态保育小区"), new("unit", "处"), new("comparator", "AtLeast"), new("value", "1,5"), new("year", "2026"), Plan(planId)]));
        page = await EcoPlanWebFactory.PageAsync(coordinator, invalid.Headers.Location!.ToString());
        Assert.Contains("目标值：“1,5”不是数字", page.QuerySelector(".error")!.TextContent, StringComparison.Ordinal);
        using var noValue = await PostAsync(coordinator, $"/indicators/targets/{targetId}/edit", new FormUrlEncodedContent([
            new("metric", ""), new("comparator", "AtMost"), new("year", "2026"), Plan(planId)]));
        page = await EcoPlanWebFactory.PageAsync(coordinator, noValue.Headers.Location!.ToString());
        Assert.Contains("指标名称：", page.QuerySelector(".error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await factory.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditAction.Target)));

        // Adding a target to a measure.
        using var added = await PostAsync(coordinator, "/indicators/targets/add", new FormUrlEncodedContent([
            new("measure", measureId.ToString(CultureInfo.InvariantCulture)), new("metric", "EI子指数：林地指数"), new("comparator", "NotBelowBaseline"), new("year", "2026")]));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(2, await factory.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditAction.Target && a.MeasureId == measureId)));
        Assert.Contains("EI子指数：林地指数", (await EcoPlanWebFactory.PageAsync(coordinator, added.Headers.Location!.ToString())).QuerySelector("table.targets")!.TextContent, StringComparison.Ordinal);

        // A unit sees no edit form and is refused.
        using var unit = await factory.SignInAsync("ylj");
        Assert.Null((await EcoPlanWebFactory.PageAsync(unit, $"/indicators/targets?plan={planId}")).QuerySelector("form.target-form"));
        using var refused = await PostAsync(unit, $"/indicators/targets/{targetId}/edit", new FormUrlEncodedContent([new("metric", "x"), new("comparator", "Equal"), new("value", "1")]));
        Assert.StartsWith("/denied", refused.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GepR_PageShowsDistrictsAndABalancedCompensationTable_DownloadableAsXlsx()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        await factory.QueryAsync(db => StoreGepRAsync(db));
        using var viewer = await factory.SignInAsync("ylj");

        var page = await EcoPlanWebFactory.PageAsync(viewer, "/indicators/gepr");
        var bytes = await viewer.GetByteArrayAsync(new Uri("/indicators/gepr/compensation.xlsx?year=2025", UriKind.Relative));

        Assert.Contains("418,000.00", page.QuerySelector(".gepr-regions tr[data-region='110112']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("10.00%", page.QuerySelector(".gepr-regions tr[data-region='110112']")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector(".gepr-services tr[data-service='carbon_sequestration']"));
        var total = page.QuerySelector(".compensation tr.total")!.QuerySelectorAll("td").Select(td => td.TextContent).ToList();
        Assert.Equal(total[2], total[3]);
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        Assert.Empty(new OpenXmlValidator().Validate(document));
    }

    internal const string GepRQuantities = """
        region_code,year,service,item,quantity,unit,source
        110112,2024,carbon_sequestration,,1000,t,test
        110112,2025,carbon_sequestration,,1100,t,test
        110119,2024,carbon_sequestration,,3000,t,test
        110119,2025,carbon_sequestration,,3000,t,test
        """;

    internal const string GepRPrices = """
        price_year,service,item,price,unit,source
        2010,carbon_sequestration,,380,元/t,test
        """;

    internal static MultipartFormDataContent GepRUpload(string? quantities, string? prices)
    {
        var content = new MultipartFormDataContent();
        if (quantities is not null)
        {
            content.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(quantities)), "quantities", "quantities.csv");
        }

        if (prices is not null)
        {
            content.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(prices)), "prices", "prices.csv");
        }

        return content;
    }

    [Fact]
    public async Task GepRUpload_CityCoordinatorLoadsQuantitiesAndPrices_PageDrawsBarCharts_OthersAndBadFilesAreRefused()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        await factory.QueryAsync(db => db.GepRQuantities.ExecuteDeleteAsync());
        await factory.QueryAsync(db => db.GepRPrices.ExecuteDeleteAsync());

        // 通州区's coordinator may not load prices (they hold for every district) nor 延庆区's quantities.
        using var tongzhou = await factory.SignInAsync("coordinator");
        using var prices = await PostAsync(tongzhou, "/indicators/gepr/import", GepRUpload(null, GepRPrices));
        Assert.StartsWith("/denied", prices.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        using var other = await PostAsync(tongzhou, "/indicators/gepr/import", GepRUpload(GepRQuantities, null));
        Assert.StartsWith("/denied", other.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);

        // A bad file: the row and column, nothing stored.
        using var city = await factory.SignInAsync("city");
        using var bad = await PostAsync(city, "/indicators/gepr/import", GepRUpload(GepRQuantities.Replace("3000,t", "-3,t", StringComparison.Ordinal), GepRPrices));
        var badPage = await EcoPlanWebFactory.PageAsync(city, bad.Headers.Location!.ToString());
        Assert.Contains("quantities.csv 第 4 行第 5 列：", badPage.QuerySelector(".error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await factory.QueryAsync(db => db.GepRQuantities.CountAsync()));
        Assert.Equal(0, await factory.QueryAsync(db => db.GepRPrices.CountAsync()));

        using var stored = await PostAsync(city, "/indicators/gepr/import", GepRUpload(GepRQuantities, GepRPrices));
        Assert.Equal("/indicators/gepr?quantities=4&prices=1", stored.Headers.Location!.ToString());
        var page = await EcoPlanWebFactory.PageAsync(city, stored.Headers.Location!.ToString());
        // 2025 at 380 元/t: 通州区 1100 t → 418,000.00; 延庆区 3000 t → 1,140,000.00, the longest bar.
        var regions = page.QuerySelector("svg.gepr-chart-regions")!;
        Assert.Equal(["110112", "110119"], regions.QuerySelectorAll("g[data-key]").Select(g => g.GetAttribute("data-key")));
        Assert.Contains("418,000.00", regions.QuerySelector("g[data-key='110112']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("360", regions.QuerySelector("g[data-key='110119'] rect")!.GetAttribute("width"));
        Assert.Equal("132", regions.QuerySelector("g[data-key='110112'] rect")!.GetAttribute("width")); // 418000 / 1140000 × 360
        Assert.Contains("1,558,000.00", page.QuerySelector("svg.gepr-chart-services g[data-key='carbon_sequestration']")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("script"));

        // 通州区's coordinator may load its own quantities.
        using var own = await PostAsync(tongzhou, "/indicators/gepr/import", GepRUpload("region_code,year,service,item,quantity,unit,source\n110112,2025,carbon_sequestration,,1200,t,区统计\n", null));
        Assert.Equal("/indicators/gepr?quantities=1&prices=0", own.Headers.Location!.ToString());
    }

    /// <summary>Replaces the demo's sample GEP-R ledger and prices with a small one whose figures the tests know.</summary>
    internal static async Task<bool> StoreGepRAsync(EcoPlanDbContext db)
    {
        await db.GepRQuantities.ExecuteDeleteAsync();
        await db.GepRPrices.ExecuteDeleteAsync();
        const string quantities = """
            region_code,year,service,item,quantity,unit,source
            110112,2024,carbon_sequestration,,1000,t,test
            110112,2025,carbon_sequestration,,1100,t,test
            110119,2024,carbon_sequestration,,3000,t,test
            110119,2025,carbon_sequestration,,3000,t,test
            """;
        const string prices = """
            price_year,service,item,price,unit,source
            2010,carbon_sequestration,,380,元/t,test
            """;
        var result = await new GepRStore(db, TimeProvider.System).ImportAsync(
            new GepRInputFile("q.csv", Encoding.UTF8.GetBytes(quantities)), new GepRInputFile("p.csv", Encoding.UTF8.GetBytes(prices)), "test");
        Assert.True(result.Stored, string.Join('\n', result.Errors));
        return true;
    }
}

internal static class UriExtensions
{
    /// <summary>The path and query of a redirect target, whether absolute or relative.</summary>
    public static string PathAndQuery(this Uri uri) => uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
}
