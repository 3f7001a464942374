using EcoPlan.Core.Audit;
using EcoPlan.Core.Organizations;
using EcoPlan.Core.Plans;
using EcoPlan.Core.Progress;

namespace EcoPlan.Core.Cascade;

/// <summary>A township of the district and where it stands on the measure: assigned (in the collective's role) or not, and how many reports it has entered.</summary>
public sealed record TownshipChoice(int OrganizationId, string Name, string RegionCode, bool Assigned, int Reports);

/// <summary>
/// A collective of townships named on a measure (各街道乡镇: <see cref="AllTownships"/>, expanded to every township of the
/// district; 相关乡镇政府: the coordinator picks), in its role, with the district's townships.
/// </summary>
public sealed record TownshipCollective(int OrganizationId, string Name, string PrintedName, AssignmentRole Role, bool AllTownships, IReadOnlyList<TownshipChoice> Townships);

/// <summary>A measure's township collectives; <see cref="CanEdit"/> when the caller may expand them.</summary>
public sealed record TownshipExpansionView(int MeasureId, int PlanId, string MeasureText, string DistrictName, bool CanEdit, IReadOnlyList<TownshipCollective> Collectives);

/// <summary>
/// Township expansion (issue 15): a district measure that names a collective of townships (the directory's Group units
/// 通州区各街道乡镇 and 通州区相关乡镇政府, whatever alias the document printed) gets the actual townships (乡镇/街道 units of the
/// district) as assignments in the collective's role, so each reports (or, cooperating, gives its input) like any other
/// unit. The collective's own assignment stays: it is what the document printed. Only the district plan's coordinators
/// (and admins) expand or remove; a township that has entered a report on the measure is never removed. Each change is
/// audited (<see cref="AuditAction.TownshipExpansion"/>, on the measure) in the same save.
/// </summary>
public sealed class TownshipExpansion(EcoPlanDbContext db, TimeProvider time)
{
    /// <summary>Whether a Group unit stands for townships (乡镇, 街道), and for all of them (各…) or some (相关…, 有关…).</summary>
    public static bool? NamesAllTownships(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!name.Contains("乡镇", StringComparison.Ordinal) && !name.Contains("街道", StringComparison.Ordinal))
        {
            return null;
        }

