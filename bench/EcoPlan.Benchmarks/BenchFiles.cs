using System.Diagnostics;
using System.Text.Json;
using EcoPlan.Core.Export;
using EcoPlan.Core.Import;

namespace EcoPlan.Benchmarks;

/// <summary>
/// The documents the benchmarks read, made once and cached under bench/out/ (not in git): the truth plans
/// exported as .docx and .xlsx, and generated plans of about 30, 100 and 300 pages exported as .docx and
/// printed to PDF by LibreOffice. <c>pages.json</c> there records each plan's page count.
/// </summary>
internal static class BenchFiles
{
    /// <summary>The sizes of the generated plan, in pages (the PDF's page count is recorded as it comes out).</summary>
    public static readonly int[] GeneratedPages = [30, 100, 300];

    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };

    // The repository: above the program (dotnet run), else above the working directory (a build elsewhere, -o DIR).
    private static readonly Lazy<string> s_root = new(() =>
    {
        foreach (var start in (string[])[AppContext.BaseDirectory, Environment.CurrentDirectory])
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "EcoPlan.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException($"No EcoPlan.slnx above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}.");
    });

    public static string Root => s_root.Value;

    public static string Output => Path.Combine(Root, "bench", "out");

    private static string PagesFile => Path.Combine(Output, "pages.json");

    /// <summary>The sample as issued (text), by seed: 000 Tongzhou 2026, 001 Beijing 2025.</summary>
    public static string SampleText(string seed) => Path.Combine(Root, "samples", "plans", seed switch
    {
        "000" => "tongzhou-2026-ecological-protection.txt",
        "001" => "beijing-2025-ecological-protection.txt",
        _ => throw new ArgumentOutOfRangeException(nameof(seed), seed, "000 or 001"),
    });

    /// <summary>A document made by <see cref="Prepare"/>: <c>000.docx</c>, <c>001.xlsx</c>, <c>generated-300.pdf</c>.</summary>
    public static string Made(string name) => Path.Combine(Output, name);

    public static ParsedPlan Truth(string seed) =>
        JsonSerializer.Deserialize<ParsedPlan>(
            File.ReadAllText(Path.Combine(Root, "tests", "EcoPlan.Core.Tests", "Import", "Truth", seed + ".truth.json")),
            PlanJson.Options) ?? throw new InvalidOperationException($"Truth {seed} is empty.");

    /// <summary>Makes what is missing; a second call finds everything in place and returns at once.</summary>
    public static void Prepare()
    {
        Directory.CreateDirectory(Output);
        var pages = ReadPages();
        foreach (var seed in (string[])["000", "001"])
        {
            var plan = Truth(seed);
            WriteIfMissing(Made(seed + ".docx"), s => PlanDocxWriter.Write(plan, s));
            WriteIfMissing(Made(seed + ".xlsx"), s => PlanXlsxWriter.Write(plan, s));
            pages[seed] = ToPdf(Made(seed + ".docx"));
        }

        // A one-page document: the district plan's first task alone.
        var district = Truth("000");
        var first = district with { Sections = [district.Sections[0] with { Tasks = [district.Sections[0].Tasks[0]] }] };
        WriteIfMissing(Made("one-task.docx"), s => PlanDocxWriter.Write(first, s));
        pages["one-task"] = ToPdf(Made("one-task.docx"));

        // Copies of the municipal plan fill about the wanted number of pages; the first guess is corrected
        // by the pages it printed to (headings and page breaks make a copy shorter than the plan alone).
        foreach (var target in GeneratedPages)
        {
            var name = $"generated-{target}";
            var copies = Math.Max(1, (int)Math.Round((double)target / pages["001"]));
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var plan = GeneratedPlan.Build(Truth("001"), copies);
                WriteIfMissing(Made(name + ".docx"), s => PlanDocxWriter.Write(plan, s));
                pages[name] = ToPdf(Made(name + ".docx"));
                if (Math.Abs(pages[name] - target) <= Math.Max(3, target / 20) || attempt == 2)
                {
                    break;
                }

                copies = Math.Max(1, (int)Math.Round(copies * (double)target / pages[name]));
                File.Delete(Made(name + ".docx"));
                File.Delete(Made(name + ".pdf"));
            }
        }

        File.WriteAllText(PagesFile, JsonSerializer.Serialize(pages, s_indented));
    }

    /// <summary>Pages of a plan (a seed or <c>generated-N</c>): its .docx export printed by LibreOffice.</summary>
    public static int PagesOf(string plan) =>
        ReadPages().TryGetValue(plan, out var pages) ? pages : throw new InvalidOperationException($"No page count for {plan}; run the benchmarks' prepare step.");

    private static Dictionary<string, int> ReadPages() =>
        File.Exists(PagesFile)
            ? JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(PagesFile)) ?? []
            : [];

    private static void WriteIfMissing(string path, Action<Stream> write)
    {
        if (File.Exists(path))
        {
            return;
        }

        using var buffer = new MemoryStream();
        write(buffer);
        File.WriteAllBytes(path, buffer.ToArray());
    }

    /// <summary>Converts a .docx next to itself with LibreOffice, once, and returns the PDF's page count.</summary>
    private static int ToPdf(string docx)
    {
        var pdf = Path.ChangeExtension(docx, ".pdf");
        if (!File.Exists(pdf))
        {
            Console.WriteLine($"Printing {Path.GetFileName(docx)} to PDF with LibreOffice…");
            var profile = new Uri(Path.Combine(Output, "lo-profile")).AbsoluteUri;
            Run("soffice", [$"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", Output, docx]);
        }

        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return document.NumberOfPages;
    }

    private static string Run(string tool, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} did not finish within 10 minutes.");
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {output.Result} {error.Result}");
        }

        return output.Result;
    }
}
