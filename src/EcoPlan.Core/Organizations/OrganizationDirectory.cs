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
    public async Task<OrganizationMatch> ResolveAsync(string printedName, string? contextRegionCode, CancellationToken cancellationToken = default) =>
        (await ResolveManyAsync([printedName], contextRegionCode, cancellationToken))[0];

    /// <summary>Resolves many names in one query (an import resolves every unit of a plan at once), in the order given.</summary>
    public async Task<IReadOnlyList<OrganizationMatch>> ResolveManyAsync(IReadOnlyList<string> printedNames, string? contextRegionCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(printedNames);
        var names = printedNames.Select(Normalize).ToList();
        var wanted = names.Where(n => n.Length > 0).Distinct().ToList();
        var rows = wanted.Count == 0
            ? []
            : await db.Organizations.AsNoTracking()
                .Where(o => wanted.Contains(o.Name) || o.Aliases.Any(a => wanted.Contains(a.Name)))
                .Select(o => new { o.Id, o.Name, RegionCode = o.Region!.Code, Aliases = o.Aliases.Select(a => a.Name).ToList() })
                .ToListAsync(cancellationToken);

        return [.. names.Select(name =>
        {
            var candidates = rows.Where(o => o.Name == name || o.Aliases.Contains(name))
                .Select(o => new OrganizationCandidate(o.Id, o.Name, o.RegionCode)).ToList();
            if (candidates.Count > 1 && contextRegionCode is not null && candidates.Where(c => c.RegionCode == contextRegionCode).ToList() is { Count: > 0 } local)
            {
                candidates = local;
            }

            return new OrganizationMatch(name, candidates.Count == 1 ? candidates[0] : null, candidates);
        })];
    }
}

public sealed record OrganizationCandidate(int Id, string Name, string RegionCode);

/// <summary>The outcome of resolving one name: exactly one organization, several, or none.</summary>
public sealed record OrganizationMatch(string NormalizedName, OrganizationCandidate? Organization, IReadOnlyList<OrganizationCandidate> Candidates)
{
    public bool IsResolved => Organization is not null;
    public bool IsAmbiguous => Candidates.Count > 1;
}
