using System.Text;
using System.Text.RegularExpressions;
using EcoPlan.Core.Plans;

namespace EcoPlan.Core.Import;

/// <summary>
/// Reads a 完成时限 phrase (9月底, 年底前, 2025年6月30日, 上半年, 持续推进, 每季度) into a deadline of the plan's year.
/// A phrase it does not know is kept as <see cref="DeadlineKind.Unparsed"/>: a wrong date is worse than none.
/// </summary>
public static partial class DeadlineParser
{
    private static readonly HashSet<string> s_continuous = new(StringComparer.Ordinal)
    {
        "持续推进", "长期坚持", "持续开展", "持续实施", "长期推进", "长期开展", "长期执行", "持续", "长期", "常态化", "常态化推进", "长期有效",
    };

    public static Deadline Parse(string raw, int year)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var deadline = new Deadline { Raw = raw.Trim(), Kind = DeadlineKind.Unparsed };
        var phrase = Normalize(raw);
        if (phrase.Length == 0 || phrase.Length > 30)
        {
            return deadline;
        }

        if (s_continuous.Contains(phrase))
        {
            deadline.Kind = DeadlineKind.Continuous;
            return deadline;
        }

        if (RecurrenceOf(phrase) is { } recurrence)
        {
            deadline.Kind = DeadlineKind.Recurring;
            deadline.Recurrence = recurrence;
            return deadline;
        }

        if (DateOf(phrase, year) is { } date)
        {
            deadline.Kind = DeadlineKind.Date;
            deadline.Date = date;
        }

