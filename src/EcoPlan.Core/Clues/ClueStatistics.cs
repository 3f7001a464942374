using System.Linq.Expressions;
using EcoPlan.Core.Regions;

namespace EcoPlan.Core.Clues;

/// <summary>
/// The counts of a set of clues. <see cref="Verified"/>: the district accepted the outcome (the clue is past 核查待审);
/// the four outcomes split it. <see cref="VerifiedOnTime"/>: verified, and the township's first 提交核查结论 was on or before
/// the batch's 核查时限 (or the batch has none). <see cref="Overdue"/>: <see cref="ClueDeadlines.IsOverdue"/>.
/// <see cref="ClosedOnTime"/>: 已销号 on or before the clue's 整改时限 (its accepted plan's, else the batch's; none: on time).
/// </summary>
public sealed record ClueTally(
    int Received, int Verified, int VerifiedOnTime, int PseudoChange, int Compliant, int ViolationNew, int ViolationLegacy, int Rectifying, int Overdue,
    int Closed, int ClosedOnTime)
{
    public static readonly ClueTally None = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public ClueTally Plus(ClueTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Received + other.Received, Verified + other.Verified, VerifiedOnTime + other.VerifiedOnTime, PseudoChange + other.PseudoChange,
            Compliant + other.Compliant, ViolationNew + other.ViolationNew, ViolationLegacy + other.ViolationLegacy, Rectifying + other.Rectifying,
            Overdue + other.Overdue, Closed + other.Closed, ClosedOnTime + other.ClosedOnTime);
    }

    public int Of(ClueOutcome outcome) => outcome switch
    {
        ClueOutcome.PseudoChange => PseudoChange,
        ClueOutcome.Compliant => Compliant,
        ClueOutcome.ViolationNew => ViolationNew,
        ClueOutcome.ViolationLegacy => ViolationLegacy,
    };

    public static ClueTally Sum(IEnumerable<ClueTally> tallies) => (tallies ?? []).Aggregate(None, (sum, t) => sum.Plus(t));
}

/// <summary>The counts of a district (<see cref="Township"/> null in a district row) or of one township; in a township table a null township is the district's queue.</summary>
public sealed record ClueRegionTally(RegionRef District, RegionRef? Township, ClueTally Counts);

public sealed record ClueBatchTally(ClueBatchSummary Batch, RegionRef District, ClueTally Counts);

/// <summary>Which clues to count: each optional. <see cref="RegionId"/> is a district, or a city (every district under it).</summary>
public sealed record ClueStatisticsFilter(int? BatchId = null, int? MeasureId = null, int? RegionId = null);

/// <summary>Counts of the clues the caller sees, on <see cref="AsOf"/> (states as stored now; overdue on that day).</summary>
public sealed record ClueStatisticsView(
    DateOnly AsOf, ClueTally Total, IReadOnlyList<ClueRegionTally> ByDistrict, IReadOnlyList<ClueRegionTally> ByTownship, IReadOnlyList<ClueBatchTally> ByBatch)
{
    /// <summary>Clues of the batches received between two days (inclusive): the 月报's 本月新增.</summary>
    public int ReceivedBetween(DateOnly from, DateOnly to) => ByBatch.Where(b => b.Batch.ReceivedOn >= from && b.Batch.ReceivedOn <= to).Sum(b => b.Counts.Received);
}

/// <summary>
/// Clue counts per batch, township and district for the statistics page and API, the measure page, the dashboard and the
/// 月报. Only the clues <see cref="ClueAccess"/> lets the caller see are counted, so every place agrees with the list. The
/// counting is done by the database: GROUP BY queries over (batch, district, township), one more per hundred distinct
/// deadlines, whatever the number of clues; the on-time tests compare the trail's instants with each deadline's end in
/// the local time zone (docs/benchmarks.md, "Clue statistics").
/// </summary>
public sealed class ClueStatistics(EcoPlanDbContext db, TimeProvider time)
{
    // Deadline days per query: each is one OR term (SQLite nests them; its expression depth is bounded).
    private const int DeadlinesPerQuery = 100;

    private readonly ClueAccess _access = new(db);

