using System.Globalization;
using System.Text.Json;
using EcoPlan.Core.Spatial;
using NetTopologySuite.Geometries;

namespace EcoPlan.Benchmarks;

/// <summary>
/// `clue-list-batch BOUNDARIES CODE N OTHERS FILE` (bench/clue-list.sh): a GeoJSON batch of N small clue polygons
/// inside the township CODE of the boundary file and OTHERS spread over the other townships, so the township's list
/// of N is read out of a larger table. Deterministic (fixed seed); hexagons that never overlap.
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
        var origin = new Coordinate(townships.Min(t => t.LonLat.EnvelopeInternal.MinX), townships.Min(t => t.LonLat.EnvelopeInternal.MinY));
        // Centres on one grid over the whole district, fine enough for the township to hold its n, taken in a shuffled
        // order; each polygon a quarter of the spacing across, so no two overlap (a batch must not list a place twice).
        double Spacing(Geometry township, int n)
        {
            var box = township.EnvelopeInternal;
            var spacing = Math.Max(box.Width, box.Height) / 10;
            while (Cells(township, spacing).Count < n)
            {
                spacing /= 1.5;
            }

            return spacing;
        }

        List<Coordinate> Cells(Geometry within, double spacing)
        {
            var box = within.EnvelopeInternal;
            var cells = new List<Coordinate>();
            for (var x = origin.X + (Math.Ceiling((box.MinX - origin.X) / spacing) * spacing); x < box.MaxX; x += spacing)
            {
                for (var y = origin.Y + (Math.Ceiling((box.MinY - origin.Y) / spacing) * spacing); y < box.MaxY; y += spacing)
                {
                    if (within.Contains(factory.CreatePoint(new Coordinate(x, y))))
                    {
                        cells.Add(new Coordinate(x, y));
                    }
                }
            }

            return cells;
        }

        IEnumerable<(Coordinate, double)> Grid(Geometry within, int n, double spacing) =>
            [.. Cells(within, spacing).OrderBy(_ => random.Next()).Take(n).Select(c => (c, spacing / 4))];

        var grid = Math.Min(Spacing(own, count), rest.Min(t => Spacing(t, (others + rest.Count - 1) / rest.Count)));
        var places = new List<(Coordinate Centre, double Radius)>();
        places.AddRange(Grid(own, count, grid));
        var perTownship = (others + rest.Count - 1) / rest.Count;
        places.AddRange(rest.SelectMany(t => Grid(t, perTownship, grid)).Take(others));
        using var file = File.Create(output);
        using var json = new Utf8JsonWriter(file);
        json.WriteStartObject();
        json.WriteString("type", "FeatureCollection");
        json.WriteStartArray("features");
        var written = 0;
        foreach (var (centre, radius) in places)
        {
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
                json.WriteNumberValue(Math.Round(centre.X + (radius * Math.Cos(angle)), 7));
                json.WriteNumberValue(Math.Round(centre.Y + (radius * 0.77 * Math.Sin(angle)), 7));
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

        json.WriteEndArray();
        json.WriteEndObject();
        Console.WriteLine($"{output}: {count} clues in {code}, {others} in {rest.Count} other townships");
    }
}
