using System.Text.RegularExpressions;
using EcoPlan.Core.Plans;

namespace EcoPlan.Core.Import;

/// <summary>Options of a parse: the plan year, where the title does not say it (or says it wrongly).</summary>
public sealed record PlanParseOptions(int? Year = null);

/// <summary>
/// Parses a plan document given as text (a tab-separated table export, or text extracted from a PDF) into a
/// <see cref="ParsedPlan"/>. Pure: no database, no files. Throws only <see cref="PlanParseException"/>.
/// </summary>
public static partial class PlanTextParser
{
    public static ParsedPlan Parse(ReadOnlySpan<byte> bytes, PlanParseOptions? options = null) =>
        Parse(PlanTextDecoder.Decode(bytes), options);

    public static ParsedPlan Parse(string text, PlanParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= new PlanParseOptions();
        if (options.Year is { } given && given is < 1900 or > 2200)
        {
            throw new PlanParseException(0, Localization.CoreText.Get("Parse_NotAPlanYear", given), "--year");
        }

        var lines = SplitLines(text);
        if (lines.All(string.IsNullOrWhiteSpace))
        {
            throw new PlanParseException(1, Localization.CoreText.Get("Parse_NoText"));
        }

        var header = FindHeader(lines);
        var preamble = ReadPreamble(lines, header);
        var year = options.Year ?? preamble.Year
            ?? throw new PlanParseException(preamble.TitleLine, Localization.CoreText.Get("Parse_TitleNoYear"));
        var lexicon = UnitLexicon.Default;
        var items = new List<ITableItem>(preamble.Headings);
        items.AddRange(header.Tabbed
            ? TabSeparatedReader.Read(lines, header, year, lexicon)
            : ExtractedTextReader.Read(lines, header, year, lexicon));

        var sections = PlanBuilder.Build(items, out var part);
        var measures = sections.SelectMany(s => s.Tasks).SelectMany(t => t.Measures).ToList();
        if (measures.Count == 0)
        {
            throw new PlanParseException(header.Line, Localization.CoreText.Get("Parse_HeaderNoRows"));
        }

        var level = LevelOf(measures, header.LeadKind);
        return new ParsedPlan(
            preamble.Title,
            preamble.Attachment,
            part,
            year,
            level,
            RegionDirectory.Default.FindIssuer(text, level),
            header.LeadKind,
            sections);
    }

    internal static List<string> SplitLines(string text) =>
        [.. text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', '\r', '\f')];

    private static TableHeader FindHeader(List<string> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (TableHeader.TryRead(lines[i].Trim(), i + 1) is { } header)
            {
                return header;
            }
        }

        throw new PlanParseException(1, Localization.CoreText.Get("Parse_NoHeader", lines.Count));
    }

    private static Preamble ReadPreamble(List<string> lines, TableHeader header)
    {
        string? attachment = null;
        var headings = new List<Heading>();
        var candidates = new List<(int Line, string Text)>();
        for (var i = 0; i < header.Line - 1; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || PageFurniture.IsFooter(line) || PageFurniture.IsSingleDash(line))
            {
                continue;
            }

            if (AttachmentPattern().IsMatch(line))
            {
                attachment ??= line;
            }
            else if (Heading.TryRead(line, i + 1) is { } heading)
            {
                headings.Add(heading);
            }
            else
            {
                candidates.Add((i + 1, line));
            }
        }

        // The title names the document (…行动计划, …方案); other lines above the table (文号, dates) are not part of it.
        var titled = candidates.Where(c => TitleWord().IsMatch(c.Text)).ToList();
        var title = titled.Count > 0 ? titled : candidates;
        if (title.Count == 0)
        {
            throw new PlanParseException(header.Line, Localization.CoreText.Get("Parse_NoTitle"));
        }

        var titleText = string.Concat(title.Select(c => c.Text));
        var yearMatch = YearPattern().Match(titleText);
        if (!yearMatch.Success)
        {
            yearMatch = candidates.Select(c => YearPattern().Match(c.Text)).FirstOrDefault(m => m.Success) ?? yearMatch;
        }

        int? year = yearMatch.Success ? int.Parse(yearMatch.Groups["y"].Value, NumberStyles.None, CultureInfo.InvariantCulture) : null;
        return new Preamble(titleText, title[0].Line, attachment, year, headings);
    }

    /// <summary>A plan of 市 departments is municipal, one of 区 departments a district plan, one of 镇/乡/街道 units a township plan.</summary>
    private static PlanLevel LevelOf(List<ParsedMeasure> measures, LeadKind leadKind)
    {
        var units = measures.SelectMany(m => (leadKind == LeadKind.Leader ? [] : m.Lead).Concat(m.Responsible).Concat(m.Cooperating));
        int municipal = 0, district = 0, township = 0;
        foreach (var unit in units)
        {
            if (unit.StartsWith('市'))
            {
                municipal++;
            }
            else if (unit.StartsWith('区') || unit.StartsWith('县'))
            {
                district++;
            }
            else if (unit.StartsWith('镇') || unit.StartsWith('乡') || unit.StartsWith("街道", StringComparison.Ordinal))
            {
                township++;
            }
        }

        return township > district && township > municipal ? PlanLevel.Township
            : district > municipal ? PlanLevel.District
            : PlanLevel.Municipal;
    }

    private sealed record Preamble(string Title, int TitleLine, string? Attachment, int? Year, List<Heading> Headings);

    [GeneratedRegex(@"^附\s*件\s*[0-9０-９一二三四五六七八九十]{1,3}$")]
    private static partial Regex AttachmentPattern();

    [GeneratedRegex(@"计划|方案|要点|清单|任务|措施")]
    private static partial Regex TitleWord();

    [GeneratedRegex(@"(?<y>(?:19|20|21)\d{2})\s*年")]
    private static partial Regex YearPattern();
}
