using EcoPlan.Core.Audit;
using EcoPlan.Core.Plans;

namespace EcoPlan.Core.Progress;

/// <summary>What a unit writes in a report.</summary>
public sealed record ReportContent(ProgressStatus Status, int Percent, string? Narrative, IReadOnlyDictionary<int, decimal>? Quantities = null);

/// <summary>
/// A report to save for a period (YYYY-MM): its content, submitted in the same step when <paramref name="Submit"/> is set,
/// with the files to attach to it first.
/// </summary>
public sealed record ReportInput(string? Period, ReportContent Content, bool Submit = false, IReadOnlyList<AttachmentUpload>? Files = null);

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

/// <summary>Where attachment bytes go (<see cref="IAttachmentStore"/>) and how large one file may be.</summary>
public sealed record AttachmentStorage(IAttachmentStore Store, long MaxBytes);

/// <summary>
/// The reporting workflow: a responsible unit drafts and submits its report for a period, cooperating units
/// add their input before it is submitted, the plan's coordinator accepts or returns it with a reason. Each step is
/// one method: it decides whether the caller may, checks the input (a message per wrong field), does the work in one
/// transaction with its audit entries (<see cref="AuditTrail"/>), and answers the report as it now is or why it refused.
/// Submitting resolves the report's reminders, and the unit is told when its report is returned (with the reason) or
/// accepted (<see cref="ReminderNotices"/>).
/// </summary>
public sealed class ProgressWorkflow(EcoPlanDbContext db, TimeProvider time, AttachmentStorage? attachments = null)
{
    public const int MaxNarrative = 4000;

    /// <summary>The longest cooperating input (协办反馈).</summary>
    public const int MaxCooperation = 2000;

    /// <summary>The longest return reason: a few sentences saying what to mend.</summary>
    public const int MaxReturnReason = 500;

    /// <summary>The most reports one bulk accept takes (one screen of the queue is far fewer).</summary>
    public const int MaxBulkAccept = 500;

    /// <summary>
    /// Saves the responsible unit's report for the input's period (a report the coordinator returned gets a new version),
    /// attaches its files and, with <see cref="ReportInput.Submit"/>, submits it: all in one transaction, so a refused file
    /// leaves nothing behind. Sending the same submission again after it went through (a double click, a retry) changes
    /// nothing; different content for a submitted report is refused.
    /// </summary>
    public async Task<UseCaseResult<ReportView>> SaveAsync(UserAccess user, int measureId, ReportInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(input);
        var measure = await MeasureAsync(measureId, cancellationToken);
        if (measure is null)
        {
            return new UseCaseError.NotFound(CoreText.Get("Workflow_NoMeasure", measureId));
        }

        if (!ReportingPeriod.TryParseMonth(input.Period, out var period))
        {
            return new UseCaseError.Invalid("period", CoreText.Get("Workflow_PeriodFormat"));
        }

        return await SaveAsync(user, measure, period, input.Content, input.Submit, input.Files ?? [], cancellationToken);
    }

    /// <summary>Changes the open draft of a report, the unit's own (and submits it, with <paramref name="submit"/>), as <see cref="SaveAsync(UserAccess, int, ReportInput, CancellationToken)"/> for its period.</summary>
    public async Task<UseCaseResult<ReportView>> UpdateDraftAsync(UserAccess user, int reportId, ReportContent content, bool submit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var report = await db.ProgressReports.AsNoTracking().Where(r => r.Id == reportId)
            .Select(r => new { r.MeasureId, r.Period, r.OrganizationId }).SingleOrDefaultAsync(cancellationToken);
        if (report is null)
        {
            return NoReport(reportId);
        }

        if (!Reports(user) || report.OrganizationId != user.OrganizationId)
        {
            return new UseCaseError.Forbidden(CoreText.Get("Workflow_OnlyReporterUpdates"));
        }

        return await SaveAsync(user, (await MeasureAsync(report.MeasureId, cancellationToken))!, report.Period, content, submit, [], cancellationToken);
    }

    private async Task<UseCaseResult<ReportView>> SaveAsync(UserAccess user, MeasureContext measure, DateOnly period, ReportContent content, bool submit,
        IReadOnlyList<AttachmentUpload> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!Reports(user) || !measure.ResponsibleOrganizations.TryGetValue(user.OrganizationId, out var organization))
        {
            return new UseCaseError.Forbidden(CoreText.Get("Workflow_OnlyResponsibleReports"));
        }

