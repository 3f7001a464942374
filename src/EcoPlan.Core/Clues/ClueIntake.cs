using EcoPlan.Core.Regions;
using EcoPlan.Core.Spatial;
using NetTopologySuite.Geometries;

namespace EcoPlan.Core.Clues;

/// <summary>One feature of a clue file as the preview shows it and the CLI prints it: where it goes and what it repeats.</summary>
public sealed record ClueIntakeRow(
    int Index,
    string Position,
    string Code,
    Geometry LonLat,
    double AreaSquareMeters,
    ActivityType Activity,
    string? Zone,
    string? Description,
    string? TownshipCode,
    IReadOnlyList<string> CooperatingTownshipCodes,
    int? DuplicateOf);

/// <summary>What a clue file would become: the district, every row, and every problem (none may remain to import).</summary>
public sealed record ClueIntakePreview(string DistrictCode, string? Crs, IReadOnlyList<ClueIntakeRow> Rows, IReadOnlyList<GeoProblem> Problems,
    IReadOnlyList<string> Notes)
{
    public bool CanImport => Problems.Count == 0 && Rows.Count > 0;
}

/// <summary>The preview and, when imported, the batch written (its clue ids in the order of the rows).</summary>
public sealed record ClueIntakeResult(ClueIntakePreview Preview, WrittenBatch? Written);

/// <summary>
/// Takes a batch of clues in from a file (GeoJSON, zipped shapefile, KML/KMZ, csv/xlsx): reads it in its coordinate
/// system, maps the attribute columns by their synonyms, assigns each clue to the township its geometry lies in over
/// the loaded boundaries (the largest share; the others cooperate; outside all of them the district's queue), finds the
/// open clue a feature repeats, and shows all of it before anything is stored. The import writes everything or nothing.
/// </summary>
public sealed class ClueIntake(EcoPlanDbContext db, TimeProvider time, DedupeOptions? dedupe = null)
{
    public static readonly string[] CodeAttributes = ["编号", "图斑编号", "线索编号", "TBBH", "BH", "ID", "code", "编码"];
    public static readonly string[] AreaAttributes = ["面积", "图斑面积", "area", "MJ", "TBMJ"];
    public static readonly string[] ActivityAttributes = ["活动类型", "类型", "问题类型", "type", "activity", "LX"];
    public static readonly string[] DescriptionAttributes = ["备注", "描述", "问题描述", "说明", "description", "remark", "BZ"];
    public static readonly string[] ZoneAttributes = ["所在区域", "保护区", "功能区", "zone", "管控区"];

    /// <summary>How far outside the district's boundaries a clue may lie before it is refused as not the district's (boundaries are generalised).</summary>
    public const double DistrictMarginDegrees = 0.01;

    private static readonly (string Word, ActivityType Type)[] s_activities =
    [
        ("采矿", ActivityType.Mining), ("矿", ActivityType.Mining), ("工业", ActivityType.Industry), ("能源", ActivityType.Energy), ("光伏", ActivityType.Energy),
        ("交通", ActivityType.Transport), ("道路", ActivityType.Transport), ("旅游", ActivityType.Tourism), ("养殖", ActivityType.Aquaculture),
        ("农业", ActivityType.Farming), ("居民", ActivityType.Settlement), ("住宅", ActivityType.Settlement), ("人工设施", ActivityType.OtherFacility),
        ("设施", ActivityType.OtherFacility),
    ];

    public async Task<UseCaseResult<ClueIntakeResult>> RunAsync(UserAccess user, Stream content, string fileName, ClueBatchRequest request, bool import,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(request);
        // The district, the caller's right to it and the batch's own fields (so a preview that shows no problem
        // imports): before a large file is read for minutes when the district is named, else once the file tells it.
        async Task<UseCaseResult<Region>> AdmitAsync(string code)
        {
            var county = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Code == code && r.Level == RegionLevel.County, cancellationToken);
            if (county is null)
            {
                return new UseCaseError.Invalid("district", CoreText.Get("ClueBatch_NoDistrict", code));
            }

            if (!await new ClueAccess(db).ReviewsAsync(user, county.Id, cancellationToken))
            {
                return new UseCaseError.Forbidden(CoreText.Get("ClueBatch_OnlyReviewer", county.Name));
            }

            return await ClueBatchWriter.RequestRefusalAsync(db, request, cancellationToken) is { } invalid ? invalid : county;
        }