    /// <summary>The counts of the clues the caller sees under the filter, on <paramref name="asOf"/> (default today).</summary>
    public Task<ClueStatisticsView> ComputeAsync(UserAccess user, ClueStatisticsFilter filter, DateOnly? asOf = null, CancellationToken cancellationToken = default) =>
        ComputeInZoneAsync(user, filter, asOf ?? DateOnly.FromDateTime(time.GetLocalNow().DateTime), time.LocalTimeZone, cancellationToken);

    /// <summary>The counts on a day, its deadlines ending at midnight in <paramref name="zone"/> (the dashboard and the 月报 pass theirs).</summary>
    internal async Task<ClueStatisticsView> ComputeInZoneAsync(UserAccess user, ClueStatisticsFilter filter, DateOnly today, TimeZoneInfo zone,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(filter);
        var clues = await ScopeAsync(db.Clues.AsNoTracking().Where(await _access.VisibleAsync(user, cancellationToken)), filter, cancellationToken);

        var states = await clues
            .Select(c => new
            {
                c.BatchId,
                c.DistrictRegionId,
                c.TownshipRegionId,
                Verified = c.State != ClueState.Pending && c.State != ClueState.Verifying && c.State != ClueState.VerificationSubmitted,
                c.State,
                c.Outcome,
            })
            .GroupBy(c => new { c.BatchId, c.DistrictRegionId, c.TownshipRegionId })
            .Select(g => new
            {
                g.Key.BatchId,
                g.Key.DistrictRegionId,
                g.Key.TownshipRegionId,
                Received = g.Count(),
                Verified = g.Sum(c => c.Verified ? 1 : 0),
                PseudoChange = g.Sum(c => c.Verified && c.Outcome == ClueOutcome.PseudoChange ? 1 : 0),
                Compliant = g.Sum(c => c.Verified && c.Outcome == ClueOutcome.Compliant ? 1 : 0),
                ViolationNew = g.Sum(c => c.Verified && c.Outcome == ClueOutcome.ViolationNew ? 1 : 0),
                ViolationLegacy = g.Sum(c => c.Verified && c.Outcome == ClueOutcome.ViolationLegacy ? 1 : 0),
                Rectifying = g.Sum(c => c.State == ClueState.Rectifying ? 1 : 0),
                Closed = g.Sum(c => c.State == ClueState.Closed ? 1 : 0),
            })
            .ToListAsync(cancellationToken);

        var batchIds = states.Select(s => s.BatchId).Distinct().ToList();
        var batches = await db.ClueBatches.AsNoTracking().Where(b => batchIds.Contains(b.Id))
            .Select(b => new { Summary = new ClueBatchSummary(b.Id, b.Name, b.Source, b.ReceivedOn, b.VerifyBy, b.RectifyBy, b.MeasureId), b.DistrictRegionId })
            .ToDictionaryAsync(b => b.Summary.Id, cancellationToken);

        var overdue = await CountAsync(ClueQueries.Filtered(clues, new ClueFilter(Overdue: true), today), cancellationToken);
        var verifiedOnTime = await VerifiedOnTimeAsync(clues, [.. batches.Values.Select(b => b.Summary)], zone, cancellationToken);
        var closedOnTime = await ClosedOnTimeAsync(clues, zone, cancellationToken);

        var regionIds = states.SelectMany(s => new[] { s.DistrictRegionId, s.TownshipRegionId ?? s.DistrictRegionId })
            .Concat(batches.Values.Select(b => b.DistrictRegionId)).Distinct().ToList();
        var regions = await db.Regions.AsNoTracking().Where(r => regionIds.Contains(r.Id)).Select(r => new { r.Id, r.Code, r.Name })
            .ToDictionaryAsync(r => r.Id, r => new RegionRef(r.Code, r.Name), cancellationToken);

        var rows = states.Select(s =>
        {
            var key = new GroupKey(s.BatchId, s.DistrictRegionId, s.TownshipRegionId);
            return (Key: key, Counts: new ClueTally(s.Received, s.Verified, verifiedOnTime.GetValueOrDefault(key), s.PseudoChange, s.Compliant, s.ViolationNew,
                s.ViolationLegacy, s.Rectifying, overdue.GetValueOrDefault(key), s.Closed, closedOnTime.GetValueOrDefault(key)));
        }).ToList();

        var byTownship = rows.GroupBy(r => (r.Key.DistrictId, r.Key.TownshipId))
            .Select(g => new ClueRegionTally(regions[g.Key.DistrictId], g.Key.TownshipId is { } t ? regions[t] : null, ClueTally.Sum(g.Select(r => r.Counts))))
            .OrderBy(r => r.District.Code, StringComparer.Ordinal).ThenBy(r => r.Township?.Code ?? "\uffff", StringComparer.Ordinal).ToList();
        var byDistrict = byTownship.GroupBy(r => r.District)
            .Select(g => new ClueRegionTally(g.Key, null, ClueTally.Sum(g.Select(r => r.Counts)))).ToList();
        var byBatch = rows.GroupBy(r => r.Key.BatchId)
            .Select(g => new ClueBatchTally(batches[g.Key].Summary, regions[batches[g.Key].DistrictRegionId], ClueTally.Sum(g.Select(r => r.Counts))))
            .OrderByDescending(b => b.Batch.ReceivedOn).ThenBy(b => b.Batch.Id).ToList();
        return new ClueStatisticsView(today, ClueTally.Sum(rows.Select(r => r.Counts)), byDistrict, byTownship, byBatch);
    }

