using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace EcoPlan.Core.Spatial;

/// <summary>
/// GeoJSON: a FeatureCollection, a Feature or a bare geometry. The features array is walked with a forward JSON
/// reader, one feature parsed at a time, so a broken feature is a problem at its position and the rest still
/// read. The old-style <c>crs</c> member ({"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4527"}},
/// "EPSG:4490", OGC CRS84) is honoured for the supported codes and refused by name for others; without it the
/// system is guessed from the coordinates (RFC 7946 lon/lat, or Gauss-Krüger eastings with their zone prefix).
/// </summary>
internal static class GeoJsonFileReader
{
    private static readonly JsonSerializerOptions s_options = new() { Converters = { new GeoJsonConverterFactory() }, MaxDepth = 64 };
    private static readonly JsonReaderOptions s_reader = new() { MaxDepth = 64, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
    private static readonly string[] s_geometryTypes = ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection"];

    public static GeoReadResult Read(byte[] content, string fileName, GeoReadOptions options)
    {
        var collector = new GeoCollector(fileName, options);
        JsonElement? crs = null;
        var sawFeatures = false;
        try
        {
            var reader = new Utf8JsonReader(content, s_reader);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new GeoFileException(CoreText.Get("Geo_JsonNoGeometry"));
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                if (name == "features" && reader.TokenType == JsonTokenType.StartArray)
                {
                    sawFeatures = true;
                    var index = 0;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        using var feature = JsonDocument.ParseValue(ref reader);
                        AddFeature(collector, feature.RootElement, CoreText.Get("Geo_Feature", ++index));
                    }
                }
                else if (name == "crs")
                {
                    using var document = JsonDocument.ParseValue(ref reader);
                    crs = document.RootElement.Clone();
                }
                else
                {
                    reader.Skip();
                }
            }

            if (!sawFeatures)
            {
                using var document = JsonDocument.Parse(content, new JsonDocumentOptions { MaxDepth = 64, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
                var root = document.RootElement;
                var type = root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                if (type == "Feature")
                {
                    AddFeature(collector, root, CoreText.Get("Geo_Feature", 1));
                }
                else if (s_geometryTypes.Contains(type))
                {
                    var position = CoreText.Get("Geo_Feature", 1);
                    if (TryReadGeometry(collector, root, position, out var geometry))
                    {
                        collector.Add(position, geometry, GeoCollector.NewAttributes());
                    }
                }
                else
                {
                    throw new GeoFileException(CoreText.Get("Geo_JsonNoGeometry"));
                }
            }
        }
        catch (JsonException ex)
        {
            throw new GeoFileException(CoreText.Get("Geo_JsonInvalid", Data.SetupException.OneLine(ex.Message)));
        }

        var (declared, refusal) = crs is { } member ? Declared(member) : (null, null);
        return collector.Finish(declared, refusal);
    }

    private static void AddFeature(GeoCollector collector, JsonElement feature, string position)
    {
        if (feature.ValueKind != JsonValueKind.Object)
        {
            collector.Refuse(position, null, CoreText.Get("Geo_JsonFeatureInvalid", feature.ValueKind));
            return;
        }

        var attributes = GeoCollector.NewAttributes();
        if (feature.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                attributes[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.Null or JsonValueKind.Undefined => null,
                    JsonValueKind.String => property.Value.GetString(),
                    _ => property.Value.GetRawText(),
                };
            }
        }

        if (feature.TryGetProperty("id", out var id) && !attributes.ContainsKey("id"))
        {
            attributes["id"] = id.ValueKind == JsonValueKind.String ? id.GetString() : id.GetRawText();
        }

        Geometry? geometry = null;
        if (feature.TryGetProperty("geometry", out var g) && g.ValueKind == JsonValueKind.Object && !TryReadGeometry(collector, g, position, out geometry))
        {
            return;
        }

        collector.Add(position, geometry, attributes);
    }

    /// <summary>False, with the problem recorded, when the geometry member cannot be read.</summary>
    private static bool TryReadGeometry(GeoCollector collector, JsonElement element, string position, out Geometry? geometry)
    {
        try
        {
            geometry = element.Deserialize<Geometry>(s_options);
            return true;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException or FormatException or InvalidCastException)
        {
            collector.Refuse(position, "geometry", CoreText.Get("Geo_JsonFeatureInvalid", Data.SetupException.OneLine(ex.Message)));
            geometry = null;
            return false;
        }
    }

    /// <summary>The system an old-style crs member names: (system, null), or (null, refusal) when it names one EcoPlan does not support.</summary>
    private static (CoordinateSystem?, string?) Declared(JsonElement crs)
    {
        string? name = null;
        if (crs.ValueKind == JsonValueKind.Object && crs.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            if (properties.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String)
            {
                name = n.GetString();
            }
            else if (properties.TryGetProperty("code", out var c))
            {
                name = "EPSG:" + c.GetRawText().Trim('"');
            }
        }

        if (name is null)
        {
            return (null, null);
        }

        if (name.EndsWith("CRS84", StringComparison.OrdinalIgnoreCase))
        {
            return (CoordinateSystems.FromEpsg(CoordinateSystems.Wgs84), null);
        }

        var at = name.LastIndexOf("EPSG", StringComparison.OrdinalIgnoreCase);
        var digits = at < 0 ? "" : new string([.. name[(at + 4)..].SkipWhile(ch => !char.IsAsciiDigit(ch)).TakeWhile(char.IsAsciiDigit)]);
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return (null, CoreText.Get("Geo_CrsNameUnknown", name));
        }

        var system = CoordinateSystems.FromEpsg(code);
        return system is null ? (null, CoordinateSystems.UnsupportedMessage(CoordinateSystems.Describe(code))) : (system, null);
    }
}
