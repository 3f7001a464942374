using EcoPlan.Core.Import;
using EcoPlan.Core.Plans;

namespace EcoPlan.Core.Tests.Import;

public class TableHeaderTests
{
    private static readonly string[][] s_synonyms =
    [
        ["序号", "编号"],
        ["重点任务", "主要任务", "任务"],
        ["工作措施", "具体措施", "工作内容", "主要内容"],
        ["完成时限", "完成时间", "时间节点"],
        ["牵头部门", "牵头单位", "牵头领导"],
        ["主责单位", "责任单位", "主办单位"],
        ["协办单位", "配合单位", "参与单位"],
    ];

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 12)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Parse_HeaderSynonymsInShuffledOrder_ReadsEachColumnByMeaning(int seed)
    {
        var random = new Random(seed);
        var names = s_synonyms.Select(choices => choices[random.Next(choices.Length)]).ToArray();
        var leader = names[4] == "牵头领导";
        string[][] rows =
        [
            ["1", "加强监测评估", "开展生物多样性观测。", "6月底前", leader ? "张三 李四" : "区生态环境局", "区水务局 区园林绿化局", "——"],
            ["2", "", "开展生态质量评价。", "持续推进", leader ? "李四" : "——", "相关乡镇政府", "各相关部门"],
            ["3", "加强执法检查", "查处违法行为。", "9 月底", leader ? "王五" : "区生态环境局", "市规划自然资源委 通州分局", "区水务局"],
        ];
        var order = Enumerable.Range(0, names.Length).ToArray();
        random.Shuffle(order);
        var lines = new List<string>
        {
            "附件 2",
            "",
            "某区生态保护 2025 年行动计划",
            "",
            string.Join('\t', order.Select(i => names[i])),
            "（一）生态保护" + new string('\t', names.Length - 1),
        };
        lines.AddRange(rows.Select(row => string.Join('\t', order.Select(i => row[i]))));

        var plan = PlanTextParser.Parse(string.Join('\n', lines));

        Assert.Equal("某区生态保护 2025 年行动计划", plan.Title);
        Assert.Equal("附件 2", plan.Attachment);
        Assert.Equal(2025, plan.Year);
        Assert.Equal(leader ? LeadKind.Leader : LeadKind.Department, plan.LeadKind);
        Assert.Equal(PlanLevel.District, plan.Level);
        var section = Assert.Single(plan.Sections);
        Assert.Equal(("一", "生态保护"), (section.Code, section.Title));
        Assert.Equal([(1, "加强监测评估", 2), (3, "加强执法检查", 1)], section.Tasks.Select(t => (t.Number!.Value, t.Name, t.Measures.Count)));
        var (first, second, third) = (section.Tasks[0].Measures[0], section.Tasks[0].Measures[1], section.Tasks[1].Measures[0]);
        Assert.Equal([1, 2, 3], new[] { first, second, third }.Select(m => m.Number!.Value));
        Assert.Equal("开展生物多样性观测。", first.Text);
        Assert.Equal(new DateOnly(2025, 6, 30), first.Deadline.Date);
        Assert.Equal(DeadlineKind.Continuous, second.Deadline.Kind);
        Assert.Equal(new DateOnly(2025, 9, 30), third.Deadline.Date);
        Assert.Equal(leader ? ["张三", "李四"] : ["区生态环境局"], first.Lead);
        Assert.Equal(leader ? ["李四"] : [], second.Lead);
        Assert.Equal(["区水务局", "区园林绿化局"], first.Responsible);
        Assert.Empty(first.Cooperating);
        Assert.Equal(["各相关部门"], second.Cooperating);
        Assert.Equal(["市规划自然资源委通州分局"], third.Responsible);
    }

    [Fact]
    public void Parse_ExtraUnknownColumn_IsIgnored()
    {
        const string text = "生态保护2025年行动计划\n序号\t重点任务\t工作措施\t完成时限\t主责单位\t备注\n1\t任务甲\t措施甲。\t年底前\t市水务局\t无\n";

        var plan = PlanTextParser.Parse(text);

        var measure = plan.Sections.Single().Tasks.Single().Measures.Single();
        Assert.Equal(["市水务局"], measure.Responsible);
        Assert.Equal(PlanLevel.Municipal, plan.Level);
        Assert.Equal(LeadKind.Department, plan.LeadKind);
    }

    [Fact]
    public void Parse_UnitNameBrokenOverSpaceOrLine_IsOneUnit()
    {
        const string text = "生态保护2025年行动计划\n序号\t重点任务\t工作措施\t完成时限\t主责单位\t协办单位\n"
            + "1\t任务甲\t措施甲。\t年底前\t北京经济技术 开发区管委会 市规划自然资源委 通州分局\t某某区 某某局、各区政府\n";

        var measure = PlanTextParser.Parse(text).Sections.Single().Tasks.Single().Measures.Single();

        Assert.Equal(["北京经济技术开发区管委会", "市规划自然资源委通州分局"], measure.Responsible);
        Assert.Equal(["某某区某某局", "各区政府"], measure.Cooperating);
    }
}
