using EcoPlan.Core.Audit;

namespace EcoPlan.Core.Progress;

public sealed record ReportView(
    int Id, int MeasureId, DateOnly Period, int OrganizationId, string Organization, ReportState State, int Revision, DateTime UpdatedAt,
    IReadOnlyList<VersionView> Versions, IReadOnlyList<CooperationView> Cooperation, IReadOnlyList<AttachmentView> Attachments)
{
    public VersionView? Latest => Versions.Count == 0 ? null : Versions[^1];
}

public sealed record VersionView(int Number, ProgressStatus Status, int Percent, string Narrative, DateTime CreatedAt, DateTime? SubmittedAt, DateTime? ReviewedAt, string? ReturnReason,
    IReadOnlyDictionary<int, decimal> Quantities);

public sealed record CooperationView(string Organization, string Text, DateTime CreatedAt);

public sealed record AttachmentView(int Id, int VersionNumber, string FileName, string ContentType, long Length);

public sealed record AuditView(DateTime At, string UserName, AuditAction Action, int? ReportId, string Details);

public sealed record ReviewItem(int ReportId, int MeasureId, string PlanTitle, string TaskName, string? MeasureText, string Organization, DateOnly Period, int Revision, DateTime SubmittedAt, int Percent, ProgressStatus Status,
    int PlanId, int OrganizationId);

/// <summary>Which submitted reports the queue shows: of one plan, one unit, one period; null for any.</summary>
public sealed record ReviewFilter(int? PlanId = null, int? OrganizationId = null, DateOnly? Period = null)
{
    public bool Matches(ReviewItem item) =>
        item is not null && (PlanId is null || item.PlanId == PlanId) && (OrganizationId is null || item.OrganizationId == OrganizationId) && (Period is null || item.Period == Period);
}

public sealed record ReviewOption(int Id, string Name);

/// <summary>The review queue as filtered, with each report's changes since its previous version, and the choices the filters offer (from the whole queue).</summary>
public sealed record ReviewList(IReadOnlyList<ReviewItem> Items, IReadOnlyDictionary<int, ReportChanges> Changes, IReadOnlyList<ReviewOption> Plans, IReadOnlyList<ReviewOption> Units, IReadOnlyList<DateOnly> Periods);

/// <summary>
/// What a report's latest version says against the version before it (the one the coordinator returned): status, percent,
/// narrative, quantities and files. With no previous version (<see cref="PreviousVersion"/> null) everything is new.
/// </summary>
public sealed record ReportChanges(int ReportId, int Version, int? PreviousVersion, string? PreviousReturnReason,
    ProgressStatus Status, ProgressStatus? PreviousStatus, int Percent, int? PreviousPercent, string Narrative, string? PreviousNarrative,
    IReadOnlyList<QuantityChange> Quantities, IReadOnlyList<AttachmentView> AddedAttachments, IReadOnlyList<AttachmentView> DroppedAttachments)
{
    public bool StatusChanged => PreviousVersion is not null && PreviousStatus != Status;
    public bool PercentChanged => PreviousVersion is not null && PreviousPercent != Percent;
    public bool NarrativeChanged => PreviousVersion is not null && PreviousNarrative != Narrative;
    public bool AnyChange => PreviousVersion is null || StatusChanged || PercentChanged || NarrativeChanged || Quantities.Count > 0 || AddedAttachments.Count > 0 || DroppedAttachments.Count > 0;
}

/// <summary>A quantity that differs between the two versions (null: not given in that version).</summary>
public sealed record QuantityChange(int TargetId, string Metric, string? Unit, decimal? Before, decimal? After);

/// <summary>What the progress form offers a unit for one period: the report, if any, and whether it may still be written (none yet, a draft, or returned).</summary>
public sealed record PeriodReport(DateOnly Period, ReportView? Report)
{
    public bool Editable => Report is null || Report.State is ReportState.Draft or ReportState.Returned;

    /// <summary>The version to fill the form with: the draft, or the returned version to mend.</summary>
    public VersionView? Prefill => Editable ? Report?.Latest : null;

    public string? ReturnReason => Report?.State == ReportState.Returned ? Report.Latest?.ReturnReason : null;
}

