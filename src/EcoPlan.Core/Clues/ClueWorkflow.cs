using EcoPlan.Core.Clues.Rules;

namespace EcoPlan.Core.Clues;

/// <summary>What a person gives with a step; which fields a step needs is in the evidence rules.</summary>
public sealed record ClueStepInput(
    int? Version = null,
    ClueOutcome? Outcome = null,
    string? Reason = null,
    string? Note = null,
    string? ApprovalKind = null,
    string? ApprovalNumber = null,
    DateOnly? ApprovalDate = null,
    string? Measures = null,
    DateOnly? RectifyBy = null,
    int? PublicNoticeDays = null);

/// <summary>One clue a bulk step could not take, and why (the whole bulk step is then refused).</summary>
public sealed record BulkRefusal(int ClueId, string Reason);

/// <summary>
/// Moves clues along their lifecycle. Every step is checked here — who may take it, from which state, with which
/// evidence and fields — and recorded as one hash-chained trail entry with the server's time; nothing else changes a
/// clue's state.
/// </summary>
public sealed class ClueWorkflow(EcoPlanDbContext db, TimeProvider time, EvidenceRules rules)
{
    public const int MaxNote = 1000;
    public const int MaxMeasures = 4000;
    public const int MaxApprovalText = 100;
    public const int MaxPublicNoticeDays = 90;
    public const int MaxBulk = 500;

    private readonly ClueAccess _access = new(db);

    /// <summary>Takes one step on one clue at the version the caller saw (when given).</summary>
    public async Task<UseCaseResult<ClueView>> TakeAsync(UserAccess user, int clueId, ClueStep step, ClueStepInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(input);
        if (await LoadAsync(user, clueId, cancellationToken) is not { } clue)
        {
            return NotFound(clueId);
        }

        if (await RefusalAsync(user, clue, step, input, cancellationToken) is { } refused)
        {
            return refused;
        }

        Apply(user, clue, step, input);
        if (await SaveAsync(cancellationToken) is { } conflict)
        {
            return conflict;
        }

        await ClueReminders.SettleAsync(db, time, [(clue.BatchId, clue.TownshipRegionId)], cancellationToken);
        return (await new ClueQueries(db, time).GetAsync(user, clue.Id, cancellationToken)).Value!;
    }

    /// <summary>
    /// Takes the same step on many clues (a reviewer's 批量通过 over a filtered list): all of them or none; a refusal lists
    /// every clue that cannot take it and why.
    /// </summary>
    public async Task<UseCaseResult<IReadOnlyList<int>>> TakeManyAsync(UserAccess user, IReadOnlyCollection<int> clueIds, ClueStep step, ClueStepInput input,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(clueIds);
        ArgumentNullException.ThrowIfNull(input);
        if (!user.IsAdmin && user.Role != Roles.Coordinator)
        {
            return new UseCaseError.Forbidden(CoreText.Get("Clue_OnlyReviewer"));
        }

        if (clueIds.Count is 0 || clueIds.Count > MaxBulk)
        {
            return new UseCaseError.Invalid("ids", CoreText.Get("Clue_BulkCount", MaxBulk));
        }

        if (input.Version is not null)
        {
            return new UseCaseError.Invalid("version", CoreText.Get("Clue_BulkNoVersion"));
        }

        var refusals = new List<BulkRefusal>();
        var clues = new List<Clue>();
        foreach (var id in clueIds.Distinct())
        {
            if (await LoadAsync(user, id, cancellationToken) is not { } clue)
            {
                refusals.Add(new BulkRefusal(id, CoreText.Get("Clue_NotFound", id)));
            }
            else if (await RefusalAsync(user, clue, step, input, cancellationToken) is { } refused)
            {
                refusals.Add(new BulkRefusal(id, refused.Message));
            }
            else
            {
                clues.Add(clue);
            }
        }

        if (refusals.Count > 0)
        {
            var lines = refusals.Take(20).Select(r => CoreText.Get("Clue_BulkRefusedOne", r.ClueId, r.Reason));
            return new UseCaseError.Invalid(CoreText.Get("Clue_BulkRefused", refusals.Count, clueIds.Count) + " " + string.Join("；", lines),
                new Dictionary<string, string[]> { ["ids"] = [.. refusals.Select(r => CoreText.Get("Clue_BulkRefusedOne", r.ClueId, r.Reason))] });
        }

        foreach (var clue in clues)
        {
            Apply(user, clue, step, input);
        }

        if (await SaveAsync(cancellationToken) is { } conflict)
        {
            return conflict;
        }

        await ClueReminders.SettleAsync(db, time, clues.Select(c => (c.BatchId, c.TownshipRegionId)), cancellationToken);
        return clues.Select(c => c.Id).ToList();
    }

