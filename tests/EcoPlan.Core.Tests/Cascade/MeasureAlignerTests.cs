using System.Globalization;
using EcoPlan.Core.Cascade;
using EcoPlan.Core.Tests.Import;

namespace EcoPlan.Core.Tests.Cascade;

/// <summary>
/// The aligner on the real pair: Tongzhou's 2026 district plan (seed 000) against Beijing's 2025 municipal plan (seed
/// 001), both as their truth files. The expected city measure of each Tongzhou row was read by eye from the two tables.
/// </summary>
public sealed class MeasureAlignerTests
{
    /// <summary>Tongzhou 序号 → the Beijing measure (task.measure) it implements, read by eye.</summary>
    public static TheoryData<int, string> Implements => new()
    {
        { 1, "1.1" }, // EI 力争稳中向好
        { 2, "2.1" }, // 生物多样性保护协调工作机制
        { 3, "3.1" }, // 生物多样性观测
        { 4, "4.1" }, // 引进植物审批监管, 美国白蛾
        { 5, "5.1" }, // 林草种质资源库
        { 6, "5.2" }, // 重点农作物、畜禽、水产等种质资源保护
        { 7, "9.3" }, // 增绿提质, 生态保育小区, 平原生态林养护经营示范区
        { 8, "9.6" }, // 垂直绿化, 花园示范街区, 绿视率
        { 9, "7.1" }, // 生态保护红线, 国土空间用途管制, 临时用地
        { 10, "7.3" }, // 人类活动问题的监测、核查、整改
        { 11, "8.1" }, // 矿产资源私挖盗采
        { 12, "9.4" }, // 防洪排涝, 自然岸线
        { 13, "9.5" }, // 森林湿地复合系统, 小微湿地示范区
        { 14, "11.1" }, // 潮白河国家森林公园
        { 15, "11.2" }, // 京津冀林木良种备案互认
        { 16, "12.1" }, // 大运河, 水系岸线生态功能维护
        { 17, "12.2" }, // 廊坊北三县交界地区生态绿带
        { 18, "14.1" }, // GEP-R 横向交换补偿
        { 19, "14.2" }, // GEP-R 核算方案
        { 20, "13.2" }, // 生态用地变化线索开展实地核查
    };

    private static readonly Lazy<MeasureAligner> s_beijing = new(() => new MeasureAligner(Measures("001")));
    private static readonly Lazy<Dictionary<int, string>> s_tongzhou = new(() => Measures("000").ToDictionary(m => int.Parse(m.Label, CultureInfo.InvariantCulture), m => m.Text));

    [Theory]
    [MemberData(nameof(Implements))]
    public void Suggest_OnTheSamplePair_PutsTheImplementedCityMeasureFirst(int district, string city)
    {
        var suggestions = s_beijing.Value.Suggest(s_tongzhou.Value[district]);

        Assert.NotEmpty(suggestions);
        Assert.Equal(city, suggestions[0].CityLabel);
        Assert.InRange(suggestions[0].Score, 0.15, 1.0);
    }

    [Fact]
    public void Suggest_AMeasureImplementingTwoCityMeasures_SuggestsBoth()
    {
        // Row 9 (红线 management, 线索 patrol) implements both 7.1 and 7.3; row 10 (常态化监管, 线索 监测核查整改) both too.
        Assert.Equal(["7.1", "7.3"], s_beijing.Value.Suggest(s_tongzhou.Value[9]).Take(2).Select(s => s.CityLabel));
        Assert.Equal(["7.1", "7.3"], s_beijing.Value.Suggest(s_tongzhou.Value[10]).Take(2).Select(s => s.CityLabel).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Suggest_GivesTheSharedPhrasesAsTheReason()
    {
        var best = s_beijing.Value.Suggest(s_tongzhou.Value[7])[0];

        Assert.Equal("9.3", best.CityLabel);
        Assert.Contains("推进园林绿化", best.SharedPhrases);
        Assert.Contains(best.SharedPhrases, p => p.Contains("建设生态保育小区", StringComparison.Ordinal));
        Assert.Contains(best.SharedPhrases, p => p.Contains("平原生态林养护经营示范区", StringComparison.Ordinal));
        Assert.All(best.SharedPhrases, p => Assert.True(p.Length >= 2, p));
    }

    [Fact]
    public void Suggest_TheStockPhrasesOfALowerLevelPlan_CountForNothing()
    {
        var aligner = s_beijing.Value;
        const string Text = "加强重点农作物、畜禽、水产等种质资源保护。";

        Assert.Empty(aligner.Suggest("按照市级统一部署，配合市级部门。"));
        Assert.Equal(aligner.Suggest(Text)[0].Score, aligner.Suggest("按照市级部门工作部署，" + Text)[0].Score);
    }

    [Theory]
    [InlineData("做好全区节能宣传周活动，组织开展全国低碳日主题宣传。")]
    [InlineData("推进垃圾分类，加强生活垃圾源头减量。")]
    [InlineData("持续推进大气污染防治，加强扬尘管控。")]
    public void Suggest_AMeasureTheCityPlanDoesNotHave_SuggestsNothing(string text)
    {
        Assert.Empty(s_beijing.Value.Suggest(text));
    }

    [Fact]
    public void Score_OfAPair_IsTheScoreItsSuggestionShows()
    {
        var best = s_beijing.Value.Suggest(s_tongzhou.Value[12])[0];

        Assert.Equal(best.Score, s_beijing.Value.Score(s_tongzhou.Value[12], best.CityMeasureId));
        Assert.Equal(0, s_beijing.Value.Score(s_tongzhou.Value[12], -1));
    }

    /// <summary>A truth file's measures labelled as the cascade labels them: the row's 序号, else task.measure. Ids are made up.</summary>
    private static List<AlignmentMeasure> Measures(string seed)
    {
        var plan = RepoFiles.TruthPlan(seed);
        var id = 0;
        return [.. plan.Sections.SelectMany(s => s.Tasks).SelectMany(t => t.Measures.Select((m, i) => new AlignmentMeasure(
            ++id, m.Number?.ToString(CultureInfo.InvariantCulture) ?? string.Create(CultureInfo.InvariantCulture, $"{t.Number}.{i + 1}"), m.Text)))];
    }
}