/// <summary>
/// Reading reports, as <see cref="ReportVisibility"/> rules: a measure's reports with their content go to those who may
/// read it (its units, its lead, those who oversee the plan); anyone else who may see the plan is refused (forbidden), and
/// a measure of a plan the caller may not see is not found.
/// </summary>
public static class ProgressQueries
{
    /// <summary>The reports of a measure, when the caller may read their content.</summary>
    public static async Task<UseCaseResult<List<ReportView>>> ForMeasureAsync(EcoPlanDbContext db, UserAccess user, int measureId, CancellationToken cancellationToken = default)
    {
        var readable = await ReportVisibility.ContentOfMeasureAsync(db, user, measureId, cancellationToken);
        if (!readable.Succeeded)
        {
            return readable.Refusal<List<ReportView>>();
        }

        return await Project(db, db.ProgressReports.AsNoTracking().Where(r => r.MeasureId == measureId).OrderBy(r => r.Period).ThenBy(r => r.OrganizationId), cancellationToken);
    }

    /// <summary>Submitted reports awaiting the user's review (admins: all; coordinators: their region's plans; anyone else: none), oldest first.</summary>
    public static Task<List<ReviewItem>> AwaitingReviewAsync(EcoPlanDbContext db, UserAccess user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        return Reviewable(db, user).OrderBy(r => r.UpdatedAt).ThenBy(r => r.Id)
            .Select(r => new ReviewItem(r.Id, r.MeasureId, r.Measure!.Task!.Section!.Plan!.Title, r.Measure.Task.Name, r.Measure.Text, r.Organization!.Name, r.Period, r.Revision, r.UpdatedAt,
                r.Versions.OrderByDescending(v => v.Number).Select(v => v.Percent).First(), r.Versions.OrderByDescending(v => v.Number).Select(v => v.Status).First(),
                r.Measure.Task.Section.PlanId, r.OrganizationId))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The submitted reports awaiting the user's review that pass <paramref name="filter"/>, oldest first.</summary>
    public static async Task<List<ReviewItem>> AwaitingReviewAsync(EcoPlanDbContext db, UserAccess user, ReviewFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return [.. (await AwaitingReviewAsync(db, user, cancellationToken)).Where(filter.Matches)];
    }

    /// <summary>The review queue page: the filtered reports with what changed in each, and the plans, units and periods of the whole queue to filter by.</summary>
    public static async Task<ReviewList> ReviewListAsync(EcoPlanDbContext db, UserAccess user, ReviewFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        // One read of the queue: the filter's choices come from all of it, the rows from what passes the filter.
        var all = await AwaitingReviewAsync(db, user, cancellationToken);
        var items = all.Where(filter.Matches).ToList();
        return new ReviewList(items, await ChangesOfAsync(db, [.. items.Select(i => i.ReportId)], cancellationToken),
            [.. all.DistinctBy(i => i.PlanId).Select(i => new ReviewOption(i.PlanId, i.PlanTitle)).OrderBy(o => o.Name, StringComparer.Ordinal)],
            [.. all.DistinctBy(i => i.OrganizationId).Select(i => new ReviewOption(i.OrganizationId, i.Organization)).OrderBy(o => o.Name, StringComparer.Ordinal)],
            [.. all.Select(i => i.Period).Distinct().OrderDescending()]);
    }

    /// <summary>What changed in a report's latest version since the previous one, when the caller may read the report's content (not found otherwise).</summary>
    public static async Task<UseCaseResult<ReportChanges>> ChangesAsync(EcoPlanDbContext db, UserAccess user, int reportId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var measureId = await db.ProgressReports.Where(r => r.Id == reportId).Select(r => (int?)r.MeasureId).SingleOrDefaultAsync(cancellationToken);
        var readable = measureId is { } measure
            ? await ReportVisibility.ContentOfMeasureAsync(db, user, measure, cancellationToken)
            : new UseCaseError.NotFound(CoreText.Get("Workflow_NoReport", reportId));
        if (!readable.Succeeded)
        {
            // Unreadable and missing look the same: nobody learns which report ids exist.
            return new UseCaseError.NotFound(CoreText.Get("Workflow_NoReport", reportId));
        }

        return (await ChangesOfAsync(db, [reportId], cancellationToken))[reportId];
    }

    /// <summary>The progress form's view of one period for the user's unit: its report among <paramref name="reports"/>, if any.</summary>
    public static PeriodReport ForPeriod(IEnumerable<ReportView> reports, UserAccess user, DateOnly period)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new PeriodReport(period, reports.FirstOrDefault(r => r.OrganizationId == user.OrganizationId && r.Period == period));
    }

