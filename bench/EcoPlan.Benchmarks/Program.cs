using BenchmarkDotNet.Running;
using EcoPlan.Benchmarks;
using EcoPlan.Core.Export;

// `web-plan COPIES FILE` writes the municipal plan with its tasks repeated COPIES times as .docx, for the web load
// benchmark (bench/web-load.sh); it needs no LibreOffice, so it runs before the documents are made.
if (args is ["web-plan", var copies, var output])
{
    var plan = GeneratedPlan.Build(BenchFiles.Truth("001"), int.Parse(copies, System.Globalization.CultureInfo.InvariantCulture));
    using (var file = File.Create(output))
    {
        PlanDocxWriter.Write(plan, file);
    }

    Console.WriteLine($"{output}: {plan.Sections.Sum(s => s.Tasks.Count)} tasks, {plan.Sections.Sum(s => s.Tasks.Sum(t => t.Measures.Count))} measures");
    return;
}

// `clue-intake [N] [--no-postgis] [--postgis CONNECTION]`: a clue batch's spatial intake in process and in PostGIS
// (ClueIntakeBenchmark); it needs none of the documents.
if (args is ["clue-intake", ..])
{
    ClueIntakeBenchmark.Run(args);
    return;
}

// `clue-list-batch BOUNDARIES CODE N OTHERS FILE` writes the batch for the township list benchmark (bench/clue-list.sh).
if (args is ["clue-list-batch", var boundaries, var code, var own, var others, var batch])
{
    ClueListBatch.Write(boundaries, code, int.Parse(own, System.Globalization.CultureInfo.InvariantCulture), int.Parse(others, System.Globalization.CultureInfo.InvariantCulture), batch);
    return;
}

// `clue-statistics [N] [--postgres]`: the clue counts of ClueStatistics over N generated clues (ClueStatisticsBenchmark).
if (args is ["clue-statistics", ..])
{
    await ClueStatisticsBenchmark.RunAsync(args);
    return;
}

// `align [BenchmarkDotNet options]`: a district plan aligned against the city plan above it (AlignmentBenchmarks); it
// needs none of the documents.
if (args is ["align", .. var alignArgs])
{
    BenchmarkSwitcher.FromTypes([typeof(AlignmentBenchmarks)]).Run([.. alignArgs, "--filter", "*AlignmentBenchmarks*"]);
    return;
}

// `prepare` only makes the documents (bench/out/); `pdf-cpu [ROUNDS]` measures the CPU time of PDF reads
// (PdfCpuTimes); anything else goes to BenchmarkDotNet (--filter, --list).
BenchFiles.Prepare();
if (args is ["pdf-cpu", ..])
{
    PdfCpuTimes.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 15);
    return;
}

if (args is ["prepare"])
{
    foreach (var file in Directory.GetFiles(BenchFiles.Output).Order(StringComparer.Ordinal))
    {
        Console.WriteLine(file);
    }

    return;
}

BenchmarkSwitcher.FromAssembly(typeof(SampleParseBenchmarks).Assembly).Run(args);
