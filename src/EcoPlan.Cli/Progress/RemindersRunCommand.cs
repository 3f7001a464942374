using System.CommandLine;
using EcoPlan.Core.Progress;
using Microsoft.Extensions.Configuration;

namespace EcoPlan.Cli.Progress;

/// <summary><c>ecoplan reminders run</c>: one run of the 催办 job, for cron or to check the configuration.</summary>
internal static class RemindersRunCommand
{
    public static Command Create()
    {
        var run = new Command("run", "Finds reports due soon and overdue, notifies units, leads and coordinators (e-mail when EcoPlan:Smtp:Host is set), and prints what it sent. Running it twice sends nothing twice.");
        run.SetAction(async (parse, cancellationToken) =>
        {
            await using var database = await CliDatabase.OpenAsync(parse, cancellationToken);
            var configuration = EcoPlanCli.ReadConfiguration(parse);
            var options = configuration.GetSection("EcoPlan:Reminders").Get<ReminderOptions>() ?? new ReminderOptions();
            var smtp = configuration.GetSection("EcoPlan:Smtp").Get<SmtpOptions>() ?? new SmtpOptions();
            var mailer = smtp.Host is { Length: > 0 } ? new SmtpReminderMailer(smtp) : null;
            var sent = await new ReminderJob(database.Db, TimeProvider.System, options, mailer).RunAsync(cancellationToken);
            var output = parse.InvocationConfiguration.Output;
            foreach (var reminder in sent)
            {
                await output.WriteLineAsync($"{reminder.Level}\t{reminder.Period:yyyy-MM}\t{reminder.Unit}\t{reminder.TaskName}\t→ {reminder.RecipientId}");
            }

            await output.WriteLineAsync($"{sent.Count} new reminder(s){(mailer is null ? "; e-mail off (EcoPlan:Smtp:Host not set)" : "")}.");
            return 0;
        });
        return run;
    }
}
