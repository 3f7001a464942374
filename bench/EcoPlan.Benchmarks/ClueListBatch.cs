using System.Globalization;
using System.Text.Json;
using EcoPlan.Core.Spatial;
using NetTopologySuite.Geometries;

namespace EcoPlan.Benchmarks;

/// <summary>
/// `clue-list-batch BOUNDARIES CODE N OTHERS FILE` (bench/clue-list.sh): a GeoJSON batch of N small clue polygons
/// inside the township CODE of the boundary file and OTHERS spread over the other townships, so the township's list
/// of N is read out of a larger table. Deterministic (fixed seed), 7-vertex polygons of about 50 m as in the sample.
/// </summary>
internal static class ClueListBatch
{
    public static void Write(string boundaries, string code, int count, int others, string output)
    {
        using var input = File.OpenRead(boundaries);
        var townships = BoundaryFile.ReadAsync(input, Path.GetFileName(boundaries), CancellationToken.None).GetAwaiter().GetResult().Boundaries;
        var own = townships.Single(b => b.Code == code).LonLat;
        var rest = townships.Where(b => b.Code != code).Select(b => b.LonLat).ToList();
        var random = new Random(2026);
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        var written = 0;
        using var file = File.Create(output);
        using var json = new Utf8JsonWriter(file);
        json.WriteStartObject();
        json.WriteString("type", "FeatureCollection");
        json.WriteStartArray("features");
        void Feature(Geometry within)
        {
            var box = within.EnvelopeInternal;
            Point centre;
            do
            {
                centre = factory.CreatePoint(new Coordinate(box.MinX + (random.NextDouble() * box.Width), box.MinY + (random.NextDouble() * box.Height)));
            }
            while (!within.Contains(centre));

            written++;
            json.WriteStartObject();
            json.WriteString("type", "Feature");
            json.WriteStartObject("geometry");
            json.WriteString("type", "Polygon");
            json.WriteStartArray("coordinates");
            json.WriteStartArray();
            for (var i = 0; i <= 6; i++)
            {
                var angle = 2 * Math.PI * (i % 6) / 6;
                json.WriteStartArray();
                json.WriteNumberValue(Math.Round(centre.X + (0.0003 * Math.Cos(angle)), 6));
                json.WriteNumberValue(Math.Round(centre.Y + (0.0002 * Math.Sin(angle)), 6));
                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteString("图斑编号", string.Create(CultureInfo.InvariantCulture, $"BL{written:000000}"));
            json.WriteString("活动类型", "其他人工设施");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        for (var i = 0; i < count; i++)
        {
            Feature(own);
        }

        for (var i = 0; i < others; i++)
        {
            Feature(rest[i % rest.Count]);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        Console.WriteLine($"{output}: {count} clues in {code}, {others} in {rest.Count} other townships");
    }
}
