using EcoPlan.Core.Audit;
using EcoPlan.Core.Export;
using EcoPlan.Core.Progress;

namespace EcoPlan.Core.Cascade;

/// <summary>
/// A cell of the 分解落实 board: how far one district has got with one city measure (docs/cascade.md). The order is the
/// board's, worst first.
/// </summary>
public enum DecompositionState
{
    /// <summary>未分解: the city measure names the district, and no district measure is confirmed to implement it.</summary>
    NotDecomposed,

    /// <summary>滞后: a district measure implementing it is late by the dashboard's rule (deadline passed and not completed, a unit reports 滞后/无法完成, or a report due is missing).</summary>
    Late,

    /// <summary>已分解: district measures implement it; none is late, and none has been reported on yet.</summary>
    Decomposed,

    /// <summary>推进正常: district measures implement it, none is late, and at least one has a submitted report or is completed.</summary>
    OnTrack,
}

/// <summary>A district measure in a cell: its label in the district plan, and where it stands.</summary>
public sealed record DecompositionLink(int MeasureId, string Label, bool Reported, bool Completed, bool Late);

/// <summary>One cell: district × city measure, its state and the district measures behind it (none when 未分解).</summary>
public sealed record DecompositionCell(int CityMeasureId, DecompositionState State, bool Named, IReadOnlyList<DecompositionLink> Links);

/// <summary>Cells by state, for a district's row or a city measure's column.</summary>
public sealed record DecompositionCounts(int NotDecomposed, int Late, int Decomposed, int OnTrack)
{
    /// <summary>The cells with district measures behind them (已分解 in the wide sense: 已分解, 推进正常 and 滞后).</summary>
    public int Linked => Late + Decomposed + OnTrack;

    public int Total => NotDecomposed + Linked;

    internal static DecompositionCounts Of(IEnumerable<DecompositionCell> cells)
    {
        var list = cells.ToList();
        return new(list.Count(c => c.State == DecompositionState.NotDecomposed), list.Count(c => c.State == DecompositionState.Late),
            list.Count(c => c.State == DecompositionState.Decomposed), list.Count(c => c.State == DecompositionState.OnTrack));
    }
}

/// <summary>A district's row: its plan implementing the city plan (null when it has none the caller sees), counts and cells (only where the measure names the district or is linked).</summary>
public sealed record DecompositionRow(int RegionId, string RegionCode, string RegionName, CascadePlan? Plan, DecompositionCounts Counts, IReadOnlyList<DecompositionCell> Cells)
{
    /// <summary>The district's cell for a city measure, null where the measure neither names the district nor is linked.</summary>
    public DecompositionCell? CellOf(int cityMeasureId) => Cells.FirstOrDefault(c => c.CityMeasureId == cityMeasureId);
}

/// <summary>A city measure's column: the measure, its task and the counts over the districts shown.</summary>
public sealed record DecompositionColumn(CascadeMeasure Measure, int TaskId, DecompositionCounts Counts);

/// <summary>A task of the city plan (重点任务) to filter the board by.</summary>
public sealed record DecompositionTask(int Id, string Label, string Name);

/// <summary>
/// The 分解落实 board of a city plan on <see cref="AsOf"/>: its districts × the city measures that name a district or are
/// linked (<see cref="Measures"/>, of <see cref="TaskId"/> alone when filtered). <see cref="OwnDistrictOnly"/> when the
/// caller is a district's coordinator or leader, who sees his or her own district only.
/// </summary>
public sealed record DecompositionBoardView(
    CascadePlan City, DateOnly AsOf, bool OwnDistrictOnly, int? TaskId, IReadOnlyList<DecompositionTask> Tasks, IReadOnlyList<DecompositionColumn> Measures,
    IReadOnlyList<DecompositionRow> Districts);

