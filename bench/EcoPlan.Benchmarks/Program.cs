using BenchmarkDotNet.Running;
using EcoPlan.Benchmarks;

// `prepare` only makes the documents (bench/out/); anything else goes to BenchmarkDotNet (--filter, --list).
BenchFiles.Prepare();
if (args is ["prepare"])
{
    foreach (var file in Directory.GetFiles(BenchFiles.Output).Order(StringComparer.Ordinal))
    {
        Console.WriteLine(file);
    }

    return;
}

BenchmarkSwitcher.FromAssembly(typeof(SampleParseBenchmarks).Assembly).Run(args);
