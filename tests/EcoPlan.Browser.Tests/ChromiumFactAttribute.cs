namespace EcoPlan.Browser.Tests;

/// <summary>A test that needs Debian's Chromium; skipped, with the command that installs it, when the browser is missing.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    /// <summary>Debian's Chromium; Playwright drives it instead of a browser of its own (never `playwright install`).</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    public static bool IsInstalled => File.Exists(ChromiumPath);

    public static string SkipReason =>
        $"Browser tests skipped: {ChromiumPath} is missing; install it with `apt-get install -y chromium fonts-noto-cjk` (.ci/run does).";

    public ChromiumFactAttribute()
    {
        if (!IsInstalled)
        {
            Skip = SkipReason;
        }
    }
}
