using System.Diagnostics;
using System.Globalization;
using EcoPlan.Testing;
using Xunit.Abstractions;

namespace EcoPlan.Cli.Tests.Plans;

/// <summary>
/// `ecoplan plan parse BOMB` in a child process, whose peak resident memory (VmHWM in /proc/PID/status, sampled
/// until it exits) must stay under 256 MB: for crafted files (refused) and for files just inside every limit (read).
/// </summary>
public sealed class ZipBombMemoryTests(ITestOutputHelper log) : IDisposable
{
    private const long PeakLimit = 256L * 1024 * 1024;
    private readonly string _directory = Directory.CreateTempSubdirectory("ecoplan-bomb-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<string> Bombs => new(
        "docx-gigabyte", "docx-paragraphs", "docx-lying-sizes", "docx-entries", "docx-billion-laughs", "docx-long-text",
        "xlsx-gigabyte", "xlsx-shared-strings", "xlsx-long-string", "xlsx-far-cells");

    [Theory]
    [MemberData(nameof(Bombs))]
    public async Task PlanParse_Bomb_IsRefusedUnder256MB(string bomb)
    {
        var (code, error, peak, elapsed) = await ParseInChildAsync(bomb);

        Assert.Equal(2, code);
        Assert.Contains(bomb + ".", error, StringComparison.Ordinal);
        Assert.Matches("拒绝读取|不是可读取的", error);
        Assert.True(peak < PeakLimit, $"{bomb}: peak {peak / 1024 / 1024} MB: {error}");
        Assert.True(elapsed < TimeSpan.FromSeconds(20), $"{bomb}: {elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>A document just inside every limit is read to the end (and then has no plan table) under 256 MB.</summary>
    [Theory]
    [InlineData("docx-at-the-limits")]
    [InlineData("xlsx-at-the-limits")]
    public async Task PlanParse_DocumentAtTheLimits_IsReadUnder256MB(string document)
    {
        var (code, error, peak, _) = await ParseInChildAsync(document);

        Assert.Equal(2, code);
        Assert.DoesNotContain("拒绝读取", error, StringComparison.Ordinal);
        Assert.Contains("表头", error, StringComparison.Ordinal);
        Assert.True(peak < PeakLimit, $"{document}: peak {peak / 1024 / 1024} MB: {error}");
    }

    private static byte[] Make(string name) => name switch
    {
        "docx-gigabyte" => ZipBombs.DocxInflatingTo(ZipBombs.OneGigabyte),
        "docx-paragraphs" => ZipBombs.DocxWithParagraphs(1_000_000),
        "docx-lying-sizes" => ZipBombs.DocxWithLyingSizes(ZipBombs.OneGigabyte),
        "docx-entries" => ZipBombs.DocxWithEntries(100_000),
        "docx-billion-laughs" => ZipBombs.DocxWithBillionLaughs(),
        "docx-long-text" => ZipBombs.DocxWithLongText(50_000_000),
        "docx-at-the-limits" => ZipBombs.DocxAtTheLimits(),
        "xlsx-gigabyte" => ZipBombs.XlsxWithCells(6_500_000),
        "xlsx-shared-strings" => ZipBombs.XlsxWithSharedStrings(2_000_000),
        "xlsx-long-string" => ZipBombs.XlsxWithLongSharedString(20_000_000),
        "xlsx-far-cells" => ZipBombs.XlsxWithFarCells(),
        "xlsx-at-the-limits" => ZipBombs.XlsxAtTheLimits(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>Runs the built CLI (ecoplan.dll beside this assembly) on the file and samples its peak memory every few milliseconds.</summary>
    private async Task<(int ExitCode, string Error, long PeakBytes, TimeSpan Elapsed)> ParseInChildAsync(string name)
    {
        var path = Path.Combine(_directory, name + "." + name[..4]);
        await File.WriteAllBytesAsync(path, Make(name));
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[Path.Combine(AppContext.BaseDirectory, "ecoplan.dll"), "plan", "parse", path, "--lang", "zh"])
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var peak = 0L;
        while (!process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            peak = Math.Max(peak, PeakResident(process.Id));
            await Task.Delay(5);
        }

        if (!process.HasExited)
        {
            process.Kill();
        }

        await process.WaitForExitAsync();
        await output;
        log.WriteLine($"{name}: {new FileInfo(path).Length / 1024} KB, exit {process.ExitCode}, peak {peak / 1024 / 1024} MB, {clock.Elapsed.TotalSeconds:0.0} s: {(await error).Trim()}");
        return (process.ExitCode, await error, peak, clock.Elapsed);
    }

    /// <summary>VmHWM (the process's peak resident set so far), 0 once it is gone.</summary>
    private static long PeakResident(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
