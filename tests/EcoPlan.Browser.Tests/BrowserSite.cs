using EcoPlan.Core.Data;
using EcoPlan.Core.Plans;
using EcoPlan.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace EcoPlan.Browser.Tests;

/// <summary>
/// The app as the README starts it (<see cref="ReadmeApp"/>: `dotnet run`, Production, a free loopback port) over a new
/// SQLite database with the demo data, and one headless Debian Chromium driven by Playwright; shared by the tests of one
/// class, each of which opens its own context.
/// </summary>
public sealed class BrowserSite : IAsyncLifetime
{
    /// <summary>The demo accounts' password in these tests.</summary>
    public const string DemoPassword = "DemoPass2026";

    /// <summary>Without the background-networking flags Chromium keeps calling Google's hosts, which this network refuses.</summary>
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private TestDatabase? _database;
    private ReadmeApp? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Where the app listens, e.g. http://127.0.0.1:41234.</summary>
    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>A measure added for the tests whose only unit is the water bureau: in the sample plan every 区水务局 measure also names 区园林绿化局.</summary>
    public int WaterOnlyMeasure { get; private set; }

    public IBrowser Browser => _browser ?? throw new InvalidOperationException(ChromiumFactAttribute.SkipReason);

    /// <summary>Full-page screenshots of every page the tests visit: TestResults/screenshots under the test assembly's directory.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        // xunit builds class fixtures even when every test is skipped; start nothing then.
        if (!ChromiumFactAttribute.IsInstalled)
        {
            return;
        }

        Directory.CreateDirectory(ScreenshotDirectory);
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        _app = await ReadmeApp.StartAsync(new Dictionary<string, string>
        {
            [DatabaseSettings.ProviderKey] = "sqlite",
            [DatabaseSettings.DataDirectoryKey] = _database.Settings.DataDirectory,
            [DatabaseSettings.ConnectionStringKey] = _database.Settings.ConnectionString,
            ["EcoPlan:SeedDemoData"] = "true",
            ["EcoPlan:DemoPassword"] = DemoPassword,
        });
        BaseAddress = _app.BaseAddress;
        WaterOnlyMeasure = await AddWaterOnlyMeasureAsync();

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumFactAttribute.ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh browser context (no cookies) on the site, in Chinese as the app's users see it.</summary>
    public Task<IBrowserContext> NewContextAsync(int width = 1280, int height = 900) =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = "zh-CN",
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });

    /// <summary>The app's database, through a DbContext of the test's own (the app runs in another process).</summary>
    public async Task<T> QueryAsync<T>(Func<EcoPlanDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = _database!.NewContext();
        return await query(db);
    }

    /// <summary>The id of the organization of that name.</summary>
    public Task<int> OrganizationIdAsync(string name) =>
        QueryAsync(db => db.Organizations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync());

    /// <summary>What the app printed so far.</summary>
    public string AppLog => _app?.Log ?? "";

    private Task<int> AddWaterOnlyMeasureAsync() => QueryAsync(async db =>
    {
        var water = await db.Organizations.SingleAsync(o => o.Name == BrowserSteps.Water);
        var task = await db.PlanTasks.Include(t => t.Measures)
            .FirstAsync(t => t.Section!.Plan!.Region!.Code == "110112" && t.Measures.Any(m => m.Assignments.Any(a => a.OrganizationId == water.Id)));
        var measure = new Measure
        {
            Ordinal = task.Measures.Max(m => m.Ordinal) + 1,
            Text = "区水务局开展汛前河道巡查（浏览器测试用措施）。",
            Deadline = new Deadline { Raw = "9月底", Kind = DeadlineKind.Date, Date = new DateOnly(2026, 9, 30) },
            Assignments = [new MeasureAssignment { Role = AssignmentRole.Responsible, Ordinal = 1, OrganizationId = water.Id, PrintedName = "区水务局" }],
        };
        task.Measures.Add(measure);
        await db.SaveChangesAsync();
        return measure.Id;
    });

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
