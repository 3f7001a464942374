using System.Text.Json;
using EcoPlan.Core.Accounts;
using EcoPlan.Core.Data;
using EcoPlan.Core.Plans;
using Microsoft.EntityFrameworkCore;

namespace EcoPlan.Core.Progress;

/// <summary>What a unit writes in a report.</summary>
public sealed record ReportContent(ProgressStatus Status, int Percent, string? Narrative, IReadOnlyDictionary<int, decimal>? Quantities = null);

public enum WorkflowError
{
    NotFound,
    Forbidden,
    Invalid,
    Conflict,
}

/// <summary>A step of the reporting workflow refused: why, and which kind of refusal (for the HTTP status).</summary>
public sealed class WorkflowException : Exception
{
    public WorkflowException(WorkflowError error, string message) : base(message) => Error = error;
    public WorkflowException() : this(WorkflowError.Invalid, "") { }
    public WorkflowException(string message) : this(WorkflowError.Invalid, message) { }
    public WorkflowException(string message, Exception innerException) : base(message, innerException) => Error = WorkflowError.Invalid;

    public WorkflowError Error { get; }
}

/// <summary>
/// The reporting workflow: a responsible unit drafts and submits its report for a period, cooperating units
/// add their input before it is submitted, the plan's coordinator accepts or returns it with a reason.
/// Every step is checked against who is asking and recorded in the audit trail.
/// </summary>
public sealed class ProgressWorkflow(EcoPlanDbContext db, TimeProvider time)
{
    private const int MaxNarrative = 4000;

    public async Task<ProgressReport> SaveDraftAsync(UserAccess user, int measureId, DateOnly period, ReportContent content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(content);
        var measure = await MeasureAsync(measureId, cancellationToken);
        if (user.Role != Roles.Unit || !measure.ResponsibleOrganizations.Contains(user.OrganizationId))
        {
            throw new WorkflowException(WorkflowError.Forbidden, "only a responsible unit of the measure reports on it");
        }

        var periods = ReportingSchedule.Periods(measure.Year, measure.Frequency, measure.DueDay, new DateOnly(measure.Year, 1, 1), measure.DeadlineKind, measure.Deadline);
        var start = ReportingSchedule.PeriodOf(period, measure.Frequency);
        if (periods.All(p => p.Start != start))
        {
            throw new WorkflowException(WorkflowError.Invalid, $"period {start:yyyy-MM} is not a reporting period of this measure ({periods[0].Label} to {periods[^1].Label})");
        }

        var quantities = Validate(measure.Targets, content);
        var now = Now();
        var report = await db.ProgressReports.Include(r => r.Versions).ThenInclude(v => v.Quantities)
            .SingleOrDefaultAsync(r => r.MeasureId == measureId && r.OrganizationId == user.OrganizationId && r.Period == start, cancellationToken);
        if (report is null)
        {
            report = new ProgressReport { MeasureId = measureId, OrganizationId = user.OrganizationId, Period = start, State = ReportState.Draft, CreatedAt = now };
            db.ProgressReports.Add(report);
        }

        var draft = report.Versions.SingleOrDefault(v => v.SubmittedAt is null);
        switch (report.State)
        {
            case ReportState.Submitted:
            case ReportState.Accepted:
                throw new WorkflowException(WorkflowError.Conflict, $"the report for {start:yyyy-MM} is {report.State.ToString().ToLowerInvariant()}; it can change only after the coordinator returns it");
            case ReportState.Returned:
                report.State = ReportState.Draft;
                draft = null;
                break;
            case ReportState.Draft:
                break;
        }

        if (draft is null)
        {
            draft = new ReportVersion { Number = report.Versions.Count + 1, CreatedAt = now, CreatedById = user.UserId };
            report.Versions.Add(draft);
        }

        draft.Status = content.Status;
        draft.Percent = content.Percent;
        draft.Narrative = content.Narrative?.Trim() ?? "";
        draft.Quantities.Clear();
        draft.Quantities.AddRange(quantities.Select(q => new ReportQuantity { TargetId = q.Key, Value = q.Value }));
        report.UpdatedAt = now;
        report.Revision++;
        await SaveAsync(user, "draft", report, new { period = start, version = draft.Number, content.Status, content.Percent }, cancellationToken);
        return report;
    }

    /// <summary>Submits the open draft. Submitting a report that is already submitted changes nothing (a double click, a retry).</summary>
    public async Task<ProgressReport> SubmitAsync(UserAccess user, int reportId, CancellationToken cancellationToken = default)
    {
        var report = await ReportAsync(reportId, cancellationToken);
        if (user.Role != Roles.Unit || report.OrganizationId != user.OrganizationId)
        {
            throw new WorkflowException(WorkflowError.Forbidden, "only the reporting unit submits its report");
        }

        if (report.State is ReportState.Submitted or ReportState.Accepted)
        {
            return report;
        }

        var draft = report.Versions.SingleOrDefault(v => v.SubmittedAt is null)
            ?? throw new WorkflowException(WorkflowError.Invalid, "there is no draft to submit; save one first");
        draft.SubmittedAt = Now();
        draft.SubmittedById = user.UserId;
        report.State = ReportState.Submitted;
        report.UpdatedAt = draft.SubmittedAt.Value;
        report.Revision++;
        await SaveAsync(user, "submit", report, new { version = draft.Number }, cancellationToken);
        return report;
    }

