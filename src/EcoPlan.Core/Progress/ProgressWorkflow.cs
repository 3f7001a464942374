using EcoPlan.Core.Accounts;
using EcoPlan.Core.Audit;
using EcoPlan.Core.Data;
using EcoPlan.Core.Localization;
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

/// <summary>A file a unit sends with its report.</summary>
public sealed record AttachmentUpload(string FileName, byte[] Content);

/// <summary>A report the reviewer saw, at the revision seen.</summary>
public sealed record ReviewedRevision(int ReportId, int Revision);

/// <summary>Why a report of a bulk accept was left as it was.</summary>
public enum BulkSkipReason
{
    /// <summary>The report no longer exists.</summary>
    NotFound,

    /// <summary>The report is no longer awaiting review (someone accepted or returned it, or the unit's state moved on).</summary>
    NotAwaitingReview,

    /// <summary>The report changed since the reviewer saw it (a later revision).</summary>
    Changed,
}

public sealed record BulkSkip(int ReportId, BulkSkipReason Reason, ReportState? State);

/// <summary>What a bulk accept did: the reports accepted, and each one left as it was with why.</summary>
public sealed record BulkAcceptResult(IReadOnlyList<int> Accepted, IReadOnlyList<BulkSkip> Skipped);

/// <summary>A step of the reporting workflow refused: why, which kind of refusal (for the HTTP status), and the field at fault, when one is.</summary>
public sealed class WorkflowException : Exception
{
    public WorkflowException(WorkflowError error, string message, string? field = null) : base(message) => (Error, Field) = (error, field);
    public WorkflowException() : this(WorkflowError.Invalid, "") { }
    public WorkflowException(string message) : this(WorkflowError.Invalid, message) { }
    public WorkflowException(string message, Exception innerException) : base(message, innerException) => Error = WorkflowError.Invalid;

    public WorkflowError Error { get; }

    /// <summary>The form field (status, percent, narrative, quantities, files, reason) the refusal is about, so a form shows it beside that field.</summary>
    public string? Field { get; }
}

/// <summary>
/// The reporting workflow: a responsible unit drafts and submits its report for a period, cooperating units
/// add their input before it is submitted, the plan's coordinator accepts or returns it with a reason.
/// Every step is checked against who is asking and recorded in the audit trail; submitting resolves the report's
/// reminders, and the unit is told when its report is returned (with the reason) or accepted (<see cref="ReminderNotices"/>).
/// </summary>
public sealed class ProgressWorkflow(EcoPlanDbContext db, TimeProvider time)
{
    private const int MaxNarrative = 4000;

    /// <summary>The longest return reason: a few sentences saying what to mend.</summary>
    public const int MaxReturnReason = 500;

    /// <summary>The most reports one bulk accept takes (one screen of the queue is far fewer).</summary>
    public const int MaxBulkAccept = 500;

    /// <summary>Saves the responsible unit's draft for the period; a report the coordinator returned gets a new version.</summary>
    public Task<ProgressReport> SaveDraftAsync(UserAccess user, int measureId, DateOnly period, ReportContent content, CancellationToken cancellationToken = default) =>
        SaveAsync(user, measureId, period, content, submit: false, cancellationToken);

    /// <summary>
    /// Saves the draft and submits it in one transaction (the form's 提交, one API call). Sending the same content again
    /// after it was submitted (a double click, a retry) changes nothing; different content for a submitted report is refused.
    /// </summary>
    public Task<ProgressReport> SaveAndSubmitAsync(UserAccess user, int measureId, DateOnly period, ReportContent content, CancellationToken cancellationToken = default) =>
        SaveAsync(user, measureId, period, content, submit: true, cancellationToken);

    /// <summary>The view of the report the last save created, from memory (a new report has one version, no input, no files), or null when it saved an existing report.</summary>
    public ReportView? CreatedView { get; private set; }