        return name.Contains('各', StringComparison.Ordinal);
    }

    /// <summary>The measure's township collectives with the district's townships; not found when the caller may not see the measure.</summary>
    public async Task<UseCaseResult<TownshipExpansionView>> GetAsync(UserAccess user, int measureId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var loaded = await LoadAsync(user, measureId, cancellationToken);
        return loaded.Value is { } state ? state.View() : loaded.Refusal<TownshipExpansionView>();
    }

    /// <summary>
    /// Assigns townships for a collective of the measure: every township of the district for 各街道乡镇 (<paramref name="townships"/>
    /// is then ignored), the ones picked for 相关乡镇政府. Townships already assigned stay; the same expansion twice is one.
    /// </summary>
    public async Task<UseCaseResult<TownshipExpansionView>> ExpandAsync(UserAccess user, int measureId, int collectiveId, IReadOnlyCollection<int>? townships,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var loaded = await LoadEditableAsync(user, measureId, collectiveId, cancellationToken);
        if (!loaded.Succeeded)
        {
            return loaded.Refusal<TownshipExpansionView>();
        }

        var (state, collective) = loaded.Value;
        List<TownshipChoice> wanted;
        if (collective.AllTownships)
        {
            wanted = [.. collective.Townships];
        }
        else
        {
            if (townships is null || townships.Count == 0)
            {
                return new UseCaseError.Invalid("townships", CoreText.Get("Townships_NonePicked", collective.PrintedName));
            }

            if (townships.FirstOrDefault(id => collective.Townships.All(t => t.OrganizationId != id)) is var stranger and not 0)
            {
                return new UseCaseError.Invalid("townships", CoreText.Get("Townships_NotOfDistrict", stranger, state.DistrictName));
            }

            wanted = [.. collective.Townships.Where(t => townships.Contains(t.OrganizationId))];
        }

        var added = wanted.Where(t => !t.Assigned).ToList();
        if (added.Count > 0)
        {
            var ordinal = await db.MeasureAssignments.Where(a => a.MeasureId == measureId && a.Role == collective.Role).MaxAsync(a => (int?)a.Ordinal, cancellationToken) ?? 0;
            foreach (var township in added)
            {
                db.MeasureAssignments.Add(new MeasureAssignment
                {
                    MeasureId = measureId, Role = collective.Role, Ordinal = ++ordinal, OrganizationId = township.OrganizationId, PrintedName = ShortName(township),
                });
            }

            db.Record(AuditAction.TownshipExpansion, user, time.GetUtcNow().UtcDateTime, measureId, null, new
            {
                collective = collective.Name, role = collective.Role.ToString().ToLowerInvariant(), added = added.Select(t => t.Name), removed = Array.Empty<string>(),
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        return await GetAsync(user, measureId, cancellationToken);
    }

    /// <summary>
    /// Takes an expanded township off the measure (undo); refused, saying so, when the township has entered a report (or a
    /// cooperating input) on the measure: what it reported is never lost.
    /// </summary>
    public async Task<UseCaseResult<TownshipExpansionView>> RemoveAsync(UserAccess user, int measureId, int collectiveId, int townshipId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var loaded = await LoadEditableAsync(user, measureId, collectiveId, cancellationToken);
        if (!loaded.Succeeded)
        {
            return loaded.Refusal<TownshipExpansionView>();
        }

        var (_, collective) = loaded.Value;
        if (collective.Townships.SingleOrDefault(t => t.OrganizationId == townshipId && t.Assigned) is not { } township)
        {
            return new UseCaseError.NotFound(CoreText.Get("Townships_NotAssigned", townshipId, collective.PrintedName));
        }

        if (township.Reports > 0)
        {
            return new UseCaseError.Conflict(CoreText.Get("Townships_HasReports", township.Name, township.Reports));
        }

        // Tracked, so the plan's content revision and the audit entry go in the same save.
        db.MeasureAssignments.RemoveRange(await db.MeasureAssignments
            .Where(a => a.MeasureId == measureId && a.Role == collective.Role && a.OrganizationId == townshipId).ToListAsync(cancellationToken));
        db.Record(AuditAction.TownshipExpansion, user, time.GetUtcNow().UtcDateTime, measureId, null, new
        {
            collective = collective.Name, role = collective.Role.ToString().ToLowerInvariant(), added = Array.Empty<string>(), removed = new[] { township.Name },
        });
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(user, measureId, cancellationToken);
    }

    /// <summary>The name printed for an expanded township: the township's own (永顺镇), as a district plan would print it.</summary>
    private static string ShortName(TownshipChoice township) => township.Name.Length > 0 ? township.Name : township.RegionCode;

    private async Task<UseCaseResult<(State State, TownshipCollective Collective)>> LoadEditableAsync(UserAccess user, int measureId, int collectiveId, CancellationToken cancellationToken)
    {
        var loaded = await LoadAsync(user, measureId, cancellationToken);
        if (loaded.Value is not { } state)
        {
            return loaded.Refusal<(State, TownshipCollective)>();
        }

        if (!state.CanEdit)
        {
            return new UseCaseError.Forbidden(CoreText.Get("Townships_Forbidden", state.DistrictName));
        }

        return state.Collectives.FirstOrDefault(c => c.OrganizationId == collectiveId) is { } collective
            ? (state, collective)
            : new UseCaseError.Invalid("collective", CoreText.Get("Townships_NoCollective", collectiveId, measureId));
    }

    private sealed record State(int MeasureId, int PlanId, string Text, string DistrictName, bool CanEdit, IReadOnlyList<TownshipCollective> Collectives)
    {
        public TownshipExpansionView View() => new(MeasureId, PlanId, Text, DistrictName, CanEdit, Collectives);
    }

    private async Task<UseCaseResult<State>> LoadAsync(UserAccess user, int measureId, CancellationToken cancellationToken)
    {
        var measure = await db.Measures.AsNoTracking().Where(m => m.Id == measureId)
            .Select(m => new { m.Id, m.Text, PlanId = m.Task!.Section!.PlanId, m.Task.Section.Plan!.RegionId, RegionName = m.Task.Section.Plan.Region!.Name })
            .SingleOrDefaultAsync(cancellationToken);
        if (measure is null || !(await ReportVisibility.OfPlanAsync(db, user, measure.PlanId, cancellationToken)).Succeeded)
        {
            return new UseCaseError.NotFound(CoreText.Get("Workflow_NoMeasure", measureId));
        }

        var assignments = await db.MeasureAssignments.AsNoTracking().Where(a => a.MeasureId == measureId && a.OrganizationId != null)
            .Select(a => new { a.Role, OrganizationId = a.OrganizationId!.Value, a.PrintedName, a.Organization!.Name, a.Organization.Kind, a.Organization.RegionId })
            .ToListAsync(cancellationToken);
        var groups = assignments.Where(a => a.Kind == OrganizationKind.Group && NamesAllTownships(a.Name) is not null).ToList();
        var collectives = new List<TownshipCollective>();
        if (groups.Count > 0)
        {
            // The townships of the collective's district (the directory's 乡镇/街道 units), and what each has reported on the measure.
            var districts = groups.Select(g => g.RegionId).Distinct().ToList();
            var townships = await db.Organizations.AsNoTracking()
                .Where(o => o.Kind == OrganizationKind.Township && districts.Contains(o.Region!.ParentId!.Value))
                .OrderBy(o => o.Region!.Code)
                .Select(o => new { o.Id, RegionName = o.Region!.Name, o.Region.Code, District = o.Region.ParentId!.Value })
                .ToListAsync(cancellationToken);
            var ids = townships.Select(t => t.Id).ToList();
            var reports = (await db.ProgressReports.AsNoTracking().Where(r => r.MeasureId == measureId && ids.Contains(r.OrganizationId))
                    .GroupBy(r => r.OrganizationId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
                .ToDictionary(r => r.Key, r => r.Count);
            var inputs = (await db.CooperationInputs.AsNoTracking().Where(c => c.Report!.MeasureId == measureId && ids.Contains(c.OrganizationId))
                    .GroupBy(c => c.OrganizationId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
                .ToDictionary(r => r.Key, r => r.Count);
            foreach (var group in groups)
            {
                collectives.Add(new TownshipCollective(group.OrganizationId, group.Name, group.PrintedName, group.Role, NamesAllTownships(group.Name) == true,
                    [.. townships.Where(t => t.District == group.RegionId).Select(t => new TownshipChoice(
                        t.Id, t.RegionName, t.Code, assignments.Any(a => a.Role == group.Role && a.OrganizationId == t.Id),
                        reports.GetValueOrDefault(t.Id) + inputs.GetValueOrDefault(t.Id)))]));
            }
        }

        return new State(measure.Id, measure.PlanId, measure.Text, measure.RegionName, user.CanManagePlansOf(measure.RegionId), collectives);
    }
}
