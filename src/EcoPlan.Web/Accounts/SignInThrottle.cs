using System.Collections.Concurrent;
using EcoPlan.Core.Configuration;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace EcoPlan.Web.Accounts;

/// <summary>
/// The limits on sign-in attempts (EcoPlan:SignIn, docs/operations.md): ASP.NET Core's rate limiter per client address
/// (the <see cref="PolicyName"/> policy on both sign-in endpoints), a token bucket per account name checked by the
/// handler once it has read the name, and a back-off per account name that slows attempts after repeated failures.
/// Nothing here locks an account: an attacker can only make attempts on a name slower, never refuse its owner for long.
/// Unknown names are treated exactly like known ones, so the limits say nothing about which accounts exist.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    public const string PolicyName = "sign-in";

    // Bounds the failure table an attacker spraying random names could grow; pruned to live entries past this.
    private const int MaxTrackedNames = 10_000;

    private readonly SignInOptions _options;
    private readonly TimeProvider _time;
    private readonly PartitionedRateLimiter<string> _accounts;
    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    public SignInThrottle(IOptions<EcoPlanOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value.SignIn;
        _time = time;
        _accounts = PartitionedRateLimiter.Create<string, string>(name =>
            RateLimitPartition.GetTokenBucketLimiter(name, _ => Bucket(_options.PerAccountBurst, _options.PerAccountPerMinute)));
    }

    /// <summary>The per-address policy of the sign-in endpoints, registered with AddRateLimiter.</summary>
    public static void AddPolicy(Microsoft.AspNetCore.RateLimiting.RateLimiterOptions limiter, SignInOptions options)
    {
        ArgumentNullException.ThrowIfNull(limiter);
        ArgumentNullException.ThrowIfNull(options);
        limiter.AddPolicy(PolicyName, context => RateLimitPartition.GetTokenBucketLimiter(
            ClientKey(context), _ => Bucket(options.PerClientBurst, options.PerClientPerMinute)));
        limiter.OnRejected = (rejected, _) =>
        {
            var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
            return new ValueTask(TooMany(rejected.HttpContext, retryAfter).ExecuteAsync(rejected.HttpContext));
        };
    }

    /// <summary>
    /// The client's address as the connection sees it; it is a proxy's only when EcoPlan:Operations:KnownProxies names
    /// that proxy (UseForwardedHeaders then puts the forwarded client address here).
    /// </summary>
    public static string ClientKey(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Connection.RemoteIpAddress is { } address
            ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
            : "unknown";
    }

    /// <summary>Takes one attempt from the account name's bucket; null when allowed, else how long to wait.</summary>
    public TimeSpan? TryAttempt(string normalizedName)
    {
        using var lease = _accounts.AttemptAcquire(normalizedName);
        return lease.IsAcquired ? null
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
    }

    /// <summary>How long this attempt on the name waits: nothing for the first failures, then doubling up to the cap.</summary>
    public TimeSpan Backoff(string normalizedName)
    {
        if (!_failures.TryGetValue(normalizedName, out var failures) || Expired(failures))
        {
            return TimeSpan.Zero;
        }

        var beyond = failures.Count - _options.FailuresBeforeBackoff;
        if (beyond < 0)
        {
            return TimeSpan.Zero;
        }

        var milliseconds = Math.Min((double)_options.MaxBackoffMilliseconds, _options.BackoffMilliseconds * Math.Pow(2, Math.Min(beyond, 30)));
        return TimeSpan.FromMilliseconds(milliseconds);
    }

    public void RecordFailure(string normalizedName)
    {
        var now = _time.GetUtcNow();
        _failures.AddOrUpdate(normalizedName, _ => new Failures(1, now), (_, old) => new Failures(Expired(old) ? 1 : old.Count + 1, now));
        if (_failures.Count > MaxTrackedNames)
        {
            foreach (var (name, failures) in _failures)
            {
                if (Expired(failures))
                {
                    _failures.TryRemove(name, out _);
                }
            }
        }
    }

    /// <summary>The right password ends the back-off: the owner's next typo is not slowed by an attacker's guesses.</summary>
    public void RecordSuccess(string normalizedName) => _failures.TryRemove(normalizedName, out _);

    /// <summary>The 429 answer: a problem document for the API, a short page for the login form, both with Retry-After.</summary>
    public static IResult TooMany(HttpContext context, TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(context);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests,
                title: UiText.Get("SignIn_TooMany"), detail: UiText.Get("SignIn_TooManyDetail", seconds));
        }

        static string Html(string text) => WebUtility.HtmlEncode(text);
        var page = $"""
            <!DOCTYPE html>
            <html lang="{Html(CultureInfo.CurrentUICulture.Name)}"><head><meta charset="utf-8"><title>{Html(UiText.Get("SignIn_TooMany"))} · EcoPlan</title><link rel="stylesheet" href="/app.css"></head>
            <body><main><section class="login"><h1>{Html(UiText.Get("SignIn_TooMany"))}</h1><p class="error" role="alert">{Html(UiText.Get("SignIn_TooManyDetail", seconds))}</p>
            <p><a href="/login">{Html(UiText.Get("SignIn_BackToLogin"))}</a></p></section></main></body></html>
            """;
        return TypedResults.Content(page, "text/html; charset=utf-8", System.Text.Encoding.UTF8, StatusCodes.Status429TooManyRequests);
    }

    public void Dispose() => _accounts.Dispose();

    private static TokenBucketRateLimiterOptions Bucket(int burst, int perMinute) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = 1,
        // One token every 60/perMinute seconds: the bucket refills evenly, not in a lump each minute.
        ReplenishmentPeriod = TimeSpan.FromMinutes(1.0 / perMinute),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private bool Expired(Failures failures) => _time.GetUtcNow() - failures.Last > TimeSpan.FromMinutes(_options.FailureWindowMinutes);

    private sealed record Failures(int Count, DateTimeOffset Last);
}

public static class SignInThrottling
{
    /// <summary>The rate limiter with the sign-in policy, the per-account throttle, and the password sign-in both endpoints use.</summary>
    public static IServiceCollection AddSignInThrottling(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>()
            .Configure<IOptions<EcoPlanOptions>>((limiter, options) => SignInThrottle.AddPolicy(limiter, options.Value.SignIn));
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<PasswordSignIn>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<EcoPlanOptions>>((forwarded, options) =>
        {
            forwarded.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in options.Value.Operations.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        return services;
    }

    /// <summary>
    /// X-Forwarded-For and -Proto are believed only from the proxies EcoPlan:Operations:KnownProxies names; without any,
    /// the headers are ignored and the client address (which the sign-in limits count) is the connection's.
    /// </summary>
    public static IApplicationBuilder UseTrustedForwardedHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.ApplicationServices.GetRequiredService<IOptions<EcoPlanOptions>>().Value.Operations.KnownProxies.Length > 0
            ? app.UseForwardedHeaders()
            : app;
    }
}
