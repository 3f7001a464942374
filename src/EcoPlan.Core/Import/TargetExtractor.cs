using System.Text.RegularExpressions;
using EcoPlan.Core.Organizations;
using EcoPlan.Core.Plans;

namespace EcoPlan.Core.Import;

/// <summary>A target read from a measure's text, with the printed names of the units that answer for it.</summary>
public sealed record ExtractedTarget(string Metric, string? Unit, TargetComparator Comparator, decimal? Value, string Evidence, IReadOnlyList<string> Owners);

/// <summary>
/// Finds the quantitative commitments in a measure's text: numbers with units (森林覆盖率达到45%, 建设生态保育小区100处,
/// 约1373公顷的废弃矿山治理任务), "must not fall" indicators (EI 稳中向好, GEP-R 不降低), and the EI sub-indices a
/// unit answers for (区水务局负责水网密度指数和自然岸线保有率). Owners of a number are the measure's lead units, else
/// its responsible units; owners of a sub-index are the units its clause names.
/// </summary>
public static partial class TargetExtractor
{
    private const string SubIndexPrefix = "EI子指数：";

    public static IReadOnlyList<ExtractedTarget> Extract(ParsedMeasure measure)
    {
        ArgumentNullException.ThrowIfNull(measure);
        var text = OrganizationDirectory.Normalize(measure.Text);
        var owners = measure.Lead.Count > 0 && !LooksLikePeople(measure.Lead) ? measure.Lead : measure.Responsible;
        var units = measure.Lead.Concat(measure.Responsible).Concat(measure.Cooperating).Select(OrganizationDirectory.Normalize).Distinct().ToList();
        var targets = new List<ExtractedTarget>();

        foreach (var clause in Clauses().Matches(text).Select(m => m.Value))
        {
            foreach (Match m in NumberAfterVerb().Matches(clause))
            {
                targets.Add(Number(CleanMetric(m.Groups["metric"].Value), m, Comparator(m.Groups["verb"].Value, m), clause, owners));
            }

            foreach (Match m in VerbBeforeNumber().Matches(clause))
            {
                targets.Add(Number(CleanMetric(m.Groups["metric"].Value), m, m.Groups["approx"].Success ? TargetComparator.Approximately : TargetComparator.AtLeast, clause, owners));
            }

            foreach (Match m in NumberOfTask().Matches(clause))
            {
                var unit = m.Groups["unit"].Value;
                var metric = CleanMetric(m.Groups["metric"].Value) + (AreaUnits().IsMatch(unit) ? "面积" : "数量");
                targets.Add(Number(metric, m, m.Groups["approx"].Success ? TargetComparator.Approximately : TargetComparator.AtLeast, clause, owners));
            }

            if (NoDecline().Match(clause) is { Success: true } decline && !clause.StartsWith('各'))
            {
                targets.Add(new ExtractedTarget(decline.Groups["metric"].Value, null, TargetComparator.NotBelowBaseline, null, clause.TrimEnd('。', '；', '，', '：'), owners));
            }

            if (SubIndexDuty().Match(clause) is { Success: true } duty && text.Contains("不下降", StringComparison.Ordinal))
            {
                var dutyOwners = UnitList().Split(duty.Groups["owners"].Value).Where(units.Contains).ToList();
                foreach (var index in UnitList().Split(duty.Groups["indices"].Value).Where(i => i.Length > 0))
                {
                    targets.Add(new ExtractedTarget(SubIndexPrefix + index, null, TargetComparator.NotBelowBaseline, null, clause.TrimEnd('。', '；', '，', '：'), dutyOwners));
                }
            }
        }

        return targets;
    }

    private static ExtractedTarget Number(string metric, Match m, TargetComparator comparator, string clause, IReadOnlyList<string> owners)
    {
        var unit = m.Groups["unit"].Value == "％" ? "%" : m.Groups["unit"].Value;
        var value = decimal.Parse(m.Groups["value"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return new ExtractedTarget(metric, unit, comparator, value, clause.TrimEnd('。', '；', '，', '：'), owners);
    }

    private static TargetComparator Comparator(string verb, Match m) => m.Groups["approx"].Success ? TargetComparator.Approximately : verb switch
    {
        "控制在" or "不高于" or "低于" or "不超过" => TargetComparator.AtMost,
        "保持在" or "保持" => TargetComparator.Equal,
        _ => TargetComparator.AtLeast,
    };

    private static string CleanMetric(string metric) => LeadingWords().Replace(metric, "").Trim('，', '、', '“', '”');

    private static bool LooksLikePeople(IReadOnlyList<string> names) => names.All(n => n.Length <= 4 && !n.EndsWith('局') && !n.EndsWith('委') && !n.EndsWith("政府", StringComparison.Ordinal));

    [GeneratedRegex("[^。；;：:]+[。；;：:]?")]
    private static partial Regex Clauses();

    // 平原地区森林覆盖率达到32%
    [GeneratedRegex("(?<metric>[\\p{IsCJKUnifiedIdeographs}A-Za-z（）()“”\\-]{2,24}?)(?<verb>达到|不低于|不少于|超过|控制在|不高于|低于|不超过|保持在)(?<approx>约)?(?<value>\\d+(?:\\.\\d+)?)(?<unit>%|％|公顷|万亩|亩|平方公里|公里|处|个|座|条|家|项)")]
    private static partial Regex NumberAfterVerb();

    // 建设生态保育小区100处
    [GeneratedRegex("(?<verb>建设|建成|新建|新增|推进|完成|实施|打造|创建|修复|治理|营造)(?<metric>[\\p{IsCJKUnifiedIdeographs}A-Za-z（）()“”]{2,24}?)(?<approx>约)?(?<value>\\d+(?:\\.\\d+)?)(?<unit>处|个|座|条|家|项|公顷|万亩|亩|平方公里|公里)(?![\\p{IsCJKUnifiedIdeographs}]*的)")]
    private static partial Regex VerbBeforeNumber();

    // 总面积约1373公顷的废弃矿山治理任务
    [GeneratedRegex("(?<approx>约)?(?<value>\\d+(?:\\.\\d+)?)(?<unit>公顷|万亩|亩|平方公里|公里|处|个)的(?<metric>[\\p{IsCJKUnifiedIdeographs}]{2,20}?)任务")]
    private static partial Regex NumberOfTask();

    [GeneratedRegex("公顷|亩|平方公里")]
    private static partial Regex AreaUnits();

    // 全区生态环境质量指数（EI）力争稳中向好 / 以生态系统调节服务价值(GEP-R)不降低为底线
    [GeneratedRegex("^(?:以)?(?<metric>[^，。；]*?(?:指数|价值)[（(][A-Za-z\\-]+[）)])(?:力争|保持|确保)?(?:稳中向好|不下降|不降低)")]
    private static partial Regex NoDecline();

    // 区园林绿化局和区农业农村局共同负责物种多样性指数、外来物种入侵指数
    [GeneratedRegex("^(?<owners>.+?)(?:共同)?负责(?<indices>[^，。；]*(?:指数|保有率))[。；]?$")]
    private static partial Regex SubIndexDuty();

    [GeneratedRegex("、|和|及|与")]
    private static partial Regex UnitList();

    [GeneratedRegex("^(?:全面完成|完成|推进|建设|新增|力争)+")]
    private static partial Regex LeadingWords();
}
