namespace EcoPlan.Cli.Tests;

/// <summary>Runs the `ecoplan` command in-process, as a shell would, and keeps what it printed.</summary>
internal static class CliRunner
{
    /// <summary>In Chinese, the default, whatever the locale of the machine running the tests (unless a test passes --lang).</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await EcoPlanCli.RunAsync(args.Contains("--lang") ? args : [.. args, "--lang", "zh"], output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