    /// <summary>Attaches evidence to the open draft: at most <paramref name="maxBytes"/>, a PDF, image, Word or Excel file by its content.</summary>
    public async Task<ReportAttachment> AttachAsync(UserAccess user, int reportId, string fileName, byte[] content, IAttachmentStore store, long maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(store);
        var report = await ReportAsync(reportId, cancellationToken);
        if (user.Role != Roles.Unit || report.OrganizationId != user.OrganizationId)
        {
            throw new WorkflowException(WorkflowError.Forbidden, "only the reporting unit attaches files to its report");
        }

        var draft = report.Versions.SingleOrDefault(v => v.SubmittedAt is null)
            ?? throw new WorkflowException(WorkflowError.Conflict, "files can be attached only to a draft");
        var name = Path.GetFileName(fileName ?? "").Trim();
        if (content.Length == 0 || content.LongLength > maxBytes)
        {
            throw new WorkflowException(WorkflowError.Invalid, $"{name}: {content.LongLength / 1024.0 / 1024.0:0.#} MB; a file must be 1 byte to {maxBytes / 1024.0 / 1024.0:0.#} MB");
        }

        var type = AttachmentTypes.Detect(content)
            ?? throw new WorkflowException(WorkflowError.Invalid, $"{name}: not a PDF, image (PNG, JPEG, GIF), Word or Excel file by its content");
        var hash = AttachmentTypes.Hash(content);
        await store.SaveAsync(hash, content, cancellationToken);
        var attachment = new ReportAttachment
        {
            ReportId = report.Id, VersionNumber = draft.Number, FileName = name.Length is 0 or > 260 ? hash[..12] : name, ContentType = type,
            Length = content.LongLength, Sha256 = hash, UploadedAt = Now(), UploadedById = user.UserId,
        };
        db.ReportAttachments.Add(attachment);
        report.Revision++;
        await SaveAsync(user, "attach", report, new { file = attachment.FileName, type, bytes = content.LongLength, sha256 = hash }, cancellationToken);
        return attachment;
    }

    public Task<ProgressReport> AcceptAsync(UserAccess user, int reportId, int revision, CancellationToken cancellationToken = default) =>
        ReviewAsync(user, reportId, revision, reason: null, cancellationToken);

    public Task<ProgressReport> ReturnAsync(UserAccess user, int reportId, int revision, string reason, CancellationToken cancellationToken = default) =>
        string.IsNullOrWhiteSpace(reason)
            ? throw new WorkflowException(WorkflowError.Invalid, "a returned report needs a reason")
            : ReviewAsync(user, reportId, revision, reason.Trim(), cancellationToken);

    public async Task<ProgressReport> AddCooperationAsync(UserAccess user, int reportId, string text, CancellationToken cancellationToken = default)
    {
        var report = await ReportAsync(reportId, cancellationToken);
        var measure = await MeasureAsync(report.MeasureId, cancellationToken);
        if (user.Role != Roles.Unit || !measure.CooperatingOrganizations.Contains(user.OrganizationId))
        {
            throw new WorkflowException(WorkflowError.Forbidden, "only a cooperating unit of the measure adds input");
        }

        if (report.State != ReportState.Draft)
        {
            throw new WorkflowException(WorkflowError.Conflict, "input can be added only before the report is submitted");
        }

        if (string.IsNullOrWhiteSpace(text) || text.Length > 2000)
        {
            throw new WorkflowException(WorkflowError.Invalid, "the input needs 1 to 2000 characters");
        }

        report.Cooperation.Add(new CooperationInput { OrganizationId = user.OrganizationId, Text = text.Trim(), CreatedAt = Now(), CreatedById = user.UserId });
        report.Revision++;
        await SaveAsync(user, "cooperate", report, new { organization = user.OrganizationId }, cancellationToken);
        return report;
    }

