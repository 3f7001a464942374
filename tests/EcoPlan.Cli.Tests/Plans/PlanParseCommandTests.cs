using System.Text.Json.Nodes;

namespace EcoPlan.Cli.Tests.Plans;

public sealed class PlanParseCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ecoplan-parse-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task PlanParse_TongzhouSample_PrintsPlanJsonAndExits0()
    {
        var (code, output, error) = await CliRunner.RunAsync("plan", "parse", SamplePath("tongzhou-2026-ecological-protection.txt"));

        Assert.Equal(0, code);
        Assert.Empty(error);
        var plan = JsonNode.Parse(output)!;
        Assert.Equal("通州区", plan["region"]!.GetValue<string>());
        Assert.Equal(4, plan["sections"]!.AsArray().Count);
    }

    [Fact]
    public async Task PlanParse_YearOption_SetsDeadlines()
    {
        var file = Write("plan.txt", "生态保护行动计划\n序号\t重点任务\t工作措施\t完成时限\t主责单位\n1\t任务甲\t措施甲。\t9月底\t市水务局\n");

        var (code, output, _) = await CliRunner.RunAsync("plan", "parse", file, "--year", "2030");

        Assert.Equal(0, code);
        Assert.Contains("\"date\": \"2030-09-30\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanParse_MeasureWithoutDeadline_PrintsFileAndLineAndExits2()
    {
        var file = Write("bad.txt", "生态保护2025年行动计划\n序号\t重点任务\t工作措施\t完成时限\t主责单位\n1\t任务甲\t措施甲。\t\t市水务局\n");

        var (code, output, error) = await CliRunner.RunAsync("plan", "parse", file);

        Assert.Equal(2, code);
        Assert.Empty(output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"ecoplan: {file}: 第 3 行“完成时限”列: ", line, StringComparison.Ordinal);
        Assert.Contains("没有完成时限", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanParse_EmptyFile_Exits2()
    {
        var file = Write("empty.txt", "");

        var (code, _, error) = await CliRunner.RunAsync("plan", "parse", file);

        Assert.Equal(2, code);
        Assert.Equal($"ecoplan: {file}: 文件为空", error.Trim());
    }

    [Fact]
    public async Task PlanParse_MissingFile_Exits2()
    {
        var (code, _, error) = await CliRunner.RunAsync("plan", "parse", Path.Combine(_directory, "none.txt"));

        Assert.Equal(2, code);
        Assert.Contains("无法读取", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plan.docx", "auto", "已损坏的 ZIP")]
    [InlineData("plan.xlsx", "xlsx", "不是可读取的 Excel 工作簿")]
    [InlineData("plan.bin", "auto", "不是可导入的计划文件（支持文本、Word、Excel、PDF、OFD、WPS 或扫描图片）")]
    public async Task PlanParse_BrokenOfficeFile_SaysWhyAndExits2(string name, string format, string expected)
    {
        var file = Write(name, name.EndsWith(".bin", StringComparison.Ordinal) ? "\u0001\u0002\u0003\u0000" : "PK\u0003\u0004broken");

        var (code, _, error) = await CliRunner.RunAsync("plan", "parse", file, "--format", format);

        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static string SamplePath(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "plans", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(name);
    }

}
