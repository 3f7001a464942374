using System.Text;
using EcoPlan.Core.Plans;

namespace EcoPlan.Core.Import;

/// <summary>
/// Reads a table from text extracted from a PDF: cells broken over lines, cells of one baseline merged into one
/// line, headers repeated and page numbers mixed in. A row is found as 序号 + 重点任务 fragments (or neither, for
/// another measure of the same task), then 工作措施 text up to a recognised 完成时限, then the units.
/// </summary>
internal sealed class ExtractedTextReader
{
    private const int MaxTaskFragment = 8;
    private readonly IReadOnlyList<string> _lines;
    private readonly TableHeader _header;
    private readonly int _year;
    private readonly UnitLexicon _lexicon;
    private readonly List<Token> _tokens = [];
    private readonly List<ColumnRole> _unitColumns;
    private int _at;

    private ExtractedTextReader(IReadOnlyList<string> lines, TableHeader header, int year, UnitLexicon lexicon)
    {
        _lines = lines;
        _header = header;
        _year = year;
        _lexicon = lexicon;
        _unitColumns = [.. header.Order.Where(r => r is ColumnRole.Lead or ColumnRole.Responsible or ColumnRole.Cooperating)];
    }

    private enum TokenKind
    {
        Word,
        Header,
        Heading,
    }

    public static List<ITableItem> Read(IReadOnlyList<string> lines, TableHeader header, int year, UnitLexicon lexicon)
    {
        CheckColumnOrder(header);
        var reader = new ExtractedTextReader(lines, header, year, lexicon);
        reader.Tokenize();
        return reader.ReadItems();
    }

    /// <summary>Without tabs, only the position of the deadline tells text from units, so the deadline must sit between them.</summary>
    private static void CheckColumnOrder(TableHeader header)
    {
        var order = header.Order.ToList();
        var text = order.IndexOf(ColumnRole.Text);
        var deadline = order.IndexOf(ColumnRole.Deadline);
        var fine = deadline == text + 1
            && order.Take(text).All(r => r is ColumnRole.Number or ColumnRole.Task)
            && order.Skip(deadline + 1).All(r => r is ColumnRole.Lead or ColumnRole.Responsible or ColumnRole.Cooperating);
        if (!fine)
        {
            throw new PlanParseException(header.Line, Localization.CoreText.Get("Parse_ColumnsOrder"));
        }
    }

