namespace EcoPlan.Core;

/// <summary>How a use case refused, for the host to answer with the right status (404, 403, 400, 409).</summary>
public enum UseCaseOutcome
{
    Done,
    NotFound,
    Forbidden,
    Invalid,

    /// <summary>The state changed since the person looked (a stale preview, a plan no longer a draft), or a later change makes an undo unsafe.</summary>
    Conflict,
}

/// <summary>The outcome of a use case: the value when done, else which kind of refusal and why (in the caller's language).</summary>
public sealed record UseCaseResult<T>(UseCaseOutcome Outcome, T? Value, string? Error)
{
    public bool Succeeded => Outcome == UseCaseOutcome.Done;

    internal static UseCaseResult<T> Done(T value) => new(UseCaseOutcome.Done, value, null);

    internal static UseCaseResult<T> Refused(UseCaseOutcome outcome, string error) => new(outcome, default, error);
}
