using System.Text.Json;

namespace EcoPlan.Core.Regions;

/// <summary>The region codes and names shipped with EcoPlan (ReferenceData/regions.json), without a database.</summary>
public static class RegionCatalog
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> s_names = new(Load);

    /// <summary>Region code (GB/T 2260, township codes of 9 digits) → name.</summary>
    public static IReadOnlyDictionary<string, string> Names => s_names.Value;

    private static Dictionary<string, string> Load()
    {
        using var stream = typeof(RegionCatalog).Assembly.GetManifestResourceStream("EcoPlan.ReferenceData.regions.json")
            ?? throw new InvalidOperationException("The resource EcoPlan.ReferenceData.regions.json is not embedded.");
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.GetProperty("regions").EnumerateArray()
            .ToDictionary(r => r.GetProperty("code").GetString()!, r => r.GetProperty("name").GetString()!, StringComparer.Ordinal);
    }
}
