using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using EcoPlan.Core.Import;
using EcoPlan.Core.Import.Documents;

namespace EcoPlan.Benchmarks;

/// <summary>
/// Where a PDF read spends its time, stage by stage, on the same file: the two poppler tools (each alone),
/// then our own work on their cached output: reading the words (bbox XHTML), reading the ruling lines
/// (SVG), rebuilding the table, and parsing the resulting text into a plan.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PdfConfig))]
public class PdfStageBenchmarks
{
    private string _path = "";
    private byte[] _bbox = [];
    private byte[] _svg = [];
    private List<PdfPageLayout> _pages = [];
    private string _text = "";

    [Params("001", "generated-300")]
    public string Plan { get; set; } = "001";

    [GlobalSetup]
    public void Setup()
    {
        BenchFiles.Prepare();
        _path = BenchFiles.Made(Plan + ".pdf");
        _bbox = Pdftotext();
        _svg = Pdftocairo();
        _pages = WithRulings(PdfDocumentReader.ParseBboxLayout(_bbox, Plan), Rulings());
        _text = BuildTable().ToTabSeparatedText([]);
    }

    [Benchmark]
    public byte[] Pdftotext() => Run("pdftotext", "-bbox-layout", "-enc", "UTF-8", _path, "-");

    [Benchmark]
    public byte[] Pdftocairo() => Run("pdftocairo", "-svg", _path, "-");

    [Benchmark]
    public int ReadWords() => PdfDocumentReader.ParseBboxLayout(_bbox, Plan).Count;

    [Benchmark]
    public int ReadRulings() => Rulings().Count;

    [Benchmark]
    public DocumentContent BuildTable() => PdfTableBuilder.Build(Plan, _pages);

    [Benchmark]
    public ParsedPlan ParseText() => PlanTextParser.Parse(_text);

    private List<List<PdfRuling>> Rulings() => PdfRulingReader.Parse(new MemoryStream(_svg, writable: false));

    private static List<PdfPageLayout> WithRulings(List<PdfPageLayout> pages, List<List<PdfRuling>> rulings) =>
        [.. pages.Select((p, i) => p with { Rulings = rulings[i], RulingsKnown = true })];

    private static byte[] Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        using var output = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        return process.ExitCode == 0 ? output.ToArray() : throw new InvalidOperationException($"{tool} failed ({process.ExitCode}).");
    }
}
