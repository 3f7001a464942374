using EcoPlan.Core.Import;
using EcoPlan.Core.Plans;

namespace EcoPlan.Core.Export;

/// <summary>
/// A plan laid out as the issued table: the 附件 label and title above, the header, then a row per part and
/// section heading and per measure. Both writers (Word, Excel) render this one layout, so they agree and
/// the importer reads either back to the same plan.
/// </summary>
public sealed record PlanTableLayout(string? Attachment, string Title, IReadOnlyList<string> Header, IReadOnlyList<LayoutRow> Rows)
{
    public const string EmptyUnits = "——";

    public static PlanTableLayout From(ParsedPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        string[] header = ["序号", "重点任务", "工作措施", "完成时限", plan.LeadKind == LeadKind.Leader ? "牵头领导" : "牵头部门", "主责单位", "协办单位"];
        var rows = new List<LayoutRow>();
        if (plan.Part is { Length: > 0 } part)
        {
            rows.Add(new HeadingRow(part));
        }

        foreach (var section in plan.Sections)
        {
            if (section.Code.Length > 0 || section.Title.Length > 0)
            {
                rows.Add(new HeadingRow($"（{section.Code}）{section.Title}"));
            }

            foreach (var task in section.Tasks)
            {
                for (var i = 0; i < task.Measures.Count; i++)
                {
                    var measure = task.Measures[i];
                    // Row-numbered plans print each row's 序号; task-numbered plans print the task's on its first row.
                    var number = measure.Number ?? (i == 0 ? task.Number : null);
                    rows.Add(new MeasureRow(
                        number?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
                        task.Name,
                        FirstOfTask: i == 0,
                        TaskRows: task.Measures.Count,
                        measure.Text,
                        measure.Deadline.Raw,
                        Units(measure.Lead),
                        Units(measure.Responsible),
                        Units(measure.Cooperating)));
                }
            }
        }

        return new PlanTableLayout(plan.Attachment, plan.Title, header, rows);
    }

    private static IReadOnlyList<string> Units(IReadOnlyList<string> names) => names.Count == 0 ? [EmptyUnits] : names;
}

public abstract record LayoutRow;

/// <summary>A heading that spans the table: 三、加强生态保护 or （一）生态环境质量状况目标.</summary>
public sealed record HeadingRow(string Text) : LayoutRow;

/// <summary>One measure; the task cell is printed on the task's first row and merged down over its other rows.</summary>
public sealed record MeasureRow(
    string Number, string TaskName, bool FirstOfTask, int TaskRows, string Text, string Deadline,
    IReadOnlyList<string> Lead, IReadOnlyList<string> Responsible, IReadOnlyList<string> Cooperating) : LayoutRow
{
    /// <summary>The seven cells; a cell with several units holds one per line.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cells =>
        [[Number], [FirstOfTask ? TaskName : ""], [Text], [Deadline], Lead, Responsible, Cooperating];
}
