using System.Globalization;
using System.Text.RegularExpressions;
using EcoPlan.Core.Import;
using EcoPlan.Core.Localization;
using EcoPlan.Core.Progress;

namespace EcoPlan.Core.Tests.Localization;

public sealed partial class CoreTextTests
{
    [Fact]
    public void CoreText_EveryKey_HasChineseAndEnglish() =>
        ResourceTexts.AssertChineseAndEnglish(CoreText.All(CultureInfo.InvariantCulture), CoreText.All(CultureInfo.GetCultureInfo("en")), new HashSet<string>());

    /// <summary>Every key the code names exists: a missing one would throw in front of the user instead of explaining.</summary>
    [Fact]
    public void CoreText_EveryKeyTheCodeUses_Exists()
    {
        var keys = CoreText.All(CultureInfo.InvariantCulture);
        var used = Directory.EnumerateFiles(RepositoryPaths.Of("src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => UsedKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value)))
            .ToList();

        Assert.NotEmpty(used);
        Assert.All(used, u => Assert.True(keys.ContainsKey(u.Key), $"{u.File} uses CoreText '{u.Key}', which has no text"));
        // Keys built from a value: every value has one.
        Assert.All(Enum.GetNames<ReportState>(), state => Assert.True(keys.ContainsKey("ReportState_" + state), state));
        Assert.True(keys.ContainsKey("Importer_Unknown_unit") && keys.ContainsKey("Importer_Unknown_leader"));
    }

    [Fact]
    public async Task CoreText_ChineseCulture_ImportRefusalSaysWhereAndWhyInChinese()
    {
        var (format, text) = await ResourceTexts.InCultureAsync("zh-CN", async () =>
        {
            var notADocument = await Assert.ThrowsAsync<PlanImportException>(() => PlanDocumentReader.ReadAsync(new byte[] { 0, 1, 2, 3, 0xFF, 0 }, "random.bin"));
            var noRows = await Assert.ThrowsAsync<PlanImportException>(() => PlanDocumentReader.ReadAsync("2026年行动计划\n序号\t重点任务\t工作措施\t完成时限\t主责单位\n"u8.ToArray(), "plan.txt"));
            return (notADocument.Message, noRows.Message);
        });

        Assert.Equal("random.bin: 不是可导入的计划文件（支持文本、Word、Excel、PDF、OFD、WPS 或扫描图片）", format);
        Assert.StartsWith("plan.txt: 第 ", text, StringComparison.Ordinal);
        Assert.True(ResourceTexts.HasChinese(text[("plan.txt: ".Length)..]), text);
    }

    [Fact]
    public void CoreText_EnglishCulture_SameMessageInEnglish()
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
            Assert.Equal("完成百分比：150 不在 0 至 100 之间", CoreText.Get("Workflow_PercentRange", 150));
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-GB");
            Assert.Equal("percent: 150 is not between 0 and 100", CoreText.Get("Workflow_PercentRange", 150));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [GeneratedRegex(@"CoreText\.Get\(""(\w+)""\s*[,)]")]
    private static partial Regex UsedKey();
}
