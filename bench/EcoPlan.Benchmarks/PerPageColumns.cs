using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace EcoPlan.Benchmarks;

/// <summary>
/// Adds "Pages" and "ms/page" to the summary. A benchmark names its document by a parameter called
/// <c>Plan</c> (<c>000</c>, <c>001</c>, <c>generated-300</c>); its pages are those of the plan's .docx export
/// printed by LibreOffice (bench/out/pages.json), whatever format the benchmark reads it in.
/// </summary>
internal sealed class PagesColumn(bool perPage) : IColumn
{
    public string Id => perPage ? "MsPerPage" : "Pages";

    public string ColumnName => perPage ? "ms/page" : "Pages";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => perPage ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => perPage
        ? "Median time divided by Pages (the median, as the machine is shared and other work inflates some iterations)"
        : "Pages of the plan's .docx export printed by LibreOffice (the same plan in every format)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        var plan = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "Plan")?.Value?.ToString();
        if (plan is null)
        {
            return "-";
        }

        var pages = BenchFiles.PagesOf(plan);
        if (!perPage)
        {
            return pages.ToString(CultureInfo.InvariantCulture);
        }

        return summary[benchmarkCase]?.ResultStatistics is { } statistics
            ? (statistics.Median / 1e6 / pages).ToString("0.00", CultureInfo.InvariantCulture)
            : "NA";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}

// Both jobs run in the benchmark process (in-process emit toolchain): BenchmarkDotNet's generated project
// would lack EcoPlan.Core's ASP.NET Core framework reference and fail to restore from our registry.

/// <summary>Small documents: the default job, with the per-page columns.</summary>
internal sealed class SampleConfig : ManualConfig
{
    public SampleConfig()
    {
        AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(15).WithToolchain(InProcessEmitToolchain.Instance));
        AddColumn(StatisticColumn.Median, StatisticColumn.Min, new PagesColumn(perPage: false), new PagesColumn(perPage: true));
    }
}

/// <summary>Whole-document reads of up to 300 pages (up to seconds each): one read per iteration, fewer iterations.</summary>
internal sealed class PdfConfig : ManualConfig
{
    public PdfConfig()
    {
        AddJob(Job.Default.WithWarmupCount(1).WithIterationCount(7).WithInvocationCount(1).WithUnrollFactor(1).WithToolchain(InProcessEmitToolchain.Instance));
        AddColumn(StatisticColumn.Median, StatisticColumn.Min, new PagesColumn(perPage: false), new PagesColumn(perPage: true));
    }
}

/// <summary>
/// The PDF reader and its poppler peer: one read per iteration (a poppler read starts two processes), more
/// iterations than <see cref="PdfConfig"/>, as an in-process read of a short document takes milliseconds.
/// </summary>
internal sealed class PdfReadConfig : ManualConfig
{
    public PdfReadConfig()
    {
        AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(15).WithInvocationCount(1).WithUnrollFactor(1).WithToolchain(InProcessEmitToolchain.Instance));
        AddColumn(StatisticColumn.Median, StatisticColumn.Min, new PagesColumn(perPage: false), new PagesColumn(perPage: true));
    }
}
