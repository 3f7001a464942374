using System.Text;
using EcoPlan.Core.Import;
using EcoPlan.Core.Plans;

namespace EcoPlan.Core.Tests.Import;

public class PlanTextParserSeedTests
{
    [Fact]
    public void Parse_TongzhouSeed_MatchesTruth()
    {
        var plan = PlanTextParser.Parse(RepoFiles.Bytes(RepoFiles.Tongzhou));

        TruthComparison.AssertMatchesTruth("000", plan);
    }

    [Fact]
    public void Parse_BeijingSeed_MatchesTruth()
    {
        var plan = PlanTextParser.Parse(RepoFiles.Bytes(RepoFiles.Beijing));

        TruthComparison.AssertMatchesTruth("001", plan);
    }

    [Fact]
    public void CompareWithTruth_WrongColumnWhereCertain_Fails()
    {
        var plan = PlanTextParser.Parse(RepoFiles.Bytes(RepoFiles.Beijing));
        // Task 8's split is certain in the truth, so moving its cooperating unit to responsible must be caught.
        var broken = plan with
        {
            Sections = [.. plan.Sections.Select(s => s with
            {
                Tasks = [.. s.Tasks.Select(t => t.Number != 8 ? t : t with
                {
                    Measures = [.. t.Measures.Select(m => m with { Responsible = [.. m.Responsible, .. m.Cooperating], Cooperating = [] })],
                })],
            })],
        };

        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => TruthComparison.AssertMatchesTruth("001", broken));
    }

    [Theory]
    [InlineData(RepoFiles.Tongzhou, "000")]
    [InlineData(RepoFiles.Beijing, "001")]
    public void Parse_SeedAsGb18030_MatchesTruth(string file, string seed)
    {
        var text = Encoding.UTF8.GetString(RepoFiles.Bytes(file));
        var bytes = PlanTextDecoder.Gb18030.GetBytes(text);
        Assert.NotEqual(RepoFiles.Bytes(file), bytes);

        TruthComparison.AssertMatchesTruth(seed, PlanTextParser.Parse(bytes));
    }

    [Theory]
    [InlineData(RepoFiles.Tongzhou, "000")]
    [InlineData(RepoFiles.Beijing, "001")]
    public void Parse_SeedWithCrlfAndBom_MatchesTruth(string file, string seed)
    {
        var text = Encoding.UTF8.GetString(RepoFiles.Bytes(file)).ReplaceLineEndings("\r\n");
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();

        TruthComparison.AssertMatchesTruth(seed, PlanTextParser.Parse(bytes));
    }

    [Theory]
    [InlineData(RepoFiles.Tongzhou)]
    [InlineData(RepoFiles.Beijing)]
    public void Parse_SeedAsGb18030WithCrlf_SerializesIdentically(string file)
    {
        var utf8 = RepoFiles.Bytes(file);
        var gb = PlanTextDecoder.Gb18030.GetBytes(Encoding.UTF8.GetString(utf8).ReplaceLineEndings("\r\n"));

        Assert.Equal(PlanJson.Serialize(PlanTextParser.Parse(utf8)), PlanJson.Serialize(PlanTextParser.Parse(gb)));
    }

    [Fact]
    public void Parse_BeijingSeed_MarksInferredColumnSplits()
    {
        var plan = PlanTextParser.Parse(RepoFiles.Bytes(RepoFiles.Beijing));
        var measures = plan.Sections.SelectMany(s => s.Tasks).SelectMany(t => t.Measures).ToList();

        // 8.1 prints lead, responsible and cooperating on one line: nothing is inferred.
        var row8 = plan.Sections.SelectMany(s => s.Tasks).Single(t => t.Number == 8).Measures.Single();
        Assert.Null(row8.ColumnsCertain);
        Assert.Contains(measures, m => m.ColumnsCertain == false);
    }

    [Fact]
    public void Parse_BeijingSeed_KeepsTasksContinuedOverPageBreaksWhole()
    {
        var plan = PlanTextParser.Parse(RepoFiles.Bytes(RepoFiles.Beijing));
        var tasks = plan.Sections.SelectMany(s => s.Tasks).ToList();

        Assert.Equal(Enumerable.Range(1, 15), tasks.Select(t => t.Number!.Value));
        Assert.Equal(6, tasks.Single(t => t.Number == 9).Measures.Count);
        Assert.Equal(2, tasks.Single(t => t.Number == 12).Measures.Count);
    }

    [Fact]
    public void Parse_TongzhouSeed_ReadsLeadersAndDistrict()
    {
        var plan = PlanTextParser.Parse(RepoFiles.Bytes(RepoFiles.Tongzhou));

        Assert.Equal(LeadKind.Leader, plan.LeadKind);
        Assert.Equal(PlanLevel.District, plan.Level);
        Assert.Equal("通州区", plan.Region);
        Assert.Equal("三、加强生态保护", plan.Part);
        Assert.Equal(["一", "二", "三", "四"], plan.Sections.Select(s => s.Code));
    }

    [Fact]
    public void Serialize_TongzhouSeed_WritesChineseUnescapedInSnakeCase()
    {
        var json = PlanJson.Serialize(PlanTextParser.Parse(RepoFiles.Bytes(RepoFiles.Tongzhou)));

        Assert.Contains("\"lead_kind\": \"leader\"", json, StringComparison.Ordinal);
        Assert.Contains("\"raw\": \"9 月底\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", json, StringComparison.Ordinal);
        Assert.DoesNotContain("columns_certain", json, StringComparison.Ordinal);
    }
}
