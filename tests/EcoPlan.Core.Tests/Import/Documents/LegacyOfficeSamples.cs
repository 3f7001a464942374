using EcoPlan.Core.Export;

namespace EcoPlan.Core.Tests.Import.Documents;

/// <summary>
/// Old-format documents for the importer tests, made once per test class by LibreOffice in a private temporary
/// folder: both truth plans written by our exporters (.docx, .xlsx) and saved as Word 97 (.doc) and Excel 97 (.xls);
/// both sample texts saved as Word (.docx, tab-separated paragraphs) and from that as .doc. LibreOffice cannot write
/// WPS formats: a .wps is a .doc renamed, an .et an .xls renamed (WPS Office reads and writes both layouts).
/// </summary>
public sealed class LegacyOfficeSamples : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ecoplan-legacy-tests-").FullName;
    // Each holds the folder once its documents are made.
    private readonly Lazy<string> _plans;
    private readonly Lazy<string> _texts;

    public LegacyOfficeSamples()
    {
        _plans = new(ConvertPlans);
        _texts = new(ConvertTexts);
    }

    /// <summary>A truth plan ("000", "001") exported as .docx and saved by LibreOffice as .doc.</summary>
    public string PlanDoc(string seed) => Path.Combine(_plans.Value, $"plan-{seed}.doc");

    /// <summary>A truth plan exported as .xlsx and saved by LibreOffice as .xls.</summary>
    public string PlanXls(string seed) => Path.Combine(_plans.Value, $"plan-{seed}.xls");

    /// <summary>A sample text ("000" Tongzhou, "001" Beijing) saved by LibreOffice as .docx.</summary>
    public string TextDocx(string seed) => Path.Combine(_texts.Value, $"text-{seed}.docx");

    /// <summary>That .docx saved by LibreOffice as .doc.</summary>
    public string TextDoc(string seed) => Path.Combine(_texts.Value, $"text-{seed}-word97.doc");

    /// <summary>A copy of <paramref name="path"/> under another extension (.wps, .et).</summary>
    public string Renamed(string path, string extension)
    {
        var copy = Path.Combine(_directory, Path.GetFileNameWithoutExtension(path) + extension);
        File.Copy(path, copy, overwrite: true);
        return copy;
    }

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

    private string ConvertPlans()
    {
        foreach (var seed in new[] { "000", "001" })
        {
            var plan = RepoFiles.TruthPlan(seed);
            using (var docx = File.Create(Path.Combine(_directory, $"plan-{seed}.docx")))
            {
                PlanDocxWriter.Write(plan, docx);
            }

            using var xlsx = File.Create(Path.Combine(_directory, $"plan-{seed}.xlsx"));
            PlanXlsxWriter.Write(plan, xlsx);
        }

        Convert("doc:MS Word 97", "plan-000.docx", "plan-001.docx");
        Convert("xls:MS Excel 97", "plan-000.xlsx", "plan-001.xlsx");
        return _directory;
    }

    private string ConvertTexts()
    {
        File.Copy(RepoFiles.PathOf(RepoFiles.Tongzhou), Path.Combine(_directory, "text-000.txt"));
        File.Copy(RepoFiles.PathOf(RepoFiles.Beijing), Path.Combine(_directory, "text-001.txt"));
        Convert("docx", "text-000.txt", "text-001.txt");
        File.Copy(Path.Combine(_directory, "text-000.docx"), Path.Combine(_directory, "text-000-word97.docx"));
        File.Copy(Path.Combine(_directory, "text-001.docx"), Path.Combine(_directory, "text-001-word97.docx"));
        Convert("doc:MS Word 97", "text-000-word97.docx", "text-001-word97.docx");
        return _directory;
    }

    private void Convert(string target, params string[] names)
    {
        var profile = new Uri(Path.Combine(_directory, "lo-profile")).AbsoluteUri;
        PdfSamples.Run("soffice", [$"-env:UserInstallation={profile}", "--headless", "--convert-to", target, "--outdir", _directory, .. names.Select(n => Path.Combine(_directory, n))]);
    }
}
