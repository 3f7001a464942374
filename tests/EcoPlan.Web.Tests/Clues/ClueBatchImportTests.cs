using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcoPlan.Core.Demo;

namespace EcoPlan.Web.Tests.Clues;

/// <summary>
/// A clue batch brought in from the web, on the demo site (通州区 with its township boundaries and the sample batch
/// imported): through the API (dry run, then commit) and through the pages (upload, preview by the staged key, confirm);
/// a file with a feature outside the district is refused with that feature named, and nothing is stored.
/// </summary>
public sealed class ClueBatchImportTests : IClassFixture<ClueBatchImportTests.Site>
{
    private readonly Site _site;

    public ClueBatchImportTests(Site site) => _site = site;

    [Fact]
    public async Task Batch_DryRunThenCommit_ThroughTheApiAndThePages_StoresEveryClue()
    {
        var factory = _site.Factory;
        using var api = await factory.SignInAsync("coordinator");
        await EcoPlanWebFactory.UseApiTokenAsync(api);
        var file = Shifted(0.004, "WEB-A");

        using var dryRun = await api.PostAsync(Api, BatchForm(file, "web-a.geojson", dryRun: true));
        Assert.Equal(HttpStatusCode.OK, dryRun.StatusCode);
        var preview = await dryRun.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(preview.GetProperty("canImport").GetBoolean());
        Assert.Equal("110112", preview.GetProperty("district").GetString());
        var rows = preview.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["WEB-A-1", "WEB-A-2", "WEB-A-3"], rows.Select(r => r.GetProperty("code").GetString()));
        Assert.All(rows, r =>
        {
            Assert.StartsWith("110112", r.GetProperty("townshipCode").GetString(), StringComparison.Ordinal);
            Assert.Equal(JsonValueKind.Null, r.GetProperty("duplicateOf").ValueKind);
            Assert.Equal(JsonValueKind.Null, r.GetProperty("clueId").ValueKind);
            Assert.InRange(r.GetProperty("areaM2").GetDouble(), 1000, 20000);
        });
        Assert.Equal(0, await CodesStoredAsync("WEB-A"));

