namespace EcoPlan.Core.Data;

/// <summary>
/// EcoPlan cannot start or run a command because of its configuration or environment. The message is
/// one line that names the setting to fix; hosts print it without a stack trace.
/// </summary>
public sealed class SetupException : Exception
{
    public SetupException(string message) : base(message) { }
    public SetupException(string message, Exception innerException) : base(message, innerException) { }
    public SetupException() { }

    /// <summary>Joins a multi-line message (PostgreSQL's, say) into the one line EcoPlan prints.</summary>
    public static string OneLine(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
