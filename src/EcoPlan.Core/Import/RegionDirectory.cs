using System.Text.Json;
using EcoPlan.Core.Plans;

namespace EcoPlan.Core.Import;

/// <summary>The regions of the embedded regions.json, to name the region a plan's text speaks of.</summary>
internal sealed class RegionDirectory
{
    private static readonly Lazy<RegionDirectory> s_default = new(Load);
    private readonly List<(string Name, string Level)> _regions;

    private RegionDirectory(List<(string Name, string Level)> regions) => _regions = regions;

    public static RegionDirectory Default => s_default.Value;

    /// <summary>
    /// The region of the plan's level the text mentions most (通州 in 市规划自然资源委通州分局, 通州段), or null.
    /// Names are counted without their 市/区/县 suffix, as documents write 北京经济技术开发区 or 通州分局.
    /// </summary>
    public string? FindIssuer(string text, PlanLevel level)
    {
        var wanted = level switch
        {
            PlanLevel.Municipal => "Province",
            PlanLevel.District => "County",
            PlanLevel.Township => "Township",
        };
        return _regions
            .Where(r => r.Level == wanted)
            .Select(r => (r.Name, Count: Count(text, Short(r.Name))))
            .Where(r => r.Count > 0)
            .OrderByDescending(r => r.Count)
            .Select(r => r.Name)
            .FirstOrDefault();
    }

    private static string Short(string name) =>
        name.Length > 2 && name[^1] is '市' or '区' or '县' ? name[..^1] : name;

    private static int Count(string text, string name)
    {
        var count = 0;
        for (var at = text.IndexOf(name, StringComparison.Ordinal); at >= 0; at = text.IndexOf(name, at + name.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static RegionDirectory Load()
    {
        using var stream = typeof(RegionDirectory).Assembly.GetManifestResourceStream("EcoPlan.ReferenceData.regions.json")
            ?? throw new InvalidOperationException("Reference data regions.json is not embedded in EcoPlan.Core.");
        using var document = JsonDocument.Parse(stream);
        return new RegionDirectory([.. document.RootElement.GetProperty("regions").EnumerateArray()
            .Select(r => (r.GetProperty("name").GetString()!, r.GetProperty("level").GetString()!))]);
    }
}