    /// <summary>Assigns a clue of the district's queue (or reassigns one) to a township of its district.</summary>
    public async Task<UseCaseResult<ClueView>> AssignAsync(UserAccess user, int clueId, string townshipCode, int? version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await LoadAsync(user, clueId, cancellationToken) is not { } clue)
        {
            return NotFound(clueId);
        }

        if (!await _access.ReviewsAsync(user, clue.DistrictRegionId, cancellationToken))
        {
            return new UseCaseError.Forbidden(CoreText.Get("Clue_OnlyReviewer"));
        }

        if (version is { } seen && seen != clue.Version)
        {
            return Stale(clue);
        }

        if (clue.State == ClueState.Closed)
        {
            return new UseCaseError.Conflict(CoreText.Get("Clue_AssignClosed"));
        }

        var township = await db.Regions.AsNoTracking()
            .SingleOrDefaultAsync(r => r.Code == (townshipCode ?? "").Trim() && r.ParentId == clue.DistrictRegionId, cancellationToken);
        if (township is null)
        {
            return new UseCaseError.Invalid("township", CoreText.Get("Clue_TownshipNotInDistrict", townshipCode));
        }

        var from = clue.TownshipRegionId;
        clue.TownshipRegionId = township.Id;
        Record(user, clue, ClueAction.Assigned, clue.State, new { township = township.Code, name = township.Name, previous = from });
        if (await SaveAsync(cancellationToken) is { } conflict)
        {
            return conflict;
        }

        // The queue's (or the former township's) notice ends when this was its last clue; the new township hears at the next run.
        await ClueReminders.SettleAsync(db, time, [(clue.BatchId, from)], cancellationToken);