        using var commit = await api.PostAsync(Api, BatchForm(file, "web-a.geojson", dryRun: false));
        Assert.Equal(HttpStatusCode.Created, commit.StatusCode);
        var written = await commit.Content.ReadFromJsonAsync<JsonElement>();
        var batch = written.GetProperty("batchId").GetInt32();
        Assert.Equal(3, written.GetProperty("created").GetInt32());
        var clueIds = written.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("clueId").GetInt32()).ToList();
        var stored = await factory.QueryAsync(db => db.Clues.Where(c => c.BatchId == batch).OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.State, Township = c.Township!.Code, c.Batch!.Name, c.Batch.VerifyBy }).ToListAsync());
        Assert.Equal(clueIds, stored.Select(c => c.Id));
        Assert.Equal(rows.Select(r => r.GetProperty("townshipCode").GetString()), stored.Select(c => c.Township));
        Assert.All(stored, c => Assert.Equal((Core.Clues.ClueState.Pending, "网页导入批次", new DateOnly(2026, 12, 20)), (c.State, c.Name, c.VerifyBy)));

        // The pages: upload → preview of the kept file (every row, with its township) → confirm by the key only.
        using var browser = await factory.SignInAsync("coordinator");
        var form = await EcoPlanWebFactory.PageAsync(browser, "/clues/batches/new");
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var upload = BatchForm(Shifted(-0.004, "WEB-B"), "web-b.geojson", dryRun: null);
        upload.Add(new StringContent(token), "__RequestVerificationToken");
        using var uploaded = await browser.PostAsync(new Uri("/clues/batches/new", UriKind.Relative), upload);
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var previewUrl = uploaded.Headers.Location!.OriginalString;
        Assert.Matches("^/clues/batches/new/[0-9a-f]{64}\\?source=RedLine&name=", previewUrl);
        var page = await EcoPlanWebFactory.PageAsync(browser, previewUrl);
        Assert.Equal(3, page.QuerySelectorAll("table.clue-batch-rows tbody tr").Length);
        Assert.Contains("WEB-B-1", page.QuerySelector("table.clue-batch-rows")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("svg"));
        var confirm = page.QuerySelector("form.confirm")!;
        var fields = confirm.QuerySelectorAll("input").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();
        Assert.DoesNotContain(fields, f => f.Key == "file");
        using var confirmed = await browser.PostAsync(new Uri(confirm.GetAttribute("action")!, UriKind.Relative), new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Matches("^/clues\\?batch=[0-9]+&imported=3$", confirmed.Headers.Location!.OriginalString);
        Assert.Equal(3, await CodesStoredAsync("WEB-B"));
        // The staged file is gone once imported: confirming again cannot import it twice.
        using var gone = await browser.GetAsync(new Uri(previewUrl, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Batch_WithAFeatureOutsideTheDistrict_NamesIt_AndStoresNothing()
    {
        var factory = _site.Factory;
        using var api = await factory.SignInAsync("coordinator");
        await EcoPlanWebFactory.UseApiTokenAsync(api);
        var file = Shifted(0.008, "BAD");
        // The second feature moved to 海淀 (116.30, 39.99), far outside 通州区's boundaries.
        var features = JsonNode.Parse(file)!["features"]!.AsArray();
        features[1]!["geometry"] = JsonNode.Parse("""{"type":"Point","coordinates":[116.30,39.99]}""");
        file = new JsonObject { ["type"] = "FeatureCollection", ["features"] = features.DeepClone() }.ToJsonString();
        var batches = await factory.QueryAsync(db => db.ClueBatches.CountAsync());

        using var dryRun = await api.PostAsync(Api, BatchForm(file, "bad.geojson", dryRun: true));
        var preview = await dryRun.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, dryRun.StatusCode);
        Assert.False(preview.GetProperty("canImport").GetBoolean());
        var problem = Assert.Single(preview.GetProperty("problems").EnumerateArray());
        Assert.Equal("第 2 个要素", problem.GetProperty("position").GetString());
        Assert.Contains("BAD-2", problem.GetProperty("message").GetString(), StringComparison.Ordinal);

        using var commit = await api.PostAsync(Api, BatchForm(file, "bad.geojson", dryRun: false));
        Assert.Equal(HttpStatusCode.BadRequest, commit.StatusCode);
        Assert.Equal("application/problem+json", commit.Content.Headers.ContentType!.MediaType);
        var refused = await commit.Content.ReadFromJsonAsync<JsonElement>();
        var listed = Assert.Single(refused.GetProperty("errors").GetProperty("file").EnumerateArray()).GetString()!;
        Assert.StartsWith("第 2 个要素：", listed, StringComparison.Ordinal);
        Assert.Contains("通州区范围内", listed, StringComparison.Ordinal);

        // The page shows the same problem and offers no confirm.
        using var browser = await factory.SignInAsync("coordinator");
        var form = await EcoPlanWebFactory.PageAsync(browser, "/clues/batches/new");
        var upload = BatchForm(file, "bad.geojson", dryRun: null);
        upload.Add(new StringContent(form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken");
        using var uploaded = await browser.PostAsync(new Uri("/clues/batches/new", UriKind.Relative), upload);
        var page = await EcoPlanWebFactory.PageAsync(browser, uploaded.Headers.Location!.OriginalString);
        var row = Assert.Single(page.QuerySelectorAll("tr.problem"));
        Assert.StartsWith("第 2 个要素", row.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("form.confirm"));

        Assert.Equal(batches, await factory.QueryAsync(db => db.ClueBatches.CountAsync()));
        Assert.Equal(0, await CodesStoredAsync("BAD"));
    }

    private static readonly Uri Api = new("/api/v1/clue-batches", UriKind.Relative);

    private Task<int> CodesStoredAsync(string prefix) =>
        _site.Factory.QueryAsync(db => db.ClueSourceIds.CountAsync(s => s.Code.StartsWith(prefix + "-")));

    /// <summary>The sample batch's first three polygons moved east by <paramref name="degrees"/> of longitude (new places, still in 通州区), coded PREFIX-1…3.</summary>
    private static string Shifted(double degrees, string prefix)
    {
        var sample = JsonNode.Parse(DemoData.ReadSample(AuthorizationMatrixTests.DemoSite.ClueSample))!["features"]!.AsArray();
        var features = new JsonArray();
        foreach (var (feature, i) in sample.Take(3).Select((f, i) => (f!.DeepClone(), i)))
        {
            foreach (var ring in feature["geometry"]!["coordinates"]!.AsArray())
            {
                foreach (var point in ring!.AsArray())
                {
                    point![0] = point[0]!.GetValue<double>() + degrees;
                }
            }

            feature["properties"]!["图斑编号"] = $"{prefix}-{i + 1}";
            features.Add(feature);
        }

        return new JsonObject { ["type"] = "FeatureCollection", ["features"] = features }.ToJsonString();
    }

    private static MultipartFormDataContent BatchForm(string geoJson, string fileName, bool? dryRun)
    {
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(geoJson)), "file", fileName },
            { new StringContent("RedLine"), "source" },
            { new StringContent("网页导入批次"), "name" },
            { new StringContent("2026-12-01"), "receivedOn" },
            { new StringContent("2026-12-20"), "verifyBy" },
            { new StringContent("110112"), "district" },
        };
        if (dryRun is { } dry)
        {
            form.Add(new StringContent(dry ? "true" : "false"), "dryRun");
        }

        return form;
    }

    /// <summary>One demo site for both tests (the factory is the slow part of a web test).</summary>
    public sealed class Site : IAsyncLifetime
    {
        public EcoPlanWebFactory Factory { get; private set; } = default!;

        public async Task InitializeAsync() => Factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);

        public async Task DisposeAsync() => await Factory.DisposeAsync();
    }
}
