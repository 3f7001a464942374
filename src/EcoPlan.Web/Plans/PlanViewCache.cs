using System.Globalization;
using EcoPlan.Core.Data;
using EcoPlan.Core.Plans;
using EcoPlan.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
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

    /// <summary>Every measure of the plan in document order, as <see cref="MeasureQueries.ListAsync"/> gives it unfiltered.</summary>
    public async Task<IReadOnlyList<MeasureListItem>> MeasuresAsync(EcoPlanDbContext db, PlanSummary plan, DateOnly today, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var key = (nameof(MeasuresAsync), plan.Id, plan.ContentRevision);
        if (_cache.TryGetValue(key, out IReadOnlyList<MeasureListItem>? measures))
        {
            return measures!;
        }

        // Unfiltered, the list does not depend on the day (only the status filter does).
        measures = await MeasureQueries.ListAsync(db, new MeasureFilter { PlanId = plan.Id }, today, cancellationToken);
        return _cache.Set(key, measures, Entry(measures.Sum(m => m.Text.Length + m.TaskName.Length + 40 * (m.Assignments.Count + 1))));
    }

    /// <summary>
    /// The plan's whole table (<see cref="MeasureTable"/>) as HTML, in the current UI culture, with <paramref name="highlight"/>'s
    /// names marked and deadlines coloured as of <paramref name="today"/>.
    /// </summary>
    public async Task<MarkupString> TableAsync(
        IServiceProvider services, PlanSummary plan, IReadOnlyList<MeasureListItem> measures, int? highlight, DateOnly today)
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

    public void Dispose() => _cache.Dispose();

    private static MemoryCacheEntryOptions Entry(long size) => new() { Size = size, SlidingExpiration = Idle };
}
