using System.Text.Json;
using EcoPlan.Core;
using EcoPlan.Core.Accounts;
using EcoPlan.Core.Clues;
using Microsoft.EntityFrameworkCore;

namespace EcoPlan.Cli.Clues;

/// <summary><c>ecoplan clue import FILE --source S --batch NAME</c>: a batch of clues from a file, previewed (--dry-run) or stored.</summary>
internal static class ClueImportCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "GeoJSON, zipped shapefile (.shp/.dbf/.prj/.cpg), KML/KMZ, or csv/xlsx with lon/lat or WKT columns." };
        var source = new Option<ClueSource>("--source") { Description = "The programme: RedLine, NatureReserve, SatelliteEnforcement, LandSurvey, EcologicalLandChange, Patrol, PublicReport, Other.", Required = true };
        var batch = new Option<string>("--batch") { Description = "The batch's name (as its notice calls it).", Required = true };
        var measure = new Option<int?>("--measure") { Description = "The plan measure that demands the work (its id)." };
        var deadline = new Option<DateOnly?>("--deadline") { Description = "Verification deadline (YYYY-MM-DD)." };
        var rectifyBy = new Option<DateOnly?>("--rectify-by") { Description = "Rectification deadline (YYYY-MM-DD)." };
        var received = new Option<DateOnly?>("--received") { Description = "Day the batch was received (default today)." };
        var district = new Option<string?>("--district") { Description = "The district's GB/T 2260 code; default the district the features lie in, over the loaded boundaries." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would be imported; store nothing." };
        var json = new Option<bool>("--json") { Description = "Print a JSON array, one object per feature: id, source_ids, township_code, cooperating_township_codes, duplicate_of, area_m2." };
        var command = new Command("import", "Imports a batch of clues: each assigned to its township by location, merged into the open clue it repeats; all or nothing.")
        {
            file, source, batch, measure, deadline, rectifyBy, received, district, dryRun, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (await CliFiles.ReadAsync(parse, path, cancellationToken) is not { } content)
            {
                return CliFiles.BadInput;
            }

            await using var database = await CliDatabase.OpenAsync(parse, cancellationToken);
            var request = new ClueBatchRequest(parse.GetValue(batch)!, parse.GetValue(source), parse.GetValue(district) ?? "",
                parse.GetValue(received) ?? DateOnly.FromDateTime(DateTime.Now), parse.GetValue(deadline), parse.GetValue(rectifyBy), parse.GetValue(measure));
            var result = await new ClueIntake(database.Db, TimeProvider.System).RunAsync(UserAccess.System, new MemoryStream(content, writable: false),
                Path.GetFileName(path), request, import: !parse.GetValue(dryRun), cancellationToken);
            var error = parse.InvocationConfiguration.Error;
            if (result.Error is { } refused)
            {
                var lines = refused is UseCaseError.Invalid { Fields: var fields } && fields.TryGetValue("file", out var each) ? each : [refused.Message];
                foreach (var line in lines)
                {
                    await error.WriteLineAsync($"ecoplan: {path}: {line}");
                }

                return CliFiles.BadInput;
            }

            var (preview, written) = (result.Value!.Preview, result.Value.Written);
            foreach (var note in preview.Notes)
            {
                await error.WriteLineAsync($"ecoplan: {path}: {note}");
            }

            foreach (var problem in preview.Problems)
            {
                await error.WriteLineAsync($"ecoplan: {path}: {problem.Position}: {problem.Message}");
            }

            var codes = written is null ? new Dictionary<int, List<string>>()
                : (await database.Db.ClueSourceIds.Where(s => written.ClueIds.Contains(s.ClueId)).OrderBy(s => s.Id).Select(s => new { s.ClueId, s.Code })
                    .ToListAsync(cancellationToken)).GroupBy(s => s.ClueId).ToDictionary(g => g.Key, g => g.Select(s => s.Code).ToList());
            var output = parse.InvocationConfiguration.Output;
            var rows = preview.Rows.Select((r, i) => new
            {
                Id = written?.ClueIds[i],
                SourceIds = written is null ? [r.Code] : codes[written.ClueIds[i]],
                TownshipCode = r.TownshipCode,
                CooperatingTownshipCodes = r.CooperatingTownshipCodes,
                DuplicateOf = r.DuplicateOf,
                AreaM2 = Math.Round(r.AreaSquareMeters, 1),
            }).ToList();
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(rows, ClueOutput.Json));
            }
            else
            {
                await output.WriteLineAsync("position\tcode\ttownship\tcooperating\tduplicate_of\tarea_m2");
                foreach (var (r, row) in preview.Rows.Zip(rows))
                {
                    await output.WriteLineAsync(string.Join('\t', r.Position, r.Code, r.TownshipCode ?? "(queue)", string.Join(",", r.CooperatingTownshipCodes),
                        r.DuplicateOf?.ToString(CultureInfo.InvariantCulture) ?? "", row.AreaM2.ToString("F1", CultureInfo.InvariantCulture)));
                }

                await output.WriteLineAsync(written is null
                    ? $"Dry run: {preview.Rows.Count} clues of {preview.DistrictCode}, {preview.Rows.Count(r => r.DuplicateOf is not null)} repeating open ones, {preview.Problems.Count} problems; nothing stored."
                    : $"Imported batch {written.BatchId}: {written.Created} new clues, {written.Merged} merged into open ones.");
            }

            return preview.Problems.Count == 0 ? 0 : CliFiles.BadInput;
        });
        return command;
    }
}
