using EcoPlan.Core.Configuration;
using EcoPlan.Core.Progress;
using EcoPlan.Core.Operations;
using Microsoft.Extensions.Options;

namespace EcoPlan.Web.Progress;

/// <summary>Runs the 催办 job on a timer (EcoPlan:Reminders:IntervalMinutes, default 60; Enabled=false turns it off).</summary>
/// <remarks>Several instances over one PostgreSQL database run it once per interval between them: the one holding the job's <see cref="JobLease"/>.</remarks>
internal sealed class ReminderService(IServiceScopeFactory scopes, IOptions<EcoPlanOptions> options, DatabaseSettings settings, TimeProvider time, ILogger<ReminderService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Reminders.Enabled)
        {
            return;
        }

        var interval = TimeSpan.FromMinutes(options.Value.Reminders.IntervalMinutes);
        using var timer = new PeriodicTimer(interval, time);
        await using var lease = new JobLease(settings, "reminders");
        do
        {
            try
            {
                if (!await lease.HoldAsync(stoppingToken))
                {
                    EcoPlanMetrics.JobRuns.Add(1, new KeyValuePair<string, object?>("job", "reminders"), new KeyValuePair<string, object?>("outcome", "skipped"));
                    continue;
                }

                await using var scope = scopes.CreateAsyncScope();
                var job = scope.ServiceProvider.GetRequiredService<ReminderJob>();
                var sent = await job.RunAsync(stoppingToken);
                EcoPlanMetrics.JobRuns.Add(1, new KeyValuePair<string, object?>("job", "reminders"), new KeyValuePair<string, object?>("outcome", "ok"));
                if (sent.Count > 0)
                {
                    logger.LogInformation("催办: {Count} new reminder(s).", sent.Count);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed run (database away, SMTP down) is retried at the next tick; the app keeps serving.
                EcoPlanMetrics.JobRuns.Add(1, new KeyValuePair<string, object?>("job", "reminders"), new KeyValuePair<string, object?>("outcome", "failed"));
                logger.LogError(ex, "The reminder job failed; it runs again in {Interval}.", interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

internal static class ReminderRegistration
{
    public static IServiceCollection AddEcoPlanReminders(this IServiceCollection services)
    {
        services.AddScoped(sp => ReminderJob.Create(sp.GetRequiredService<EcoPlanDbContext>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<EcoPlanOptions>>().Value));
        services.AddHostedService<ReminderService>();
        return services;
    }
}
