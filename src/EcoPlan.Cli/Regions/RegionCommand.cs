using EcoPlan.Core.Accounts;
using EcoPlan.Core.Clues;
using EcoPlan.Core.Spatial;

namespace EcoPlan.Cli.Regions;

/// <summary><c>ecoplan region boundaries import FILE</c>: the township boundaries clues are assigned by.</summary>
internal static class RegionCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "GeoJSON, zipped shapefile, KML/KMZ, csv/xlsx with WKT: one feature per township, keyed by its GB/T 2260 code (property code, 区划代码, XZQDM …)." };
        var import = new Command("import", "Loads township boundaries (all or nothing); a township's earlier boundary is replaced.") { file };
        import.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (await CliFiles.ReadAsync(parse, path, cancellationToken) is not { } content)
            {
                return CliFiles.BadInput;
            }

            await using var database = await CliDatabase.OpenAsync(parse, cancellationToken);
            var read = await BoundaryFile.ReadAsync(new MemoryStream(content, writable: false), Path.GetFileName(path), cancellationToken);
            var error = parse.InvocationConfiguration.Error;
            if (read.HasProblems)
            {
                foreach (var problem in read.Problems)
                {
                    await error.WriteLineAsync($"ecoplan: {path}: {problem.Position}{(problem.Field is { } f ? $"（{f}）" : "")}: {problem.Message}");
                }

                return CliFiles.BadInput;
            }

            var result = await new TownshipBoundaries(database.Db, TimeProvider.System).ImportAsync(UserAccess.System, read.Boundaries, path, cancellationToken);
            if (result.Error is { } refused)
            {
                await error.WriteLineAsync($"ecoplan: {refused.Message}");
                return CliFiles.BadInput;
            }

            var done = result.Value!;
            await parse.InvocationConfiguration.Output.WriteLineAsync(
                $"Imported {done.Imported + done.Replaced} township boundaries ({done.Imported} new, {done.Replaced} replaced; {read.Crs}) of {string.Join(", ", done.Districts)}.");
            return 0;
        });
        return new Command("region", "Regions: township boundaries.") { new Command("boundaries", "Township boundaries.") { import } };
    }
}
