using System.Text.Json;
using System.Text.Json.Nodes;
using EcoPlan.Core.Clues;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace EcoPlan.Web.Clues;

/// <summary>Clues as the API writes them: geometry as a GeoJSON object, a list as a GeoJSON FeatureCollection when asked.</summary>
public static class ClueJson
{
    public const string GeoJsonType = "application/geo+json";

    private static readonly JsonSerializerOptions s_geoJson = new() { Converters = { new GeoJsonConverterFactory() } };

    public static JsonObject Geometry(Geometry geometry) => JsonSerializer.SerializeToNode(geometry, s_geoJson)!.AsObject();

    /// <summary>The page's clues as features, their list fields as properties (state and source by name).</summary>
    public static JsonObject FeatureCollection(ClueListPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var features = new JsonArray();
        foreach (var clue in page.Items.Where(c => c.Geometry is not null))
        {
            features.Add(new JsonObject
            {
                ["type"] = "Feature",
                ["id"] = clue.Id,
                ["geometry"] = Geometry(clue.Geometry!),
                ["properties"] = new JsonObject
                {
                    ["code"] = clue.Code,
                    ["batch"] = clue.BatchName,
                    ["source"] = clue.Source.ToString(),
                    ["township_code"] = clue.Township?.Code,
                    ["township"] = clue.Township?.Name,
                    ["state"] = clue.State.ToString(),
                    ["state_label"] = ClueLabels.State(clue.State),
                    ["outcome"] = clue.Outcome?.ToString(),
                    ["activity"] = clue.ActivityType.ToString(),
                    ["area_m2"] = Math.Round(clue.AreaSquareMeters, 1),
                    ["overdue"] = clue.Overdue,
                },
            });
        }

        return new JsonObject { ["type"] = "FeatureCollection", ["total"] = page.Total, ["page"] = page.Page, ["features"] = features };
    }
}