    /// <summary>The counts of the batches attached to a measure (<see cref="ClueBatch.MeasureId"/>), as the caller sees them.</summary>
    public Task<ClueStatisticsView> ForMeasureAsync(UserAccess user, int measureId, DateOnly? asOf = null, CancellationToken cancellationToken = default) =>
        ComputeAsync(user, new ClueStatisticsFilter(MeasureId: measureId), asOf, cancellationToken);

    private async Task<IQueryable<Clue>> ScopeAsync(IQueryable<Clue> clues, ClueStatisticsFilter filter, CancellationToken cancellationToken)
    {
        if (filter.BatchId is { } batch)
        {
            clues = clues.Where(c => c.BatchId == batch);
        }

        if (filter.MeasureId is { } measure)
        {
            clues = clues.Where(c => c.Batch!.MeasureId == measure);
        }

        if (filter.RegionId is { } region)
        {
            var districts = await db.Regions.AsNoTracking()
                .Where(r => r.Level == RegionLevel.County && (r.Id == region || r.ParentId == region || r.Parent!.ParentId == region))
                .Select(r => r.Id).ToListAsync(cancellationToken);
            clues = clues.Where(c => districts.Contains(c.DistrictRegionId));
        }

        return clues;
    }

    /// <summary>
    /// Verified clues whose trail has a 提交核查结论 before the end of the batch's 核查时限 (an earlier submission that was
    /// returned counts: the township was on site in time). Batches are grouped by deadline, one OR term per deadline, all
    /// inside one EXISTS over the clue's trail (an EXISTS per term had the database seek the trail once per deadline).
    /// </summary>
    private static async Task<Dictionary<GroupKey, int>> VerifiedOnTimeAsync(IQueryable<Clue> clues, IReadOnlyList<ClueBatchSummary> batches, TimeZoneInfo zone,
        CancellationToken cancellationToken)
    {
        var verified = clues.Where(c => c.State != ClueState.Pending && c.State != ClueState.Verifying && c.State != ClueState.VerificationSubmitted);
        var counts = new Dictionary<GroupKey, int>();
        var undated = batches.Where(b => b.VerifyBy is null).Select(b => b.Id).ToList();
        if (undated.Count > 0)
        {
            Add(counts, await CountAsync(verified.Where(c => undated.Contains(c.BatchId)), cancellationToken));
        }

        foreach (var chunk in batches.Where(b => b.VerifyBy is not null).GroupBy(b => b.VerifyBy!.Value).Chunk(DeadlinesPerQuery))
        {
            var terms = chunk.Select(deadline =>
            {
                var ids = deadline.Select(b => b.Id).ToList();
                var end = EndOf(deadline.Key, zone);
                Expression<Func<Clue, ClueEvent, bool>> term = (c, e) => ids.Contains(c.BatchId) && e.At < end;
                return (LambdaExpression)term;
            }).ToList();
            var clue = Expression.Parameter(typeof(Clue), "c");
            var entry = Expression.Parameter(typeof(ClueEvent), "e");
            Expression<Func<ClueEvent, bool>> submitted = e => e.Action == ClueAction.VerificationSubmitted;
            var test = Expression.AndAlso(Swap(submitted, entry), AnyOf(terms, clue, entry));
            var any = Expression.Call(typeof(Enumerable), nameof(Enumerable.Any), [typeof(ClueEvent)],
                Expression.Property(clue, nameof(Clue.Events)), Expression.Lambda<Func<ClueEvent, bool>>(test, entry));
            Add(counts, await CountAsync(verified.Where(Expression.Lambda<Func<Clue, bool>>(any, clue)), cancellationToken));
        }

        return counts;
    }

