using System.Text.Json;
using EcoPlan.Core.Accounts;
using EcoPlan.Core.Clues;

namespace EcoPlan.Cli.Clues;

/// <summary><c>ecoplan clue list</c>: the clues, one a line, or as JSON or GeoJSON.</summary>
internal static class ClueListCommand
{
    private const int Chunk = 500;

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print a JSON array of the clues." };
        var geoJson = new Option<bool>("--geojson") { Description = "Print a GeoJSON FeatureCollection (lon/lat, CGCS2000)." };
        var state = new Option<ClueState?>("--state") { Description = "Only clues in this state (Pending, Verifying, …, Closed)." };
        var township = new Option<string?>("--township") { Description = "Only clues of this township (GB/T 2260 code); \"none\" for the district's queue." };
        var batch = new Option<int?>("--batch") { Description = "Only clues of this batch (id)." };
        var command = new Command("list", "Lists the clues: id, code, state, outcome, township, area in m², batch.") { json, geoJson, state, township, batch };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var database = await CliDatabase.OpenAsync(parse, cancellationToken);
            var queries = new ClueQueries(database.Db, TimeProvider.System);
            var code = parse.GetValue(township);
            var filter = new ClueFilter(parse.GetValue(state), code == "none" ? null : code, code == "none", parse.GetValue(batch));
            var asGeoJson = parse.GetValue(geoJson);
            var rows = new List<ClueSummary>();
            for (var page = 1; ; page++)
            {
                var chunk = await queries.ListAsync(UserAccess.System, filter, page, Chunk, withGeometry: asGeoJson, cancellationToken);
                rows.AddRange(chunk.Items);
                if (page * Chunk >= chunk.Total)
                {
                    break;
                }
            }

            var output = parse.InvocationConfiguration.Output;
            if (asGeoJson)
            {
                await output.WriteLineAsync(ClueOutput.FeatureCollection(rows));
            }
            else if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(rows.Select(ClueOutput.Row), ClueOutput.Json));
            }
            else
            {
                await output.WriteLineAsync("id\tcode\tstate\toutcome\ttownship\tarea_m2\tbatch");
                foreach (var c in rows)
                {
                    await output.WriteLineAsync(string.Join('\t', c.Id.ToString(CultureInfo.InvariantCulture), c.Code, c.State, c.Outcome?.ToString() ?? "",
                        c.Township?.Code ?? "", c.AreaSquareMeters.ToString("F1", CultureInfo.InvariantCulture), c.BatchName));
                }
            }

            return 0;
        });
        return command;
    }
}
