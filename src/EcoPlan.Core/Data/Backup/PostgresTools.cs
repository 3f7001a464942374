using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Npgsql;

namespace EcoPlan.Core.Data.Backup;

/// <summary>
/// pg_dump and pg_restore (Debian: postgresql-client), run with the connection of the configured connection string. The
/// connection goes in PG* environment variables, so the password never appears on a command line other users can read.
/// </summary>
internal static class PostgresTools
{
    /// <summary>Runs <paramref name="program"/>; <paramref name="stdout"/>, when given, receives its standard output as it comes.</summary>
    public static async Task RunAsync(string program, DatabaseSettings settings, IEnumerable<string> arguments, Func<Stream, Task>? stdout, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = stdout is not null,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Set(start, "PGHOST", builder.Host);
        Set(start, "PGPORT", builder.Port.ToString(CultureInfo.InvariantCulture));
        Set(start, "PGUSER", builder.Username);
        Set(start, "PGPASSWORD", builder.Password);
        Set(start, "PGDATABASE", builder.Database ?? builder.Username);
        Set(start, "PGSSLMODE", builder.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Allow => "allow",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => "prefer",
        });
        Set(start, "PGCONNECT_TIMEOUT", builder.Timeout.ToString(CultureInfo.InvariantCulture));

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception();
        }
        catch (Win32Exception ex)
        {
            throw new SetupException(CoreText.Get("Backup_PostgresToolMissing", program), ex);
        }

        using (process)
        {
            process.StandardInput.Close();
            var errors = ReadTailAsync(process.StandardError);
            try
            {
                if (stdout is not null)
                {
                    await stdout(process.StandardOutput.BaseStream);
                }

                await process.WaitForExitAsync(cancellationToken);
            }
            catch
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }

                throw;
            }

            if (process.ExitCode != 0)
            {
                throw new SetupException(CoreText.Get("Backup_PostgresToolFailed", program, process.ExitCode, settings.Describe(), SetupException.OneLine(await errors)));
            }
        }
    }

    private static void Set(ProcessStartInfo start, string name, string? value)
    {
        if (value is null)
        {
            start.Environment.Remove(name);
        }
        else
        {
            start.Environment[name] = value;
        }
    }

    /// <summary>The last 4,000 characters of what the tool says, enough to show why it failed, however much it prints.</summary>
    private static async Task<string> ReadTailAsync(StreamReader reader)
    {
        var tail = new StringBuilder();
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            tail.Append(buffer, 0, read);
            if (tail.Length > 4000)
            {
                tail.Remove(0, tail.Length - 4000);
            }
        }

        return tail.ToString();
    }
}