/// <summary>
/// The 分解落实 board for a city plan (issue 15): for each district of the city's region and each city measure, whether
/// the district has decomposed it and how far it has got, from the confirmed links (<see cref="MeasureLink"/>) and the
/// linked district measures' report states and deadlines (<see cref="Dashboard"/>). The page, the xlsx and the API all
/// come from <see cref="ComputeAsync"/>, which decides who sees what: admins, the coordinators of the city's region (or
/// above) and the city's leaders see every district; a district's coordinator or leader sees his or her own district's
/// row; everyone else is refused. A draft plan the caller may not see is not found (the city's) or left out (a district's).
/// </summary>
public sealed class DecompositionBoard(EcoPlanDbContext db, TimeProvider time)
{
    public async Task<UseCaseResult<DecompositionBoardView>> ComputeAsync(UserAccess user, int cityPlanId, int? taskId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var visible = await ReportVisibility.OfPlanAsync(db, user, cityPlanId, cancellationToken);
        if (visible.Value is not { } visibility)
        {
            return visible.Refusal<DecompositionBoardView>();
        }

        var city = await db.Plans.AsNoTracking().Where(p => p.Id == cityPlanId)
            .Select(p => new CascadePlan(p.Id, p.Title, p.Year, p.RegionId, p.Region!.Name)).SingleAsync(cancellationToken);
        var districts = await db.Regions.AsNoTracking().Where(r => r.ParentId == city.RegionId).OrderBy(r => r.Code)
            .Select(r => new { r.Id, r.Code, r.Name }).ToListAsync(cancellationToken);
        var everyDistrict = visibility.Oversees || (user.Role == Roles.Leader && user.RegionId == city.RegionId);
        var ownDistrict = !everyDistrict && user.Role is Roles.Coordinator or Roles.Leader && districts.Any(d => d.Id == user.RegionId);
        if (!everyDistrict && !ownDistrict)
        {
            return new UseCaseError.Forbidden(CoreText.Get("Cascade_BoardForbidden", city.RegionName));
        }

        if (ownDistrict)
        {
            districts = [.. districts.Where(d => d.Id == user.RegionId)];
        }

        var tasks = await db.PlanTasks.AsNoTracking().Where(t => t.Section!.PlanId == cityPlanId).OrderBy(t => t.Section!.Ordinal).ThenBy(t => t.Ordinal)
            .Select(t => new { t.Id, t.Number, t.Name }).ToListAsync(cancellationToken);
        if (taskId is { } chosen && tasks.All(t => t.Id != chosen))
        {
            return new UseCaseError.Invalid("task", CoreText.Get("Cascade_NoSuchTask", chosen, city.Id));
        }

        var taskOf = await db.Measures.AsNoTracking().Where(m => m.Task!.Section!.PlanId == cityPlanId).ToDictionaryAsync(m => m.Id, m => m.TaskId, cancellationToken);
        var cityMeasures = await CascadePair.MeasuresAsync(db, cityPlanId, cancellationToken);
        var regionIds = districts.Select(d => d.Id).ToList();
        var naming = await CascadePair.CityMeasuresNamingDistrictsAsync(db, city, regionIds, cancellationToken);
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var linked = await CascadeRollUp.LinkedAsync(db, user, [.. cityMeasures.Select(m => m.Id)], ownDistrict ? user.RegionId : null, today, time.LocalTimeZone,
            cancellationToken);
        var plans = await DistrictPlansAsync(user, city, regionIds, cancellationToken);

        var rows = new List<DecompositionRow>(districts.Count);
        foreach (var district in districts)
        {
            var named = naming.GetValueOrDefault(district.Id) ?? [];
            var links = linked.Where(l => l.Plan.RegionId == district.Id).ToLookup(l => l.CityMeasureId);
            var cells = cityMeasures.Where(m => named.ContainsKey(m.Id) || links.Contains(m.Id))
                .Select(m => Cell(m.Id, named.ContainsKey(m.Id), [.. links[m.Id]]))
                .ToList();
            // The row's plan: the newest district plan that holds links, else the newest that implements this city plan by default.
            var plan = links.SelectMany(g => g).Select(l => l.Plan).OrderByDescending(p => p.Year).ThenByDescending(p => p.Id).FirstOrDefault()
                       ?? plans.GetValueOrDefault(district.Id);
            rows.Add(new DecompositionRow(district.Id, district.Code, district.Name, plan, DecompositionCounts.Of(cells), cells));
        }

        // The columns: the city measures some district shown has a cell for, of the chosen task; the tasks to filter by are theirs.
        var relevant = cityMeasures.Where(m => rows.Any(r => r.Cells.Any(c => c.CityMeasureId == m.Id))).ToList();
        var usedTasks = relevant.Select(m => taskOf[m.Id]).ToHashSet();
        var columns = relevant.Where(m => taskId is null || taskOf[m.Id] == taskId)
            .Select(m => new DecompositionColumn(m, taskOf[m.Id], DecompositionCounts.Of(rows.SelectMany(r => r.Cells).Where(c => c.CityMeasureId == m.Id))))
            .ToList();
        if (taskId is not null)
        {
            var shownIds = columns.Select(c => c.Measure.Id).ToHashSet();
            rows = [.. rows.Select(r => r.Cells.Where(c => shownIds.Contains(c.CityMeasureId)).ToList() is var cells ? r with { Cells = cells, Counts = DecompositionCounts.Of(cells) } : r)];
        }

        return new DecompositionBoardView(city, today, ownDistrict, taskId,
            [.. tasks.Select((t, i) => new DecompositionTask(t.Id, (t.Number ?? i + 1).ToString(CultureInfo.InvariantCulture), t.Name)).Where(t => usedTasks.Contains(t.Id))],
            columns, rows);
    }

