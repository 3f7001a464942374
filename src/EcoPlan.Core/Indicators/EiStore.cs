using System.Security.Cryptography;
using EcoPlan.Core.Notifications;
using EcoPlan.Core.Regions;

namespace EcoPlan.Core.Indicators;

/// <summary>The outcome of an EI import: the stored batch, or the errors (nothing stored), or the regions the importer may not load.</summary>
public sealed record EiImportResult(IndicatorImport? Import, IReadOnlyList<InputError> Errors, IReadOnlyList<string> RefusedRegions, int Records, int Notices)
{
    public bool Stored => Import is not null;
}

/// <summary>A stored EI import as its importer is told of it: rows stored, notices raised, the region and year of the newest values.</summary>
public sealed record EiImported(int Records, int Notices, string RegionCode, int Year);

/// <summary>
/// Stores EI sub-index values from a csv or xlsx file, all or nothing: the file is checked by <see cref="SubIndexCsv"/>
/// (row and column in every error), then every row is written in one transaction, replacing the values of the same
/// methodology, region and year, and the falls the new values reveal are noticed to their owners (<see cref="EiNotices"/>).
/// </summary>
public sealed class EiImporter(EcoPlanDbContext db, TimeProvider time)
{
    /// <summary>The source label the imported values carry (<see cref="IndicatorImport.SourceLabel"/>).</summary>
    public string? SourceLabel { get; init; }

    /// <summary>Reads and validates the file without storing anything.</summary>
    public static SubIndexCsvResult Read(byte[] content, string fileName, Methodology methodology)
    {
        string text;
        try
        {
            text = TabularInput.ToCsv(content, fileName);
        }
        catch (InvalidDataException ex)
        {
            return new SubIndexCsvResult([], [new InputError(1, 1, ex.Message)]);
        }

        using var reader = new StringReader(text);
        return SubIndexCsv.Read(reader, methodology, RegionCatalog.Names);
    }

