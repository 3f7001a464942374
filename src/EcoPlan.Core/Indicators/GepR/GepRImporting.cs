using EcoPlan.Core.Regions;

namespace EcoPlan.Core.Indicators.GepR;

/// <summary>What a user may load into the GEP-R ledger: quantities of some region, prices (which hold for every region).</summary>
public sealed record GepRImportRights(bool Quantities, bool Prices)
{
    public bool Any => Quantities || Prices;
}

/// <summary>
/// GEP-R quantities and prices loaded by a user, all or nothing (<see cref="GepRStore.ImportAsync"/>): a coordinator loads
/// quantities of his or her region and the regions under it; prices hold for every region, so only admins and the
/// coordinators of a top region (北京市) load them. The page asks <see cref="RightsAsync"/> which forms to offer; the import decides by the same rule.
/// </summary>
public sealed class GepRImporting(EcoPlanDbContext db, TimeProvider time)
{
    public async Task<GepRImportRights> RightsAsync(UserAccess user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var parents = await ParentsAsync(cancellationToken);
        return new GepRImportRights(parents.Keys.Any(r => MayImport(user, r, parents)), MayImportPrices(user, parents));
    }

    /// <summary>
    /// Imports the files for <paramref name="user"/>: forbidden (naming the regions and the region column) when a file
    /// holds what the user may not load; invalid with every error by file, row and column under the field of its file
    /// (<c>quantities</c>, <c>prices</c>); else how many lines and prices were stored.
    /// </summary>
    public async Task<UseCaseResult<GepRImportResult>> ImportAsync(UserAccess user, GepRInputFile? quantities, GepRInputFile? prices, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var parents = await ParentsAsync(cancellationToken);
        if (prices is not null && !MayImportPrices(user, parents))
        {
            return new UseCaseError.Forbidden(CoreText.Get("GepR_PricesForbidden"));
        }

        var result = await new GepRStore(db, time).ImportAsync(quantities, prices, user.UserName, regionId => MayImport(user, regionId, parents), cancellationToken);
        if (result.RefusedRegions.Count > 0)
        {
            var names = result.RefusedRegions.Select(code => RegionCatalog.Names.GetValueOrDefault(code, code));
            return new UseCaseError.Forbidden(CoreText.Get("GepR_QuantitiesForbidden", IndicatorColumns.Label("region_code"), string.Join("、", names)));
        }

        if (!result.Stored)
        {
            var fields = result.Errors.GroupBy(e => quantities is not null && e.File == quantities.FileName ? "quantities" : "prices")
                .ToDictionary(g => g.Key, g => g.Select(e => e.ToString()).ToArray(), StringComparer.Ordinal);
            return new UseCaseError.Invalid(string.Join('\n', result.Errors.Select(e => e.ToString())), fields);
        }

        return result;
    }

    private Task<Dictionary<int, int?>> ParentsAsync(CancellationToken cancellationToken) =>
        db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.ParentId, cancellationToken);

    /// <summary>The region or one above it is managed by the user.</summary>
    private static bool MayImport(UserAccess user, int regionId, Dictionary<int, int?> parents)
    {
        for (int? id = regionId; id is { } current; id = parents.GetValueOrDefault(current))
        {
            if (user.CanManagePlansOf(current))
            {
                return true;
            }
        }

        return false;
    }

    private static bool MayImportPrices(UserAccess user, Dictionary<int, int?> parents) =>
        parents.Where(r => r.Value is null).Any(r => user.CanManagePlansOf(r.Key));
}
