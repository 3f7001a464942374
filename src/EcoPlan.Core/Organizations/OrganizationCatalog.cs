using EcoPlan.Core.Data;
using EcoPlan.Core.Plans;
using Microsoft.EntityFrameworkCore;

namespace EcoPlan.Core.Organizations;

public sealed record OrganizationEntry(int Id, string Name, OrganizationKind Kind, string RegionCode, string RegionName, int? ParentId, IReadOnlyList<string> Aliases);

/// <summary>The unit directory as people maintain it: listing, adding a spelling, merging a duplicate into the real entry.</summary>
public static class OrganizationCatalog
{
    public static Task<List<OrganizationEntry>> ListAsync(EcoPlanDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Organizations.AsNoTracking()
            .OrderBy(o => o.Region!.Code).ThenBy(o => o.Kind).ThenBy(o => o.Name)
            .Select(o => new OrganizationEntry(o.Id, o.Name, o.Kind, o.Region!.Code, o.Region.Name, o.ParentId, o.Aliases.OrderBy(a => a.Name).Select(a => a.Name).ToList()))
            .ToListAsync(cancellationToken);
    }

    public static Task<int?> RegionOfAsync(EcoPlanDbContext db, int organizationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Organizations.Where(o => o.Id == organizationId).Select(o => (int?)o.RegionId).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Adds a spelling; returns why not, or null when added.</summary>
    public static async Task<string?> AddAliasAsync(EcoPlanDbContext db, int organizationId, string alias, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var name = OrganizationDirectory.Normalize(alias ?? "");
        if (name.Length is < 2 or > 100)
        {
            return Localization.CoreText.Get("Organization_AliasLength");
        }

        if (await db.Organizations.AnyAsync(o => o.Name == name, cancellationToken))
        {
            return Localization.CoreText.Get("Organization_AliasIsFullName", name);
        }

        if (await db.OrganizationAliases.AnyAsync(a => a.OrganizationId == organizationId && a.Name == name, cancellationToken))
        {
            return Localization.CoreText.Get("Organization_AliasExists", name);
        }

        db.OrganizationAliases.Add(new OrganizationAlias { OrganizationId = organizationId, Name = name });
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// Merges a duplicate entry into the real one, in one transaction: every reference (assignments, target owners, leaders, users, child units, notices) moves to the target,
    /// the duplicate's names become the target's aliases, and the duplicate is deleted. Returns why not, or null.
    /// </summary>
    public static async Task<string?> MergeAsync(EcoPlanDbContext db, int sourceId, int targetId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (sourceId == targetId)
        {
            return Localization.CoreText.Get("Organization_MergeIntoItself");
        }

        var source = await db.Organizations.Include(o => o.Aliases).SingleAsync(o => o.Id == sourceId, cancellationToken);
        var target = await db.Organizations.Include(o => o.Aliases).SingleAsync(o => o.Id == targetId, cancellationToken);
        var clashingLeaders = await db.Leaders.Where(l => l.OrganizationId == sourceId)
            .Where(l => db.Leaders.Any(t => t.OrganizationId == targetId && t.Name == l.Name)).Select(l => l.Name).ToListAsync(cancellationToken);
        if (clashingLeaders.Count > 0)
        {
            return Localization.CoreText.Get("Organization_LeadersClash", string.Join("、", clashingLeaders));
        }

        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await PlanRevisions.StampPlansNamingAsync(db, [sourceId], cancellationToken);
            await db.MeasureAssignments.Where(a => a.OrganizationId == sourceId).ExecuteUpdateAsync(s => s.SetProperty(a => a.OrganizationId, targetId), cancellationToken);
            // A target owned by both keeps one owner row.
            await db.TargetOwners.Where(o => o.OrganizationId == sourceId && db.TargetOwners.Any(t => t.TargetId == o.TargetId && t.OrganizationId == targetId))
                .ExecuteDeleteAsync(cancellationToken);
            await db.TargetOwners.Where(o => o.OrganizationId == sourceId).ExecuteUpdateAsync(s => s.SetProperty(o => o.OrganizationId, targetId), cancellationToken);
            await db.Leaders.Where(l => l.OrganizationId == sourceId).ExecuteUpdateAsync(s => s.SetProperty(l => l.OrganizationId, targetId), cancellationToken);
            await db.Users.Where(u => u.OrganizationId == sourceId).ExecuteUpdateAsync(s => s.SetProperty(u => u.OrganizationId, targetId), cancellationToken);
            await db.Organizations.Where(o => o.ParentId == sourceId).ExecuteUpdateAsync(s => s.SetProperty(o => o.ParentId, targetId), cancellationToken);
            // Notices follow the unit; one the target already has (same event key) is dropped, not duplicated.
            await db.Notifications.Where(n => n.OrganizationId == sourceId && db.Notifications.Any(t => t.OrganizationId == targetId && t.Key == n.Key))
                .ExecuteDeleteAsync(cancellationToken);
            await db.Notifications.Where(n => n.OrganizationId == sourceId).ExecuteUpdateAsync(s => s.SetProperty(n => n.OrganizationId, targetId), cancellationToken);

            var names = source.Aliases.Select(a => a.Name).Append(source.Name).Where(n => n != target.Name && target.Aliases.All(a => a.Name != n)).Distinct().ToList();
            db.Organizations.Remove(source);
            await db.SaveChangesAsync(cancellationToken);
            foreach (var name in names)
            {
                target.Aliases.Add(new OrganizationAlias { Name = name });
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
        return null;
    }
}
