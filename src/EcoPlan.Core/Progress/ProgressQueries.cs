using EcoPlan.Core.Accounts;
using EcoPlan.Core.Data;
using EcoPlan.Core.Plans;
using Microsoft.EntityFrameworkCore;

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

public sealed record AuditView(DateTime At, string UserName, string Action, int? ReportId, string Details);

public sealed record ReviewItem(int ReportId, int MeasureId, string PlanTitle, string TaskName, string? MeasureText, string Organization, DateOnly Period, int Revision, DateTime SubmittedAt, int Percent, ProgressStatus Status);

/// <summary>Reading reports, scoped to who is asking: a unit its own reports and those of measures it cooperates on; a leader the measures he or she leads; others all.</summary>
public static class ProgressQueries
{
    /// <summary>The reports of a measure the user may see, or null when the user has no business with the measure at all.</summary>
    public static async Task<List<ReportView>?> ForMeasureAsync(EcoPlanDbContext db, UserAccess user, int measureId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        var roles = await db.MeasureAssignments.Where(a => a.MeasureId == measureId)
            .Select(a => new { a.Role, a.OrganizationId, a.LeaderId }).ToListAsync(cancellationToken);
        var reports = db.ProgressReports.AsNoTracking().Where(r => r.MeasureId == measureId);
        switch (user.Role)
        {
            case Roles.Unit when roles.Any(a => a.OrganizationId == user.OrganizationId && a.Role == AssignmentRole.Cooperating):
                break;
            case Roles.Unit when roles.Any(a => a.OrganizationId == user.OrganizationId):
                reports = reports.Where(r => r.OrganizationId == user.OrganizationId);
                break;
            case Roles.Unit:
                return null;
            case Roles.Leader when !roles.Any(a => a.LeaderId != null && a.LeaderId == user.LeaderId):
                return null;
        }

        return await Project(db, reports.OrderBy(r => r.Period).ThenBy(r => r.OrganizationId), cancellationToken);
    }

    /// <summary>Submitted reports awaiting the user's review (admins: all; coordinators: their region's plans).</summary>
    public static Task<List<ReviewItem>> AwaitingReviewAsync(EcoPlanDbContext db, UserAccess user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        var reports = db.ProgressReports.AsNoTracking().Where(r => r.State == ReportState.Submitted);
        if (!user.IsAdmin)
        {
            reports = reports.Where(r => r.Measure!.Task!.Section!.Plan!.RegionId == user.RegionId);
        }

        return reports.OrderBy(r => r.UpdatedAt)
            .Select(r => new ReviewItem(r.Id, r.MeasureId, r.Measure!.Task!.Section!.Plan!.Title, r.Measure.Task.Name, r.Measure.Text, r.Organization!.Name, r.Period, r.Revision, r.UpdatedAt,
                r.Versions.OrderByDescending(v => v.Number).Select(v => v.Percent).First(), r.Versions.OrderByDescending(v => v.Number).Select(v => v.Status).First()))
            .ToListAsync(cancellationToken);
    }

    public static Task<List<AuditView>> AuditAsync(EcoPlanDbContext db, int measureId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.AuditEntries.AsNoTracking().Where(a => a.MeasureId == measureId).OrderBy(a => a.At).ThenBy(a => a.Id)
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

    /// <summary>An attachment and its report, when the user may see that report; null otherwise.</summary>
    public static async Task<ReportAttachment?> AttachmentAsync(EcoPlanDbContext db, UserAccess user, int attachmentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var attachment = await db.ReportAttachments.AsNoTracking().Include(a => a.Report).SingleOrDefaultAsync(a => a.Id == attachmentId, cancellationToken);
        if (attachment is null || await ForMeasureAsync(db, user, attachment.Report!.MeasureId, cancellationToken) is not { } visible)
        {
            return null;
        }

        return visible.Any(r => r.Id == attachment.ReportId) ? attachment : null;
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
