using EcoPlan.Core.Progress;

namespace EcoPlan.Core.Plans;

/// <summary>Where a measure stands against its deadline today; progress-based status arrives with progress reporting.</summary>
public enum DeadlineStatus
{
    Overdue,
    DueThisMonth,
    Upcoming,
    Continuous,
    Recurring,
    Unparsed,
}

/// <summary>Which measures to list; every field narrows, none widens.</summary>
public sealed record MeasureFilter
{
    public int? MeasureId { get; init; }
    public int? PlanId { get; init; }
    public int? OrganizationId { get; init; }
    public int? LeaderId { get; init; }
    public DateOnly? DueBefore { get; init; }

    /// <summary>The first day of a month: measures due in that month.</summary>
    public DateOnly? DueInMonth { get; init; }

    public DeadlineStatus? Status { get; init; }
    public string? Text { get; init; }
}

public sealed record MeasureListItem(
    int Id, int PlanId, string PlanTitle, int PlanYear, string SectionCode, string SectionTitle, int? TaskNumber, string TaskName,
    int? Number, string Text, string DeadlineRaw, DeadlineKind DeadlineKind, DateOnly? DeadlineDate, IReadOnlyList<AssignmentItem> Assignments)
{
    public IEnumerable<AssignmentItem> InRole(AssignmentRole role) => Assignments.Where(a => a.Role == role);

    /// <summary>The roles an organization holds on this measure (a unit may be both responsible and cooperating).</summary>
    public IEnumerable<AssignmentItem> Of(int organizationId) => Assignments.Where(a => a.OrganizationId == organizationId);

    public DeadlineStatus StatusOn(DateOnly today) => DeadlineKind switch
    {
        DeadlineKind.Continuous => DeadlineStatus.Continuous,
        DeadlineKind.Recurring => DeadlineStatus.Recurring,
        DeadlineKind.Unparsed => DeadlineStatus.Unparsed,
        DeadlineKind.Date when DeadlineDate < today => DeadlineStatus.Overdue,
        DeadlineKind.Date when DeadlineDate!.Value.Year == today.Year && DeadlineDate.Value.Month == today.Month => DeadlineStatus.DueThisMonth,
        DeadlineKind.Date => DeadlineStatus.Upcoming,
    };
}

public sealed record AssignmentItem(AssignmentRole Role, int Ordinal, string Name, int? OrganizationId, int? LeaderId, string? Duty);

/// <summary>Measures as lists and pages show them, leaving out those of draft plans the caller may not see (<see cref="ReportVisibility"/>).</summary>
public static class MeasureQueries
{
    /// <summary>
    /// The measure search as a user asks it: a unit's search is of its own organization's work and a leader's of his or
    /// her own portfolio unless they name it; asking for another unit's or leader's work is refused.
    /// </summary>
    public static async Task<UseCaseResult<List<MeasureListItem>>> SearchAsync(EcoPlanDbContext db, UserAccess user, MeasureFilter filter, DateOnly today,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(filter);
        var scoped = filter with
        {
            OrganizationId = filter.OrganizationId ?? (user.Role == Roles.Unit ? user.OrganizationId : null),
            LeaderId = filter.LeaderId ?? (user.Role == Roles.Leader ? user.LeaderId : null),
        };
        if (scoped.OrganizationId is { } organization && !user.CanSeeWorkOf(organization))
        {
            return new UseCaseError.Forbidden(CoreText.Get("Measures_OtherUnit"));
        }

        if (scoped.LeaderId is { } leader ? !user.CanSeePortfolioOf(leader) : user.Role == Roles.Leader)
        {
            return new UseCaseError.Forbidden(CoreText.Get("Measures_OtherLeader"));
        }

        return await ListAsync(db, user, scoped, today, cancellationToken);
    }

