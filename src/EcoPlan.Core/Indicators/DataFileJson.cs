using System.Text.Json;
using System.Text.Json.Serialization;

namespace EcoPlan.Core.Indicators;

/// <summary>
/// How the indicator methods' data files are read (methodologies, weights, GEP-R services, compensation rules): snake_case
/// names, a member EcoPlan does not know is an error rather than ignored, comments and trailing commas allowed, enumerations
/// by name only.
/// </summary>
internal static class DataFileJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };
}