        return deadline;
    }

    /// <summary>True when the phrase is a deadline this parser understands (used to find the 完成时限 cell in PDF text).</summary>
    public static bool IsRecognised(string raw) => Parse(raw, 2000).Kind != DeadlineKind.Unparsed;

    private static Recurrence? RecurrenceOf(string phrase)
    {
        var match = RecurrencePattern().Match(phrase);
        if (!match.Success)
        {
            return null;
        }

        return match.Groups["every"].Value switch
        {
            "月" or "个月" => Recurrence.Monthly,
            "季度" or "个季度" or "季" => Recurrence.Quarterly,
            "半年" => Recurrence.HalfYearly,
            _ => Recurrence.Yearly,
        };
    }

    private static DateOnly? DateOf(string phrase, int planYear)
    {
        if (IsoDate().Match(phrase) is { Success: true } iso)
        {
            return Make(Number(iso, "y"), Number(iso, "m"), Number(iso, "d"));
        }

        if (MonthDay().Match(phrase) is { Success: true } monthDay)
        {
            return Make(YearOf(monthDay, planYear), Number(monthDay, "m"), Number(monthDay, "d"));
        }

        if (MonthEnd().Match(phrase) is { Success: true } monthEnd)
        {
            return EndOfMonth(YearOf(monthEnd, planYear), Number(monthEnd, "m"));
        }

        if (MonthPart().Match(phrase) is { Success: true } monthPart)
        {
            var y = YearOf(monthPart, planYear);
            var m = Number(monthPart, "m");
            return monthPart.Groups["p"].Value switch
            {
                "上旬" => Make(y, m, 10),
                "中旬" => Make(y, m, 20),
                _ => EndOfMonth(y, m),
            };
        }

        if (YearEnd().Match(phrase) is { Success: true } yearEnd)
        {
            return Make(YearOf(yearEnd, planYear), 12, 31);
        }

        if (HalfYear().Match(phrase) is { Success: true } half)
        {
            var y = YearOf(half, planYear);
            return half.Groups["h"].Value == "上" ? Make(y, 6, 30) : Make(y, 12, 31);
        }

        if (Quarter().Match(phrase) is { Success: true } quarter)
        {
            var q = quarter.Groups["q"].Value switch { "1" or "一" => 1, "2" or "二" => 2, "3" or "三" => 3, _ => 4 };
            return EndOfMonth(YearOf(quarter, planYear), q * 3);
        }

        return null;
    }

    private static int YearOf(Match match, int planYear) =>
        match.Groups["y"].Success ? Number(match, "y") : planYear;

    private static int Number(Match match, string group) =>
        int.TryParse(match.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;

    private static DateOnly? EndOfMonth(int year, int month) =>
        year is >= 1900 and <= 2200 && month is >= 1 and <= 12 ? Make(year, month, DateTime.DaysInMonth(year, month)) : null;

    private static DateOnly? Make(int year, int month, int day) =>
        year is >= 1900 and <= 2200 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;

    /// <summary>No whitespace, ASCII digits, Chinese month and day numerals as digits, no trailing 前/之前/完成 or punctuation.</summary>
    internal static string Normalize(string raw)
    {
        var builder = new StringBuilder(raw.Length);
        foreach (var c in raw)
        {
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            builder.Append(c is >= '０' and <= '９' ? (char)('0' + (c - '０')) : c);
        }

        var phrase = builder.ToString().TrimEnd('。', '.', '；', ';', '，', ',');
        phrase = ChineseNumeral().Replace(phrase, m => ChineseToNumber(m.Groups["n"].Value) is { } n
            ? n.ToString(CultureInfo.InvariantCulture) + m.Groups["u"].Value
            : m.Value);
        // "底前" and "日前" mean the same day as "底" and "日"; a bare "6月前" stays ambiguous and is not stripped.
        return TrailingBefore().Replace(phrase, "");
    }

    private static int? ChineseToNumber(string s)
    {
        static int Digit(char c) => "〇一二三四五六七八九".IndexOf(c, StringComparison.Ordinal);

        var ten = s.IndexOf('十', StringComparison.Ordinal);
        if (ten < 0)
        {
            return s.Length == 1 && Digit(s[0]) > 0 ? Digit(s[0]) : null;
        }

        var tens = ten == 0 ? 1 : ten == 1 && Digit(s[0]) > 0 ? Digit(s[0]) : -1;
        var units = ten == s.Length - 1 ? 0 : ten == s.Length - 2 && Digit(s[^1]) > 0 ? Digit(s[^1]) : -1;
        return tens < 0 || units < 0 ? null : (tens * 10) + units;
    }

    [GeneratedRegex(@"(?<n>[一二三四五六七八九十]{1,3})(?<u>月|日|号)")]
    private static partial Regex ChineseNumeral();

    [GeneratedRegex(@"(?<=(底|末|日|号|旬|季度|半年))(之前|以前|前)?(完成)?$")]
    private static partial Regex TrailingBefore();

    [GeneratedRegex(@"^(?<y>\d{4})[-./](?<m>\d{1,2})[-./](?<d>\d{1,2})$")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"^(?:(?<y>\d{4})年)?(?<m>\d{1,2})月(?<d>\d{1,2})[日号]$")]
    private static partial Regex MonthDay();

    [GeneratedRegex(@"^(?:(?<y>\d{4})年)?(?<m>\d{1,2})月份?(?:底|末)$")]
    private static partial Regex MonthEnd();

    [GeneratedRegex(@"^(?:(?<y>\d{4})年)?(?<m>\d{1,2})月(?<p>上旬|中旬|下旬)$")]
    private static partial Regex MonthPart();

    [GeneratedRegex(@"^(?:(?<y>\d{4})年(?:底|末|内|年底|度内)?|(?:今年|本年|当年)?(?:年底|年末|年内)|全年|年度内)$")]
    private static partial Regex YearEnd();

    [GeneratedRegex(@"^(?:(?<y>\d{4})年)?(?<h>上|下)半年(?:底|末)?$")]
    private static partial Regex HalfYear();

    [GeneratedRegex(@"^(?:(?<y>\d{4})年)?第?(?<q>[1-4一二三四])季度(?:底|末)?$")]
    private static partial Regex Quarter();

    [GeneratedRegex(@"^(?:每|按)(?<every>个月|月|个季度|季度|季|半年|年)(?:底|末|初|上旬|中旬|下旬|一次)?$")]
    private static partial Regex RecurrencePattern();
}
