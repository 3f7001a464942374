using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcoPlan.Core.Clues;
using NetTopologySuite.IO.Converters;

namespace EcoPlan.Cli.Clues;

/// <summary>How the clue commands print: snake_case JSON, Chinese left readable, geometry as GeoJSON.</summary>
internal static class ClueOutput
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new GeoJsonConverterFactory() },
    };

    public static object Row(ClueSummary c) => new
    {
        c.Id, c.Code, State = c.State.ToString(), Outcome = c.Outcome?.ToString(), TownshipCode = c.Township?.Code, Township = c.Township?.Name,
        AreaM2 = Math.Round(c.AreaSquareMeters, 1), c.BatchId, Batch = c.BatchName, Source = c.Source.ToString(), Activity = c.ActivityType.ToString(), c.Overdue,
    };

    public static string FeatureCollection(IEnumerable<ClueSummary> clues)
    {
        var features = new JsonArray();
        foreach (var c in clues.Where(c => c.Geometry is not null))
        {
            features.Add(new JsonObject
            {
                ["type"] = "Feature",
                ["id"] = c.Id,
                ["geometry"] = JsonSerializer.SerializeToNode(c.Geometry, Json),
                ["properties"] = JsonSerializer.SerializeToNode(Row(c), Json),
            });
        }

        return new JsonObject { ["type"] = "FeatureCollection", ["features"] = features }.ToJsonString(Json);
    }
}