    private async Task<ProgressReport> SaveAsync(UserAccess user, int measureId, DateOnly period, ReportContent content, bool submit, CancellationToken cancellationToken)
    {
        try
        {
            return await SaveOnceAsync(user, measureId, period, content, submit, cancellationToken);
        }
        catch (DbUpdateException) when (db.Database.CurrentTransaction is null)
        {
            // Two saves of one report at once (a double click, two people of the unit): the unique index or the revision let
            // one through; the other is saved again over what it now finds, as if it had come second.
            db.ChangeTracker.Clear();
            return await SaveOnceAsync(user, measureId, period, content, submit, cancellationToken);
        }
    }

    /// <summary>
    /// Saves the report with its files, and submits it when <paramref name="submit"/> is set, in one transaction. Every file is
    /// checked (size, type by content) before anything is saved, so a refused file leaves nothing behind: no draft, no submission.
    /// Sending the same submission again after it went through changes nothing, as without files.
    /// </summary>
    public async Task<ProgressReport> SaveWithFilesAsync(UserAccess user, int measureId, DateOnly period, ReportContent content, bool submit,
        IReadOnlyList<AttachmentUpload> files, IAttachmentStore store, long maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(store);
        if (files.Count == 0)
        {
            return await SaveAsync(user, measureId, period, content, submit, cancellationToken);
        }

        foreach (var file in files)
        {
            try
            {
                CheckFile(file.FileName, file.Content, maxBytes);
            }
            catch (WorkflowException ex)
            {
                throw new WorkflowException(WorkflowError.Invalid, CoreText.Get(submit ? "ReportNotSubmittedFileRefused" : "DraftNotSavedFileRefused", ex.Message), "files");
            }
        }

        try
        {
            return await SaveWithFilesOnceAsync(user, measureId, period, content, submit, files, store, maxBytes, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two saves of one report at once (a double click): the transaction rolled back; save again over what the other left.
            db.ChangeTracker.Clear();
            return await SaveWithFilesOnceAsync(user, measureId, period, content, submit, files, store, maxBytes, cancellationToken);
        }
    }

    private async Task<ProgressReport> SaveWithFilesOnceAsync(UserAccess user, int measureId, DateOnly period, ReportContent content, bool submit,
        IReadOnlyList<AttachmentUpload> files, IAttachmentStore store, long maxBytes, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var report = await SaveOnceAsync(user, measureId, period, content, submit, cancellationToken, deferSubmit: true);
        if (report.State is ReportState.Submitted or ReportState.Accepted)
        {
            // The same submission again (a double click): it went through the first time, files and all.
            return report;
        }

        foreach (var file in files)
        {
            await AttachAsync(user, report.Id, file.FileName, file.Content, store, maxBytes, cancellationToken);
        }

        if (submit)
        {
            report = await SubmitAsync(user, report.Id, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        CreatedView = null;
        return report;
    }

    private async Task<ProgressReport> SaveOnceAsync(UserAccess user, int measureId, DateOnly period, ReportContent content, bool submit, CancellationToken cancellationToken,
        bool deferSubmit = false)
    {
        CreatedView = null;
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(content);
        var measure = await MeasureAsync(measureId, cancellationToken);
        if (user.Role != Roles.Unit || !measure.ResponsibleOrganizations.TryGetValue(user.OrganizationId, out var organization))
        {
            throw new WorkflowException(WorkflowError.Forbidden, CoreText.Get("Workflow_OnlyResponsibleReports"));
        }

        var periods = ReportingSchedule.Periods(measure.Year, measure.Frequency, measure.DueDay, new DateOnly(measure.Year, 1, 1), measure.DeadlineKind, measure.Deadline);
        var start = ReportingSchedule.PeriodOf(period, measure.Frequency);
        if (periods.All(p => p.Start != start))
        {
            throw new WorkflowException(WorkflowError.Invalid, CoreText.Get("Workflow_NotAPeriod", start.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), periods[0].Label, periods[^1].Label));
        }

        var quantities = Validate(measure.Targets, content);
        var now = Now();
        var report = await s_report.For(db)(db, measureId, user.OrganizationId, start, cancellationToken);
        if (report is null)
        {
            report = new ProgressReport { MeasureId = measureId, OrganizationId = user.OrganizationId, Period = start, State = ReportState.Draft, CreatedAt = now };
            db.ProgressReports.Add(report);
        }

        var draft = report.Versions.SingleOrDefault(v => v.SubmittedAt is null);
        switch (report.State)
        {
            case ReportState.Submitted or ReportState.Accepted when submit && Says(report.Versions.MaxBy(v => v.Number)!, content, quantities):
                return report;
            case ReportState.Submitted:
            case ReportState.Accepted:
                throw new WorkflowException(WorkflowError.Conflict, CoreText.Get("Workflow_ReportLocked", start.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), CoreText.Get("ReportState_" + report.State)));
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
        var created = report.Id == 0;
        var audit = new List<PendingAudit> { Audit(user, AuditAction.Draft, report, new { period = start, version = draft.Number, content.Status, content.Percent }) };
        if (submit && !deferSubmit)
        {
            Submit(user, report, draft);
            audit.Add(Audit(user, AuditAction.Submit, report, new { version = draft.Number }));
        }

        await SaveAsync(report, cancellationToken, [.. audit]);
        if (submit && !deferSubmit)
        {
            await ReminderNotices.SettledAsync(db, time, measureId, user.OrganizationId, start, cancellationToken);
        }

        CreatedView = created ? ProgressQueries.ViewOfNew(report, organization!) : null;
        return report;
    }

    /// <summary>Submits the open draft. Submitting a report that is already submitted changes nothing (a double click, a retry).</summary>
    public async Task<ProgressReport> SubmitAsync(UserAccess user, int reportId, CancellationToken cancellationToken = default)
    {
        var report = await ReportAsync(reportId, cancellationToken);
        if (user.Role != Roles.Unit || report.OrganizationId != user.OrganizationId)
        {
            throw new WorkflowException(WorkflowError.Forbidden, CoreText.Get("Workflow_OnlyReporterSubmits"));
        }

        if (report.State is ReportState.Submitted or ReportState.Accepted)
        {
            return report;
        }

        var draft = report.Versions.SingleOrDefault(v => v.SubmittedAt is null)
            ?? throw new WorkflowException(WorkflowError.Invalid, CoreText.Get("Workflow_NoDraft"));
        Submit(user, report, draft);
        await SaveAsync(report, cancellationToken, Audit(user, AuditAction.Submit, report, new { version = draft.Number }));
        await ReminderNotices.SettledAsync(db, time, report.MeasureId, report.OrganizationId, report.Period, cancellationToken);
        return report;
    }

    private void Submit(UserAccess user, ProgressReport report, ReportVersion draft)
    {
        draft.SubmittedAt = Now();
        draft.SubmittedById = user.UserId;
        report.State = ReportState.Submitted;
        report.UpdatedAt = draft.SubmittedAt.Value;
        report.Revision++;
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
            throw new WorkflowException(WorkflowError.Forbidden, CoreText.Get("Workflow_OnlyReporterAttaches"));
        }

        var draft = report.Versions.SingleOrDefault(v => v.SubmittedAt is null)
            ?? throw new WorkflowException(WorkflowError.Conflict, CoreText.Get("Workflow_AttachOnlyToDraft"));
        var (name, type) = CheckFile(fileName, content, maxBytes);
        var hash = AttachmentTypes.Hash(content);
        await store.SaveAsync(hash, content, cancellationToken);
        var attachment = new ReportAttachment
        {
            ReportId = report.Id, VersionNumber = draft.Number, FileName = name.Length is 0 or > 260 ? hash[..12] : name, ContentType = type,
            Length = content.LongLength, Sha256 = hash, UploadedAt = Now(), UploadedById = user.UserId,
        };
        db.ReportAttachments.Add(attachment);
        report.Revision++;
        await SaveAsync(report, cancellationToken, Audit(user, AuditAction.Attach, report, new { file = attachment.FileName, type, bytes = content.LongLength, sha256 = hash }));
        return attachment;
    }

    /// <summary>A file's name as stored and its type by content, or the refusal saying which file and why.</summary>
    private static (string Name, string Type) CheckFile(string fileName, byte[] content, long maxBytes)
    {
        var name = Path.GetFileName(fileName ?? "").Trim();
        if (content.Length == 0)
        {
            throw new WorkflowException(WorkflowError.Invalid, CoreText.Get("AttachmentEmpty", name), "files");
        }

        if (content.LongLength > maxBytes)
        {
            throw new WorkflowException(WorkflowError.Invalid, CoreText.Get("AttachmentTooLarge", name, $"{content.LongLength / 1024.0 / 1024.0:0.#}", $"{maxBytes / 1024.0 / 1024.0:0.#}"), "files");
        }

        var type = AttachmentTypes.Detect(content) ?? throw new WorkflowException(WorkflowError.Invalid, CoreText.Get("AttachmentWrongType", name), "files");
        return (name, type);
    }

    public Task<ProgressReport> AcceptAsync(UserAccess user, int reportId, int revision, CancellationToken cancellationToken = default) =>
        ReviewAsync(user, reportId, revision, reason: null, cancellationToken);

    public Task<ProgressReport> ReturnAsync(UserAccess user, int reportId, int revision, string reason, CancellationToken cancellationToken = default) =>
        string.IsNullOrWhiteSpace(reason) ? throw new WorkflowException(WorkflowError.Invalid, CoreText.Get("ReturnNeedsReason"), "reason")
        : reason.Trim().Length > MaxReturnReason ? throw new WorkflowException(WorkflowError.Invalid, CoreText.Get("ReturnReasonTooLong", MaxReturnReason), "reason")
        : ReviewAsync(user, reportId, revision, reason.Trim(), cancellationToken);

    /// <summary>
    /// Accepts a set of reports at once (the queue's 全部通过), each at the revision the reviewer saw, in one transaction. Every
    /// report is checked against the caller: one the caller may not review refuses the whole set, and nothing is accepted. A report
    /// that is gone, no longer awaiting review or changed since it was seen is left as it is and reported back with why.
    /// </summary>
    public async Task<BulkAcceptResult> AcceptManyAsync(UserAccess user, IReadOnlyCollection<ReviewedRevision> reports, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(reports);
        var seen = reports.GroupBy(r => r.ReportId).ToDictionary(g => g.Key, g => g.Max(r => r.Revision));
        if (seen.Count > MaxBulkAccept)
        {
            throw new WorkflowException(WorkflowError.Invalid, CoreText.Get("BulkAcceptTooMany", MaxBulkAccept), "reports");
        }

        for (var attempt = 1; ; attempt++)
        {
            var ids = seen.Keys.ToList();
            var regions = await db.ProgressReports.AsNoTracking().Where(r => ids.Contains(r.Id))
                .Select(r => new { r.Id, r.Measure!.Task!.Section!.Plan!.RegionId }).ToDictionaryAsync(r => r.Id, r => r.RegionId, cancellationToken);
            if (regions.Where(r => !user.CanManagePlansOf(r.Value)).Select(r => r.Key).Order().FirstOrDefault() is var refused and not 0)
            {
                throw new WorkflowException(WorkflowError.Forbidden, CoreText.Get("BulkAcceptForbidden", refused), "reports");
            }

            var loaded = await db.ProgressReports.Include(r => r.Versions).Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
            var accepted = new List<int>();
            var skipped = new List<BulkSkip>();
            var audit = new List<PendingAudit>();
            foreach (var (id, revision) in seen.OrderBy(s => s.Key))
            {
                if (!loaded.TryGetValue(id, out var report))
                {
                    skipped.Add(new BulkSkip(id, BulkSkipReason.NotFound, null));
                }
                else if (report.State != ReportState.Submitted)
                {
                    skipped.Add(new BulkSkip(id, BulkSkipReason.NotAwaitingReview, report.State));
                }
                else if (report.Revision != revision)
                {
                    skipped.Add(new BulkSkip(id, BulkSkipReason.Changed, report.State));
                }
                else
                {
                    audit.Add(Decide(user, report, reason: null, bulk: true));
                    accepted.Add(id);
                }
            }

            Record(audit);
            try
            {
                // One SaveChanges: every acceptance and its audit entry commit together or not at all.
                await db.SaveChangesAsync(cancellationToken);
                await ReminderNotices.AcceptedAsync(db, time, [.. accepted.Select(id => loaded[id])], cancellationToken);

                return new BulkAcceptResult(accepted, skipped);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                // A report was reviewed or resubmitted between the read and the write: read again, and report it back this time.
                db.ChangeTracker.Clear();
            }
        }
    }

    public async Task<ProgressReport> AddCooperationAsync(UserAccess user, int reportId, string text, CancellationToken cancellationToken = default)
    {
        var report = await ReportAsync(reportId, cancellationToken);
        var measure = await MeasureAsync(report.MeasureId, cancellationToken);
        if (user.Role != Roles.Unit || !measure.CooperatingOrganizations.Contains(user.OrganizationId))
        {
            throw new WorkflowException(WorkflowError.Forbidden, CoreText.Get("Workflow_OnlyCooperatingAddsInput"));
        }

        if (report.State != ReportState.Draft)
        {
            throw new WorkflowException(WorkflowError.Conflict, CoreText.Get("Workflow_InputOnlyBeforeSubmit"));
        }

        if (string.IsNullOrWhiteSpace(text) || text.Length > 2000)
        {
            throw new WorkflowException(WorkflowError.Invalid, CoreText.Get("Workflow_InputLength"));
        }

        report.Cooperation.Add(new CooperationInput { OrganizationId = user.OrganizationId, Text = text.Trim(), CreatedAt = Now(), CreatedById = user.UserId });
        report.Revision++;
        await SaveAsync(report, cancellationToken, Audit(user, AuditAction.Cooperate, report, new { organization = user.OrganizationId }));
        return report;
    }

    private async Task<ProgressReport> ReviewAsync(UserAccess user, int reportId, int revision, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var report = await ReportAsync(reportId, cancellationToken);
        var measure = await MeasureAsync(report.MeasureId, cancellationToken);
        if (!user.CanManagePlansOf(measure.RegionId))
        {
            throw new WorkflowException(WorkflowError.Forbidden, CoreText.Get("Workflow_OnlyCoordinatorReviews"));
        }

        if (report.State != ReportState.Submitted || report.Revision != revision)
        {
            throw new WorkflowException(WorkflowError.Conflict, report.State == ReportState.Submitted
                ? CoreText.Get("Workflow_ReportChanged")
                : CoreText.Get("Workflow_NotAwaitingReview", CoreText.Get("ReportState_" + report.State)));
        }

        var entry = Decide(user, report, reason, bulk: false);
        try
        {
            await SaveAsync(report, cancellationToken, entry);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another reviewer saved first: the row's revision moved on under us.
            throw new WorkflowException(WorkflowError.Conflict, CoreText.Get("Workflow_ReviewedConcurrently"));
        }

        // The unit is told either way; a returned report's notice stays open until it is submitted again.
        await (reason is null
            ? ReminderNotices.AcceptedAsync(db, time, [report], cancellationToken)
            : ReminderNotices.ReturnedAsync(db, time, report, report.Versions.Max(v => v.Number), reason, cancellationToken));
        return report;
    }

    /// <summary>Accepts (no reason) or returns a submitted report's latest version; the audit entry it needs is returned to be saved with it.</summary>
    private PendingAudit Decide(UserAccess user, ProgressReport report, string? reason, bool bulk)
    {
        var version = report.Versions.OrderBy(v => v.Number).Last();
        version.ReviewedAt = Now();
        version.ReviewedById = user.UserId;
        version.ReturnReason = reason;
        report.State = reason is null ? ReportState.Accepted : ReportState.Returned;
        report.UpdatedAt = version.ReviewedAt.Value;
        report.Revision++;
        return bulk
            ? Audit(user, AuditAction.Accept, report, new { version = version.Number, bulk = true })
            : Audit(user, reason is null ? AuditAction.Accept : AuditAction.Return, report, new { version = version.Number, reason });
    }

    /// <summary>Whether a version says what the content says: the same submission sent again.</summary>
    private static bool Says(ReportVersion version, ReportContent content, Dictionary<int, decimal> quantities) =>
        version.Status == content.Status && version.Percent == content.Percent && version.Narrative == (content.Narrative?.Trim() ?? "")
        && version.Quantities.Count == quantities.Count && version.Quantities.All(q => quantities.TryGetValue(q.TargetId, out var value) && value == q.Value);

    /// <summary>The percent a status allows (see docs/progress.md): 未启动 0, 已完成 100, 推进中 1 to 99, 滞后 and 无法完成 0 to 99.</summary>
    public static (int Min, int Max) PercentRange(ProgressStatus status) => status switch
    {
        ProgressStatus.NotStarted => (0, 0),
        ProgressStatus.InProgress => (1, 99),
        ProgressStatus.Completed => (100, 100),
        ProgressStatus.Late or ProgressStatus.CannotComplete => (0, 99),
    };

    private static Dictionary<int, decimal> Validate(IReadOnlyList<int> targets, ReportContent content)
    {
        if (!Enum.IsDefined(content.Status))
        {
            throw new WorkflowException(WorkflowError.Invalid, CoreText.Get("Workflow_StatusUnknown"), "status");
        }

        if (content.Percent is < 0 or > 100)
        {
            throw new WorkflowException(WorkflowError.Invalid, CoreText.Get("Workflow_PercentRange", content.Percent), "percent");
        }

        var (min, max) = PercentRange(content.Status);
        if (content.Percent < min || content.Percent > max)
        {
            throw new WorkflowException(WorkflowError.Invalid,
                CoreText.Get("PercentDoesNotFitStatus", CoreText.Get($"Status_{content.Status}"), min == max ? $"{min}" : $"{min}–{max}", content.Percent), "percent");
        }

        if ((content.Narrative?.Length ?? 0) > MaxNarrative)
        {
            throw new WorkflowException(WorkflowError.Invalid, CoreText.Get("Workflow_NarrativeTooLong", MaxNarrative), "narrative");
        }

        var quantities = new Dictionary<int, decimal>(content.Quantities ?? new Dictionary<int, decimal>());
        foreach (var (target, value) in quantities)
        {
            if (!targets.Contains(target))
            {
                throw new WorkflowException(WorkflowError.Invalid, CoreText.Get("Workflow_QuantityUnknownTarget", target), "quantities");
            }

            if (value < 0)
            {
                throw new WorkflowException(WorkflowError.Invalid, CoreText.Get("Workflow_QuantityNegative", target), "quantities");
            }
        }

        return quantities;
    }

    /// <summary>
    /// Saves the report with its audit entries, together or not at all. A report that exists already has its id, so its
    /// changes and the entries go in one SaveChanges (one transaction, one batch); a new report needs its id first, so
    /// it is saved, then the entries, in a transaction (the caller's, when it has opened one).
    /// </summary>
    private async Task SaveAsync(ProgressReport report, CancellationToken cancellationToken, params PendingAudit[] entries)
    {
        if (report.Id != 0)
        {
            Record(entries);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        // Nothing here goes on after a failed SaveChanges, so EF's savepoint around each one inside a transaction (two
        // more round trips each) would buy nothing.
        var savepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            Record(entries);
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = savepoints;
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private PendingAudit Audit(UserAccess user, AuditAction action, ProgressReport report, object details) => new(user, action, Now(), report, details);

    /// <summary>Writes the entries once their report has its id (a new report gets it from its first save).</summary>
    private void Record(IEnumerable<PendingAudit> entries)
    {
        foreach (var entry in entries)
        {
            db.Record(entry.Action, entry.By, entry.At, entry.Report.MeasureId, entry.Report.Id, entry.Details);
        }
    }

    /// <summary>An audit entry decided before its report is saved.</summary>
    private sealed record PendingAudit(UserAccess By, AuditAction Action, DateTime At, ProgressReport Report, object Details);

    private async Task<ProgressReport> ReportAsync(int reportId, CancellationToken cancellationToken) =>
        await db.ProgressReports.Include(r => r.Versions).Include(r => r.Cooperation).SingleOrDefaultAsync(r => r.Id == reportId, cancellationToken)
        ?? throw new WorkflowException(WorkflowError.NotFound, CoreText.Get("Workflow_NoReport", reportId));

    // The two reads of every save, compiled once: month-end sends thousands of them, and EF would otherwise rebuild,
    // hash and look up each query's expression tree on every call.
    private static readonly PerModel<Func<EcoPlanDbContext, int, int, DateOnly, CancellationToken, Task<ProgressReport?>>> s_report = new(() => EF.CompileAsyncQuery(
        (EcoPlanDbContext db, int measureId, int organizationId, DateOnly period, CancellationToken _) => db.ProgressReports.Include(r => r.Versions).ThenInclude(v => v.Quantities)
            .SingleOrDefault(r => r.MeasureId == measureId && r.OrganizationId == organizationId && r.Period == period)));

    private static readonly PerModel<Func<EcoPlanDbContext, int, CancellationToken, Task<MeasureRow?>>> s_measure = new(() => EF.CompileAsyncQuery(
        (EcoPlanDbContext db, int measureId, CancellationToken _) => db.Measures.AsNoTracking().Where(m => m.Id == measureId)
            .Select(m => new MeasureRow(
                m.Task!.Section!.Plan!.Year, m.Task.Section.Plan.RegionId, m.Task.Section.Plan.ReportingFrequency, m.Task.Section.Plan.ReportingDueDay,
                m.Deadline.Kind, m.Deadline.Date,
                m.Assignments.Where(a => a.OrganizationId != null).Select(a => new AssignmentRow(a.Role, a.OrganizationId!.Value, a.Organization!.Name)).ToList(),
                db.Targets.Where(t => t.MeasureId == m.Id).Select(t => t.Id).ToList()))
            // One round trip: a measure has a handful of assignments and targets.
            .AsSingleQuery()
            .SingleOrDefault()));

    private async Task<MeasureContext> MeasureAsync(int measureId, CancellationToken cancellationToken)
    {
        var measure = await s_measure.For(db)(db, measureId, cancellationToken) ?? throw new WorkflowException(WorkflowError.NotFound, CoreText.Get("Workflow_NoMeasure", measureId));
        return new MeasureContext(measure.Year, measure.RegionId, measure.Frequency, measure.DueDay, measure.DeadlineKind, measure.Deadline,
            measure.Assignments.Where(a => a.Role == AssignmentRole.Responsible).DistinctBy(a => a.OrganizationId).ToDictionary(a => a.OrganizationId, a => a.Organization),
            [.. measure.Assignments.Where(a => a.Role == AssignmentRole.Cooperating).Select(a => a.OrganizationId)],
            measure.Targets);
    }

    private sealed record AssignmentRow(AssignmentRole Role, int OrganizationId, string Organization);

    private sealed record MeasureRow(int Year, int RegionId, ReportingFrequency Frequency, int DueDay, DeadlineKind DeadlineKind, DateOnly? Deadline,
        List<AssignmentRow> Assignments, List<int> Targets);

    /// <summary>Now, to the microsecond: what PostgreSQL stores, so a report answered from memory reads the same as when read back.</summary>
    private DateTime Now()
    {
        var now = time.GetUtcNow().UtcDateTime;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }

    private sealed record MeasureContext(int Year, int RegionId, ReportingFrequency Frequency, int DueDay, DeadlineKind DeadlineKind, DateOnly? Deadline,
        IReadOnlyDictionary<int, string> ResponsibleOrganizations, IReadOnlyList<int> CooperatingOrganizations, IReadOnlyList<int> Targets);
}
