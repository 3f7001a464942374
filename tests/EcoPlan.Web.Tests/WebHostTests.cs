using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using EcoPlan.Core.Accounts;
using EcoPlan.Core.Plans;
using Microsoft.Extensions.DependencyInjection;

namespace EcoPlan.Web.Tests;

public sealed class WebHostTests
{
    [ProviderTheory]
    public async Task Healthz_Is200WithTheDatabaseChecked(DatabaseProvider provider)
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(provider);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        Assert.Equal("Healthy", health.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Healthz_WhenTheDatabaseIsGone_IsUnhealthy()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        using var client = factory.CreateClient();
        Directory.Delete(factory.Database.Settings.DataDirectory, recursive: true);
        // Without the directory SQLite cannot open (or create) the file, so the check must fail.

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [ProviderTheory]
    public async Task HomePage_SaysWhatEcoPlanIsAndListsThePlans(DatabaseProvider provider)
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(provider);
        using var anonymous = factory.CreateBrowser();
        using (var refused = await anonymous.GetAsync(new Uri("/", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/login", refused.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        // The plan added below is a draft: the coordinators of its region see it (VisibilityMatrixTests: nobody else does).
        await AddUserAsync(factory, "coordinator1", Roles.Coordinator);
        using var client = await factory.SignInAsync("coordinator1");
        var empty = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync(new Uri("/", UriKind.Relative)));
        Assert.Contains("生态保护行动计划", empty.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("导入计划", empty.QuerySelector(".empty")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("ecoplan", empty.QuerySelector(".empty")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("zh-CN", empty.DocumentElement.GetAttribute("lang"));
        var stylesheet = empty.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        Assert.Contains(".plan-table", await client.GetStringAsync(new Uri("/" + stylesheet, UriKind.Relative)), StringComparison.Ordinal);

        var planId = await AddPlanAsync(factory.Database);

        var page = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync(new Uri("/", UriKind.Relative)));
        var row = page.QuerySelector($"tr[data-plan-id='{planId}']");
        Assert.NotNull(row);
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.StartsWith("测试计划", cells[0], StringComparison.Ordinal);
        Assert.Equal(["2026", "通州区", "区级", "草稿", "1", "2"], cells.Skip(1));
    }

    [Fact]
    public async Task HomePage_InEnglish_WhenChosen()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        await AddUserAsync(factory, "viewer1");
        using var client = await factory.SignInAsync("viewer1");

        var page = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync(new Uri("/?culture=en", UriKind.Relative)));

        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("ecological-protection action plans", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_ListsThePlanEndpoints()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        using var client = factory.CreateClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var paths = document.RootElement.GetProperty("paths");

        Assert.True(paths.TryGetProperty("/api/v1/plans", out var list));
        Assert.True(list.TryGetProperty("get", out _));
        Assert.True(paths.TryGetProperty("/api/v1/plans/{id}", out var one));
        Assert.True(one.GetProperty("get").GetProperty("responses").TryGetProperty("404", out _));
        // me/measures answers with JSON kept in memory (bytes), and still documents what they are.
        var mine = paths.GetProperty("/api/v1/me/measures").GetProperty("get").GetProperty("responses").GetProperty("200")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.Equal("array", mine.GetProperty("type").GetString());
        using var swagger = await client.GetAsync(new Uri("/swagger/index.html", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, swagger.StatusCode);
    }

    [ProviderTheory]
    public async Task PlansApi_ReturnsThePlanOr404(DatabaseProvider provider)
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(provider);
        // The plan is a draft: the coordinators of its region see it.
        await AddUserAsync(factory, "coordinator1", Roles.Coordinator);
        using var client = await factory.SignInAsync("coordinator1");
        var planId = await AddPlanAsync(factory.Database);

        using var list = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/plans", UriKind.Relative)));
        using var one = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/v1/plans/{planId}", UriKind.Relative)));
        using var missing = await client.GetAsync(new Uri($"/api/v1/plans/{planId + 1000}", UriKind.Relative));

        Assert.Equal(planId, list.RootElement.EnumerateArray().Single().GetProperty("id").GetInt32());
        var measures = one.RootElement.GetProperty("sections")[0].GetProperty("tasks")[0].GetProperty("measures");
        Assert.Equal(2, measures.GetArrayLength());
        Assert.Equal("2026-09-30", measures[0].GetProperty("deadline").GetProperty("date").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    /// <summary>A viewer of 通州区生态环境局, made through the same administration the CLI uses.</summary>
    internal static async Task AddUserAsync(EcoPlanWebFactory factory, string userName, string role = Roles.Viewer, string organization = "北京市通州区生态环境局", string? leader = null)
    {
        using var scope = factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<AccountAdministration>().AddUserAsync(userName, organization, role, leader, EcoPlanWebFactory.DemoPassword);
    }

    private static async Task<int> AddPlanAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        var region = await db.Regions.SingleAsync(r => r.Code == "110112");
        var bureau = await db.Organizations.SingleAsync(o => o.Name == "北京市通州区生态环境局");
        var plan = new Plan
        {
            Title = "测试计划", Year = 2026, Level = PlanLevel.District, RegionId = region.Id, LeadKind = LeadKind.Leader,
            CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            Sections =
            [
                new Section
                {
                    Ordinal = 1, Code = "一", Title = "生态环境质量状况目标",
                    Tasks =
                    [
                        new PlanTask
                        {
                            Ordinal = 1, Number = 1, Name = "目标任务",
                            Measures =
                            [
                                new Measure
                                {
                                    Ordinal = 1, Text = "全区生态环境质量指数（EI）力争稳中向好。",
                                    Deadline = new Deadline { Raw = "9月底", Kind = DeadlineKind.Date, Date = new DateOnly(2026, 9, 30) },
                                    Assignments = [new MeasureAssignment { Role = AssignmentRole.Responsible, Ordinal = 1, PrintedName = "区生态环境局", OrganizationId = bureau.Id }],
                                },
                                new Measure
                                {
                                    Ordinal = 2, Text = "持续开展生态问题线索的监测、核查、整改。",
                                    Deadline = new Deadline { Raw = "持续推进", Kind = DeadlineKind.Continuous },
                                },
                            ],
                        },
                    ],
                },
            ],
        };
        db.Plans.Add(plan);
        await db.SaveChangesAsync();
        return plan.Id;
    }
}
