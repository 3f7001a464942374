namespace EcoPlan.Core.Tests.Import.Documents;

/// <summary>
/// A fact that needs programs on the PATH (soffice, qpdf, pdftoppm…): skipped, saying which Debian packages
/// to install, when one is missing. CI installs them in .ci/run.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresToolFactAttribute : FactAttribute
{
    public RequiresToolFactAttribute(params string[] tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        Tools = tools;
        Skip = ExternalTools.SkipReason(tools);
    }

    public IReadOnlyList<string> Tools { get; }
}

/// <summary>The theory form of <see cref="RequiresToolFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresToolTheoryAttribute : TheoryAttribute
{
    public RequiresToolTheoryAttribute(params string[] tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        Tools = tools;
        Skip = ExternalTools.SkipReason(tools);
    }

    public IReadOnlyList<string> Tools { get; }
}

internal static class ExternalTools
{
    public static string? Find(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Null when every tool is on the PATH; otherwise which Debian packages to install.</summary>
    public static string? SkipReason(IEnumerable<string> tools)
    {
        var missing = tools.Where(t => Find(t) is null).ToList();
        return missing.Count == 0
            ? null
            : $"Needs {string.Join(", ", missing)} on the PATH; install Debian's "
              + $"{string.Join(' ', missing.Select(DebianPackage).Distinct())} "
              + "(apt-get install -y poppler-utils libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk qpdf tesseract-ocr tesseract-ocr-chi-sim).";
    }

    public static string DebianPackage(string tool) => tool switch
    {
        "pdftoppm" => "poppler-utils",
        "soffice" => "libreoffice-writer-nogui libreoffice-calc-nogui (and fonts-noto-cjk)",
        "qpdf" => "qpdf",
        "tesseract" => "tesseract-ocr tesseract-ocr-chi-sim",
        _ => tool,
    };
}
