namespace EcoPlan.Core.Import;

/// <summary>
/// Groups rows into sections and tasks. A row whose 重点任务 is empty or repeats the task above is another
/// measure of that task (so a task continued over a page break stays one task).
/// </summary>
internal static class PlanBuilder
{
    public static IReadOnlyList<ParsedSection> Build(IReadOnlyList<ITableItem> items, out string? part)
    {
        // Where both 三、 and （一） headings occur, the 三、 one encloses the sections; otherwise each heading is a section.
        var headings = items.OfType<Heading>().ToList();
        HeadingStyle? partStyle = headings.Any(h => h.Style == HeadingStyle.Numbered) && headings.Any(h => h.Style == HeadingStyle.Bracketed)
            ? HeadingStyle.Numbered
            : null;

        part = null;
        var sections = new List<(Heading? Heading, List<(TableRow First, List<TableRow> Rows)> Tasks)>();
        List<(TableRow First, List<TableRow> Rows)>? tasks = null;
        List<TableRow>? task = null;
        string? taskName = null;
        var numbersRows = false;
        foreach (var item in items)
        {
            if (item is Heading heading)
            {
                if (heading.Style == partStyle)
                {
                    part ??= heading.Printed;
                }
                else
                {
                    tasks = [];
                    sections.Add((heading, tasks));
                }

                task = null;
                taskName = null;
                continue;
            }

            var row = (TableRow)item;
            if (tasks is null)
            {
                tasks = [];
                sections.Add((null, tasks));
            }

            var name = Squeeze(row.TaskName);
            if (name.Length == 0 || name == taskName)
            {
                if (task is null)
                {
                    throw new PlanParseException(row.Line, Localization.CoreText.Get("Parse_ContinuesNoTask"), "重点任务");
                }

                var first = tasks[^1].First;
                if (row.Number is { } number && number != first.Number)
                {
                    numbersRows = true;
                }

                task.Add(row);
                continue;
            }

            task = [row];
            taskName = name;
            tasks.Add((row, task));
        }

        return [.. sections.Select(s => new ParsedSection(
            s.Heading?.Code ?? "",
            s.Heading?.Title ?? "",
            [.. s.Tasks.Select(t => new ParsedTask(t.First.Number, t.First.TaskName?.Trim() ?? "", [.. t.Rows.Select(r => ToMeasure(r, numbersRows))]))]))];
    }

    private static ParsedMeasure ToMeasure(TableRow row, bool numbersRows) =>
        new(numbersRows ? row.Number : null, row.Text, row.Deadline, row.Lead, row.Responsible, row.Cooperating)
        {
            ColumnsCertain = row.ColumnsCertain == false ? false : null,
            Line = row.Line,
        };

    private static string Squeeze(string? s) => s is null ? "" : string.Concat(s.Where(c => !char.IsWhiteSpace(c)));
}
