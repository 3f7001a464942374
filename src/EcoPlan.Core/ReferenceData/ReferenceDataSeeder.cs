using System.Text.Json;
using System.Text.Json.Serialization;
using EcoPlan.Core.Organizations;
using EcoPlan.Core.Regions;

namespace EcoPlan.Core.ReferenceData;

/// <summary>
/// Loads the regions and the unit directory shipped with EcoPlan. Idempotent: a second run changes
/// nothing, and a new release that adds regions, units or aliases adds only those. It never deletes,
/// because plans may refer to what an administrator added by hand.
/// </summary>
public static class ReferenceDataSeeder
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    public static async Task<SeedResult> SeedAsync(EcoPlanDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var regionFile = Read<RegionFile>("regions.json");
        var organizationFile = Read<OrganizationFile>("organizations.json");
        var result = new SeedResult();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var regions = await db.Regions.ToDictionaryAsync(r => r.Code, cancellationToken);
        foreach (var row in regionFile.Regions)
        {
            if (!regions.TryGetValue(row.Code, out var region))
            {
                region = new Region { Code = row.Code, Name = row.Name };
                db.Regions.Add(region);
                regions.Add(row.Code, region);
                result.Regions++;
            }

            region.Name = row.Name;
            region.Level = row.Level;
            region.Parent = row.Parent is null ? null : regions[row.Parent];
        }

        var organizations = await db.Organizations.Include(o => o.Aliases).ToDictionaryAsync(o => o.Name, cancellationToken);
        foreach (var row in organizationFile.Organizations.Concat(TownshipGovernments(regionFile)))
        {
            if (!organizations.TryGetValue(row.Name, out var organization))
            {
                organization = new Organization { Name = row.Name };
                db.Organizations.Add(organization);
                organizations.Add(row.Name, organization);
                result.Organizations++;
            }

            organization.Kind = row.Kind;
            organization.Region = regions[row.Region];
            organization.Parent = row.Parent is null ? null : organizations[row.Parent];
            foreach (var alias in row.Aliases.Where(a => organization.Aliases.All(existing => existing.Name != a)))
            {
                organization.Aliases.Add(new OrganizationAlias { Name = alias });
                result.Aliases++;
            }
        }

        var leaders = await db.Leaders.Select(l => new { l.Name, OrganizationName = l.Organization!.Name }).ToListAsync(cancellationToken);
        foreach (var row in organizationFile.Leaders.Where(r => !leaders.Any(l => l.Name == r.Name && l.OrganizationName == r.Organization)))
        {
            db.Leaders.Add(new Leader { Name = row.Name, Title = row.Title, Organization = organizations[row.Organization] });
            result.Leaders++;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>Every town and street is also a unit of work: its government verifies clues and reports.</summary>
    private static IEnumerable<OrganizationRow> TownshipGovernments(RegionFile file)
    {
        var names = file.Regions.ToDictionary(r => r.Code, r => r.Name);
        foreach (var township in file.Regions.Where(r => r.Level == RegionLevel.Township))
        {
            var isStreet = township.Name.EndsWith("街道", StringComparison.Ordinal);
            var office = isStreet ? "办事处" : "人民政府";
            var district = names[township.Parent!];
            string[] aliases = isStreet
                ? [township.Name, township.Name + "办事处"]
                : [township.Name, township.Name + "政府", township.Name + "人民政府"];
            yield return new OrganizationRow($"{district}{township.Name}{office}", OrganizationKind.Township, township.Code, null, aliases);
        }
    }

    private static T Read<T>(string name)
    {
        using var stream = typeof(ReferenceDataSeeder).Assembly.GetManifestResourceStream($"EcoPlan.ReferenceData.{name}")
            ?? throw new InvalidOperationException($"Reference data {name} is not embedded in {typeof(ReferenceDataSeeder).Assembly.GetName().Name}.");
        return JsonSerializer.Deserialize<T>(stream, s_json) ?? throw new InvalidOperationException($"Reference data {name} is empty.");
    }

    private sealed record RegionFile(string Source, IReadOnlyList<RegionRow> Regions);
    private sealed record RegionRow(string Code, string Name, RegionLevel Level, string? Parent);
    private sealed record OrganizationFile(IReadOnlyList<OrganizationRow> Organizations, IReadOnlyList<LeaderRow> Leaders);
    private sealed record OrganizationRow(string Name, OrganizationKind Kind, string Region, string? Parent, IReadOnlyList<string> Aliases);
    private sealed record LeaderRow(string Name, string? Title, string Organization);
}

/// <summary>How many rows a seeding run added.</summary>
public sealed class SeedResult
{
    public int Regions { get; set; }
    public int Organizations { get; set; }
    public int Aliases { get; set; }
    public int Leaders { get; set; }
    public bool ChangedAnything => Regions + Organizations + Aliases + Leaders > 0;
}
