using EcoPlan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EcoPlan.Core.Organizations;

/// <summary>Resolves a unit name as a document prints it to one organization of the directory.</summary>
public sealed class OrganizationDirectory(EcoPlanDbContext db)
{
    /// <summary>Removes every kind of whitespace: documents break unit names across lines and pad them with spaces.</summary>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return string.Concat(name.Where(c => !char.IsWhiteSpace(c)));
    }

    /// <summary>
    /// Finds the organization a printed name means. A short name shared by several districts (区水务局) is
    /// decided by <paramref name="contextRegionCode"/>: the region of the plan the name appears in.
    /// </summary>
    public async Task<OrganizationMatch> ResolveAsync(string printedName, string? contextRegionCode, CancellationToken cancellationToken = default)
    {
        var name = Normalize(printedName);
        if (name.Length == 0)
        {
            return new OrganizationMatch(name, null, []);
        }

        var candidates = await db.Organizations.AsNoTracking()
            .Where(o => o.Name == name || o.Aliases.Any(a => a.Name == name))
            .Select(o => new OrganizationCandidate(o.Id, o.Name, o.Region!.Code))
            .ToListAsync(cancellationToken);

        if (candidates.Count > 1 && contextRegionCode is not null)
        {
            var local = candidates.Where(c => c.RegionCode == contextRegionCode).ToList();
            if (local.Count > 0)
            {
                candidates = local;
            }
        }

        return new OrganizationMatch(name, candidates.Count == 1 ? candidates[0] : null, candidates);
    }
}

public sealed record OrganizationCandidate(int Id, string Name, string RegionCode);

/// <summary>The outcome of resolving one name: exactly one organization, several, or none.</summary>
public sealed record OrganizationMatch(string NormalizedName, OrganizationCandidate? Organization, IReadOnlyList<OrganizationCandidate> Candidates)
{
    public bool IsResolved => Organization is not null;
    public bool IsAmbiguous => Candidates.Count > 1;
}
