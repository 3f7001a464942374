using NetTopologySuite.Geometries;

namespace EcoPlan.Core.Spatial;

/// <summary>One township (or other unit) boundary: its GB/T 2260 code, its name when the file gives one, its polygon in lon/lat.</summary>
public sealed record Boundary(string Code, string? Name, Geometry LonLat, string Position);

/// <summary>The boundaries a file held and every problem; <see cref="Crs"/> as the file was read.</summary>
public sealed record BoundaryReadResult(CoordinateSystem? Crs, IReadOnlyList<Boundary> Boundaries, IReadOnlyList<GeoProblem> Problems)
{
    public bool HasProblems => Problems.Count > 0;
}

/// <summary>
/// A boundary layer in any format <see cref="GeoFileReader"/> reads, one polygon feature per unit, keyed by its
/// GB/T 2260 code in the attribute <c>code</c> or a synonym (区划代码, 行政区划代码, XZQDM, ADCODE; any case): 6 digits
/// (county), 9 (township, 乡镇街道) or 12 (village), digits only; a numeric attribute written as "110112001.0" is
/// read as its digits. The name comes from name, 名称, XZQMC (or 区划名称, 行政区划名称). A missing or malformed code,
/// a code given twice, or a point feature is a problem at the feature. An invalid polygon (a self-intersection) is
/// a problem too; its boundary is kept with the repaired polygon, so the caller sees both.
/// </summary>
public static class BoundaryFile
{
    public static readonly string[] CodeAttributes = ["code", "区划代码", "行政区划代码", "XZQDM", "ADCODE"];
    public static readonly string[] NameAttributes = ["name", "名称", "XZQMC", "区划名称", "行政区划名称"];

    public static async Task<BoundaryReadResult> ReadAsync(Stream content, string fileName, CancellationToken ct, GeoReadOptions? options = null) =>
        FromFeatures(await GeoFileReader.ReadAsync(content, fileName, ct, options).ConfigureAwait(false));

    /// <summary>The boundaries of features already read.</summary>
    public static BoundaryReadResult FromFeatures(GeoReadResult read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var problems = read.Problems.ToList();
        var boundaries = new List<Boundary>();
        var firstAt = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var feature in read.Features)
        {
            var raw = feature.Attribute(CodeAttributes);
            if (raw is null)
            {
                problems.Add(new GeoProblem(feature.Position, "code", CoreText.Get("Geo_BoundaryNoCode", string.Join("、", CodeAttributes))));
                continue;
            }

            var code = Normalise(raw);
            if (code is null)
            {
                problems.Add(new GeoProblem(feature.Position, "code", CoreText.Get("Geo_BoundaryBadCode", raw)));
                continue;
            }

            if (feature.LonLat is not (Polygon or MultiPolygon))
            {
                problems.Add(new GeoProblem(feature.Position, "geometry", CoreText.Get("Geo_BoundaryNotPolygon", code, feature.LonLat.GeometryType)));
                continue;
            }

            if (!firstAt.TryAdd(code, feature.Position))
            {
                problems.Add(new GeoProblem(feature.Position, "code", CoreText.Get("Geo_BoundaryDuplicate", code, firstAt[code])));
                continue;
            }

            // The reader has already reported an invalid polygon at this position.
            boundaries.Add(new Boundary(code, feature.Attribute(NameAttributes), feature.Repaired ?? feature.LonLat, feature.Position));
        }

        return new BoundaryReadResult(read.Crs, boundaries, problems);
    }

    /// <summary>The code's digits when it is a 6-, 9- or 12-digit GB/T 2260 code (a trailing ".0" of a numeric field dropped); else null.</summary>
    public static string? Normalise(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var text = code.Trim();
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && text[(dot + 1)..].All(c => c == '0'))
        {
            text = text[..dot];
        }

        return text.Length is 6 or 9 or 12 && text.All(char.IsAsciiDigit) ? text : null;
    }
}
