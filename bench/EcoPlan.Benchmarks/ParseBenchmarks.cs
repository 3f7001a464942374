using BenchmarkDotNet.Attributes;
using EcoPlan.Core.Import;
using EcoPlan.Core.Import.Documents;

namespace EcoPlan.Benchmarks;

/// <summary>
/// Each sample plan read through <see cref="PlanDocumentReader"/> as issued (text) and as our exporter
/// writes it (.docx, .xlsx, made from the truth files): the whole import up to the parsed plan.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(SampleConfig))]
public class SampleParseBenchmarks
{
    private string _path = "";

    [Params("000", "001")]
    public string Plan { get; set; } = "000";

    [Params(PlanFileFormat.Text, PlanFileFormat.Docx, PlanFileFormat.Xlsx)]
    public PlanFileFormat Format { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        BenchFiles.Prepare();
        _path = Format switch
        {
            PlanFileFormat.Text => BenchFiles.SampleText(Plan),
            PlanFileFormat.Docx => BenchFiles.Made(Plan + ".docx"),
            PlanFileFormat.Xlsx => BenchFiles.Made(Plan + ".xlsx"),
            _ => throw new InvalidOperationException($"{Format} is not a sample format."),
        };
    }

    [Benchmark]
    public Task<PlanDocument> Parse() => PlanDocumentReader.ReadAsync(_path);
}

/// <summary>
/// PDFs printed by LibreOffice from our .docx export: the two samples and the generated plan at about 30,
/// 100 and 300 pages, to show the time per page and whether it grows linearly.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PdfConfig))]
public class PdfParseBenchmarks
{
    private string _path = "";

    [Params("000", "001", "generated-30", "generated-100", "generated-300")]
    public string Plan { get; set; } = "000";

    [GlobalSetup]
    public void Setup()
    {
        BenchFiles.Prepare();
        _path = BenchFiles.Made(Plan + ".pdf");
    }

    [Benchmark]
    public Task<PlanDocument> Parse() => PlanDocumentReader.ReadAsync(_path);
}

/// <summary>
/// The PDF reader alone (words, rulings, table rows) in process with PdfPig, against the poppler reader it
/// replaced (<see cref="PopplerPdfReader"/>, two processes), from one page to about a hundred.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PdfReadConfig))]
public class PdfReadBenchmarks
{
    private string _path = "";
    private byte[] _bytes = [];

    [Params("one-task", "000", "001", "generated-30", "generated-100")]
    public string Plan { get; set; } = "000";

    [Params("pdfpig", "poppler")]
    public string Reader { get; set; } = "pdfpig";

    [GlobalSetup]
    public void Setup()
    {
        BenchFiles.Prepare();
        _path = BenchFiles.Made(Plan + ".pdf");
        _bytes = File.ReadAllBytes(_path);
    }

    [Benchmark]
    public DocumentContent Read() => Reader == "poppler"
        ? PopplerPdfReader.Read(_path)
        : new PdfDocumentReader().Read(_bytes, Plan);
}
