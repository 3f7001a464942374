namespace EcoPlan.Core;

/// <summary>
/// Why a use case refused, with its message in the caller's language (<see cref="Localization.CoreText"/>). The four
/// kinds are all a host needs to answer rightly: 404, 403, 400 with a message per field, 409.
/// </summary>
public abstract record UseCaseError(string Message)
{
    /// <summary>The thing asked for does not exist (or is not visible to the caller, which answers the same).</summary>
    public sealed record NotFound(string Message) : UseCaseError(Message);

    /// <summary>The caller may not do this; the message says which unit, plan or region it is about.</summary>
    public sealed record Forbidden(string Message) : UseCaseError(Message);

    /// <summary>The input is wrong; <see cref="Fields"/> names each wrong field (its input name) with why.</summary>
    public sealed record Invalid(string Message, IReadOnlyDictionary<string, string[]> Fields) : UseCaseError(Message)
    {
        /// <summary>One wrong field: the message is also the field's.</summary>
        public Invalid(string field, string message)
            : this(message, new Dictionary<string, string[]> { [field] = [message] })
        {
        }

        /// <summary>Input wrong as a whole (no single field to name).</summary>
        public Invalid(string message)
            : this(message, new Dictionary<string, string[]>())
        {
        }
    }

    /// <summary>The state changed since the caller looked (a stale preview, a plan no longer a draft, a later change that makes an undo unsafe).</summary>
    public sealed record Conflict(string Message) : UseCaseError(Message);
}

/// <summary>The value of a use case that returns nothing but success.</summary>
public readonly record struct Done;

/// <summary>
/// The outcome of a use case: its value, or the <see cref="UseCaseError"/> that refused it. Every use case returns
/// this; a host turns the error into its own answer in one place (Web: <c>UseCaseResponses</c>).
/// </summary>
public sealed class UseCaseResult<T>
{
    private UseCaseResult(T? value, UseCaseError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value; meaningful only when <see cref="Succeeded"/>.</summary>
    public T? Value { get; }

    /// <summary>Why it refused; null when it succeeded.</summary>
    public UseCaseError? Error { get; }

    public bool Succeeded => Error is null;

    public static implicit operator UseCaseResult<T>(T value) => new(value, null);

    public static implicit operator UseCaseResult<T>(UseCaseError error) => new(default, error ?? throw new ArgumentNullException(nameof(error)));

    /// <summary>The same refusal as a result of another type, to pass a sub-step's error on.</summary>
    public UseCaseResult<TOther> Refusal<TOther>() =>
        Error ?? throw new InvalidOperationException("A succeeded result has no refusal to pass on.");
}
