using EcoPlan.Core.Regions;
using NetTopologySuite.Geometries;

namespace EcoPlan.Core.Clues;

/// <summary>One boundary as a file gives it: the township's GB/T 2260 code, its name when given, the polygon in lon/lat.</summary>
public sealed record BoundaryInput(string Code, string? Name, Geometry LonLat, string Position);

/// <summary>What a boundary import did: per district, how many townships got a boundary (new or replaced).</summary>
public sealed record BoundaryImportResult(int Imported, int Replaced, IReadOnlyList<string> Districts);

/// <summary>
/// The township boundaries clues are assigned by (<c>ecoplan region boundaries import FILE</c>): each feature keyed by a
/// township of the directory; all or nothing; a township's boundary replaced by the newer file.
/// </summary>
public sealed class TownshipBoundaries(EcoPlanDbContext db, TimeProvider time)
{
    public async Task<UseCaseResult<BoundaryImportResult>> ImportAsync(UserAccess user, IReadOnlyList<BoundaryInput> boundaries, string sourceFile,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(boundaries);
        if (boundaries.Count == 0)
        {
            return new UseCaseError.Invalid("file", CoreText.Get("Boundary_Empty", sourceFile));
        }

        var codes = boundaries.Select(b => Normalized(b.Code)).Distinct().ToList();
        var townships = await db.Regions.AsNoTracking().Include(r => r.Parent)
            .Where(r => codes.Contains(r.Code) && r.Level == RegionLevel.Township).ToDictionaryAsync(r => r.Code, cancellationToken);
        var errors = new List<string>();
        foreach (var boundary in boundaries)
        {
            if (!townships.ContainsKey(Normalized(boundary.Code)))
            {
                errors.Add(CoreText.Get("Boundary_UnknownCode", sourceFile, boundary.Position, boundary.Code));
            }
            else if (boundary.LonLat is not (Polygon or MultiPolygon) || boundary.LonLat.IsEmpty || !boundary.LonLat.IsValid)
            {
                errors.Add(CoreText.Get("Boundary_NotAPolygon", sourceFile, boundary.Position, boundary.Code));
            }
        }

        foreach (var repeated in boundaries.GroupBy(b => Normalized(b.Code)).Where(g => g.Count() > 1))
        {
            errors.Add(CoreText.Get("Boundary_Repeated", sourceFile, repeated.Key, string.Join("、", repeated.Select(b => b.Position))));
        }

        if (errors.Count > 0)
        {
            return new UseCaseError.Invalid(string.Join("\n", errors.Take(50)), new Dictionary<string, string[]> { ["file"] = [.. errors] });
        }

        var access = new ClueAccess(db);
        foreach (var district in townships.Values.Select(t => t.Parent!).DistinctBy(d => d.Id))
        {
            if (!await access.ReviewsAsync(user, district.Id, cancellationToken))
            {
                return new UseCaseError.Forbidden(CoreText.Get("Boundary_OnlyReviewer", district.Name));
            }
        }

        var ids = townships.Values.Select(t => t.Id).ToList();
        var existing = await db.TownshipBoundaries.Where(b => ids.Contains(b.RegionId)).ToDictionaryAsync(b => b.RegionId, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var boundary in boundaries)
        {
            var region = townships[Normalized(boundary.Code)];
            if (!existing.TryGetValue(region.Id, out var row))
            {
                row = new TownshipBoundary { RegionId = region.Id, Geometry = [] };
                db.TownshipBoundaries.Add(row);
            }

            row.Geometry = ClueGeometry.Write(boundary.LonLat);
            row.SourceFile = Path.GetFileName(sourceFile) is { Length: <= 260 } name ? name : "";
            row.ImportedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        return new BoundaryImportResult(boundaries.Count - existing.Count, existing.Count,
            [.. townships.Values.Select(t => t.Parent!.Name).Distinct().Order(StringComparer.Ordinal)]);
    }

    /// <summary>The boundaries of a district's townships, by township code, for assigning clues.</summary>
    public async Task<IReadOnlyList<(string Code, int RegionId, Geometry LonLat)>> OfDistrictAsync(int districtRegionId, CancellationToken cancellationToken = default)
    {
        var rows = await db.TownshipBoundaries.AsNoTracking().Where(b => b.Region!.ParentId == districtRegionId)
            .Select(b => new { b.Region!.Code, b.RegionId, b.Geometry }).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.Code, StringComparer.Ordinal).Select(r => (r.Code, r.RegionId, ClueGeometry.Read(r.Geometry)))];
    }

    /// <summary>The 9-digit statistical code of a 12-digit one (110112005000 → 110112005); others as given.</summary>
    public static string Normalized(string code)
    {
        var trimmed = (code ?? "").Trim();
        return trimmed.Length == 12 && trimmed.EndsWith("000", StringComparison.Ordinal) ? trimmed[..9] : trimmed;
    }
}
