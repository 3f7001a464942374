using EcoPlan.Core.Plans;

namespace EcoPlan.Core.Import;

/// <summary>Reads a tab-separated table (a spreadsheet or word-processor export): one row per line, cells by header.</summary>
internal static class TabSeparatedReader
{
    public static List<ITableItem> Read(IReadOnlyList<string> lines, TableHeader header, int year, UnitLexicon lexicon)
    {
        var items = new List<ITableItem>();
        for (var index = header.Line; index < lines.Count; index++)
        {
            var line = lines[index];
            var lineNumber = index + 1;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (TableHeader.TryRead(line, lineNumber) is { } repeated)
            {
                // Headers repeat at page breaks; a later one may even order the columns differently.
                header = repeated;
                continue;
            }

            var cells = line.Split('\t');
            var filled = cells.Select(c => c.Trim()).Where(c => c.Length > 0).ToList();
            if (filled.Count == 0)
            {
                continue;
            }

            if (filled.Count == 1)
            {
                if (Heading.TryRead(filled[0], lineNumber) is { } heading)
                {
                    items.Add(heading);
                    continue;
                }

                if (PageFurniture.IsFooter(filled[0]) || filled[0].All(char.IsAsciiDigit) || UnitLexicon.IsEmptyMarker(filled[0]))
                {
                    continue;
                }

                if (cells.Length == 1)
                {
                    throw new PlanParseException(lineNumber, Localization.CoreText.Get("Parse_TextOutsideTable", Excerpt(filled[0])));
                }
            }

            items.Add(ReadRow(cells, header, lineNumber, year, lexicon));
        }

        return items;
    }

    private static TableRow ReadRow(string[] cells, TableHeader header, int line, int year, UnitLexicon lexicon)
    {
        string Cell(ColumnRole role) =>
            header.IndexOf(role) is { } i && i < cells.Length ? cells[i].Trim() : "";

        int? number = null;
        var numberCell = Cell(ColumnRole.Number).TrimEnd('.', '、', '．');
        if (numberCell.Length > 0)
        {
            if (!int.TryParse(numberCell, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 100_000)
            {
                throw new PlanParseException(line, Localization.CoreText.Get("Parse_NotARowNumber", Excerpt(numberCell)), header.NameOf(ColumnRole.Number));
            }

            number = n;
        }

        var text = Cell(ColumnRole.Text);
        if (text.Length == 0)
        {
            throw new PlanParseException(line, Localization.CoreText.Get("Parse_NoMeasureText"), header.NameOf(ColumnRole.Text));
        }

        var deadlineText = Cell(ColumnRole.Deadline);
        if (deadlineText.Length == 0)
        {
            throw new PlanParseException(line, Localization.CoreText.Get("Parse_NoDeadline"), header.NameOf(ColumnRole.Deadline));
        }

        var lead = header.LeadKind == LeadKind.Leader
            ? UnitLexicon.SplitPeople(Cell(ColumnRole.Lead))
            : lexicon.SplitUnits(Cell(ColumnRole.Lead));
        var task = Cell(ColumnRole.Task);
        return new TableRow(
            line,
            number,
            task.Length == 0 ? null : task,
            text,
            DeadlineParser.Parse(deadlineText, year),
            lead,
            lexicon.SplitUnits(Cell(ColumnRole.Responsible)),
            lexicon.SplitUnits(Cell(ColumnRole.Cooperating)),
            ColumnsCertain: null);
    }

    internal static string Excerpt(string text) => text.Length <= 20 ? text : text[..20] + "…";
}
