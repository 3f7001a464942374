namespace EcoPlan.Cli.Tests;

/// <summary>Runs the `ecoplan` command in-process, as a shell would, and keeps what it printed.</summary>
internal static class CliRunner
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await EcoPlanCli.RunAsync(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