    private async Task<ProgressReport> ReviewAsync(UserAccess user, int reportId, int revision, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var report = await ReportAsync(reportId, cancellationToken);
        var measure = await MeasureAsync(report.MeasureId, cancellationToken);
        if (!user.CanManagePlansOf(measure.RegionId))
        {
            throw new WorkflowException(WorkflowError.Forbidden, "only a coordinator of the plan's region reviews its reports");
        }

        if (report.State != ReportState.Submitted || report.Revision != revision)
        {
            throw new WorkflowException(WorkflowError.Conflict, report.State == ReportState.Submitted
                ? "the report changed since you opened it; reload it"
                : $"the report is {report.State.ToString().ToLowerInvariant()}, not awaiting review");
        }

        var version = report.Versions.OrderBy(v => v.Number).Last();
        version.ReviewedAt = Now();
        version.ReviewedById = user.UserId;
        version.ReturnReason = reason;
        report.State = reason is null ? ReportState.Accepted : ReportState.Returned;
        report.UpdatedAt = version.ReviewedAt.Value;
        report.Revision++;
        try
        {
            await SaveAsync(user, reason is null ? "accept" : "return", report, new { version = version.Number, reason }, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another reviewer saved first: the row's revision moved on under us.
            throw new WorkflowException(WorkflowError.Conflict, "someone else reviewed this report at the same time; reload it");
        }

        return report;
    }

    private static Dictionary<int, decimal> Validate(IReadOnlyList<int> targets, ReportContent content)
    {
        if (!Enum.IsDefined(content.Status))
        {
            throw new WorkflowException(WorkflowError.Invalid, "status: unknown value");
        }

        if (content.Percent is < 0 or > 100)
        {
            throw new WorkflowException(WorkflowError.Invalid, $"percent: {content.Percent} is not between 0 and 100");
        }

        if ((content.Narrative?.Length ?? 0) > MaxNarrative)
        {
            throw new WorkflowException(WorkflowError.Invalid, $"narrative: more than {MaxNarrative} characters");
        }

        var quantities = new Dictionary<int, decimal>(content.Quantities ?? new Dictionary<int, decimal>());
        foreach (var (target, value) in quantities)
        {
            if (!targets.Contains(target))
            {
                throw new WorkflowException(WorkflowError.Invalid, $"quantities: target {target} is not a target of this measure");
            }

            if (value < 0)
            {
                throw new WorkflowException(WorkflowError.Invalid, $"quantities: target {target} has a negative value");
            }
        }

        return quantities;
    }

    private async Task SaveAsync(UserAccess user, string action, ProgressReport report, object details, CancellationToken cancellationToken)
    {
        // The report and its audit entry are saved together, or neither. A report that exists already has its id, so its
        // changes and the audit entry go in one SaveChanges (one transaction, one batch); a new report needs its id first.
        if (report.Id != 0)
        {
            db.AuditEntries.Add(Audit(user, action, report, details));
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        db.AuditEntries.Add(Audit(user, action, report, details));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private AuditEntry Audit(UserAccess user, string action, ProgressReport report, object details) => new()
    {
        At = Now(), UserId = user.UserId, UserName = user.UserName, Action = action, MeasureId = report.MeasureId, ReportId = report.Id,
        Details = JsonSerializer.Serialize(details, AuditEntry.DetailsJson),
    };

    private async Task<ProgressReport> ReportAsync(int reportId, CancellationToken cancellationToken) =>
        await db.ProgressReports.Include(r => r.Versions).Include(r => r.Cooperation).SingleOrDefaultAsync(r => r.Id == reportId, cancellationToken)
        ?? throw new WorkflowException(WorkflowError.NotFound, $"there is no report {reportId}");

    private async Task<MeasureContext> MeasureAsync(int measureId, CancellationToken cancellationToken)
    {
        var measure = await db.Measures.AsNoTracking().Where(m => m.Id == measureId)
            .Select(m => new
            {
                m.Task!.Section!.Plan!.Year, m.Task.Section.Plan.RegionId, m.Task.Section.Plan.ReportingFrequency, m.Task.Section.Plan.ReportingDueDay,
                m.Deadline.Kind, m.Deadline.Date,
                Responsible = m.Assignments.Where(a => a.Role == AssignmentRole.Responsible && a.OrganizationId != null).Select(a => a.OrganizationId!.Value).ToList(),
                Cooperating = m.Assignments.Where(a => a.Role == AssignmentRole.Cooperating && a.OrganizationId != null).Select(a => a.OrganizationId!.Value).ToList(),
                Targets = db.Targets.Where(t => t.MeasureId == m.Id).Select(t => t.Id).ToList(),
            })
            // One round trip: a measure has a handful of assignments and targets.
            .AsSingleQuery()
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new WorkflowException(WorkflowError.NotFound, $"there is no measure {measureId}");
        return new MeasureContext(measure.Year, measure.RegionId, measure.ReportingFrequency, measure.ReportingDueDay, measure.Kind, measure.Date, measure.Responsible, measure.Cooperating,
            measure.Targets);
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    private sealed record MeasureContext(int Year, int RegionId, ReportingFrequency Frequency, int DueDay, DeadlineKind DeadlineKind, DateOnly? Deadline,
        IReadOnlyList<int> ResponsibleOrganizations, IReadOnlyList<int> CooperatingOrganizations, IReadOnlyList<int> Targets);
}
