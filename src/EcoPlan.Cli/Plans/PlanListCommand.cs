using EcoPlan.Core.Accounts;
using EcoPlan.Core.Plans;

namespace EcoPlan.Cli.Plans;

/// <summary><c>ecoplan plan list</c>: the plans in the database, one a line.</summary>
internal static class PlanListCommand
{
    public static Command Create()
    {
        var list = new Command("list", "Lists the plans in the database: id, year, region, status, tasks, measures, title.");
        list.SetAction(async (parse, cancellationToken) =>
        {
            await using var database = await CliDatabase.OpenAsync(parse, cancellationToken);
            var plans = await PlanQueries.ListAsync(database.Db, UserAccess.System, cancellationToken);
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
        return list;
    }
}