        var named = request.DistrictCode is { Length: > 0 } given ? await AdmitAsync(given) : null;
        if (named?.Error is { } refusedBeforeReading)
        {
            return refusedBeforeReading;
        }

        var read = await GeoFileReader.ReadAsync(content, fileName, cancellationToken);
        var problems = new List<GeoProblem>(read.Problems);
        var notes = new List<string>(read.Notes);

        var boundaries = await BoundariesAsync(request.DistrictCode, cancellationToken);
        var admitted = named ?? (Infer(read.Features, boundaries) is { } inferred ? await AdmitAsync(inferred) : null);
        if (admitted is null)
        {
            return new UseCaseError.Invalid("district", CoreText.Get("Intake_NoDistrict", fileName));
        }

        if (admitted.Value is not { } district)
        {
            return admitted.Error!;
        }

        boundaries = [.. boundaries.Where(b => b.DistrictId == district.Id)];
        if (boundaries.Count == 0)
        {
            notes.Add(CoreText.Get("Intake_NoBoundaries", district.Name));
        }

        var townships = new BoundaryIndex(boundaries.Select(b => (b.Code, b.LonLat)));
        var districtBox = boundaries.Count == 0 ? null : Box(boundaries);
        var open = await OpenCluesAsync(district.Id, read.Features, cancellationToken);
        var duplicates = new OpenClueIndex(open, dedupe);
        var rows = new List<ClueIntakeRow>();
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var feature in read.Features)
        {
            var code = feature.Attribute(CodeAttributes);
            if (code is null)
            {
                problems.Add(new GeoProblem(feature.Position, "编号", CoreText.Get("Intake_NoCode", string.Join("/", CodeAttributes.Take(4)))));
                continue;
            }

            if (code.Length > 100)
            {
                problems.Add(new GeoProblem(feature.Position, "编号", CoreText.Get("ClueBatch_BadCode", code[..20] + "…")));
                continue;
            }

            if (!codes.TryAdd(code, feature.Position))
            {
                problems.Add(new GeoProblem(feature.Position, "编号", CoreText.Get("Intake_CodeRepeated", code, codes[code])));
                continue;
            }

            var geometry = feature.Repaired ?? feature.LonLat;
            if (districtBox is { } box && !box.Intersects(geometry.EnvelopeInternal))
            {
                problems.Add(new GeoProblem(feature.Position, null, CoreText.Get("Intake_OutsideDistrict", code, district.Name)));
                continue;
            }

            var duplicate = duplicates.FindDuplicate(geometry);
            if (duplicate is < 0)
            {
                var earlier = read.Features.First(f => f.Index == -duplicate - 1);
                problems.Add(new GeoProblem(feature.Position, null, CoreText.Get("Intake_RepeatsEarlier", code, earlier.Position)));
                continue;
            }

            duplicates.Add(-(feature.Index + 1), geometry);
            var assigned = townships.Assign(geometry);
            rows.Add(new ClueIntakeRow(feature.Index, feature.Position, code, geometry, geometry is Point or MultiPoint ? 0 : GeodesicArea.SquareMeters(geometry),
                Activity(feature.Attribute(ActivityAttributes)), Limit(feature.Attribute(ZoneAttributes), 200), Limit(feature.Attribute(DescriptionAttributes), 2000),
                assigned.TownshipCode, assigned.CooperatingCodes, duplicate is { } id ? (int)id : null));
        }

        var preview = new ClueIntakePreview(district.Code, read.Crs?.ToString(), rows, problems, notes);
        if (!import)
        {
            return new ClueIntakeResult(preview, null);
        }

        if (!preview.CanImport)
        {
            return new UseCaseError.Invalid(CoreText.Get("Intake_HasProblems", fileName, problems.Count,
                string.Join("；", problems.Take(5).Select(p => $"{p.Position}：{p.Message}"))), new Dictionary<string, string[]>
            {
                ["file"] = [.. problems.Select(p => $"{p.Position}：{p.Message}")],
            });
        }

        var regionIds = boundaries.ToDictionary(b => b.Code, b => b.RegionId);
        var placed = rows.Select(r => new PlacedClue(r.Code, r.LonLat, r.AreaSquareMeters, r.Activity, r.Zone, r.Description,
            r.TownshipCode is { } t ? regionIds[t] : null, [.. r.CooperatingTownshipCodes.Select(c => regionIds[c])], r.DuplicateOf)).ToList();
        var written = await new ClueBatchWriter(db, time).WriteAsync(user, request with { DistrictCode = district.Code }, placed, cancellationToken);
        return written.Error is { } refused ? refused : new ClueIntakeResult(preview, written.Value);
    }

    private sealed record DistrictBoundary(string Code, int RegionId, int DistrictId, string DistrictCode, Geometry LonLat);

    private async Task<List<DistrictBoundary>> BoundariesAsync(string? districtCode, CancellationToken cancellationToken)
    {
        var query = db.TownshipBoundaries.AsNoTracking();
        if (!string.IsNullOrEmpty(districtCode))
        {
            query = query.Where(b => b.Region!.Parent!.Code == districtCode);
        }

        var rows = await query.Select(b => new { b.Region!.Code, b.RegionId, DistrictId = b.Region.ParentId!.Value, DistrictCode = b.Region.Parent!.Code, b.Geometry })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new DistrictBoundary(r.Code, r.RegionId, r.DistrictId, r.DistrictCode, ClueGeometry.Read(r.Geometry)))];
    }

    /// <summary>The district most features fall in, over every loaded boundary; null when none falls in any.</summary>
    private static string? Infer(IReadOnlyList<GeoFeature> features, List<DistrictBoundary> boundaries)
    {
        if (boundaries.Count == 0)
        {
            return null;
        }

        var index = new BoundaryIndex(boundaries.Select(b => (b.Code, b.LonLat)));
        var districtOf = boundaries.ToDictionary(b => b.Code, b => b.DistrictCode);
        return features.Select(f => index.Assign(f.Repaired ?? f.LonLat).TownshipCode).OfType<string>()
            .GroupBy(code => districtOf[code]).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
    }

    private static Envelope Box(List<DistrictBoundary> boundaries)
    {
        var box = new Envelope();
        foreach (var b in boundaries)
        {
            box.ExpandToInclude(b.LonLat.EnvelopeInternal);
        }

        box.ExpandBy(DistrictMarginDegrees);
        return box;
    }

    /// <summary>The district's open clues whose boxes touch the file's extent (the only ones a feature can repeat).</summary>
    private async Task<List<(long Id, Geometry LonLat)>> OpenCluesAsync(int districtId, IReadOnlyList<GeoFeature> features, CancellationToken cancellationToken)
    {
        if (features.Count == 0)
        {
            return [];
        }

        var extent = new Envelope();
        foreach (var f in features)
        {
            extent.ExpandToInclude(f.LonLat.EnvelopeInternal);
        }

        extent.ExpandBy(0.001);
        var rows = await db.Clues.AsNoTracking()
            .Where(c => c.DistrictRegionId == districtId && c.State != ClueState.Closed
                && c.MaxLongitude >= extent.MinX && c.MinLongitude <= extent.MaxX && c.MaxLatitude >= extent.MinY && c.MinLatitude <= extent.MaxY)
            .Select(c => new { c.Id, c.Geometry }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => ((long)r.Id, ClueGeometry.Read(r.Geometry)))];
    }

    private static ActivityType Activity(string? text)
    {
        if (text is null)
        {
            return ActivityType.Other;
        }

        if (Enum.TryParse<ActivityType>(text, ignoreCase: true, out var named) && Enum.IsDefined(named))
        {
            return named;
        }

        return s_activities.FirstOrDefault(a => text.Contains(a.Word, StringComparison.Ordinal)) is { Word: not null } found ? found.Type : ActivityType.Other;
    }

    private static string? Limit(string? text, int max) => text is null ? null : text.Length <= max ? text : text[..max];
}