        var periods = ReportingSchedule.Periods(measure.Year, measure.Frequency, measure.DueDay, new DateOnly(measure.Year, 1, 1), measure.DeadlineKind, measure.Deadline);
        var start = ReportingSchedule.PeriodOf(period, measure.Frequency);
        if (periods.All(p => p.Start != start))
        {
            return new UseCaseError.Invalid("period", CoreText.Get("Workflow_NotAPeriod", Month(start), periods[0].Label, periods[^1].Label));
        }

        var (quantities, invalid) = Validate(measure.Targets, content);
        if (invalid is not null)
        {
            return invalid;
        }

        foreach (var file in files)
        {
            if (AttachmentTypes.Check(file.FileName, file.Content, Storage.MaxBytes) is { Error: { } refused })
            {
                return new UseCaseError.Invalid("files", CoreText.Get(submit ? "ReportNotSubmittedFileRefused" : "DraftNotSavedFileRefused", refused));
            }
        }

        var step = new SaveStep(user, measure.Id, organization, start, content, quantities, submit, files);
        try
        {
            return await SaveOnceAsync(step, cancellationToken);
        }
        catch (DbUpdateException) when (db.Database.CurrentTransaction is null)
        {
            // Two saves of one report at once (a double click, two people of the unit): the unique index or the revision let
            // one through; the other is saved again over what it now finds, as if it had come second.
            db.ChangeTracker.Clear();
            return await SaveOnceAsync(step, cancellationToken);
        }
    }

    private sealed record SaveStep(UserAccess User, int MeasureId, string Organization, DateOnly Period, ReportContent Content, Dictionary<int, decimal> Quantities,
        bool Submit, IReadOnlyList<AttachmentUpload> Files);

    private async Task<UseCaseResult<ReportView>> SaveOnceAsync(SaveStep step, CancellationToken cancellationToken)
    {
        var (user, content, submit) = (step.User, step.Content, step.Submit);
        var now = Now();
        var report = await s_report.For(db)(db, step.MeasureId, user.OrganizationId, step.Period, cancellationToken);
        if (report is null)
        {
            report = new ProgressReport { MeasureId = step.MeasureId, OrganizationId = user.OrganizationId, Period = step.Period, State = ReportState.Draft, CreatedAt = now };
            db.ProgressReports.Add(report);
        }

        var draft = report.Versions.SingleOrDefault(v => v.SubmittedAt is null);
        switch (report.State)
        {
            case ReportState.Submitted or ReportState.Accepted when submit && Says(report.Versions.MaxBy(v => v.Number)!, content, step.Quantities):
                // The same submission again (a double click): it went through the first time, files and all.
                return (await ProgressQueries.GetAsync(db, report.Id, cancellationToken))!;
            case ReportState.Submitted:
            case ReportState.Accepted:
                return new UseCaseError.Conflict(CoreText.Get("Workflow_ReportLocked", Month(step.Period), CoreText.Get("ReportState_" + report.State)));
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
        draft.Quantities.AddRange(step.Quantities.Select(q => new ReportQuantity { TargetId = q.Key, Value = q.Value }));
        report.UpdatedAt = now;
        report.Revision++;
        var created = report.Id == 0;
        var audit = Audit(user, AuditAction.Draft, report, new { period = step.Period, version = draft.Number, content.Status, content.Percent });
        if (step.Files.Count == 0)
        {
            // No files: the report and its entries in one SaveChanges (a new report: two, in a transaction).
            var entries = new List<PendingAudit> { audit };
            if (submit)
            {
                entries.Add(Submit(user, report, draft));
            }

            await SaveAsync(report, cancellationToken, [.. entries]);
            CountSaved(submit);
            if (submit)
            {
                await ReminderNotices.SettledAsync(db, time, step.MeasureId, user.OrganizationId, step.Period, cancellationToken);
            }

            return created ? ProgressQueries.ViewOfNew(report, step.Organization) : (await ProgressQueries.GetAsync(db, report.Id, cancellationToken))!;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await SaveAsync(report, cancellationToken, audit);
        var pending = new List<PendingAudit>();
        foreach (var file in step.Files)
        {
            pending.Add(await AddFileAsync(user, report, draft, file, cancellationToken));
        }

        if (submit)
        {
            pending.Add(Submit(user, report, draft));
        }

        await SaveAsync(report, cancellationToken, [.. pending]);
        if (submit)
        {
            await ReminderNotices.SettledAsync(db, time, step.MeasureId, user.OrganizationId, step.Period, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        CountSaved(submit);
        return (await ProgressQueries.GetAsync(db, report.Id, cancellationToken))!;
    }

    /// <summary>Units report on their measures; so does a township a measure was expanded to (<see cref="Cascade.TownshipExpansion"/>).</summary>
    private static bool Reports(UserAccess user) => user.Role is Roles.Unit or Roles.Township;

    private static void CountSaved(bool submitted)
    {
        Operations.EcoPlanMetrics.ReportsSaved.Add(1);
        if (submitted)
        {
            Operations.EcoPlanMetrics.ReportsSubmitted.Add(1);
        }
    }

    /// <summary>Submits the open draft. Submitting a report that is already submitted changes nothing (a double click, a retry).</summary>
    public async Task<UseCaseResult<ReportView>> SubmitAsync(UserAccess user, int reportId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await ReportAsync(reportId, cancellationToken) is not { } report)
        {
            return NoReport(reportId);
        }

        if (!Reports(user) || report.OrganizationId != user.OrganizationId)
        {
            return new UseCaseError.Forbidden(CoreText.Get("Workflow_OnlyReporterSubmits"));
        }

        if (report.State is not (ReportState.Submitted or ReportState.Accepted))
        {
            if (report.Versions.SingleOrDefault(v => v.SubmittedAt is null) is not { } draft)
            {
                return new UseCaseError.Conflict(CoreText.Get("Workflow_NoDraft"));
            }

            try
            {
                await SaveAsync(report, cancellationToken, Submit(user, report, draft));
                Operations.EcoPlanMetrics.ReportsSubmitted.Add(1);
            }
            catch (DbUpdateConcurrencyException)
            {
                // A second submit of the same report (two tabs, a retried request) won the race: the report is
                // submitted either way, so both callers get it. Anything else that moved the revision is a conflict.
                db.ChangeTracker.Clear();
                var current = await ReportAsync(reportId, cancellationToken);
                return current?.State is ReportState.Submitted or ReportState.Accepted
                    ? (await ProgressQueries.GetAsync(db, reportId, cancellationToken))!
                    : new UseCaseError.Conflict(CoreText.Get("Workflow_ReportChanged"));
            }

            await ReminderNotices.SettledAsync(db, time, report.MeasureId, report.OrganizationId, report.Period, cancellationToken);
        }

        return (await ProgressQueries.GetAsync(db, report.Id, cancellationToken))!;
    }

    private PendingAudit Submit(UserAccess user, ProgressReport report, ReportVersion draft)
    {
        draft.SubmittedAt = Now();
        draft.SubmittedById = user.UserId;
        report.State = ReportState.Submitted;
        report.UpdatedAt = draft.SubmittedAt.Value;
        report.Revision++;
        return Audit(user, AuditAction.Submit, report, new { version = draft.Number });
    }

    /// <summary>Attaches evidence to the open draft: at most <see cref="AttachmentStorage.MaxBytes"/>, a PDF, image, Word or Excel file by its content.</summary>
    public async Task<UseCaseResult<ReportView>> AttachAsync(UserAccess user, int reportId, AttachmentUpload file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(file);
        if (await ReportAsync(reportId, cancellationToken) is not { } report)
        {
            return NoReport(reportId);
        }

        if (!Reports(user) || report.OrganizationId != user.OrganizationId)
        {
            return new UseCaseError.Forbidden(CoreText.Get("Workflow_OnlyReporterAttaches"));
        }

        if (report.Versions.SingleOrDefault(v => v.SubmittedAt is null) is not { } draft)
        {
            return new UseCaseError.Conflict(CoreText.Get("Workflow_AttachOnlyToDraft"));
        }

        if (AttachmentTypes.Check(file.FileName, file.Content, Storage.MaxBytes) is { Error: { } refused })
        {
            return new UseCaseError.Invalid("file", refused);
        }

        await SaveAsync(report, cancellationToken, await AddFileAsync(user, report, draft, file, cancellationToken));
        return (await ProgressQueries.GetAsync(db, report.Id, cancellationToken))!;
    }

    /// <summary>Stores a checked file's bytes and adds it to the draft; its audit entry is returned to be saved with it.</summary>
    private async Task<PendingAudit> AddFileAsync(UserAccess user, ProgressReport report, ReportVersion draft, AttachmentUpload file, CancellationToken cancellationToken)
    {
        var (name, type, _) = AttachmentTypes.Check(file.FileName, file.Content, Storage.MaxBytes);
        var hash = AttachmentTypes.Hash(file.Content);
        await Storage.Store.SaveAsync(hash, file.Content, cancellationToken);
        var attachment = new ReportAttachment
        {
            ReportId = report.Id, VersionNumber = draft.Number, FileName = name.Length is 0 or > 260 ? hash[..12] : name, ContentType = type!,
            Length = file.Content.LongLength, Sha256 = hash, UploadedAt = Now(), UploadedById = user.UserId,
        };
        db.ReportAttachments.Add(attachment);
        report.Revision++;
        return Audit(user, AuditAction.Attach, report, new { file = attachment.FileName, type, bytes = file.Content.LongLength, sha256 = hash });
    }

    private AttachmentStorage Storage => attachments ?? throw new InvalidOperationException("This workflow was made without attachment storage.");

    /// <summary>Accepts a submitted report's latest version, at the revision the reviewer saw (coordinators of the plan's region, admins).</summary>
    public Task<UseCaseResult<ReportView>> AcceptAsync(UserAccess user, int reportId, int revision, CancellationToken cancellationToken = default) =>
        ReviewAsync(user, reportId, revision, reason: null, cancellationToken);

    /// <summary>Returns a submitted report to its unit with a reason (at most <see cref="MaxReturnReason"/> characters), at the revision the reviewer saw.</summary>
    public Task<UseCaseResult<ReportView>> ReturnAsync(UserAccess user, int reportId, int revision, string? reason, CancellationToken cancellationToken = default) =>
        ReviewAsync(user, reportId, revision, reason?.Trim() ?? "", cancellationToken);

    /// <summary>
    /// Accepts a set of reports at once (the queue's 全部通过), each at the revision the reviewer saw, in one transaction. Every
    /// report is checked against the caller: one the caller may not review refuses the whole set, and nothing is accepted. A report
    /// that is gone, no longer awaiting review or changed since it was seen is left as it is and reported back with why.
    /// </summary>
    public async Task<UseCaseResult<BulkAcceptResult>> AcceptManyAsync(UserAccess user, IReadOnlyCollection<ReviewedRevision> reports, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(reports);
        if (!user.IsAdmin && user.Role != Roles.Coordinator)
        {
            return new UseCaseError.Forbidden(CoreText.Get("Workflow_OnlyCoordinatorReviews"));
        }

        var seen = reports.GroupBy(r => r.ReportId).ToDictionary(g => g.Key, g => g.Max(r => r.Revision));
        if (seen.Count > MaxBulkAccept)
        {
            return new UseCaseError.Invalid("reports", CoreText.Get("BulkAcceptTooMany", MaxBulkAccept));
        }

        for (var attempt = 1; ; attempt++)
        {
            var ids = seen.Keys.ToList();
            var regions = await db.ProgressReports.AsNoTracking().Where(r => ids.Contains(r.Id))
                .Select(r => new { r.Id, r.Measure!.Task!.Section!.Plan!.RegionId }).ToDictionaryAsync(r => r.Id, r => r.RegionId, cancellationToken);
            if (regions.Where(r => !user.CanManagePlansOf(r.Value)).Select(r => r.Key).Order().FirstOrDefault() is var refused and not 0)
            {
                return new UseCaseError.Forbidden(CoreText.Get("BulkAcceptForbidden", refused));
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

    /// <summary>A cooperating unit's input (协办反馈) to a draft report, 1 to <see cref="MaxCooperation"/> characters.</summary>
    public async Task<UseCaseResult<ReportView>> AddCooperationAsync(UserAccess user, int reportId, string? text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await ReportAsync(reportId, cancellationToken) is not { } report)
        {
            return NoReport(reportId);
        }

        var measure = (await MeasureAsync(report.MeasureId, cancellationToken))!;
        if (!Reports(user) || !measure.CooperatingOrganizations.Contains(user.OrganizationId))
        {
            return new UseCaseError.Forbidden(CoreText.Get("Workflow_OnlyCooperatingAddsInput"));
        }

        if (report.State != ReportState.Draft)
        {
            return new UseCaseError.Conflict(CoreText.Get("Workflow_InputOnlyBeforeSubmit"));
        }

        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length > MaxCooperation)
        {
            return new UseCaseError.Invalid("text", CoreText.Get("Workflow_InputLength"));
        }

        report.Cooperation.Add(new CooperationInput { OrganizationId = user.OrganizationId, Text = text.Trim(), CreatedAt = Now(), CreatedById = user.UserId });
        report.Revision++;
        await SaveAsync(report, cancellationToken, Audit(user, AuditAction.Cooperate, report, new { organization = user.OrganizationId }));
        return (await ProgressQueries.GetAsync(db, report.Id, cancellationToken))!;
    }

    /// <summary>Accepts (<paramref name="reason"/> null) or returns a submitted report; a return needs a reason.</summary>
    private async Task<UseCaseResult<ReportView>> ReviewAsync(UserAccess user, int reportId, int revision, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await ReportAsync(reportId, cancellationToken) is not { } report)
        {
            return NoReport(reportId);
        }

        var measure = (await MeasureAsync(report.MeasureId, cancellationToken))!;
        if (!user.CanManagePlansOf(measure.RegionId))
        {
            return new UseCaseError.Forbidden(CoreText.Get("Workflow_OnlyCoordinatorReviews"));
        }

        if (reason is { Length: 0 })
        {
            return new UseCaseError.Invalid("reason", CoreText.Get("ReturnNeedsReason"));
        }

        if (reason?.Length > MaxReturnReason)
        {
            return new UseCaseError.Invalid("reason", CoreText.Get("ReturnReasonTooLong", MaxReturnReason));
        }

        if (report.State != ReportState.Submitted || report.Revision != revision)
        {
            return new UseCaseError.Conflict(report.State == ReportState.Submitted
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
            db.ChangeTracker.Clear();
            return new UseCaseError.Conflict(CoreText.Get("Workflow_ReviewedConcurrently"));
        }

        // The unit is told either way; a returned report's notice stays open until it is submitted again.
        await (reason is null
            ? ReminderNotices.AcceptedAsync(db, time, [report], cancellationToken)
            : ReminderNotices.ReturnedAsync(db, time, report, report.Versions.Max(v => v.Number), reason, cancellationToken));
        return (await ProgressQueries.GetAsync(db, report.Id, cancellationToken))!;
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

    /// <summary>The content's quantities, or every wrong field with why (status, percent, narrative, quantities).</summary>
    private static (Dictionary<int, decimal> Quantities, UseCaseError.Invalid? Error) Validate(IReadOnlyList<int> targets, ReportContent content)
    {
        var fields = new Dictionary<string, string[]>();
        if (!Enum.IsDefined(content.Status))
        {
            fields["status"] = [CoreText.Get("Workflow_StatusUnknown")];
        }
        else if (content.Percent is < 0 or > 100)
        {
            fields["percent"] = [CoreText.Get("Workflow_PercentRange", content.Percent)];
        }
        else if (PercentRange(content.Status) is var (min, max) && (content.Percent < min || content.Percent > max))
        {
            fields["percent"] = [CoreText.Get("PercentDoesNotFitStatus", CoreText.Get($"Status_{content.Status}"), min == max ? $"{min}" : $"{min}–{max}", content.Percent)];
        }

        if ((content.Narrative?.Length ?? 0) > MaxNarrative)
        {
            fields["narrative"] = [CoreText.Get("Workflow_NarrativeTooLong", MaxNarrative)];
        }

        var quantities = new Dictionary<int, decimal>(content.Quantities ?? new Dictionary<int, decimal>());
        var wrong = quantities.Where(q => !targets.Contains(q.Key)).Select(q => CoreText.Get("Workflow_QuantityUnknownTarget", q.Key))
            .Concat(quantities.Where(q => targets.Contains(q.Key) && q.Value < 0).Select(q => CoreText.Get("Workflow_QuantityNegative", q.Key)))
            .ToArray();
        if (wrong.Length > 0)
        {
            fields["quantities"] = wrong;
        }

        // The first wrong field's message stands for the whole: an API caller reads one line, a form shows each beside its field.
        return (quantities, fields.Count == 0 ? null : new UseCaseError.Invalid(fields.First().Value[0], fields));
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

    private Task<ProgressReport?> ReportAsync(int reportId, CancellationToken cancellationToken) =>
        db.ProgressReports.Include(r => r.Versions).Include(r => r.Cooperation).SingleOrDefaultAsync(r => r.Id == reportId, cancellationToken);

    private static UseCaseError.NotFound NoReport(int reportId) => new(CoreText.Get("Workflow_NoReport", reportId));

    private static string Month(DateOnly period) => period.ToString("yyyy-MM", CultureInfo.InvariantCulture);

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

    private async Task<MeasureContext?> MeasureAsync(int measureId, CancellationToken cancellationToken)
    {
        if (await s_measure.For(db)(db, measureId, cancellationToken) is not { } measure)
        {
            return null;
        }

        return new MeasureContext(measureId, measure.Year, measure.RegionId, measure.Frequency, measure.DueDay, measure.DeadlineKind, measure.Deadline,
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

    private sealed record MeasureContext(int Id, int Year, int RegionId, ReportingFrequency Frequency, int DueDay, DeadlineKind DeadlineKind, DateOnly? Deadline,
        IReadOnlyDictionary<int, string> ResponsibleOrganizations, IReadOnlyList<int> CooperatingOrganizations, IReadOnlyList<int> Targets);
}
