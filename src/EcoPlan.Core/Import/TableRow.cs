using EcoPlan.Core.Plans;

namespace EcoPlan.Core.Import;

/// <summary>What a table reader yields, in document order: headings and measure rows.</summary>
internal interface ITableItem
{
    int Line { get; }
}

/// <summary>One measure row as read from the table, before rows are grouped into tasks.</summary>
internal sealed record TableRow(
    int Line,
    int? Number,
    string? TaskName,
    string Text,
    Deadline Deadline,
    IReadOnlyList<string> Lead,
    IReadOnlyList<string> Responsible,
    IReadOnlyList<string> Cooperating,
    bool? ColumnsCertain) : ITableItem;
