using System.Text.Json;
using EcoPlan.Core.Accounts;
using EcoPlan.Core.Plans;
using EcoPlan.Core.Progress;
using EcoPlan.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace EcoPlan.Web.Plans;

/// <summary>
/// What every reader of a plan gets the same: its measure list and its table rendered as HTML, kept in memory under the
/// plan's <see cref="Plan.ContentRevision"/>. A change to the plan gives it a new revision in the same transaction, so an
/// entry is never served after its plan changed, by this instance or any other; entries of old revisions simply expire.
/// </summary>
/// <remarks>
/// The plan page read and rendered 300 measures on every request (about 16 ms of CPU, bench/web-load.sh); with the table
/// cached a request reads the plan's row and writes the stored HTML. Callers read the revision before the content.
/// </remarks>
public sealed class PlanViewCache(ILoggerFactory logs) : IDisposable
{
    // Sizes are in UTF-16 characters (about 2 bytes each): a 310-measure table is about 150,000.
    private const long Capacity = 32 * 1024 * 1024;
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(10);

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = Capacity });

    /// <summary>
    /// Every measure of the plan in document order, as <see cref="MeasureQueries.ListAsync"/> gives it unfiltered, and the
    /// filter choices they offer. <paramref name="plan"/> comes from <see cref="PlanQueries.GetHeaderAsync"/>, which let the
    /// caller see the plan; its measures are then the same for everyone, so one entry serves all.
    /// </summary>
    public async Task<PlanMeasures> MeasuresAsync(EcoPlanDbContext db, PlanHeader plan, DateOnly today, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var key = (nameof(MeasuresAsync), plan.Id, plan.ContentRevision);
        if (_cache.TryGetValue(key, out PlanMeasures? cached))
        {
            return cached!;
        }

        // Unfiltered, the list does not depend on the day (only the status filter does).
        var all = await MeasureQueries.ListAsync(db, UserAccess.System, new MeasureFilter { PlanId = plan.Id }, today, cancellationToken);
        var view = new PlanMeasures(
            all,
            [.. all.SelectMany(m => m.Assignments).Where(a => a.OrganizationId is not null)
                .GroupBy(a => a.OrganizationId!.Value).Select(g => (g.Key, g.First().Name)).OrderBy(u => u.Item2, StringComparer.Ordinal)],
            [.. all.SelectMany(m => m.Assignments).Where(a => a.LeaderId is not null).GroupBy(a => a.LeaderId!.Value).Select(g => (g.Key, g.First().Name))],
            [.. all.Where(m => m.DeadlineDate is not null).Select(m => new DateOnly(m.DeadlineDate!.Value.Year, m.DeadlineDate.Value.Month, 1)).Distinct().Order()]);
        return _cache.Set(key, view, Entry(all.Sum(m => m.Text.Length + m.TaskName.Length + 40 * (m.Assignments.Count + 1))));
    }

    /// <summary>
    /// The plan's whole table (<see cref="MeasureTable"/>) as HTML, in the current UI culture, with <paramref name="highlight"/>'s
    /// names marked and deadlines coloured as of <paramref name="today"/>.
    /// </summary>
    public async Task<MarkupString> TableAsync(
        IServiceProvider services, PlanHeader plan, IReadOnlyList<MeasureListItem> measures, int? highlight, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var key = (nameof(TableAsync), plan.Id, plan.ContentRevision, highlight, today, CultureInfo.CurrentUICulture.Name);
        if (!_cache.TryGetValue(key, out string? html))
        {
            await using var renderer = new HtmlRenderer(services, logs);
            html = await renderer.Dispatcher.InvokeAsync(async () =>
            {
                var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
                {
                    [nameof(MeasureTable.Measures)] = measures,
                    [nameof(MeasureTable.LeadKind)] = plan.LeadKind,
                    [nameof(MeasureTable.Today)] = today,
                    [nameof(MeasureTable.Highlight)] = highlight,
                });
                return (await renderer.RenderComponentAsync<MeasureTable>(parameters)).ToHtmlString();
            });
            _cache.Set(key, html, Entry(html.Length));
        }

        return new MarkupString(html!);
    }

    /// <summary>
    /// The measures of one organization (<see cref="MeasureFilter.OrganizationId"/>) or leader (<see cref="MeasureFilter.LeaderId"/>)
    /// across the plans <paramref name="user"/> may see, as UTF-8 JSON: kept under the revisions of those plans that name it,
    /// so a plan that changes, starts or stops naming it, or is seen by one caller and not another (a draft), makes another
    /// entry. The list holds nothing else that depends on the caller, so callers with the same plans share an entry.
    /// </summary>
    public async Task<byte[]> MeasuresOfJsonAsync(
        EcoPlanDbContext db, UserAccess user, MeasureFilter whose, DateOnly today, JsonSerializerOptions json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(whose);
        if (whose != new MeasureFilter { OrganizationId = whose.OrganizationId, LeaderId = whose.LeaderId })
        {
            throw new ArgumentException("Only an organization or a leader filter is cached.", nameof(whose));
        }

        // The plans that name it, as MeasureQueries.ListAsync finds its measures.
        var named = whose.OrganizationId is { } organization
            ? db.MeasureAssignments.Where(a => a.OrganizationId == organization)
            : db.MeasureAssignments.Where(a => a.LeaderId == whose.LeaderId);
        var hidden = await ReportVisibility.HiddenPlansAsync(db, user, cancellationToken);
        var revisions = await named.Select(a => a.Measure!.Task!.Section!.Plan!).Where(p => !hidden.Contains(p.Id)).Select(p => new { p.Id, p.ContentRevision }).Distinct()
            .ToListAsync(cancellationToken);
        var key = (nameof(MeasuresOfJsonAsync), whose.OrganizationId, whose.LeaderId,
            string.Join(',', revisions.OrderBy(p => p.Id).Select(p => $"{p.Id}:{p.ContentRevision}")));
        if (!_cache.TryGetValue(key, out byte[]? body))
        {
            var measures = await MeasureQueries.ListAsync(db, user, whose, today, cancellationToken);
            body = JsonSerializer.SerializeToUtf8Bytes(measures, json);
            _cache.Set(key, body, Entry(body.Length / 2));
        }

        return body!;
    }

    public void Dispose() => _cache.Dispose();

    private static MemoryCacheEntryOptions Entry(long size) => new() { Size = size, SlidingExpiration = Idle };
}

/// <summary>A plan's measures in document order, and the units, leaders and deadline months named on them (the page's filter choices).</summary>
public sealed record PlanMeasures(
    IReadOnlyList<MeasureListItem> Measures, IReadOnlyList<(int Id, string Name)> Units, IReadOnlyList<(int Id, string Name)> Leaders, IReadOnlyList<DateOnly> Months);
