using EcoPlan.Core.Plans;

namespace EcoPlan.Core.Import;

internal enum ColumnRole
{
    Number,
    Task,
    Text,
    Deadline,
    Lead,
    Responsible,
    Cooperating,
}

/// <summary>
/// The table's header row, found by meaning: each column is recognised by its name or a synonym
/// (工作措施/具体措施/工作内容…), in whatever order the document prints them.
/// </summary>
internal sealed class TableHeader
{
    private static readonly Dictionary<string, ColumnRole> s_synonyms = new(StringComparer.Ordinal)
    {
        ["序号"] = ColumnRole.Number,
        ["编号"] = ColumnRole.Number,
        ["重点任务"] = ColumnRole.Task,
        ["主要任务"] = ColumnRole.Task,
        ["任务"] = ColumnRole.Task,
        ["工作措施"] = ColumnRole.Text,
        ["具体措施"] = ColumnRole.Text,
        ["工作内容"] = ColumnRole.Text,
        ["主要内容"] = ColumnRole.Text,
        ["完成时限"] = ColumnRole.Deadline,
        ["完成时间"] = ColumnRole.Deadline,
        ["时间节点"] = ColumnRole.Deadline,
        ["牵头领导"] = ColumnRole.Lead,
        ["牵头部门"] = ColumnRole.Lead,
        ["牵头单位"] = ColumnRole.Lead,
        ["主责单位"] = ColumnRole.Responsible,
        ["责任单位"] = ColumnRole.Responsible,
        ["主办单位"] = ColumnRole.Responsible,
        ["协办单位"] = ColumnRole.Cooperating,
        ["配合单位"] = ColumnRole.Cooperating,
        ["参与单位"] = ColumnRole.Cooperating,
    };

    /// <summary>Every header text EcoPlan knows, with the column it names (the PDF reader matches the same words).</summary>
    internal static IReadOnlyDictionary<string, ColumnRole> Synonyms => s_synonyms;

    private readonly Dictionary<ColumnRole, int> _columns;
    private readonly Dictionary<ColumnRole, string> _names;

    private TableHeader(Dictionary<ColumnRole, int> columns, Dictionary<ColumnRole, string> names, bool tabbed, int line, LeadKind leadKind)
    {
        _columns = columns;
        _names = names;
        Tabbed = tabbed;
        Line = line;
        LeadKind = leadKind;
    }

    /// <summary>True when the header's cells are tab-separated (a table export), false for PDF-extracted text.</summary>
    public bool Tabbed { get; }

    public int Line { get; }

    public LeadKind LeadKind { get; }

    /// <summary>The roles in the order the document prints them.</summary>
    public IEnumerable<ColumnRole> Order => _columns.OrderBy(c => c.Value).Select(c => c.Key);

    public bool Has(ColumnRole role) => _columns.ContainsKey(role);

    public int? IndexOf(ColumnRole role) => _columns.TryGetValue(role, out var index) ? index : null;

    /// <summary>The column's name as printed, for messages.</summary>
    public string NameOf(ColumnRole role) => _names.TryGetValue(role, out var name) ? name : role.ToString();

    public static TableHeader? TryRead(string line, int lineNumber)
    {
        var tabbed = line.Contains('\t', StringComparison.Ordinal);
        var cells = tabbed
            ? line.Split('\t').Select(c => string.Concat(c.Where(ch => !char.IsWhiteSpace(ch)))).ToList()
            : [.. line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)];
        var columns = new Dictionary<ColumnRole, int>();
        var names = new Dictionary<ColumnRole, string>();
        var unknown = 0;
        for (var i = 0; i < cells.Count; i++)
        {
            if (cells[i].Length == 0)
            {
                continue;
            }

            if (!s_synonyms.TryGetValue(cells[i], out var role))
            {
                unknown++;
                continue;
            }

            if (!columns.TryAdd(role, i))
            {
                return null;
            }

            names[role] = cells[i];
        }

        // Extra columns such as 备注 are allowed; a sentence that happens to contain two header words is not a header.
        if (!columns.ContainsKey(ColumnRole.Text) || !columns.ContainsKey(ColumnRole.Deadline) || columns.Count < 3 || unknown > 2 || unknown >= columns.Count)
        {
            return null;
        }

        var leadKind = names.TryGetValue(ColumnRole.Lead, out var lead) && lead == "牵头领导" ? LeadKind.Leader : LeadKind.Department;
        return new TableHeader(columns, names, tabbed, lineNumber, leadKind);
    }
}