    private static IQueryable<ProgressReport> Reviewable(EcoPlanDbContext db, UserAccess user)
    {
        var reports = db.ProgressReports.AsNoTracking().Where(r => r.State == ReportState.Submitted);
        return user.IsAdmin ? reports
            : user.Role == Roles.Coordinator ? reports.Where(r => r.Measure!.Task!.Section!.Plan!.RegionId == user.RegionId)
            : reports.Where(r => false);
    }

    /// <summary>The changes of each report's latest version, for reports the caller has already been allowed to see.</summary>
    private static async Task<Dictionary<int, ReportChanges>> ChangesOfAsync(EcoPlanDbContext db, List<int> reportIds, CancellationToken cancellationToken)
    {
        if (reportIds.Count == 0)
        {
            return [];
        }

        var versions = await db.ReportVersions.AsNoTracking().Where(v => reportIds.Contains(v.ReportId))
            .Select(v => new { v.ReportId, v.Number, v.Status, v.Percent, v.Narrative, v.ReturnReason, Quantities = v.Quantities.Select(q => new { q.TargetId, q.Value }).ToList() })
            .AsSplitQuery().ToListAsync(cancellationToken);
        var files = await db.ReportAttachments.AsNoTracking().Where(a => reportIds.Contains(a.ReportId))
            .Select(a => new { a.ReportId, a.VersionNumber, a.Sha256, View = new AttachmentView(a.Id, a.VersionNumber, a.FileName, a.ContentType, a.Length) }).ToListAsync(cancellationToken);
        var targetIds = versions.SelectMany(v => v.Quantities.Select(q => q.TargetId)).Distinct().ToList();
        var targets = await db.Targets.AsNoTracking().Where(t => targetIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => new { t.Metric, t.Unit }, cancellationToken);
        var changes = new Dictionary<int, ReportChanges>();
        foreach (var report in versions.GroupBy(v => v.ReportId))
        {
            var ordered = report.OrderByDescending(v => v.Number).ToList();
            var (latest, previous) = (ordered[0], ordered.Count > 1 ? ordered[1] : null);
            var before = previous?.Quantities.ToDictionary(q => q.TargetId, q => q.Value) ?? [];
            var after = latest.Quantities.ToDictionary(q => q.TargetId, q => q.Value);
            var quantities = before.Keys.Union(after.Keys).Order()
                .Select(id => new QuantityChange(id, targets.GetValueOrDefault(id)?.Metric ?? "", targets.GetValueOrDefault(id)?.Unit,
                    before.TryGetValue(id, out var b) ? b : null, after.TryGetValue(id, out var a) ? a : null))
                .Where(q => q.Before != q.After).ToList();
            var latestFiles = files.Where(f => f.ReportId == report.Key && f.VersionNumber == latest.Number).ToList();
            var previousFiles = previous is null ? [] : files.Where(f => f.ReportId == report.Key && f.VersionNumber == previous.Number).ToList();
            changes[report.Key] = new ReportChanges(report.Key, latest.Number, previous?.Number, previous?.ReturnReason,
                latest.Status, previous?.Status, latest.Percent, previous?.Percent, latest.Narrative, previous?.Narrative, quantities,
                [.. latestFiles.Where(f => previousFiles.All(p => p.Sha256 != f.Sha256)).Select(f => f.View)],
                [.. previousFiles.Where(p => latestFiles.All(f => f.Sha256 != p.Sha256)).Select(p => p.View)]);
        }

        return changes;
    }

