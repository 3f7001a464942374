using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using EcoPlan.Core.Data;

namespace EcoPlan.Testing;

/// <summary>
/// The web app started the way the README's first command starts it: `dotnet run --project src/EcoPlan.Web`, an
/// unpublished build in Production (no environment variable chooses another), on a free loopback port. Only
/// `--no-build` is added, because the test run has just built the project and a second build would race it.
/// Settings travel as environment variables, as an operator would give them.
/// </summary>
public sealed partial class ReadmeApp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private ReadmeApp(Process process) => _process = process;

    /// <summary>Where the app listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>Everything the app printed so far (console log, demo accounts).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts the app on an empty SQLite test database, without demo data.</summary>
    public static Task<ReadmeApp> StartEmptyAsync(TestDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return StartAsync(new Dictionary<string, string>
        {
            [DatabaseSettings.ProviderKey] = "sqlite",
            [DatabaseSettings.DataDirectoryKey] = database.Settings.DataDirectory,
            [DatabaseSettings.ConnectionStringKey] = database.Settings.ConnectionString,
            ["EcoPlan:SeedDemoData"] = "false",
        });
    }

    /// <summary>Starts the app with <paramref name="settings"/> (configuration keys such as EcoPlan:DataDirectory) and waits until /healthz answers.</summary>
    public static async Task<ReadmeApp> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["run", "--project", "src/EcoPlan.Web", "--no-build", "-c", BuildConfiguration, "--", "--urls", "http://127.0.0.1:0"])
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's own environment must not leak in: the README's command runs in Production.
        foreach (var name in (string[])["ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_URLS", "ASPNETCORE_HOSTINGSTARTUPASSEMBLIES"])
        {
            start.Environment.Remove(name);
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var app = new ReadmeApp(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Read(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (app._log)
            {
                app._log.AppendLine(line);
            }

            if (ListeningLine().Match(line) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value + "/"));
            }
        }

        app._process.OutputDataReceived += (_, e) => Read(e.Data);
        app._process.ErrorDataReceived += (_, e) => Read(e.Data);
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        app._process.EnableRaisingEvents = true;
        app._process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"the app exited before listening:\n{app.Log}"));

        try
        {
            try
            {
                app.BaseAddress = await listening.Task.WaitAsync(TimeSpan.FromMinutes(3));
            }
            catch (TimeoutException)
            {
                throw new InvalidOperationException($"the app did not listen within 3 minutes:\n{app.Log}");
            }

            using var http = new HttpClient { BaseAddress = app.BaseAddress };
            var deadline = DateTime.UtcNow.AddMinutes(1);
            while (true)
            {
                try
                {
                    using var health = await http.GetAsync(new Uri("healthz", UriKind.Relative));
                    if (health.IsSuccessStatusCode)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not accepting connections yet.
                }

                if (DateTime.UtcNow >= deadline)
                {
                    throw new InvalidOperationException($"/healthz did not answer 200 within a minute:\n{app.Log}");
                }

                await Task.Delay(100);
            }

            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Debug or Release, as this test assembly was built: the app was built alongside it.</summary>
    private static string BuildConfiguration =>
        typeof(ReadmeApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BuildConfiguration").Value!;

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // `dotnet run` starts the app as a child process: end both.
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
