using BenchmarkDotNet.Attributes;
using EcoPlan.Core.Import;
using EcoPlan.Core.Import.Documents;
using UglyToad.PdfPig;

namespace EcoPlan.Benchmarks;

/// <summary>
/// Where a PDF read spends its time, stage by stage, on the same file: PdfPig alone (open, every page's letters
/// and paths), our reading of words and rulings on top of it, rebuilding the table from those pages, and
/// parsing the resulting text into a plan.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PdfConfig))]
public class PdfStageBenchmarks
{
    private byte[] _bytes = [];
    private List<PdfPageLayout> _pages = [];
    private string _text = "";

    [Params("001", "generated-300")]
    public string Plan { get; set; } = "001";

    [GlobalSetup]
    public void Setup()
    {
        BenchFiles.Prepare();
        _bytes = File.ReadAllBytes(BenchFiles.Made(Plan + ".pdf"));
        _pages = new PdfDocumentReader().ReadPages(_bytes, Plan, CancellationToken.None);
        _text = BuildTable().ToTabSeparatedText([]);
    }

    [Benchmark]
    public int PdfPigPages()
    {
        using var document = PdfDocument.Open(_bytes);
        var items = 0;
        for (var number = 1; number <= document.NumberOfPages; number++)
        {
            var page = document.GetPage(number);
            items += page.Letters.Count + page.Paths.Count;
        }

        return items;
    }

    [Benchmark]
    public int ReadPages() => new PdfDocumentReader().ReadPages(_bytes, Plan, CancellationToken.None).Count;

    [Benchmark]
    public DocumentContent BuildTable() => PdfTableBuilder.Build(Plan, _pages);

    [Benchmark]
    public ParsedPlan ParseText() => PlanTextParser.Parse(_text);
}
