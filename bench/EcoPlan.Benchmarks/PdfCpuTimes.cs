using System.Diagnostics;
using System.Globalization;
using EcoPlan.Core.Import.Documents;

namespace EcoPlan.Benchmarks;

/// <summary>
/// `pdf-cpu [ROUNDS]`: the CPU time of one PDF read, in process (PdfPig) and by the poppler peer, per document and
/// per page. On a shared machine wall-clock times measure the queue for the cores as much as the work; CPU time (user +
/// system of this process, plus that of the poppler processes it waited for) measures the work. Rounds alternate the two
/// readers so that both see the same load; each prints the median and the minimum over the rounds after three warm-ups.
/// </summary>
internal static class PdfCpuTimes
{
    private static readonly string[] s_plans = ["one-task", "000", "001", "generated-30", "generated-100", "generated-300"];

    public static void Run(int rounds)
    {
        Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine("| Plan | Pages | reader | CPU ms median (min) | CPU ms per page | wall ms median |");
        Console.WriteLine("| --- | ---: | --- | ---: | ---: | ---: |");
        foreach (var plan in s_plans)
        {
            var path = BenchFiles.Made(plan + ".pdf");
            var bytes = File.ReadAllBytes(path);
            var pages = BenchFiles.PagesOf(plan);
            var readers = new (string Name, Action Read)[]
            {
                ("pdfpig", () => new PdfDocumentReader().Read(bytes, plan)),
                ("poppler", () => PopplerPdfReader.Read(path)),
            };
            var cpu = readers.Select(_ => new List<double>()).ToArray();
            var wall = readers.Select(_ => new List<double>()).ToArray();
            var count = plan == "generated-300" ? Math.Min(rounds, 5) : rounds;
            for (var round = -3; round < count; round++)
            {
                for (var r = 0; r < readers.Length; r++)
                {
                    var (cpuBefore, clock) = (CpuMilliseconds(), Stopwatch.StartNew());
                    readers[r].Read();
                    if (round >= 0)
                    {
                        cpu[r].Add(CpuMilliseconds() - cpuBefore);
                        wall[r].Add(clock.Elapsed.TotalMilliseconds);
                    }
                }
            }

            for (var r = 0; r < readers.Length; r++)
            {
                var median = Median(cpu[r]);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {plan} | {pages} | {readers[r].Name} | {median:0.0} ({cpu[r].Min():0.0}) | {median / pages:0.00} | {Median(wall[r]):0.0} |"));
            }
        }

        Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Trim()}");
    }

    /// <summary>
    /// User + system time of this process (getrusage, microseconds) and of its children that were waited for
    /// (/proc/self/stat, in clock ticks of 10 ms: enough for poppler's reads of 100 ms and more), in ms.
    /// </summary>
    private static double CpuMilliseconds()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        // After the command name in parentheses, field 3 (state) comes first; cutime and cstime are fields 16 and 17.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var childTicks = long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
        return Environment.CpuUsage.TotalTime.TotalMilliseconds + (childTicks * 10.0);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
