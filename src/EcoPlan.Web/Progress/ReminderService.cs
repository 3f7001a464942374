using EcoPlan.Core.Data;
using EcoPlan.Core.Progress;

namespace EcoPlan.Web.Progress;

/// <summary>Runs the 催办 job on a timer (EcoPlan:Reminders:IntervalMinutes, default 60; Enabled=false turns it off).</summary>
internal sealed class ReminderService(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<ReminderService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("EcoPlan:Reminders:Enabled", true))
        {
            return;
        }

        var interval = TimeSpan.FromMinutes(Math.Max(1, configuration.GetValue("EcoPlan:Reminders:IntervalMinutes", 60)));
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var job = scope.ServiceProvider.GetRequiredService<ReminderJob>();
                var sent = await job.RunAsync(stoppingToken);
                if (sent.Count > 0)
                {
                    logger.LogInformation("催办: {Count} new reminder(s).", sent.Count);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed run (database away, SMTP down) is retried at the next tick; the app keeps serving.
                logger.LogError(ex, "The reminder job failed; it runs again in {Interval}.", interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

internal static class ReminderRegistration
{
    public static IServiceCollection AddEcoPlanReminders(this IServiceCollection services, IConfiguration configuration)
    {
        var reminders = configuration.GetSection("EcoPlan:Reminders").Get<ReminderOptions>() ?? new ReminderOptions();
        var smtp = configuration.GetSection("EcoPlan:Smtp").Get<SmtpOptions>() ?? new SmtpOptions();
        services.AddSingleton(reminders);
        if (smtp.Host is { Length: > 0 })
        {
            services.AddSingleton<IReminderMailer>(new SmtpReminderMailer(smtp));
        }

        services.AddScoped(sp => new ReminderJob(sp.GetRequiredService<EcoPlanDbContext>(), sp.GetRequiredService<TimeProvider>(), reminders, sp.GetService<IReminderMailer>()));
        services.AddHostedService<ReminderService>();
        return services;
    }
}
