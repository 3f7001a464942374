using EcoPlan.Core.Import;

namespace EcoPlan.Benchmarks;

/// <summary>
/// A large plan for the size benchmarks: the municipal plan's sections, each holding its tasks repeated
/// <c>copies</c> times with distinct task numbers (1, 2, … across the plan) and the copy's number in the
/// task name, so no two rows are alike and the parse still has to number, split and resolve every one.
/// </summary>
internal static class GeneratedPlan
{
    public static ParsedPlan Build(ParsedPlan template, int copies)
    {
        ArgumentNullException.ThrowIfNull(template);
        var number = 0;
        var sections = template.Sections
            .Select(section => section with
            {
                Tasks = [.. Enumerable.Range(1, copies).SelectMany(copy => section.Tasks.Select(task => task with
                {
                    Number = ++number,
                    Name = copies == 1 ? task.Name : $"{task.Name}（第{copy}批）",
                }))],
            })
            .ToList();
        return template with { Sections = sections };
    }
}