    /// <summary>The cell's state from the district measures linked to the city measure (the rule in docs/cascade.md).</summary>
    internal static DecompositionCell Cell(int cityMeasureId, bool named, IReadOnlyList<LinkedDistrictMeasure> links)
    {
        var state = links.Count == 0 ? DecompositionState.NotDecomposed
            : links.Any(l => l.State.Late) ? DecompositionState.Late
            : links.Any(l => l.Reported) ? DecompositionState.OnTrack
            : DecompositionState.Decomposed;
        return new DecompositionCell(cityMeasureId, state, named,
            [.. links.Select(l => new DecompositionLink(l.Measure.Id, l.Measure.Label, l.Reported, l.State.Completed, l.State.Late))]);
    }

    /// <summary>
    /// Each district's newest plan the caller sees that implements the city plan by default (the parent region's plan
    /// <see cref="CascadePair.CityPlanOf"/> picks for its year), to link the row to even before anything is linked.
    /// </summary>
    private async Task<Dictionary<int, CascadePlan>> DistrictPlansAsync(UserAccess user, CascadePlan city, List<int> regionIds, CancellationToken cancellationToken)
    {
        var parentPlans = await db.Plans.AsNoTracking().Where(p => p.RegionId == city.RegionId)
            .Select(p => new CascadePair.CityPlanCandidate(p.Id, p.Year, p.Status)).ToListAsync(cancellationToken);
        var hidden = await ReportVisibility.HiddenPlansAsync(db, user, cancellationToken);
        var plans = await db.Plans.AsNoTracking().Where(p => regionIds.Contains(p.RegionId) && p.Year >= city.Year)
            .Select(p => new CascadePlan(p.Id, p.Title, p.Year, p.RegionId, p.Region!.Name)).ToListAsync(cancellationToken);
        return plans.Where(p => !hidden.Contains(p.Id) && CascadePair.CityPlanOf(p.Year, parentPlans) == city.Id)
            .GroupBy(p => p.RegionId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.Year).ThenByDescending(p => p.Id).First());
    }

    /// <summary>
    /// The board as an xlsx workbook (分解落实): one sheet of city measures × districts, each cell its state and the district
    /// measures behind it, with counts; one sheet of counts per district. Official output, so Chinese whatever the reader's
    /// language; every export is an audit entry (<see cref="AuditAction.DecompositionExport"/>) with who, when and what.
    /// </summary>
    public async Task<UseCaseResult<DecompositionBoardView>> WriteXlsxAsync(UserAccess user, int cityPlanId, int? taskId, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var computed = await ComputeAsync(user, cityPlanId, taskId, cancellationToken);
        if (computed.Value is not { } board)
        {
            return computed;
        }

        var header = new List<object?> { "序号", "重点任务", "工作措施" };
        header.AddRange(board.Districts.Select(d => d.RegionName));
        header.AddRange(["未分解", "已分解", "推进正常", "滞后"]);
        var rows = new List<IReadOnlyList<object?>> { header };
        foreach (var column in board.Measures)
        {
            var row = new List<object?> { column.Measure.Label, column.Measure.TaskName, column.Measure.Text };
            row.AddRange(board.Districts.Select(d => d.CellOf(column.Measure.Id) is { } cell ? CellText(cell) : ""));
            row.AddRange([column.Counts.NotDecomposed, column.Counts.Decomposed, column.Counts.OnTrack, column.Counts.Late]);
            rows.Add(row);
        }

        var summary = new List<IReadOnlyList<object?>> { new List<object?> { "区", "区级计划", "涉及措施", "未分解", "已分解", "推进正常", "滞后" } };
        summary.AddRange(board.Districts.Select(d => (IReadOnlyList<object?>)
            [d.RegionName, d.Plan?.Title ?? "（无计划）", d.Counts.Total, d.Counts.NotDecomposed, d.Counts.Decomposed, d.Counts.OnTrack, d.Counts.Late]));
        SimpleXlsxWriter.Write(output, [new XlsxSheet("分解落实", rows), new XlsxSheet("各区汇总", summary)]);
        db.Record(AuditAction.DecompositionExport, user, time.GetUtcNow().UtcDateTime, null, null, new
        {
            export = "分解落实", city_plan = board.City.Id, task = taskId, districts = board.Districts.Count, measures = board.Measures.Count,
        });
        await db.SaveChangesAsync(cancellationToken);
        return board;
    }

    /// <summary>A cell in the workbook: the state in words, then the district measures behind it by 序号 (滞后 marked).</summary>
    private static string CellText(DecompositionCell cell) =>
        StateZh(cell.State) + (cell.Links.Count == 0 ? "" : "（" + string.Join("、", cell.Links.Select(l => l.Late ? l.Label + "滞后" : l.Label)) + "）");

    /// <summary>The state as the official output names it.</summary>
    public static string StateZh(DecompositionState state) => state switch
    {
        DecompositionState.NotDecomposed => "未分解",
        DecompositionState.Late => "滞后",
        DecompositionState.Decomposed => "已分解",
        DecompositionState.OnTrack => "推进正常",
    };
}