    public static async Task<List<MeasureListItem>> ListAsync(EcoPlanDbContext db, UserAccess user, MeasureFilter filter, DateOnly today, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var hidden = await ReportVisibility.HiddenPlansAsync(db, user, cancellationToken);
        var query = db.Measures.AsNoTracking();
        if (hidden.Count > 0)
        {
            query = query.Where(m => !hidden.Contains(m.Task!.Section!.PlanId));
        }
        if (filter.MeasureId is { } id)
        {
            query = query.Where(m => m.Id == id);
        }

        if (filter.PlanId is { } plan)
        {
            query = query.Where(m => m.Task!.Section!.PlanId == plan);
        }

        if (filter.OrganizationId is { } organization)
        {
            // An uncorrelated IN (subquery): SQLite runs it once through the OrganizationId index instead of once per measure.
            query = query.Where(m => db.MeasureAssignments.Where(a => a.OrganizationId == organization).Select(a => a.MeasureId).Contains(m.Id));
        }

        if (filter.LeaderId is { } leader)
        {
            query = query.Where(m => db.MeasureAssignments.Where(a => a.LeaderId == leader).Select(a => a.MeasureId).Contains(m.Id));
        }

        if (filter.DueBefore is { } before)
        {
            query = query.Where(m => m.Deadline.Date != null && m.Deadline.Date <= before);
        }

        if (filter.DueInMonth is { } month)
        {
            var start = new DateOnly(month.Year, month.Month, 1);
            var end = start.AddMonths(1);
            query = query.Where(m => m.Deadline.Date >= start && m.Deadline.Date < end);
        }

        if (filter.Status is { } status)
        {
            var monthStart = new DateOnly(today.Year, today.Month, 1);
            var nextMonth = monthStart.AddMonths(1);
            query = status switch
            {
                DeadlineStatus.Overdue => query.Where(m => m.Deadline.Kind == DeadlineKind.Date && m.Deadline.Date < today),
                DeadlineStatus.DueThisMonth => query.Where(m => m.Deadline.Kind == DeadlineKind.Date && m.Deadline.Date >= today && m.Deadline.Date < nextMonth),
                DeadlineStatus.Upcoming => query.Where(m => m.Deadline.Kind == DeadlineKind.Date && m.Deadline.Date >= nextMonth),
                DeadlineStatus.Continuous => query.Where(m => m.Deadline.Kind == DeadlineKind.Continuous),
                DeadlineStatus.Recurring => query.Where(m => m.Deadline.Kind == DeadlineKind.Recurring),
                DeadlineStatus.Unparsed => query.Where(m => m.Deadline.Kind == DeadlineKind.Unparsed),
            };
        }

        if (filter.Text is { Length: > 0 } text)
        {
            query = query.Where(m => m.Text.Contains(text) || m.Task!.Name.Contains(text));
        }

        var ordered = query
            .OrderBy(m => m.Task!.Section!.PlanId).ThenBy(m => m.Task!.Section!.Ordinal).ThenBy(m => m.Task!.Ordinal).ThenBy(m => m.Ordinal);
        if (!db.Database.IsSqlite())
        {
            // PostgreSQL: one query with the assignments joined in was the faster (bench/web-load.sh).
            var items = await ordered
                .Select(m => new MeasureListItem(
                    m.Id, m.Task!.Section!.PlanId, m.Task.Section.Plan!.Title, m.Task.Section.Plan.Year, m.Task.Section.Code, m.Task.Section.Title,
                    m.Task.Number, m.Task.Name, m.Number, m.Text, m.Deadline.Raw, m.Deadline.Kind, m.Deadline.Date,
                    m.Assignments.Select(a => new AssignmentItem(a.Role, a.Ordinal, a.PrintedName, a.OrganizationId, a.LeaderId, a.Duty)).ToList()))
                .ToListAsync(cancellationToken);

            // Role order is the document's (lead, responsible, cooperating), which the stored names do not sort into.
            return [.. items.Select(i => i with { Assignments = [.. i.Assignments.OrderBy(a => a.Role).ThenBy(a => a.Ordinal)] })];
        }

        // SQLite: two queries, read synchronously. The join repeated every measure's row (its long text among them)
        // once per assignee, five to six times over, which cost more than a second query; and Microsoft.Data.Sqlite
        // has no asynchronous I/O (its async methods run synchronously), so async reads only added a step per row.
        cancellationToken.ThrowIfCancellationRequested();
        var rows = ordered
            .Select(m => new
            {
                m.Id, m.Task!.Section!.PlanId, PlanTitle = m.Task.Section.Plan!.Title, PlanYear = m.Task.Section.Plan.Year,
                SectionCode = m.Task.Section.Code, SectionTitle = m.Task.Section.Title, TaskNumber = m.Task.Number, TaskName = m.Task.Name,
                m.Number, m.Text, m.Deadline.Raw, m.Deadline.Kind, m.Deadline.Date,
            })
            .ToList();
        if (rows.Count == 0)
        {
            return [];
        }

        var measureIds = query.Select(m => m.Id);
        var assignments = db.MeasureAssignments.AsNoTracking()
            .Where(a => measureIds.Contains(a.MeasureId))
            .Select(a => new { a.MeasureId, Item = new AssignmentItem(a.Role, a.Ordinal, a.PrintedName, a.OrganizationId, a.LeaderId, a.Duty) })
            .ToList()
            // Role order is the document's (lead, responsible, cooperating), which the stored names do not sort into.
            .OrderBy(a => a.Item.Role).ThenBy(a => a.Item.Ordinal)
            .ToLookup(a => a.MeasureId, a => a.Item);

        return [.. rows.Select(m => new MeasureListItem(
            m.Id, m.PlanId, m.PlanTitle, m.PlanYear, m.SectionCode, m.SectionTitle, m.TaskNumber, m.TaskName, m.Number, m.Text, m.Raw, m.Kind, m.Date,
            [.. assignments[m.Id]]))];
    }

    /// <summary>One measure with its targets; not found when there is none the caller may see.</summary>
    public static async Task<UseCaseResult<(MeasureListItem Measure, IReadOnlyList<TargetDetail> Targets)>> GetAsync(
        EcoPlanDbContext db, UserAccess user, int id, DateOnly today, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if ((await ListAsync(db, user, new MeasureFilter { MeasureId = id }, today, cancellationToken)).SingleOrDefault() is not { } measure)
        {
            return new UseCaseError.NotFound(CoreText.Get("Workflow_NoMeasure", id));
        }

        var targets = await db.Targets.AsNoTracking().Where(t => t.MeasureId == id).OrderBy(t => t.Id)
            .Select(t => new TargetDetail(t.Metric, t.Unit, t.Comparator, t.Value, t.Baseline, t.Owners.Select(o => o.OrganizationId).ToList()))
            .ToListAsync(cancellationToken);
        return (measure, (IReadOnlyList<TargetDetail>)targets);
    }
}
