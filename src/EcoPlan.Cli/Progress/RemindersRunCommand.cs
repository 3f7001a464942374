using EcoPlan.Core.Configuration;
using EcoPlan.Core.Progress;
using Microsoft.Extensions.Options;

namespace EcoPlan.Cli.Progress;

/// <summary><c>ecoplan reminders run</c>: one run of the 催办 job, for cron or to check the configuration.</summary>
internal static class RemindersRunCommand
{
    public static Command Create()
    {
        var run = new Command("run", "Finds reports and clue batch deadlines due soon and overdue, notifies units, townships, leads and coordinators (e-mail when EcoPlan:Smtp:Host is set), and prints what it sent. Running it twice sends nothing twice.");
        run.SetAction(async (parse, cancellationToken) =>
        {
            await using var database = await CliDatabase.OpenAsync(parse, cancellationToken);
            var job = ReminderJob.Create(database.Db, TimeProvider.System, database.Get<IOptions<EcoPlanOptions>>().Value);
            var sent = await job.RunAsync(cancellationToken);
            var output = parse.InvocationConfiguration.Output;
            foreach (var reminder in sent.Reports)
            {
                await output.WriteLineAsync($"{reminder.Level}\t{reminder.Period:yyyy-MM}\t{reminder.Unit}\t{reminder.TaskName}\t→ {reminder.RecipientId}");
            }

            foreach (var reminder in sent.Clues)
            {
                await output.WriteLineAsync($"{reminder.Level}\t{reminder.Due:yyyy-MM-dd}\t{reminder.Township}\t{reminder.BatchName} ({reminder.Kind}, {reminder.Count})\t→ {reminder.RecipientId}");
            }

            await output.WriteLineAsync($"{sent.Count} new reminder(s){(!job.SendsMail ? "; e-mail off (EcoPlan:Smtp:Host not set)" : "")}.");
            return 0;
        });
        return run;
    }
}
