using EcoPlan.Core.Clues;
using EcoPlan.Core.Localization;

namespace EcoPlan.Cli.Clues;

/// <summary><c>ecoplan clue verify-trail</c>: checks every clue's hash-chained trail; exit 3 when one is broken.</summary>
internal static class ClueVerifyTrailCommand
{
    public const int BrokenExitCode = 3;

    public static Command Create()
    {
        var command = new Command("verify-trail",
            "Checks every clue's trail: the hash chain of its entries, its state against its last entry, its geometry and its evidence against what the trail recorded. Exit code 3 when any is broken.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var database = await CliDatabase.OpenAsync(parse, cancellationToken);
            var report = await TrailVerification.VerifyAllAsync(database.Db, cancellationToken);
            var output = parse.InvocationConfiguration.Output;
            foreach (var broken in report.Breaks)
            {
                await output.WriteLineAsync(CoreText.Get("TrailCli_Broken", broken.ClueId, broken.Sequence, broken.Reason));
            }

            await output.WriteLineAsync(CoreText.Get(report.Breaks.Count == 0 ? "TrailCli_AllIntact" : "TrailCli_Summary", report.Checked, report.Breaks.Count));
            return report.Breaks.Count == 0 ? 0 : BrokenExitCode;
        });
        return command;
    }
}
