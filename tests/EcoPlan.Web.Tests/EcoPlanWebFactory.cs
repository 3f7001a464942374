using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EcoPlan.Web.Tests;

/// <summary>The real web host over a test database of the given provider, with or without the demo data.</summary>
public sealed class EcoPlanWebFactory(TestDatabase database, bool demoData, IReadOnlyDictionary<string, string>? settings = null, bool ownsDatabase = true) : WebApplicationFactory<Program>
{
    /// <summary>The request header a test names its client's address with (TestServer has none), e.g. to test per-address limits.</summary>
    public const string ClientAddressHeader = "X-Test-Client-Address";

    /// <summary>The demo accounts' password in tests.</summary>
    public const string DemoPassword = "DemoPass2026";

    public TestDatabase Database { get; } = database;

    public static async Task<EcoPlanWebFactory> CreateAsync(DatabaseProvider provider, bool demoData = false, IReadOnlyDictionary<string, string>? settings = null)
    {
        // PostgreSQL is migrated by `ecoplan db migrate` before the app starts, as in production.
        var database = demoData ? await DemoTemplate.CopyAsync(provider)
            : provider == DatabaseProvider.Sqlite
            ? await TestDatabase.CreateAsync(provider)
            : await TestDatabase.CreateMigratedAsync(provider);
        return new EcoPlanWebFactory(database, demoData, settings);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting(DatabaseSettings.ProviderKey, Database.Provider.ToString().ToLowerInvariant());
        builder.UseSetting(DatabaseSettings.DataDirectoryKey, Database.Settings.DataDirectory);
        builder.UseSetting(DatabaseSettings.ConnectionStringKey, Database.Settings.ConnectionString);
        builder.UseSetting("EcoPlan:SeedDemoData", demoData ? "true" : "false");
        builder.UseSetting("EcoPlan:DemoPassword", DemoPassword);
        // Reminder runs are tested on their own, with a clock the test controls.
        builder.UseSetting("EcoPlan:Reminders:Enabled", "false");
        // Every test client comes from one address; the sign-in limits are tested on their own (SignInTests).
        builder.UseSetting("EcoPlan:SignIn:PerClientBurst", "100000");
        builder.UseSetting("EcoPlan:SignIn:PerAccountBurst", "100000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, ClientAddressFromHeader>());
    }

    /// <summary>A client as a browser would be: cookies kept, redirects not followed (so tests see them), over https for the secure cookie.</summary>
    public HttpClient CreateBrowser() =>
        CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>The body of an API write that sends nothing: empty, but JSON, as a script's must be (CsrfProtection).</summary>
    public static HttpContent EmptyJson() => new StringContent("", System.Text.Encoding.UTF8, "application/json");

    /// <summary>
    /// Gives a signed-in client the anti-forgery token for its API writes that are not JSON (file uploads), as a script
    /// would: from GET /api/v1/auth/antiforgery into the header it names.
    /// </summary>
    public static async Task UseApiTokenAsync(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var token = await client.GetFromJsonAsync<System.Text.Json.JsonElement>(new Uri("/api/v1/auth/antiforgery", UriKind.Relative));
        client.DefaultRequestHeaders.Add(token.GetProperty("headerName").GetString()!, token.GetProperty("token").GetString());
    }

    /// <summary>A client signed in through the API, as a script would sign in.</summary>
    public async Task<HttpClient> SignInAsync(string userName, string password = DemoPassword)
    {
        var client = CreateBrowser();
        using var response = await client.PostAsJsonAsync(new Uri("/api/v1/auth/login", UriKind.Relative), new { userName, password });
        response.EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>Runs <paramref name="query"/> on the app's own DbContext, in a scope of its own: what the test sets up or expects.</summary>
    public async Task<T> QueryAsync<T>(Func<EcoPlanDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var scope = Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<EcoPlanDbContext>());
    }

    /// <summary>GETs a page, asserts it answered 200 and parses its HTML.</summary>
    public static async Task<IHtmlDocument> PageAsync(HttpClient client, string url)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (System.Net.IPAddress.TryParse(context.Request.Headers[ClientAddressHeader], out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (ownsDatabase)
        {
            await Database.DisposeAsync();
        }
    }
}
