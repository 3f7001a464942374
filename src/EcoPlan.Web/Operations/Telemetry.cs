using System.Net;
using System.Security.Cryptography;
using System.Text;
using EcoPlan.Core.Configuration;
using EcoPlan.Core.Operations;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace EcoPlan.Web.Operations;

/// <summary>
/// Metrics, traces and health (docs/operations.md): OpenTelemetry metrics of ASP.NET Core (http_server_*) and of
/// <see cref="EcoPlanMetrics"/> at /metrics in Prometheus format; traces of requests and EF Core commands sent over OTLP
/// only when OTEL_EXPORTER_OTLP_ENDPOINT is configured; /healthz with the database and the data directory's free space.
/// </summary>
public static class Telemetry
{
    public const string MetricsPath = "/metrics";

    public static IServiceCollection AddEcoPlanTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("ecoplan"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter(EcoPlanMetrics.MeterName)
                .AddPrometheusExporter());
        // The standard variable (or key) of every OpenTelemetry SDK; without it no trace is even recorded.
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments(MetricsPath))
                .AddEntityFrameworkCoreInstrumentation()
                .AddOtlpExporter());
        }

        services.AddHealthChecks()
            .AddDbContextCheck<EcoPlanDbContext>("database")
            .AddCheck<DataDirectorySpace>("data-directory");
        return services;
    }

    /// <summary>
    /// /metrics for loopback callers (a Prometheus on the same host, or a proxy there that forwards only from its
    /// scraper) and for requests with <c>Authorization: Bearer</c> EcoPlan:Operations:MetricsToken; 404 to anyone else,
    /// so the endpoint is not even advertised.
    /// </summary>
    public static void MapEcoPlanMetrics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var token = app.Services.GetRequiredService<IOptions<EcoPlanOptions>>().Value.Operations.MetricsToken;
        app.UseWhen(context => context.Request.Path.StartsWithSegments(MetricsPath), branch => branch.Use(async (context, next) =>
        {
            if (!MayReadMetrics(context, token))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await next(context);
        }));
        app.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous();
    }

    public static bool MayReadMetrics(HttpContext context, string? token)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (token is { Length: > 0 } && context.Request.Headers.Authorization.ToString() is { } header
            && header.StartsWith("Bearer ", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header["Bearer ".Length..]), Encoding.UTF8.GetBytes(token)))
        {
            return true;
        }

        // TestServer has no connection address; it is in-process, as loopback is.
        return context.Connection.RemoteIpAddress is not { } address || IPAddress.IsLoopback(address);
    }
}

/// <summary>Healthy while the data directory's disk has at least EcoPlan:Operations:MinFreeDiskMegabytes free, degraded below.</summary>
internal sealed class DataDirectorySpace(DatabaseSettings settings, IOptions<EcoPlanOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var directory = Path.GetFullPath(settings.DataDirectory);
        if (!Directory.Exists(directory))
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The data directory (EcoPlan:DataDirectory) is missing"));
        }

        var free = new DriveInfo(directory).AvailableFreeSpace / 1024 / 1024;
        var minimum = options.Value.Operations.MinFreeDiskMegabytes;
        // No path in the answer: /healthz is open, and the layout of the server is nobody's business.
        var data = new Dictionary<string, object> { ["freeMegabytes"] = free, ["minimumMegabytes"] = minimum };
        var text = string.Create(CultureInfo.InvariantCulture, $"{free} MB free (minimum {minimum} MB)");
        return Task.FromResult(free >= minimum ? HealthCheckResult.Healthy(text, data) : HealthCheckResult.Degraded(text, data: data));
    }
}

/// <summary>/healthz's answer: the overall status and each check's, as JSON a monitor and a person can both read.</summary>
public static class HealthReportJson
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        });
    }
}
