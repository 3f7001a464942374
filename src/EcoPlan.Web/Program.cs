using EcoPlan.Web.Cascade;
using EcoPlan.Web.Clues;
using EcoPlan.Web.Components;
using EcoPlan.Web.Database;
using EcoPlan.Web.Import;
using EcoPlan.Web.Indicators;
using EcoPlan.Web.Input;
using EcoPlan.Web.Measures;
using EcoPlan.Web.Notifications;
using EcoPlan.Web.Operations;
using EcoPlan.Web.Organizations;
using EcoPlan.Web.Plans;
using EcoPlan.Web.Progress;
using EcoPlan.Web.Security;

try
{
    var builder = WebApplication.CreateBuilder(args);
    // `dotnet run` starts the build output in Production, where only a published app has its static assets by default:
    // without this the stylesheet answers 200 with an empty body to every browser (they all ask for gzip). The
    // build's manifest maps them to wwwroot and the compressed copies under obj/; a published app has no such
    // manifest, and the call does nothing there.
    builder.WebHost.UseStaticWebAssets();
    // No "Server: Kestrel" on every answer: it tells an attacker what to look up and a user nothing.
    builder.WebHost.ConfigureKestrel(options => options.AddServerHeader = false);
    builder.Services.AddEcoPlanDatabase();
    // First hosted service: the data directory and the database are checked before anything else uses them.
    builder.Services.AddHostedService<DatabaseStartup>();
    builder.Services.AddEcoPlanAuth();
    builder.Services.AddSignInThrottling();
    builder.Services.AddSingleton(TimeProvider.System);
    builder.Services.AddSingleton<PlanViewCache>();
    builder.Services.AddSingleton<IUploadStore, FileSystemUploadStore>();
    builder.Services.AddSingleton<EcoPlan.Core.Progress.IAttachmentStore>(sp =>
        new EcoPlan.Core.Progress.FileSystemAttachmentStore(sp.GetRequiredService<DatabaseSettings>().AttachmentsDirectory));
    builder.Services.AddProgressWorkflow();
    builder.Services.AddEcoPlanReminders();
    builder.Services.AddClues();
    builder.Services.AddSingleton<EcoPlan.Core.Indicators.GepR.CompensationRulesSource>();
    builder.Services.AddScoped<UnreadNotices>();
    builder.Services.AddEcoPlanTelemetry(builder.Configuration);
    builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
    {
        document.Info.Title = "EcoPlan API";
        document.Info.Description = "Ecological-protection action plans: plans, measures, units, progress. Sign in first (the login page, or POST /api/v1/auth/login): "
            + "every other endpoint answers 401 without the session cookie.";
        return Task.CompletedTask;
    }));
    // Enumerations travel as their names ("InProgress", "Published"), the names the OpenAPI document lists: readable, and
    // stable when members are added. A number is refused like an unknown name, so 99 cannot pass for a status.
    builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(allowIntegerValues: false)));
    // A request an endpoint cannot bind (bad JSON, ?unit=abc, no body) throws, in every environment, and is answered as a
    // 400 problem naming the field (BadRequestProblems) instead of an empty 400.
    builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
    builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = InputValues.Localize);
    builder.Services.AddExceptionHandler<BadRequestProblems>();
    // Pages are Chinese: write its characters as they are (UTF-8), not as &#x...; entities, which made a page 2-3 times
    // larger and slower to render. Markup characters (<, >, &, quotes) are still escaped.
    builder.Services.AddWebEncoders(options => options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
    builder.Services.AddLocalization();
    builder.Services.AddSingleton<PageMessages>();
    builder.Services.AddRazorComponents();
    // A start-up failure is printed as one line by the catch below; the host's own log of it would add a stack trace.
    builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);

    var app = builder.Build();

    // Before anything that reads the client's address or scheme (HSTS, the sign-in limits), and only from known proxies.
    app.UseTrustedForwardedHeaders();
    // Then, so the error page and the problem documents below are in the request's language too.
    app.UseEcoPlanLocalization();
    if (!app.Environment.IsDevelopment())
    {
        app.UseExceptionHandler("/error", createScopeForErrors: true);
        // Sent only on HTTPS requests, and never to localhost: a browser that reached EcoPlan over TLS keeps to it.
        app.UseHsts();
    }

    // An error status without a body (a 415 from binding, a 401 or 403 from authorization, a bare NotFound) gets a
    // problem document, so no API answer is an empty 4xx.
    app.UseStatusCodePages();

    app.UseSecurityHeaders();
    app.UseRateLimiter();
    // The API documentation is public, like the OpenAPI document it renders.
    app.UseSwaggerUI(options =>
    {
        options.SwaggerEndpoint("/openapi/v1.json", "EcoPlan API v1");
        options.RoutePrefix = "swagger";
        options.DocumentTitle = "EcoPlan API";
    });
    app.UseAuthentication();
    app.UseAuthorization();
    app.UseOversizedUploadRefusal();
    app.UseAntiforgery();
    app.UseCsrfProtection();
    // Everything else requires a signed-in user (the fallback policy); these are open on purpose.
    app.MapStaticAssets().AllowAnonymous();
    app.MapOpenApi().AllowAnonymous();
    app.MapHealthChecks("/healthz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { ResponseWriter = HealthReportJson.WriteAsync }).AllowAnonymous();
    app.MapEcoPlanMetrics();
    // Every API endpoint and form action, with the input checks they all share.
    var endpoints = app.MapGroup("").WithInputChecks();
    endpoints.MapCultureEndpoint();
    endpoints.MapAccountEndpoints();
    endpoints.MapPlansApi();
    endpoints.MapPlanPageActions();
    endpoints.MapMeasuresApi();
    endpoints.MapOrganizationsApi();
    endpoints.MapOrganizationPageActions();
    endpoints.MapImportPageActions();
    endpoints.MapProgressApi();
    endpoints.MapProgressPageActions();
    endpoints.MapIndicatorPageActions();
    endpoints.MapNoticePageActions();
    endpoints.MapOutputsApi();
    endpoints.MapCascadeApi();
    endpoints.MapCascadePageActions();
    endpoints.MapClueApi();
    endpoints.MapCluePageActions();
    endpoints.MapClueBatchPageActions();
    // Pages accept form posts too (static server rendering): the same body limit as every form action.
    app.MapRazorComponents<App>().Add(endpoint => EcoPlan.Web.Input.TextLengths.LimitBody(endpoint, app.Services));

    await app.RunAsync();
    return 0;
}
catch (SetupException ex)
{
    await Console.Error.WriteLineAsync($"ecoplan: {ex.Message}");
    return 1;
}
catch (Microsoft.Extensions.Options.OptionsValidationException ex)
{
    await Console.Error.WriteLineAsync($"ecoplan: {string.Join("; ", ex.Failures)}");
    return 1;
}

/// <summary>The web host's entry point, public so WebApplicationFactory can start it in tests.</summary>
public partial class Program;
