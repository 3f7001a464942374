namespace EcoPlan.Core.Tests.Import;

public sealed class PlanFieldScoreTests
{
    [Theory]
    [InlineData("000")]
    [InlineData("001")]
    public void Truth_AgainstItself_ScoresEveryField(string seed)
    {
        var score = PlanFieldScore.Score(RepoFiles.Truth(seed), RepoFiles.Truth(seed));

        Assert.Equal(score.Total, score.Matched);
        Assert.Empty(score.Differences);
        Assert.True(score.Total > 200, $"Only {score.Total} fields were scored.");
    }

    [Fact]
    public void DamagedParse_LosesExactlyTheFieldsItGotWrong()
    {
        var truth = RepoFiles.Truth("000");
        var damaged = RepoFiles.Truth("000");
        var measures = damaged["sections"]![0]!["tasks"]![0]!["measures"]!.AsArray();
        measures[0]!["deadline"]!["raw"] = "9月底";
        measures[0]!["text"] = measures[0]!["text"]!.GetValue<string>().Replace("，", " ， ", StringComparison.Ordinal);

        var score = PlanFieldScore.Score(truth, damaged);

        // Whitespace inside a text does not count; the changed deadline does.
        Assert.Equal(score.Total - 1, score.Matched);
        Assert.Contains(score.Differences, d => d.StartsWith("task 1.measure[1].deadline.raw", StringComparison.Ordinal));
    }

    [Fact]
    public void MissingTask_CountsItsFieldsAsDifferences()
    {
        var truth = RepoFiles.Truth("001");
        var shortened = RepoFiles.Truth("001");
        var tasks = shortened["sections"]![0]!["tasks"]!.AsArray();
        var number = tasks[^1]!["number"]!.GetValue<int>();
        tasks.RemoveAt(tasks.Count - 1);

        var score = PlanFieldScore.Score(truth, shortened);

        Assert.Equal(score.Total - score.Differences.Count, score.Matched);
        Assert.Contains(score.Differences, d => d.StartsWith("sections[0].tasks.count", StringComparison.Ordinal));
        Assert.Contains(score.Differences, d => d.StartsWith($"task {number}.name", StringComparison.Ordinal));
        Assert.Contains(score.Differences, d => d.StartsWith($"task {number}.measure[1].text", StringComparison.Ordinal));
    }
}
