using EcoPlan.Core.Data;
using EcoPlan.Web.Accounts;
using EcoPlan.Web.Components;
using EcoPlan.Web.Database;
using EcoPlan.Web.Import;
using EcoPlan.Web.Indicators;
using EcoPlan.Web.Localization;
using EcoPlan.Web.Measures;
using EcoPlan.Web.Notifications;
using EcoPlan.Web.Organizations;
using EcoPlan.Web.Plans;
using EcoPlan.Web.Progress;

try
{
    var builder = WebApplication.CreateBuilder(args);
    // `dotnet run` starts the build output in Production, where only a published app has its static assets by default:
    // without this the stylesheet answers 200 with an empty body to every browser (they all ask for gzip). The
    // build's manifest maps them to wwwroot and the compressed copies under obj/; a published app has no such
    // manifest, and the call does nothing there.
    builder.WebHost.UseStaticWebAssets();
    builder.Services.AddEcoPlanDatabase();
    // First hosted service: the data directory and the database are checked before anything else uses them.
    builder.Services.AddHostedService<DatabaseStartup>();
    builder.Services.AddEcoPlanAuth();
    builder.Services.AddSingleton(TimeProvider.System);
    builder.Services.AddSingleton<PlanViewCache>();
    builder.Services.AddSingleton<IUploadStore, FileSystemUploadStore>();
    builder.Services.AddSingleton<EcoPlan.Core.Progress.IAttachmentStore>(sp =>
        new EcoPlan.Core.Progress.FileSystemAttachmentStore(Path.Combine(sp.GetRequiredService<DatabaseSettings>().DataDirectory, "attachments")));
    builder.Services.AddProgressWorkflow();
    builder.Services.AddEcoPlanReminders(builder.Configuration);
    builder.Services.AddScoped<UnreadNotices>();
    builder.Services.AddHealthChecks().AddDbContextCheck<EcoPlanDbContext>("database");
    builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
    {
        document.Info.Title = "EcoPlan API";
        document.Info.Description = "Ecological-protection action plans: plans, measures, units, progress. Sign in first (the login page, or POST /api/v1/auth/login): "
            + "every other endpoint answers 401 without the session cookie.";
        return Task.CompletedTask;
    }));
    // Enumerations travel as their names ("InProgress", "Published"): readable, and stable when members are added.
    builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
    // Pages are Chinese: write its characters as they are (UTF-8), not as &#x...; entities, which made a page 2-3 times
    // larger and slower to render. Markup characters (<, >, &, quotes) are still escaped.
    builder.Services.AddWebEncoders(options => options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
    builder.Services.AddLocalization();
    builder.Services.AddSingleton<PageMessages>();
    builder.Services.AddRazorComponents();
    // A start-up failure is printed as one line by the catch below; the host's own log of it would add a stack trace.
    builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);

    var app = builder.Build();

    if (!app.Environment.IsDevelopment())
    {
        app.UseExceptionHandler("/error", createScopeForErrors: true);
    }

    app.Use(async (context, next) =>
    {
        // Files are served for what they are, and pages are never framed by another site.
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.XFrameOptions = "DENY";
        context.Response.Headers["Referrer-Policy"] = "same-origin";
        await next(context);
    });
    app.UseEcoPlanLocalization();
    // The API documentation is public, like the OpenAPI document it renders.
    app.UseSwaggerUI(options =>
    {
        options.SwaggerEndpoint("/openapi/v1.json", "EcoPlan API v1");
        options.RoutePrefix = "swagger";
        options.DocumentTitle = "EcoPlan API";
    });
    app.UseAuthentication();
    app.UseAuthorization();
    app.UseAntiforgery();
    // Everything else requires a signed-in user (the fallback policy); these are open on purpose.
    app.MapStaticAssets().AllowAnonymous();
    app.MapOpenApi().AllowAnonymous();
    app.MapHealthChecks("/healthz").AllowAnonymous();
    app.MapCultureEndpoint();
    app.MapAccountEndpoints();
    app.MapPlansApi();
    app.MapPlanPageActions();
    app.MapMeasuresApi();
    app.MapOrganizationsApi();
    app.MapOrganizationPageActions();
    app.MapImportPageActions();
    app.MapProgressApi();
    app.MapProgressPageActions();
    app.MapIndicatorPageActions();
    app.MapNoticePageActions();
    app.MapOutputsApi();
    app.MapRazorComponents<App>();

    await app.RunAsync();
    return 0;
}
catch (SetupException ex)
{
    await Console.Error.WriteLineAsync($"ecoplan: {ex.Message}");
    return 1;
}

/// <summary>The web host's entry point, public so WebApplicationFactory can start it in tests.</summary>
public partial class Program;
