using System.CommandLine;
using System.Globalization;
using EcoPlan.Core.Accounts;
using EcoPlan.Core.Data;
using EcoPlan.Core.Plans;

namespace EcoPlan.Cli.Plans;

internal static class PlanCommands
{
    public static Command Create()
    {
        var list = new Command("list", "Lists the plans in the database: id, year, region, status, tasks, measures, title.");
        list.SetAction(async (parse, cancellationToken) =>
        {
            var settings = EcoPlanCli.ReadSettings(parse);
            await using var db = DatabaseRegistration.CreateContext(settings);
            await DatabaseInitializer.VerifyAsync(db, settings, cancellationToken);
            var plans = await PlanQueries.ListAsync(db, UserAccess.System, cancellationToken);
            var output = parse.InvocationConfiguration.Output;
            if (plans.Count == 0)
            {
                await output.WriteLineAsync("No plans. Import one with: ecoplan plan import FILE");
                return 0;
            }

            await output.WriteLineAsync("id\tyear\tregion\tstatus\ttasks\tmeasures\ttitle");
            foreach (var p in plans)
            {
                await output.WriteLineAsync(string.Join('\t',
                    p.Id.ToString(CultureInfo.InvariantCulture), p.Year.ToString(CultureInfo.InvariantCulture), p.RegionName,
                    p.Status.ToString().ToLowerInvariant(), p.TaskCount.ToString(CultureInfo.InvariantCulture),
                    p.MeasureCount.ToString(CultureInfo.InvariantCulture), p.Title));
            }

            return 0;
        });

        return new Command("plan", "Action plans.") { list, PlanParseCommand.Create(), PlanImportCommand.Create(), PlanExportCommand.Create() };
    }
}