    /// <summary>Whether <paramref name="user"/> may load EI values of a region: admins, and the coordinators of the region (the rule the import decides by).</summary>
    public static bool MayImport(UserAccess user, int regionId)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.CanManagePlansOf(regionId);
    }

    /// <summary>Whether the EI page of a region offers <paramref name="user"/> the upload: <see cref="MayImport"/> of that region.</summary>
    public async Task<bool> MayImportAsync(UserAccess user, string regionCode, CancellationToken cancellationToken = default) =>
        await db.Regions.AsNoTracking().Where(r => r.Code == regionCode).Select(r => (int?)r.Id).SingleOrDefaultAsync(cancellationToken) is { } regionId
        && MayImport(user, regionId);

    /// <summary>
    /// The import as <paramref name="user"/> asks for it: refused whole (forbidden, naming the regions and the region
    /// column) when the file has a region the user may not load (<see cref="MayImport"/>); invalid with every error by
    /// row and column under the field <c>file</c>; else how much was stored, and the region and year of the newest values.
    /// </summary>
    public async Task<UseCaseResult<EiImported>> ImportAsync(UserAccess user, byte[] content, string fileName, Methodology methodology, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var result = await ImportAsync(content, fileName, methodology, user.UserName, regionId => MayImport(user, regionId), cancellationToken);
        if (result.RefusedRegions.Count > 0)
        {
            var names = result.RefusedRegions.Select(code => RegionCatalog.Names.GetValueOrDefault(code, code));
            return new UseCaseError.Forbidden(Localization.CoreText.Get("Ei_ImportForbidden", IndicatorColumns.Label(SubIndexCsv.RegionColumn), string.Join("、", names)));
        }

        if (!result.Stored)
        {
            string[] errors = [.. result.Errors.Select(e => e.ToString(fileName))];
            return new UseCaseError.Invalid(string.Join('\n', errors), new Dictionary<string, string[]> { ["file"] = errors });
        }

        var newest = await db.EiRecords.AsNoTracking().Where(r => r.ImportId == result.Import!.Id).OrderByDescending(r => r.Year).ThenBy(r => r.RegionId)
            .Select(r => new { r.Region!.Code, r.Year }).FirstAsync(cancellationToken);
        return new EiImported(result.Records, result.Notices, newest.Code, newest.Year);
    }

    /// <summary>Imports the file. <c>mayImport</c> says whether the importing user may load values of a region (by id); a file with any other region is refused whole.</summary>
    public async Task<EiImportResult> ImportAsync(byte[] content, string fileName, Methodology methodology, string? importedBy,
        Func<int, bool>? mayImport = null, CancellationToken cancellationToken = default)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await StoreAsync(content, fileName, methodology, importedBy, mayImport, cancellationToken);
        Operations.EcoPlanMetrics.RecordImport("ei", result.Stored, started);
        return result;
    }

    private async Task<EiImportResult> StoreAsync(byte[] content, string fileName, Methodology methodology, string? importedBy,
        Func<int, bool>? mayImport, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(methodology);
        var input = Read(content, fileName, methodology);
        if (!input.IsValid)
        {
            return new EiImportResult(null, input.Errors, [], 0, 0);
        }

        var codes = input.Records.Select(r => r.RegionCode).Distinct().ToList();
        var regions = await db.Regions.Where(r => codes.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Id, cancellationToken);
        var missing = input.Records.Where(r => !regions.ContainsKey(r.RegionCode)).Select(r => new InputError(r.Row, 1, Localization.CoreText.Get("Ei_RegionNotInDatabase", IndicatorColumns.Label(SubIndexCsv.RegionColumn), r.RegionCode))).ToList();
        if (missing.Count > 0)
        {
            return new EiImportResult(null, missing, [], 0, 0);
        }

        var refused = codes.Where(c => mayImport is not null && !mayImport(regions[c])).ToList();
        if (refused.Count > 0)
        {
            return new EiImportResult(null, [], refused, 0, 0);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var batch = new IndicatorImport
        {
            Kind = IndicatorImportKind.EiSubIndices,
            Methodology = methodology.Id,
            FileName = FileNames.Stored(fileName),
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            Rows = input.Records.Count,
            ImportedAt = time.GetUtcNow().UtcDateTime,
            ImportedBy = importedBy,
            SourceLabel = SourceLabel,
        };
        db.IndicatorImports.Add(batch);
        foreach (var record in input.Records)
        {
            var regionId = regions[record.RegionCode];
            await db.EiSubIndexValues.Where(v => v.Record!.Methodology == methodology.Id && v.Record.RegionId == regionId && v.Record.Year == record.Year).ExecuteDeleteAsync(cancellationToken);
            await db.EiRecords.Where(r => r.Methodology == methodology.Id && r.RegionId == regionId && r.Year == record.Year).ExecuteDeleteAsync(cancellationToken);
            db.EiRecords.Add(new EiRecord
            {
                RegionId = regionId,
                Year = record.Year,
                Methodology = methodology.Id,
                RestrictionLevel = record.RestrictionLevel,
                Import = batch,
                Values = [.. record.Values.Select(v => new EiSubIndexValue { SubIndex = v.Key, Value = v.Value })],
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        var notices = 0;
        foreach (var regionId in regions.Values)
        {
            notices += await new EiNotices(db, time).RaiseAsync(methodology, regionId, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new EiImportResult(batch, [], [], input.Records.Count, notices);
    }

    /// <summary>The regions an EI page may show (the city and districts, not townships), by code.</summary>
    public static async Task<List<(string Code, string Name)>> RegionsAsync(EcoPlanDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return [.. (await db.Regions.AsNoTracking().Where(r => r.Level != RegionLevel.Township).OrderBy(r => r.Code).Select(r => new { r.Code, r.Name }).ToListAsync(cancellationToken))
            .Select(r => (r.Code, r.Name))];
    }

    /// <summary>The methodologies a region has stored values of.</summary>
    public static Task<List<string>> MethodologiesOfAsync(EcoPlanDbContext db, string regionCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.EiRecords.AsNoTracking().Where(r => r.Region!.Code == regionCode).Select(r => r.Methodology).Distinct().ToListAsync(cancellationToken);
    }

    /// <summary>The source labels of a region's stored values under a methodology (示例数据，非官方数据 for the demo's), for every page showing them.</summary>
    public static async Task<IReadOnlyList<string>> SourceLabelsAsync(EcoPlanDbContext db, string methodologyId, string regionCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.EiRecords.AsNoTracking()
            .Where(r => r.Methodology == methodologyId && r.Region!.Code == regionCode && r.Import!.SourceLabel != null)
            .Select(r => r.Import!.SourceLabel!).Distinct().ToListAsync(cancellationToken);
    }

    /// <summary>The stored records of a region under a methodology, by year.</summary>
    public static async Task<SortedDictionary<int, SubIndexRecord>> RecordsAsync(EcoPlanDbContext db, string methodologyId, int regionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.EiRecords.AsNoTracking()
            .Where(r => r.Methodology == methodologyId && r.RegionId == regionId)
            .Select(r => new { r.Year, r.RestrictionLevel, Code = r.Region!.Code, Values = r.Values.Select(v => new { v.SubIndex, v.Value }).ToList() })
            .ToListAsync(cancellationToken);
        return new SortedDictionary<int, SubIndexRecord>(rows.ToDictionary(
            r => r.Year,
            r => new SubIndexRecord(r.Code, r.Year, r.Values.ToDictionary(v => v.SubIndex, v => v.Value, StringComparer.Ordinal), r.RestrictionLevel)));
    }
}

/// <summary>
/// Notices of sub-index falls to the units that own them. A fall is a sub-index worse than in the previous year on
/// file; each owner gets one notice per fall, keyed by methodology, region, years and sub-index, so importing the same
/// values again adds nothing.
/// </summary>
public sealed class EiNotices(EcoPlanDbContext db, TimeProvider time)
{
    public static string Key(string methodologyId, string regionCode, int previousYear, int year, string subIndex) =>
        string.Create(CultureInfo.InvariantCulture, $"ei-fall/{methodologyId}/{regionCode}/{previousYear}-{year}/{subIndex}");

    /// <summary>Adds the notices missing for every pair of consecutive years on file of the region; returns how many were added.</summary>
    public async Task<int> RaiseAsync(Methodology methodology, int regionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(methodology);
        var records = await EiImporter.RecordsAsync(db, methodology.Id, regionId, cancellationToken);
        if (records.Count < 2)
        {
            return 0;
        }

        var region = await db.Regions.AsNoTracking().SingleAsync(r => r.Id == regionId, cancellationToken);
        var owners = await EiOwners.ForAsync(db, methodology, region, cancellationToken);
        var years = records.Keys.ToList();
        var notices = new List<NoticeDraft>();
        for (var i = 1; i < years.Count; i++)
        {
            var (before, after) = (records[years[i - 1]], records[years[i]]);
            foreach (var decline in SubIndexDeclines.Find(methodology, before.Values, after.Values))
            {
                var key = Key(methodology.Id, region.Code, before.Year, after.Year, decline.Key);
                notices.AddRange(owners[decline.Key].Where(o => o.OrganizationId is not null).Select(owner => new NoticeDraft(
                    owner.OrganizationId!.Value, key,
                    string.Create(CultureInfo.InvariantCulture,
                        $"{region.Name}{after.Year}年{decline.Name}较{before.Year}年下降{Format(decline.Fall)}（{Format(decline.Before)} → {Format(decline.After)}），贵单位为责任单位。"),
                    string.Create(CultureInfo.InvariantCulture, $"/indicators/ei?region={region.Code}&year={after.Year}&method={methodology.Id}"))));
            }
        }

        // The inbox's own idempotent raise: two imports revealing the same fall at once leave one notice, and neither fails.
        return (await new NoticeBoard(db, time).RaiseAsync(notices, cancellationToken)).Count;
    }

    internal static string Format(decimal value) => (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
}

/// <summary>A unit answering for a sub-index: the organization when the directory knows the name, and where the duty comes from.</summary>
public sealed record EiOwner(string Name, int? OrganizationId, EiOwnerSource Source);

public enum EiOwnerSource
{
    /// <summary>A published plan of the region names the unit for the sub-index (目标 EI子指数：…).</summary>
    Plan,

    /// <summary>The methodology's owners (DB11/T 1877 as the 通州区 plan assigns them).</summary>
    Methodology,
}

public static class EiOwners
{
    public const string TargetPrefix = "EI子指数：";

    /// <summary>
    /// The owners of every sub-index in a region: those of the region's published plans' EI子指数 targets where a plan
    /// names any, else the methodology's, resolved in the region's unit directory.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<EiOwner>>> ForAsync(EcoPlanDbContext db, Methodology methodology, Region region, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(methodology);
        ArgumentNullException.ThrowIfNull(region);
        var fromPlans = await db.TargetOwners.AsNoTracking()
            .Where(o => o.Target!.Metric.StartsWith(TargetPrefix) && o.Target.Measure!.Task!.Section!.Plan!.RegionId == region.Id
                && o.Target!.Measure!.Task!.Section!.Plan!.Status == Plans.PlanStatus.Published)
            .Select(o => new { o.Target!.Metric, o.OrganizationId, o.Organization!.Name })
            .ToListAsync(cancellationToken);
        var directory = new Organizations.OrganizationDirectory(db);
        var result = new Dictionary<string, IReadOnlyList<EiOwner>>(StringComparer.Ordinal);
        foreach (var s in methodology.SubIndices)
        {
            var planned = fromPlans.Where(p => p.Metric == TargetPrefix + s.Name).DistinctBy(p => p.OrganizationId)
                .Select(p => new EiOwner(p.Name, p.OrganizationId, EiOwnerSource.Plan)).ToList();
            if (planned.Count > 0)
            {
                result[s.Key] = planned;
                continue;
            }

            var owners = new List<EiOwner>();
            foreach (var name in s.Owners)
            {
                var match = await directory.ResolveAsync(name, region.Code, cancellationToken);
                var local = match.Organization is { } o && o.RegionCode == region.Code ? o : null;
                owners.Add(new EiOwner(local?.Name ?? name, local?.Id, EiOwnerSource.Methodology));
            }

            result[s.Key] = owners;
        }

        return result;
    }
}
