namespace EcoPlan.Core.Organizations;

public sealed record OrganizationEntry(int Id, string Name, OrganizationKind Kind, int RegionId, string RegionCode, string RegionName, int? ParentId, IReadOnlyList<string> Aliases);

/// <summary>The unit directory as people maintain it: listing and adding a spelling (merging a duplicate: <see cref="OrganizationMerging"/>).</summary>
public static class OrganizationCatalog
{
    public static Task<List<OrganizationEntry>> ListAsync(EcoPlanDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Organizations.AsNoTracking()
            .OrderBy(o => o.Region!.Code).ThenBy(o => o.Kind).ThenBy(o => o.Name)
            .Select(o => new OrganizationEntry(o.Id, o.Name, o.Kind, o.RegionId, o.Region!.Code, o.Region.Name, o.ParentId, o.Aliases.OrderBy(a => a.Name).Select(a => a.Name).ToList()))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Adds another spelling of a unit's name, for admins and the coordinators of the unit's region: not found, forbidden
    /// (naming the unit and its region) or invalid on field <c>name</c>.
    /// </summary>
    public static async Task<UseCaseResult<Done>> AddAliasAsync(EcoPlanDbContext db, Accounts.UserAccess user, int organizationId, string? alias, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        var unit = await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId)
            .Select(o => new { o.Name, o.RegionId, Region = o.Region!.Name }).SingleOrDefaultAsync(cancellationToken);
        if (unit is null)
        {
            return new UseCaseError.NotFound(Localization.CoreText.Get("Organization_NotFound", organizationId));
        }

        if (!user.CanManagePlansOf(unit.RegionId))
        {
            return new UseCaseError.Forbidden(Localization.CoreText.Get("Organization_AliasForbidden", unit.Name, unit.Region));
        }

        var name = OrganizationDirectory.Normalize(alias ?? "");
        if (name.Length is < 2 or > 100)
        {
            return new UseCaseError.Invalid("name", Localization.CoreText.Get("Organization_AliasLength"));
        }

        if (await db.Organizations.AnyAsync(o => o.Name == name, cancellationToken))
        {
            return new UseCaseError.Invalid("name", Localization.CoreText.Get("Organization_AliasIsFullName", name));
        }

        if (await db.OrganizationAliases.AnyAsync(a => a.OrganizationId == organizationId && a.Name == name, cancellationToken))
        {
            return new UseCaseError.Invalid("name", Localization.CoreText.Get("Organization_AliasExists", name));
        }

        db.OrganizationAliases.Add(new OrganizationAlias { OrganizationId = organizationId, Name = name });
        await db.SaveChangesAsync(cancellationToken);
        return new Done();
    }

    /// <summary>A unit's name, for the pages that show its history; null when there is no such unit.</summary>
    public static Task<string?> NameOfAsync(EcoPlanDbContext db, int organizationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Organizations.AsNoTracking().Where(o => o.Id == organizationId).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// The leaders whose portfolios <paramref name="user"/> may pick from: every leader for admins, coordinators and viewers,
    /// the leader himself or herself for a leader account, none for units.
    /// </summary>
    public static Task<List<LeaderEntry>> PortfolioLeadersAsync(EcoPlanDbContext db, Accounts.UserAccess user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        // The same rule as UserAccess.CanSeePortfolioOf, so the list offers exactly the portfolios that open.
        var leaders = db.Leaders.AsNoTracking();
        leaders = user.SeesEveryPortfolio ? leaders : leaders.Where(l => user.Role == Accounts.Roles.Leader && l.Id == user.LeaderId);
        return leaders.OrderBy(l => l.Organization!.Region!.Code).ThenBy(l => l.Name)
            .Select(l => new LeaderEntry(l.Id, l.Name, l.Title, l.Organization!.Name, l.Organization.Region!.Name))
            .ToListAsync(cancellationToken);
    }
}

public sealed record LeaderEntry(int Id, string Name, string? Title, string OrganizationName, string RegionName);
