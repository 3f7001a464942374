using EcoPlan.Core.Accounts;
using EcoPlan.Core.Export;

namespace EcoPlan.Cli.Plans;

/// <summary>`ecoplan plan export PLAN --format docx|xlsx -o FILE`: the stored plan in its issued table layout.</summary>
internal static class PlanExportCommand
{
    public static Command Create()
    {
        var plan = new Argument<int>("PLAN") { Description = "The plan's id (see `ecoplan plan list`)." };
        var format = new Option<ExportFormat>("--format") { Description = "docx (Word) or xlsx (Excel).", Required = true };
        var output = new Option<FileInfo>("--output", "-o") { Description = "The file to write; an existing file is replaced.", Required = true };
        var command = new Command("export", "Writes a plan as a Word or Excel document in the issued table layout; importing it again gives the same plan.") { plan, format, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var database = await CliDatabase.OpenAsync(parse, cancellationToken);
            var id = parse.GetValue(plan);
            var file = parse.GetValue(output)!;
            using var buffer = new MemoryStream();
            // The CLI runs on the machine that holds the database: it reads as the installation's administrator, drafts included.
            if (!(await PlanExport.WriteAsync(database.Db, UserAccess.System, id, parse.GetValue(format), buffer, cancellationToken)).Succeeded)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"ecoplan: there is no plan {id}");
                return CliFiles.BadInput;
            }

            try
            {
                await File.WriteAllBytesAsync(file.FullName, buffer.ToArray(), cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"ecoplan: {file.FullName}: cannot write: {ex.Message}");
                return 1;
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync($"Wrote plan {id} to {file.FullName}.");
            return 0;
        });
        return command;
    }
}
