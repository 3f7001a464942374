using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace EcoPlan.Core.Import.Documents;

/// <summary>What a helper program (soffice, tesseract) printed, and how it ended.</summary>
internal sealed record ExternalToolResult(int ExitCode, byte[] Output, string Error);

/// <summary>
/// Runs a helper program the readers need: an argument list (no shell), stdin closed, the output captured up to a
/// limit, and the whole process tree killed when it runs too long or prints too much, so a crafted document cannot
/// hold the server.
/// </summary>
internal static class ExternalTool
{
    /// <summary>Null when the program is not installed (cannot be started); throws <see cref="TimeoutException"/> when it runs over.</summary>
    public static async Task<ExternalToolResult?> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout, long maxOutputBytes, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (Win32Exception)
        {
            return null;
        }

        if (process is null)
        {
            return null;
        }

        using (process)
        {
            process.StandardInput.Close();
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            using var output = new MemoryStream();
            var copy = CopyBoundedAsync(process.StandardOutput.BaseStream, output, maxOutputBytes, limit);
            var error = process.StandardError.ReadToEndAsync(limit.Token);
            try
            {
                await Task.WhenAll(copy, error, process.WaitForExitAsync(limit.Token)).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                cancellationToken.ThrowIfCancellationRequested();
                if (output.Length > maxOutputBytes)
                {
                    throw new InvalidDataException($"{program} printed more than {maxOutputBytes} bytes.");
                }

                throw new TimeoutException($"{program} did not finish within {timeout.TotalSeconds:0} s.");
            }

            return new ExternalToolResult(process.ExitCode, output.ToArray(), await error.ConfigureAwait(false));
        }
    }

    private static async Task CopyBoundedAsync(Stream source, MemoryStream target, long maxBytes, CancellationTokenSource limit)
    {
        var buffer = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(buffer, limit.Token).ConfigureAwait(false)) > 0)
        {
            target.Write(buffer, 0, read);
            if (target.Length > maxBytes)
            {
                await limit.CancelAsync().ConfigureAwait(false);
                limit.Token.ThrowIfCancellationRequested();
            }
        }
    }

    /// <summary>The first lines of a tool's error output, for a message.</summary>
    public static string FirstLines(string text) =>
        string.Join(" ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(3));
}