    private void Tokenize()
    {
        var furniture = PageFurniture.Mark(_lines);
        var gap = Gap.Line;
        for (var index = _header.Line - 1; index < _lines.Count; index++)
        {
            var line = _lines[index];
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || furniture[index])
            {
                gap = Gap.Blank;
                continue;
            }

            if (TableHeader.TryRead(trimmed, index + 1) is not null)
            {
                _tokens.Add(new Token(TokenKind.Header, trimmed, index, 0, line.Length, Gap.Blank, true, null));
                gap = Gap.Blank;
                continue;
            }

            if (Heading.TryRead(trimmed, index + 1) is { } heading)
            {
                _tokens.Add(new Token(TokenKind.Heading, trimmed, index, 0, line.Length, Gap.Blank, true, heading));
                gap = Gap.Blank;
                continue;
            }

            var first = true;
            for (var start = 0; start < line.Length;)
            {
                if (char.IsWhiteSpace(line[start]))
                {
                    start++;
                    continue;
                }

                var end = start;
                while (end < line.Length && !char.IsWhiteSpace(line[end]))
                {
                    end++;
                }

                _tokens.Add(new Token(TokenKind.Word, line[start..end], index, start, end, first ? gap : Gap.Space, first, null));
                first = false;
                start = end;
            }

            gap = Gap.Line;
        }
    }

    private List<ITableItem> ReadItems()
    {
        var items = new List<ITableItem>();
        while (_at < _tokens.Count)
        {
            var token = _tokens[_at];
            switch (token.Kind)
            {
                case TokenKind.Header:
                    _at++;
                    break;
                case TokenKind.Heading:
                    items.Add(token.Heading!);
                    _at++;
                    break;
                default:
                    items.Add(ReadRow());
                    break;
            }
        }

        return items;
    }

    private TableRow ReadRow()
    {
        var line = _tokens[_at].Line;
        int? number = null;
        string? taskName = null;
        if (RowNumberAt(_at) is { } n)
        {
            number = n;
            _at++;
            if (_header.Has(ColumnRole.Task))
            {
                var name = new StringBuilder();
                while (_at < _tokens.Count && IsTaskFragment(_at))
                {
                    name.Append(_tokens[_at].Text);
                    _at++;
                }

                taskName = name.Length > 0 ? name.ToString() : null;
            }
        }

        var text = ReadText(line);
        var deadline = ReadDeadline();
        var (leaders, units, emptyLast) = ReadUnits();
        var (lead, responsible, cooperating, certain) = Assign(leaders, units, emptyLast);
        return new TableRow(line, number, taskName, text, deadline, lead, responsible, cooperating, certain);
    }

    private string ReadText(int rowLine)
    {
        var text = new StringBuilder();
        var pieceLine = -1;
        var pieceStart = 0;
        var pieceEnd = 0;
        void Flush()
        {
            if (pieceLine >= 0)
            {
                text.Append(_lines[pieceLine].AsSpan(pieceStart, pieceEnd - pieceStart));
            }
        }

        var deadlineColumn = _header.NameOf(ColumnRole.Deadline);
        while (true)
        {
            if (_at >= _tokens.Count)
            {
                throw new PlanParseException(rowLine, Localization.CoreText.Get("Parse_NoDeadlineBeforeEnd"), deadlineColumn);
            }

            var token = _tokens[_at];
            if (token.Kind != TokenKind.Word)
            {
                var what = token.Kind == TokenKind.Header ? Localization.CoreText.Get("Parse_RepeatedHeader") : Localization.CoreText.Get("Parse_TheHeading", token.Text);
                throw new PlanParseException(rowLine, Localization.CoreText.Get("Parse_NoDeadlineBefore", what, token.Line), deadlineColumn);
            }

            if (DeadlineLengthAt(_at) > 0)
            {
                break;
            }

            if (text.Length + (pieceEnd - pieceStart) > 0 && token.Before == Gap.Blank && RowNumberAt(_at) is not null)
            {
                throw new PlanParseException(rowLine, Localization.CoreText.Get("Parse_NoDeadlineBeforeRow", token.Text, token.Line), deadlineColumn);
            }

            if (token.Index == pieceLine)
            {
                pieceEnd = token.End;
            }
            else
            {
                Flush();
                pieceLine = token.Index;
                pieceStart = token.Start;
                pieceEnd = token.End;
            }

            _at++;
        }

        Flush();
        if (text.Length == 0)
        {
            throw new PlanParseException(rowLine, Localization.CoreText.Get("Parse_NoMeasureText"), _header.NameOf(ColumnRole.Text));
        }

        return text.ToString();
    }

    private Deadline ReadDeadline()
    {
        var length = DeadlineLengthAt(_at);
        var first = _tokens[_at];
        var last = _tokens[_at + length - 1];
        _at += length;
        return DeadlineParser.Parse(_lines[first.Index][first.Start..last.End], _year);
    }

    private (List<string> Leaders, List<PlacedUnit> Units, bool EmptyLast) ReadUnits()
    {
        var leaders = new List<string>();
        var units = new List<PlacedUnit>();
        while (_at < _tokens.Count && _tokens[_at].Kind == TokenKind.Word)
        {
            var token = _tokens[_at];
            if (UnitLexicon.IsEmptyMarker(token.Text))
            {
                _at++;
                if (token.Text.Length >= 2)
                {
                    // ——— closes the row: it stands in the last column, for "none".
                    return (leaders, units, true);
                }

                continue;
            }

            if (RowNumberAt(_at) is not null)
            {
                break;
            }

            if (_header.LeadKind == LeadKind.Leader && units.Count == 0 && _lexicon.LooksLikePerson(token.Text))
            {
                leaders.Add(token.Text);
                _at++;
                continue;
            }

            var used = _lexicon.MatchAt(FragmentsAt(_at), 0, out var unit);
            if (used == 0)
            {
                break;
            }

            units.Add(new PlacedUnit(unit, token.Before));
            _at += used;
        }

        return (leaders, units, false);
    }

    private (IReadOnlyList<string> Lead, IReadOnlyList<string> Responsible, IReadOnlyList<string> Cooperating, bool? Certain) Assign(
        List<string> leaders, List<PlacedUnit> units, bool emptyLast)
    {
        IReadOnlyList<string> lead = [], responsible = [], cooperating = [];
        bool certain;
        if (_header.LeadKind == LeadKind.Leader)
        {
            lead = leaders;
            var rest = _unitColumns.Where(c => c != ColumnRole.Lead).ToList();
            var split = ColumnSplitter.SplitInOrder(units, rest.Count, emptyLast);
            for (var i = 0; i < rest.Count; i++)
            {
                Put(rest[i], split[i]);
            }

            certain = rest.Count <= 1 || ColumnSplitter.Segments(units).Count <= 1;
        }
        else if (_unitColumns is [ColumnRole.Lead, ColumnRole.Responsible, ColumnRole.Cooperating])
        {
            var split = ColumnSplitter.SplitLeadResponsibleCooperating(units, emptyLast);
            (lead, responsible, cooperating, certain) = (split.Lead, split.Responsible, split.Cooperating, split.Certain);
        }
        else
        {
            var split = ColumnSplitter.SplitInOrder(units, _unitColumns.Count, emptyLast);
            for (var i = 0; i < _unitColumns.Count; i++)
            {
                Put(_unitColumns[i], split[i]);
            }

            certain = _unitColumns.Count <= 1;
        }

        return (lead, responsible, cooperating, certain ? null : false);

        void Put(ColumnRole role, List<string> names)
        {
            switch (role)
            {
                case ColumnRole.Lead:
                    lead = names;
                    break;
                case ColumnRole.Responsible:
                    responsible = names;
                    break;
                default:
                    cooperating = names;
                    break;
            }
        }
    }

    /// <summary>The 序号 that starts a row: a number alone at the start of a line.</summary>
    private int? RowNumberAt(int at)
    {
        var token = _tokens[at];
        if (token.Kind != TokenKind.Word || !token.LineStart || !_header.Has(ColumnRole.Number))
        {
            return null;
        }

        var text = token.Text.TrimEnd('.', '、', '．');
        return text.Length is > 0 and <= 4 && text.All(char.IsAsciiDigit)
            ? int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture)
            : null;
    }

    /// <summary>A piece of a 重点任务 cell: the column is narrow, so pieces are short and carry no sentence punctuation.</summary>
    private bool IsTaskFragment(int at)
    {
        var token = _tokens[at];
        return token.Kind == TokenKind.Word
            && token.Text.Length <= MaxTaskFragment
            && token.Text.IndexOfAny(['，', ',', '。', '；', ';', '：', ':', '、', '“', '”', '《', '》', '（', '）', '(', ')', '！', '？']) < 0
            && RowNumberAt(at) is null
            && DeadlineLengthAt(at) == 0;
    }

    /// <summary>
    /// How many tokens from here make a deadline (1, or 2 for "9 月底"), or 0. The deadline must end its line or
    /// be followed by a unit, a dash or a person, so a date inside a sentence is not taken for the 完成时限.
    /// </summary>
    private int DeadlineLengthAt(int at)
    {
        var token = _tokens[at];
        if (token.Kind != TokenKind.Word)
        {
            return 0;
        }

        var length = 0;
        if (DeadlineParser.IsRecognised(token.Text))
        {
            length = 1;
        }
        else if (at + 1 < _tokens.Count && _tokens[at + 1] is { Kind: TokenKind.Word, LineStart: false } next
            && DeadlineParser.IsRecognised(token.Text + next.Text))
        {
            length = 2;
        }

        if (length == 0)
        {
            return 0;
        }

        var after = at + length;
        if (after >= _tokens.Count)
        {
            return length;
        }

        var following = _tokens[after];
        var fits = following.Kind != TokenKind.Word
            || following.LineStart
            || UnitLexicon.IsEmptyMarker(following.Text)
            || _lexicon.MatchAt(FragmentsAt(after), 0, out _) > 0
            || (_header.LeadKind == LeadKind.Leader && _lexicon.LooksLikePerson(following.Text));
        return fits ? length : 0;
    }

    /// <summary>Up to three words from here that could be pieces of one unit name.</summary>
    private List<string> FragmentsAt(int at)
    {
        var fragments = new List<string>(3);
        for (var i = at; i < _tokens.Count && fragments.Count < 3; i++)
        {
            var token = _tokens[i];
            if (token.Kind != TokenKind.Word || UnitLexicon.IsEmptyMarker(token.Text) || (i > at && RowNumberAt(i) is not null))
            {
                break;
            }

            fragments.Add(token.Text);
        }

        return fragments;
    }

    /// <summary>A word of the text, or a header or heading line; Index is the 0-based line.</summary>
    private sealed record Token(TokenKind Kind, string Text, int Index, int Start, int End, Gap Before, bool LineStart, Heading? Heading)
    {
        public int Line => Index + 1;
    }
}
