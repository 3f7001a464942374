using EcoPlan.Core.Import;

namespace EcoPlan.Core.Tests.Import.Documents;

/// <summary>
/// Both truth plans in every <see cref="TableLayoutVariant"/>, as .docx and as the PDF LibreOffice prints from it,
/// made once per test class (one LibreOffice run for all) in a private temporary folder.
/// </summary>
public sealed class TableLayoutSamples : IDisposable
{
    private const string LongTask = "001-long-task";
    private const string NoDeadline = "001-no-deadline";
    private readonly string _directory = Directory.CreateTempSubdirectory("ecoplan-layout-tests-").FullName;
    private readonly Lazy<IReadOnlyDictionary<string, string>> _documents;

    public TableLayoutSamples() => _documents = new(WriteAll);

    public static IReadOnlyList<string> Seeds { get; } = ["000", "001"];

    /// <summary>
    /// 001.truth.json with the four tasks of its section （三） made one task of 11 measures: its 重点任务 cell is
    /// merged down over 11 rows, across a page break.
    /// </summary>
    internal static ParsedPlan LongTaskPlan
    {
        get
        {
            var plan = RepoFiles.TruthPlan("001");
            var sections = plan.Sections.ToList();
            var index = sections.FindIndex(s => s.Code == "三");
            var first = sections[index].Tasks[0];
            sections[index] = sections[index] with { Tasks = [first with { Measures = [.. sections[index].Tasks.SelectMany(t => t.Measures)] }] };
            return plan with { Sections = sections };
        }
    }

    /// <summary>001.truth.json with the deadline of task 9's last measure left out: a row on a page the table runs on to.</summary>
    internal static ParsedPlan NoDeadlinePlan
    {
        get
        {
            var plan = RepoFiles.TruthPlan("001");
            var sections = plan.Sections.Select(s => s with
            {
                Tasks = [.. s.Tasks.Select(t => t.Number != 9 ? t : t with
                {
                    Measures = [.. t.Measures.SkipLast(1), t.Measures[^1] with { Deadline = new Plans.Deadline { Raw = "" } }],
                })],
            });
            return plan with { Sections = [.. sections] };
        }
    }

    /// <summary><see cref="NoDeadlinePlan"/> as a PDF printed with the header once.</summary>
    public string NoDeadlinePdf => Path.ChangeExtension(_documents.Value[NoDeadline], ".pdf");

    /// <summary><see cref="LongTaskPlan"/> as .docx with the header printed once; its PDF has the same name ending in .pdf.</summary>
    public string LongTaskDocx => _documents.Value[LongTask];

    /// <summary>The .docx of a truth plan (seed) in a variant; its PDF has the same name ending in .pdf.</summary>
    public string Docx(string seed, string variant) => _documents.Value[$"{seed}-{variant}"];

    public string Pdf(string seed, string variant) => Path.ChangeExtension(Docx(seed, variant), ".pdf");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    private Dictionary<string, string> WriteAll()
    {
        var documents = new Dictionary<string, string>();
        foreach (var seed in Seeds)
        {
            var plan = RepoFiles.TruthPlan(seed);
            foreach (var variant in TableLayoutVariant.All)
            {
                var path = Path.Combine(_directory, $"{seed}-{variant.Name}.docx");
                File.WriteAllBytes(path, variant.Write(plan));
                documents[$"{seed}-{variant.Name}"] = path;
            }
        }

        var longTask = Path.Combine(_directory, LongTask + ".docx");
        File.WriteAllBytes(longTask, TableLayoutVariant.HeaderOnce.Write(LongTaskPlan));
        documents[LongTask] = longTask;
        var noDeadline = Path.Combine(_directory, NoDeadline + ".docx");
        File.WriteAllBytes(noDeadline, TableLayoutVariant.HeaderOnce.Write(NoDeadlinePlan));
        documents[NoDeadline] = noDeadline;
        PdfSamples.PrintToPdf(_directory, [.. documents.Values]);
        return documents;
    }
}