    /// <summary>Who did what to the measure's reports, and when: report content (file names, return reasons), for those who may read it.</summary>
    public static async Task<UseCaseResult<List<AuditView>>> AuditAsync(EcoPlanDbContext db, UserAccess user, int measureId, CancellationToken cancellationToken = default)
    {
        var readable = await ReportVisibility.ContentOfMeasureAsync(db, user, measureId, cancellationToken);
        if (!readable.Succeeded)
        {
            return readable.Refusal<List<AuditView>>();
        }

        return await db.AuditEntries.AsNoTracking().Where(a => a.MeasureId == measureId).OrderBy(a => a.At).ThenBy(a => a.Id)
            .Select(a => new AuditView(a.At, a.UserName, a.Action, a.ReportId, a.Details)).ToListAsync(cancellationToken);
    }

    public static async Task<ReportView?> GetAsync(EcoPlanDbContext db, int reportId, CancellationToken cancellationToken = default) =>
        (await Project(db, db.ProgressReports.AsNoTracking().Where(r => r.Id == reportId), cancellationToken, single: true)).SingleOrDefault();

    /// <summary>A report just created, from memory: its versions with their quantities are all tracked, and it has no cooperation or files yet.</summary>
    internal static ReportView ViewOfNew(ProgressReport report, string organization) =>
        new(report.Id, report.MeasureId, report.Period, report.OrganizationId, organization, report.State, report.Revision, report.UpdatedAt,
            [.. report.Versions.OrderBy(v => v.Number).Select(v => new VersionView(v.Number, v.Status, v.Percent, v.Narrative, v.CreatedAt, v.SubmittedAt, v.ReviewedAt, v.ReturnReason,
                v.Quantities.ToDictionary(q => q.TargetId, q => q.Value)))],
            [], []);

    /// <summary>An attachment and its report, when the caller may read the report's content (not found otherwise).</summary>
    public static async Task<UseCaseResult<ReportAttachment>> AttachmentAsync(EcoPlanDbContext db, UserAccess user, int attachmentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var attachment = await db.ReportAttachments.AsNoTracking().Include(a => a.Report).SingleOrDefaultAsync(a => a.Id == attachmentId, cancellationToken);
        // Unreadable and missing look the same: nobody learns which attachment ids exist.
        return attachment is not null && (await ReportVisibility.ContentOfMeasureAsync(db, user, attachment.Report!.MeasureId, cancellationToken)).Succeeded
            ? attachment
            : new UseCaseError.NotFound(CoreText.Get("Visibility_NoAttachment", attachmentId));
    }

    /// <summary>
    /// The reports as views. Lists are read with split queries (one per collection); a single report in one query
    /// (<paramref name="single"/>), since its few versions, inputs and files multiply to a few rows, not a cartesian explosion.
    /// </summary>
    private static async Task<List<ReportView>> Project(EcoPlanDbContext db, IQueryable<ProgressReport> reports, CancellationToken cancellationToken, bool single = false)
    {
        var query = reports
            .Select(r => new
            {
                r.Id, r.MeasureId, r.Period, r.OrganizationId, Organization = r.Organization!.Name, r.State, r.Revision, r.UpdatedAt,
                Versions = r.Versions.OrderBy(v => v.Number).Select(v => new
                {
                    v.Number, v.Status, v.Percent, v.Narrative, v.CreatedAt, v.SubmittedAt, v.ReviewedAt, v.ReturnReason,
                    Quantities = v.Quantities.Select(q => new { q.TargetId, q.Value }).ToList(),
                }).ToList(),
                Cooperation = r.Cooperation.OrderBy(c => c.Id).Select(c => new CooperationView(c.Organization!.Name, c.Text, c.CreatedAt)).ToList(),
                Attachments = db.ReportAttachments.Where(a => a.ReportId == r.Id).OrderBy(a => a.Id)
                    .Select(a => new AttachmentView(a.Id, a.VersionNumber, a.FileName, a.ContentType, a.Length)).ToList(),
            });
        var rows = await (single ? query.AsSingleQuery() : query.AsSplitQuery()).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new ReportView(r.Id, r.MeasureId, r.Period, r.OrganizationId, r.Organization, r.State, r.Revision, r.UpdatedAt,
            [.. r.Versions.Select(v => new VersionView(v.Number, v.Status, v.Percent, v.Narrative, v.CreatedAt, v.SubmittedAt, v.ReviewedAt, v.ReturnReason,
                v.Quantities.ToDictionary(q => q.TargetId, q => q.Value)))],
            r.Cooperation, r.Attachments))];
    }
}
