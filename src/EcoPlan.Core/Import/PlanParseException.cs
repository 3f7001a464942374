namespace EcoPlan.Core.Import;

/// <summary>
/// A plan document could not be read: says where (1-based line, and the column when known) and why.
/// The text parser throws no other exception type for any input.
/// </summary>
public sealed class PlanParseException : Exception
{
    public PlanParseException()
    {
        Reason = Message;
    }

    public PlanParseException(string message)
        : base(message)
    {
        Reason = message;
    }

    public PlanParseException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    public PlanParseException(int line, string reason, string? column = null)
        : base(Describe(line, reason, column))
    {
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>1-based line of the document where the problem is; 0 when not known.</summary>
    public int Line { get; }

    /// <summary>The column (序号, 完成时限, …) or field the problem is in, when known.</summary>
    public string? Column { get; }

    /// <summary>Why, without the location.</summary>
    public string Reason { get; }

    private static string Describe(int line, string reason, string? column) =>
        (column is null ? Localization.CoreText.Get("Location_Line", line) : Localization.CoreText.Get("Location_LineColumn", line, column)) + ": " + reason;
}