        return (await new ClueQueries(db, time).GetAsync(user, clue.Id, cancellationToken)).Value!;
    }

    /// <summary>Why the step cannot be taken, or null: access, version, state, input, then evidence.</summary>
    private async Task<UseCaseError?> RefusalAsync(UserAccess user, Clue clue, ClueStep step, ClueStepInput input, CancellationToken cancellationToken)
    {
        var definition = ClueSteps.All[step];
        if (definition.ByTownship ? !ClueAccess.ActsAsTownship(user, clue) : !await _access.ReviewsAsync(user, clue.DistrictRegionId, cancellationToken))
        {
            return new UseCaseError.Forbidden(definition.ByTownship ? CoreText.Get("Clue_OnlyTownship", clue.Id) : CoreText.Get("Clue_OnlyReviewer"));
        }

        if (input.Version is { } seen && seen != clue.Version)
        {
            return Stale(clue);
        }

        if (!definition.From.Contains(clue.State))
        {
            return new UseCaseError.Conflict(CoreText.Get("Clue_WrongState", ClueLabels.State(clue.State), ClueLabels.Step(step)));
        }

        if (step == ClueStep.EndPublicNotice && clue.PublicNoticeEndsOn is { } ends && Today() < ends)
        {
            return new UseCaseError.Conflict(CoreText.Get("Clue_NoticeRunning", ends));
        }

        return InputRefusal(step, input) ?? EvidenceRefusal(clue, step, input);
    }

    private UseCaseError.Invalid? InputRefusal(ClueStep step, ClueStepInput input)
    {
        var fields = new Dictionary<string, string[]>();
        void Too(string field, string? value, int max)
        {
            if (value is { Length: var length } && length > max)
            {
                fields[field] = [CoreText.Get("Clue_TooLong", ClueLabels.Field(field), max, length)];
            }
        }

        Too("note", input.Note, MaxNote);
        Too("measures", input.Measures, MaxMeasures);
        Too("approvalKind", input.ApprovalKind, MaxApprovalText);
        Too("approvalNumber", input.ApprovalNumber, MaxApprovalText);
        if (step == ClueStep.SubmitVerification)
        {
            if (input.Outcome is not { } outcome)
            {
                fields["outcome"] = [CoreText.Get("Clue_OutcomeMissing")];
            }
            else if (!string.IsNullOrWhiteSpace(input.Reason) && rules.Reasons[outcome].All(r => r.Code != input.Reason.Trim()))
            {
                fields["reason"] = [CoreText.Get("Clue_ReasonUnknown", input.Reason, ClueLabels.Outcome(outcome),
                    string.Join("、", rules.Reasons[outcome].Select(r => $"{r.Code}（{r.Label}）")))];
            }
        }

        if (step == ClueStep.SubmitPlan && input.RectifyBy is { } by && by < Today())
        {
            fields["rectifyBy"] = [CoreText.Get("Clue_RectifyByPast", by)];
        }

        if (step == ClueStep.AcceptClose && input.PublicNoticeDays is < 0 or > MaxPublicNoticeDays)
        {
            fields["publicNoticeDays"] = [CoreText.Get("Clue_NoticeDays", MaxPublicNoticeDays)];
        }

        return fields.Count == 0 ? null : new UseCaseError.Invalid(string.Join(" ", fields.Values.SelectMany(v => v)), fields);
    }

    /// <summary>The rules' evidence and fields for this step and outcome; what is missing, each in its own words.</summary>
    private UseCaseError.Invalid? EvidenceRefusal(Clue clue, ClueStep step, ClueStepInput input)
    {
        var outcome = step == ClueStep.SubmitVerification ? input.Outcome : clue.Outcome;
        var missing = new Dictionary<string, string[]>();
        foreach (var rule in rules.For(step, outcome))
        {
            foreach (var field in rule.Fields.Where(f => !Filled(input, f)))
            {
                missing[field] = [CoreText.Get("Clue_FieldRequired", ClueLabels.Field(field))];
            }

            var evidence = new List<string>();
            foreach (var need in rule.Evidence)
            {
                var counted = clue.Evidence.Count(e => e.Kind == need.Kind && (need.WithinMeters is not { } within
                    || e.DistanceMeters <= within || (e.Latitude is null && !string.IsNullOrWhiteSpace(e.NoGpsReason))));
                if (counted < need.Min)
                {
                    evidence.Add(need.WithinMeters is { } meters
                        ? CoreText.Get("Clue_EvidenceNearMissing", need.Min, ClueLabels.Evidence(need.Kind), meters, counted)
                        : CoreText.Get("Clue_EvidenceMissing", need.Min, ClueLabels.Evidence(need.Kind), counted));
                }
            }

            if (evidence.Count > 0)
            {
                missing["evidence"] = [.. missing.GetValueOrDefault("evidence") ?? [], .. evidence];
            }
        }

        return missing.Count == 0 ? null
            : new UseCaseError.Invalid(CoreText.Get("Clue_StepMissing", ClueLabels.Step(step), string.Join("；", missing.Values.SelectMany(v => v))), missing);
    }

    private static bool Filled(ClueStepInput input, string field) => field switch
    {
        "reason" => !string.IsNullOrWhiteSpace(input.Reason),
        "note" => !string.IsNullOrWhiteSpace(input.Note),
        "approvalKind" => !string.IsNullOrWhiteSpace(input.ApprovalKind),
        "approvalNumber" => !string.IsNullOrWhiteSpace(input.ApprovalNumber),
        "approvalDate" => input.ApprovalDate is not null,
        "measures" => !string.IsNullOrWhiteSpace(input.Measures),
        "rectifyBy" => input.RectifyBy is not null,
        _ => false,
    };

    private void Apply(UserAccess user, Clue clue, ClueStep step, ClueStepInput input)
    {
        var from = clue.State;
        var outcome = step == ClueStep.SubmitVerification ? input.Outcome : clue.Outcome;
        var days = input.PublicNoticeDays ?? 0;
        var to = ClueSteps.Target(step, outcome, days);
        switch (step)
        {
            case ClueStep.SubmitVerification:
                clue.Outcome = input.Outcome;
                clue.OutcomeReason = input.Reason?.Trim();
                clue.ApprovalKind = input.ApprovalKind?.Trim();
                clue.ApprovalNumber = input.ApprovalNumber?.Trim();
                clue.ApprovalDate = input.ApprovalDate;
                break;
            case ClueStep.AcceptVerification:
                clue.VerifiedAt = Now();
                break;
            case ClueStep.SubmitPlan:
                clue.RectificationMeasures = input.Measures?.Trim();
                clue.RectifyBy = input.RectifyBy ?? clue.RectifyBy;
                break;
            case ClueStep.AcceptClose when days > 0:
                clue.PublicNoticeEndsOn = Today().AddDays(days);
                break;
            case ClueStep.Reopen:
                clue.ClosedAt = null;
                clue.PublicNoticeEndsOn = null;
                break;
        }

        clue.State = to;
        if (to == ClueState.Closed)
        {
            clue.ClosedAt = Now();
        }

        Record(user, clue, ClueSteps.All[step].Action, from, new
        {
            outcome = step == ClueStep.SubmitVerification ? input.Outcome?.ToString() : null,
            reason = step == ClueStep.SubmitVerification ? clue.OutcomeReason : null,
            note = input.Note?.Trim() is { Length: > 0 } note ? note : null,
            approvalKind = step == ClueStep.SubmitVerification ? clue.ApprovalKind : null,
            approvalNumber = step == ClueStep.SubmitVerification ? clue.ApprovalNumber : null,
            approvalDate = step == ClueStep.SubmitVerification ? clue.ApprovalDate : null,
            measures = step == ClueStep.SubmitPlan ? clue.RectificationMeasures : null,
            rectifyBy = step == ClueStep.SubmitPlan ? clue.RectifyBy : null,
            publicNoticeEndsOn = step == ClueStep.AcceptClose ? clue.PublicNoticeEndsOn : null,
            evidence = clue.Evidence.Count > 0 && ClueSteps.All[step].ByTownship ? clue.Evidence.Select(e => e.Sha256).ToList() : null,
        });
    }

    /// <summary>Appends a trail entry for a change of <paramref name="clue"/> (state after the change) and raises its version.</summary>
    internal void Record(UserAccess user, Clue clue, ClueAction action, ClueState from, object payload)
    {
        var last = clue.Events.MaxBy(e => e.Sequence);
        var entry = ClueTrail.Append(clue, last, action, from, clue.State, user.UserId == 0 ? null : user.UserId, user.UserName, Now(), payload);
        ClueTrail.Seal(entry, clue.Id);
        clue.Version++;
    }

    /// <summary>The clue with what the steps check (evidence, the trail's last entry), if the caller may see it.</summary>
    private async Task<Clue?> LoadAsync(UserAccess user, int clueId, CancellationToken cancellationToken)
    {
        var visible = await _access.VisibleAsync(user, cancellationToken);
        var clue = await db.Clues.Where(c => c.Id == clueId).Where(visible).Include(c => c.Evidence).SingleOrDefaultAsync(cancellationToken);
        if (clue is not null)
        {
            // Only the last entry is needed to chain the next one; tracking it puts it in clue.Events, which Record reads.
            await db.ClueEvents.Where(e => e.ClueId == clueId).OrderByDescending(e => e.Sequence).Take(1).LoadAsync(cancellationToken);
        }

        return clue;
    }

    private async Task<UseCaseError?> SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException)
        {
            // Another person moved the clue (its version, or its next trail entry, was taken first).
            db.ChangeTracker.Clear();
            return new UseCaseError.Conflict(CoreText.Get("Clue_ChangedMeanwhile"));
        }
    }

    private static UseCaseError.Conflict Stale(Clue clue) => new(CoreText.Get("Clue_Stale", clue.Id));

    private static UseCaseError.NotFound NotFound(int clueId) => new(CoreText.Get("Clue_NotFound", clueId));

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    private DateOnly Today() => DateOnly.FromDateTime(time.GetLocalNow().DateTime);
}
