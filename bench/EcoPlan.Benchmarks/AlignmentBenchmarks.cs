using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using EcoPlan.Core.Cascade;
using EcoPlan.Core.Import;

namespace EcoPlan.Benchmarks;

/// <summary>
/// Aligning a whole district plan against the city plan above it (<see cref="MeasureAligner"/>: the city plan's index
/// built, then every district measure's suggestions with their shared phrases), as `ecoplan plan align` and the
/// alignment page do: the sample pair (20 × 31 measures) and generated plans of 300 × 3,000 measures (issue 15: under 1 s).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(AlignmentConfig))]
public class AlignmentBenchmarks
{
    private AlignmentMeasure[] _city = [];
    private string[] _district = [];

    [Params("sample", "300x3000")]
    public string Pair { get; set; } = "sample";

    [GlobalSetup]
    public void Setup()
    {
        var city = Measures(BenchFiles.Truth("001"));
        var district = Measures(BenchFiles.Truth("000"));
        (_city, _district) = Pair == "sample"
            ? ([.. city.Select((text, i) => new AlignmentMeasure(i + 1, $"{i + 1}", text))], [.. district])
            : (Generate(city, 3000, seed: 1), Generate(district, 300, seed: 2).Select(m => m.Text).ToArray());
    }

    [Benchmark]
    public int AlignPlan()
    {
        var aligner = new MeasureAligner(_city);
        var suggested = 0;
        foreach (var text in _district)
        {
            suggested += aligner.Suggest(text).Count;
        }

        return suggested;
    }

    private static List<string> Measures(ParsedPlan plan) => [.. plan.Sections.SelectMany(s => s.Tasks).SelectMany(t => t.Measures).Select(m => m.Text)];

    /// <summary>
    /// Measures of a plan's length and vocabulary: each joins two to four clauses drawn from the sample plan's own clauses
    /// (split at 。；), with a made-up place (第37片区), so no two are alike and the words are those plans use.
    /// </summary>
    private static AlignmentMeasure[] Generate(List<string> sample, int count, int seed)
    {
        var clauses = sample.SelectMany(t => t.Split(['。', '；', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
        var random = new Random(seed);
        return [.. Enumerable.Range(1, count).Select(i => new AlignmentMeasure(i, $"{i}",
            string.Join("。", Enumerable.Range(0, random.Next(2, 5)).Select(_ => clauses[random.Next(clauses.Length)])) + $"，重点推进第{random.Next(1, 200)}片区。"))];
    }
}

/// <summary>Whole-plan alignments (milliseconds each): few iterations, in process.</summary>
internal sealed class AlignmentConfig : ManualConfig
{
    public AlignmentConfig()
    {
        AddJob(Job.Default.WithWarmupCount(2).WithIterationCount(10).WithToolchain(InProcessEmitToolchain.Instance));
        AddColumn(BenchmarkDotNet.Columns.StatisticColumn.Median, BenchmarkDotNet.Columns.StatisticColumn.Min);
    }
}
