namespace EcoPlan.Core.Clues;

/// <summary>A step a person takes on a clue; the API names them in the path (`POST /api/v1/clues/{id}/steps/{step}`).</summary>
public enum ClueStep
{
    /// <summary>核查: the township starts the site check.</summary>
    Start,
    /// <summary>提交核查结论.</summary>
    SubmitVerification,
    /// <summary>核查结论通过: a pseudo change or a compliant one is closed, a violation waits for its plan.</summary>
    AcceptVerification,
    /// <summary>核查结论退回 to the field, with a reason.</summary>
    ReturnVerification,
    /// <summary>提交整改方案.</summary>
    SubmitPlan,
    /// <summary>整改方案通过: rectification starts.</summary>
    AcceptPlan,
    /// <summary>整改方案退回.</summary>
    ReturnPlan,
    /// <summary>申请销号.</summary>
    RequestClose,
    /// <summary>验收通过: closed, or 公示 first.</summary>
    AcceptClose,
    /// <summary>验收退回 (also an objection during 公示).</summary>
    ReturnClose,
    /// <summary>公示期满，销号.</summary>
    EndPublicNotice,
    /// <summary>回头看: a closed clue opens again for a new site check, its history kept.</summary>
    Reopen,
}

/// <summary>Which states a step leaves from, who takes it, and what the trail calls it.</summary>
public sealed record StepDefinition(ClueStep Step, IReadOnlyList<ClueState> From, bool ByTownship, ClueAction Action);

public static class ClueSteps
{
    public static IReadOnlyDictionary<ClueStep, StepDefinition> All { get; } = new StepDefinition[]
    {
        new(ClueStep.Start, [ClueState.Pending], true, ClueAction.VerificationStarted),
        new(ClueStep.SubmitVerification, [ClueState.Pending, ClueState.Verifying], true, ClueAction.VerificationSubmitted),
        new(ClueStep.AcceptVerification, [ClueState.VerificationSubmitted], false, ClueAction.VerificationAccepted),
        new(ClueStep.ReturnVerification, [ClueState.VerificationSubmitted], false, ClueAction.VerificationReturned),
        new(ClueStep.SubmitPlan, [ClueState.PlanDue], true, ClueAction.PlanSubmitted),
        new(ClueStep.AcceptPlan, [ClueState.PlanSubmitted], false, ClueAction.PlanAccepted),
        new(ClueStep.ReturnPlan, [ClueState.PlanSubmitted], false, ClueAction.PlanReturned),
        new(ClueStep.RequestClose, [ClueState.Rectifying], true, ClueAction.CloseRequested),
        new(ClueStep.AcceptClose, [ClueState.CloseRequested], false, ClueAction.CloseAccepted),
        new(ClueStep.ReturnClose, [ClueState.CloseRequested, ClueState.PublicNotice], false, ClueAction.CloseReturned),
        new(ClueStep.EndPublicNotice, [ClueState.PublicNotice], false, ClueAction.PublicNoticeEnded),
        new(ClueStep.Reopen, [ClueState.Closed], false, ClueAction.Reopened),
    }.ToDictionary(d => d.Step);

    /// <summary>The state a step leads to, given the clue's outcome and the 公示 days asked for.</summary>
    public static ClueState Target(ClueStep step, ClueOutcome? outcome, int publicNoticeDays) => step switch
    {
        ClueStep.Start or ClueStep.ReturnVerification or ClueStep.Reopen => ClueState.Verifying,
        ClueStep.SubmitVerification => ClueState.VerificationSubmitted,
        ClueStep.AcceptVerification => outcome is { } o && o.IsViolation() ? ClueState.PlanDue : ClueState.Closed,
        ClueStep.SubmitPlan => ClueState.PlanSubmitted,
        ClueStep.ReturnPlan => ClueState.PlanDue,
        ClueStep.AcceptPlan or ClueStep.ReturnClose => ClueState.Rectifying,
        ClueStep.RequestClose => ClueState.CloseRequested,
        ClueStep.AcceptClose => publicNoticeDays > 0 ? ClueState.PublicNotice : ClueState.Closed,
        ClueStep.EndPublicNotice => ClueState.Closed,
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, null),
    };
}
