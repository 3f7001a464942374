using System.Globalization;

namespace EcoPlan.Cli.Tests;

/// <summary>The CLI prints Core's messages in Chinese, as the product speaks, and in English when asked.</summary>
public sealed class LanguageTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ecoplan-lang-").FullName;

    [Theory]
    [InlineData(null, null, null, null, "zh-CN")]
    [InlineData(null, null, null, "C.UTF-8", "zh-CN")]
    [InlineData(null, null, null, "en_US.UTF-8", "en")]
    [InlineData(null, "zh_CN.UTF-8", null, "en_US.UTF-8", "zh-CN")]
    [InlineData(null, null, "en_GB.UTF-8", "zh_CN.UTF-8", "en")]
    [InlineData("en", "zh_CN.UTF-8", null, null, "en")]
    [InlineData("zh", null, null, "en_US.UTF-8", "zh-CN")]
    public void MessageCulture_LangOptionThenLocale_ChineseUnlessEnglish(string? option, string? lcAll, string? lcMessages, string? lang, string expected)
    {
        var environment = new Dictionary<string, string?> { ["LC_ALL"] = lcAll, ["LC_MESSAGES"] = lcMessages, ["LANG"] = lang };

        Assert.Equal(CultureInfo.GetCultureInfo(expected), EcoPlanCli.MessageCulture(option, name => environment.GetValueOrDefault(name)));
    }

    [Fact]
    public async Task PlanParse_LangEn_PrintsTheRefusalInEnglish_ChineseByDefault()
    {
        var file = Path.Combine(_directory, "plan.bin");
        await File.WriteAllBytesAsync(file, [0, 1, 2, 3, 0xFF, 0, 7]);

        var callerCulture = CultureInfo.CurrentUICulture;
        var chinese = await CliRunner.RunAsync("plan", "parse", file);
        var english = await CliRunner.RunAsync("plan", "parse", file, "--lang", "en");

        Assert.Equal((2, $"ecoplan: {file}: 不是可导入的计划文件（支持文本、Word、Excel、PDF、OFD、WPS 或扫描图片）"), (chinese.ExitCode, chinese.Error.Trim()));
        Assert.Equal((2, $"ecoplan: {file}: not a plan document EcoPlan reads (text, Word, Excel, PDF, OFD, WPS or a scanned image)"), (english.ExitCode, english.Error.Trim()));
        Assert.Equal(callerCulture, CultureInfo.CurrentUICulture);
    }

    [Fact]
    public async Task ParseError_FollowsLang_ChineseByDefault()
    {
        var chinese = await CliRunner.RunAsync("plan", "export", "--format", "docx", "-o", "plan.docx");
        var english = await CliRunner.RunAsync("plan", "export", "--format", "docx", "-o", "plan.docx", "--lang", "en");

        Assert.Equal(1, chinese.ExitCode);
        Assert.Contains("命令 'export' 缺少所需参数 'PLAN'。", chinese.Error, StringComparison.Ordinal);
        Assert.Equal(1, english.ExitCode);
        Assert.Contains("Required argument 'PLAN' missing for command: 'export'.", english.Error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