    /// <summary>Closed clues whose 销号 came before the end of their 整改时限; one OR term per distinct deadline among them.</summary>
    private static async Task<Dictionary<GroupKey, int>> ClosedOnTimeAsync(IQueryable<Clue> clues, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var closed = clues.Where(c => c.State == ClueState.Closed);
        var counts = await CountAsync(closed.Where(c => (c.RectifyBy ?? c.Batch!.RectifyBy) == null), cancellationToken);
        var deadlines = await closed.Select(c => c.RectifyBy ?? c.Batch!.RectifyBy).Where(d => d != null).Distinct().ToListAsync(cancellationToken);
        foreach (var chunk in deadlines.Select(d => d!.Value).Chunk(DeadlinesPerQuery))
        {
            var terms = chunk.Select(deadline =>
            {
                var end = EndOf(deadline, zone);
                Expression<Func<Clue, bool>> term = c => (c.RectifyBy ?? c.Batch!.RectifyBy) == deadline && c.ClosedAt < end;
                return (LambdaExpression)term;
            }).ToList();
            var clue = Expression.Parameter(typeof(Clue), "c");
            Add(counts, await CountAsync(closed.Where(Expression.Lambda<Func<Clue, bool>>(AnyOf(terms, clue), clue)), cancellationToken));
        }

        return counts;
    }

    private static async Task<Dictionary<GroupKey, int>> CountAsync(IQueryable<Clue> clues, CancellationToken cancellationToken) =>
        (await clues.GroupBy(c => new { c.BatchId, c.DistrictRegionId, c.TownshipRegionId })
            .Select(g => new { g.Key.BatchId, g.Key.DistrictRegionId, g.Key.TownshipRegionId, Count = g.Count() })
            .ToListAsync(cancellationToken))
        .ToDictionary(g => new GroupKey(g.BatchId, g.DistrictRegionId, g.TownshipRegionId), g => g.Count);

    private static void Add(Dictionary<GroupKey, int> into, Dictionary<GroupKey, int> counts)
    {
        foreach (var (key, count) in counts)
        {
            into[key] = into.GetValueOrDefault(key) + count;
        }
    }

    /// <summary>
    /// The terms' bodies over <paramref name="parameters"/>, joined by OR as a balanced tree so the SQL's nesting grows
    /// with the log of their number.
    /// </summary>
    private static Expression AnyOf(List<LambdaExpression> terms, params ParameterExpression[] parameters)
    {
        Expression Join(int from, int count) => count == 1
            ? Swap(terms[from], parameters)
            : Expression.OrElse(Join(from, count / 2), Join(from + (count / 2), count - (count / 2)));
        return Join(0, terms.Count);
    }

    /// <summary>A lambda's body with its parameters replaced by <paramref name="parameters"/>, in order.</summary>
    private static Expression Swap(LambdaExpression lambda, params ParameterExpression[] parameters) =>
        new ParameterSwap(lambda.Parameters.Zip(parameters).ToDictionary(p => p.First, p => p.Second)).Visit(lambda.Body);

    /// <summary>The instant (UTC) a deadline day ends in the local time zone: the next day's midnight.</summary>
    private static DateTime EndOf(DateOnly day, TimeZoneInfo zone)
    {
        var midnight = day.AddDays(1).ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)).UtcDateTime;
    }

    private readonly record struct GroupKey(int BatchId, int DistrictId, int? TownshipId);

    private sealed class ParameterSwap(Dictionary<ParameterExpression, ParameterExpression> map) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => map.GetValueOrDefault(node) ?? base.VisitParameter(node);
    }
}
