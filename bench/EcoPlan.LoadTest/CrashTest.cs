using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using EcoPlan.Cli;
using EcoPlan.Core.Data;
using EcoPlan.Core.Import;
using EcoPlan.Core.Plans;
using EcoPlan.Core.Progress;
using Microsoft.EntityFrameworkCore;

namespace EcoPlan.LoadTest;

/// <summary>
/// <c>crash</c> (bench/crash/kill-during-writes.sh): starts the web app on a fresh database, sends report bursts and
/// plan imports, kills the app with SIGKILL at a random moment, starts it again, and so on; then counts the writes the
/// app acknowledged that the database lacks (a report answered 200 but not stored submitted with its text, an import
/// redirected to its plan but not there) and the plans stored with fewer or more measures than their document.
/// Both must be 0. One JSON line on stdout; exit 1 when anything was lost or partial.
/// </summary>
internal static partial class CrashTest
{
    private const string Password = "Crash-test-2026";
    /// <summary>Imported again and again during the kills (as new versions).</summary>
    private const string PlanFile = "samples/plans/tongzhou-2026-ecological-protection.txt";

    /// <summary>Published with the first, for more units and measures to report on.</summary>
    private const string CityPlanFile = "samples/plans/beijing-2025-ecological-protection.txt";

    public static async Task<int> RunAsync(Func<string, string?> option)
    {
        var web = option("web") ?? throw new ArgumentException("--web DLL is required");
        var provider = option("provider") ?? "sqlite";
        var dataDirectory = Path.GetFullPath(option("data-dir") ?? throw new ArgumentException("--data-dir is required"));
        var connection = option("connection");
        var port = int.Parse(option("port") ?? "5393", CultureInfo.InvariantCulture);
        var kills = int.Parse(option("kills") ?? "3", CultureInfo.InvariantCulture);
        var clients = int.Parse(option("clients") ?? "16", CultureInfo.InvariantCulture);
        var random = new Random(int.Parse(option("seed") ?? "20261202", CultureInfo.InvariantCulture));
        var root = option("root") ?? Directory.GetCurrentDirectory();
        string[] target = connection is null ? ["--data-dir", dataDirectory] : ["--provider", provider, "--connection", connection, "--data-dir", dataDirectory];
        Directory.CreateDirectory(dataDirectory);
        var settings = DatabaseSettings.From(new EcoPlan.Core.Configuration.EcoPlanOptions { DataDirectory = dataDirectory, DatabaseProvider = provider }, connection);

        // The database: migrated, the two sample plans imported and published, an admin (for the imports) and one unit
        // account per responsible unit, through the ecoplan command in this process.
        var planPath = Path.Combine(root, PlanFile);
        await Cli(["db", "migrate", .. target]);
        var expectedMeasures = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var path in new[] { planPath, Path.Combine(root, CityPlanFile) })
        {
            await Cli(["plan", "import", path, "--publish", .. target]);
            var plan = (await PlanDocumentReader.ReadAsync(path)).Plan;
            expectedMeasures[plan.Title] = plan.Sections.SelectMany(s => s.Tasks).Sum(t => t.Measures.Count);
        }

        await Cli(["user", "add", "--name", "crash-admin", "--org", "北京市生态环境局", "--role", "admin", "--password", Password, .. target]);
        List<(string User, int Measure, int Year)> duties;
        await using (var db = DatabaseRegistration.CreateContext(settings))
        {
            var rows = await db.MeasureAssignments.Where(a => a.Role == AssignmentRole.Responsible && a.OrganizationId != null)
                .Select(a => new { a.MeasureId, Organization = a.OrganizationId!.Value, a.Organization!.Name, a.Measure!.Task!.Section!.Plan!.Year }).ToListAsync();
            foreach (var unit in rows.DistinctBy(r => r.Organization))
            {
                await Cli(["user", "add", "--name", $"crash-unit-{unit.Organization}", "--org", unit.Name, "--role", "unit", "--password", Password, .. target]);
            }

            duties = [.. rows.DistinctBy(r => (r.MeasureId, r.Organization)).Select(r => ($"crash-unit-{r.Organization}", r.MeasureId, r.Year))];
        }

        // Every duty reports for each month of its plan's year, months in turn, units interleaved (as at a month's end); a
        // month outside a measure's reporting cycle is refused (400) and counted as a refusal.
        var jobs = new ConcurrentQueue<(string User, int Measure, string Period)>(
            Enumerable.Range(1, 12).SelectMany(month => duties.Select(d => (d.User, d.Measure, $"{d.Year}-{month:00}"))));
        var acknowledged = new ConcurrentBag<(int ReportId, string Narrative)>();
        var importedPlans = new ConcurrentBag<int>();
        var failures = new ConcurrentBag<string>();
        var rounds = new List<object>();
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        for (var round = 0; round <= kills; round++)
        {
            using var app = StartApp(web, settings, baseUrl, Path.Combine(dataDirectory, $"app-{round}.log"));
            // Whatever goes wrong in this round, the app does not outlive the driver.
            using var killOnExit = new AppKiller(app);
            await WaitHealthyAsync(baseUrl, app);
            if (round == kills)
            {
                // The last start only proves the app comes up on what the kills left; it is stopped, not killed.
                app.Kill();
                await app.WaitForExitAsync();
                break;
            }

            using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = clients + 2 })
            {
                BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30),
            };
            var cookies = new ConcurrentDictionary<string, string>();
            foreach (var user in duties.Select(d => d.User).Distinct().Append("crash-admin"))
            {
                cookies[user] = await LoginAsync(http, user);
            }

            var reportsBefore = acknowledged.Count;
            var importsBefore = importedPlans.Count;
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, clients).Select(_ => Task.Run(() => ReportAsync(http, cookies, jobs, acknowledged, failures, stop.Token))).ToList();
            writers.Add(Task.Run(() => ImportAsync(http, cookies["crash-admin"], planPath, importedPlans, failures, stop.Token)));
            // Killed while both kinds of write are flowing: once this round has an acknowledged report and import (at
            // most 60 s), after a random further 0.5 to 3 s.
            var started = Stopwatch.StartNew();
            while ((acknowledged.Count == reportsBefore || importedPlans.Count == importsBefore) && started.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(50);
            }

            await Task.Delay(random.Next(500, 3000));
            var killAfter = started.Elapsed;
            app.Kill(); // SIGKILL: no shutdown, no flush
            await app.WaitForExitAsync();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
            rounds.Add(new { round = round + 1, killedAfterMs = (int)killAfter.TotalMilliseconds, reports = acknowledged.Count - reportsBefore, imports = importedPlans.Count - importsBefore });
        }

        // What the database holds after the kills, read directly.
        await using var check = DatabaseRegistration.CreateContext(settings);
        var stored = await check.ProgressReports.Select(r => new { r.Id, r.State, Narrative = r.Versions.OrderByDescending(v => v.Number).Select(v => v.Narrative).FirstOrDefault() })
            .ToDictionaryAsync(r => r.Id);
        var lostReports = acknowledged.Count(a => !stored.TryGetValue(a.ReportId, out var r) || r.State != ReportState.Submitted || r.Narrative != a.Narrative);
        var plans = await check.Plans.Select(p => new { p.Id, p.Title, Measures = check.Measures.Count(m => m.Task!.Section!.PlanId == p.Id) }).ToListAsync();
        // A new version's title is the document's, marked 新版本 N.
        var partialPlans = plans.Count(p => expectedMeasures.Single(e => p.Title.StartsWith(e.Key, StringComparison.Ordinal)).Value != p.Measures);
        var lostImports = importedPlans.Count(id => plans.All(p => p.Id != id));
        foreach (var failure in failures.Take(5))
        {
            await Console.Error.WriteLineAsync(failure);
        }

        Console.WriteLine(JsonSerializer.Serialize(new
        {
            benchmark = "crash", provider, kills, clients, rounds, acknowledgedReports = acknowledged.Count, lostReports,
            acknowledgedImports = importedPlans.Count, lostImports, plans = plans.Count, partialPlans, expectedMeasuresPerPlan = expectedMeasures.Values,
            refusals = failures.Count,
        }));
        return lostReports == 0 && lostImports == 0 && partialPlans == 0 && !acknowledged.IsEmpty && !importedPlans.IsEmpty ? 0 : 1;
    }

    private static async Task Cli(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        if (await EcoPlanCli.RunAsync([.. args, "--lang", "en"], output, error) != 0)
        {
            throw new InvalidOperationException($"ecoplan {string.Join(' ', args.Take(2))}: {error}");
        }
    }

    private static Process StartApp(string web, DatabaseSettings settings, Uri url, string log)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { web, "--urls", url.ToString().TrimEnd('/') })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["EcoPlan__DataDirectory"] = settings.DataDirectory;
        start.Environment["EcoPlan__DatabaseProvider"] = settings.Provider == DatabaseProvider.Postgres ? "postgres" : "sqlite";
        start.Environment["EcoPlan__SeedDemoData"] = "false";
        start.Environment["EcoPlan__Reminders__Enabled"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        if (settings.Provider == DatabaseProvider.Postgres)
        {
            start.Environment["ConnectionStrings__EcoPlan"] = settings.ConnectionString;
        }

        var writer = new StreamWriter(log) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("the web app did not start");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (writer) { writer.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (writer) { writer.WriteLine(e.Data); } } };
        process.Exited += (_, _) => { lock (writer) { writer.Dispose(); } };
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitHealthyAsync(Uri url, Process app)
    {
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(5) };
        for (var attempt = 0; attempt < 120; attempt++)
        {
            if (app.HasExited)
            {
                throw new InvalidOperationException($"the web app exited with {app.ExitCode} before it answered");
            }

            try
            {
                using var response = await http.GetAsync("healthz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"the web app at {url} did not become healthy in 60 s");
    }

    private static async Task<string> LoginAsync(HttpClient http, string user)
    {
        using var response = await http.PostAsJsonAsync("api/v1/auth/login", new { userName = user, password = Password });
        response.EnsureSuccessStatusCode();
        return Cookies(response, "");
    }

    /// <summary>The cookies the answer sets, added to <paramref name="cookie"/> (kept by hand: they are Secure, the test is plain HTTP).</summary>
    private static string Cookies(HttpResponseMessage response, string cookie)
    {
        var jar = cookie.Split("; ", StringSplitOptions.RemoveEmptyEntries).Select(c => c.Split('=', 2)).ToDictionary(c => c[0], c => c[1]);
        if (response.Headers.TryGetValues("Set-Cookie", out var set))
        {
            foreach (var pair in set.Select(c => c.Split(';')[0].Split('=', 2)))
            {
                jar[pair[0]] = pair[1];
            }
        }

        return string.Join("; ", jar.Select(c => $"{c.Key}={c.Value}"));
    }

    /// <summary>Saves and submits reports (one request each, as the form's 提交) until the app dies or the round stops; keeps what was answered 200.</summary>
    private static async Task ReportAsync(HttpClient http, ConcurrentDictionary<string, string> cookies, ConcurrentQueue<(string User, int Measure, string Period)> jobs,
        ConcurrentBag<(int ReportId, string Narrative)> acknowledged, ConcurrentBag<string> failures, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested && jobs.TryDequeue(out var job))
        {
            var narrative = $"崩溃测试 {job.Period} {job.Measure} {Guid.NewGuid():N}";
            using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/measures/{job.Measure}/reports")
            {
                Content = JsonContent.Create(new { period = job.Period, status = "InProgress", percent = 50, narrative, submit = true }),
            };
            request.Headers.Add("Cookie", cookies[job.User]);
            try
            {
                using var response = await http.SendAsync(request, stop);
                if (response.IsSuccessStatusCode)
                {
                    using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(stop));
                    acknowledged.Add((body.RootElement.GetProperty("id").GetInt32(), narrative));
                }
                else
                {
                    failures.Add($"report {job.Measure} {job.Period}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(stop)}");
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
            {
                // The app died with the request in flight: not acknowledged, so not counted. The job goes back for the next
                // round, and this client stops (else it would drain the queue against a dead port).
                jobs.Enqueue(job);
                return;
            }
        }
    }

    /// <summary>Imports the plan file again and again through the import pages (upload, then confirm as a new version), as a coordinator does.</summary>
    private static async Task ImportAsync(HttpClient http, string cookie, string planPath, ConcurrentBag<int> imported, ConcurrentBag<string> failures, CancellationToken stop)
    {
        var bytes = await File.ReadAllBytesAsync(planPath, stop);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var page = await SendAsync(http, new HttpRequestMessage(HttpMethod.Get, "plans/import"), cookie, stop);
                cookie = Cookies(page, cookie);
                var token = Token(await page.Content.ReadAsStringAsync(stop));
                using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent(bytes), "file", Path.GetFileName(planPath) } };
                using var upload = await SendAsync(http, new HttpRequestMessage(HttpMethod.Post, "plans/import") { Content = form }, cookie, stop);
                var preview = upload.Headers.Location?.ToString() ?? throw new InvalidOperationException($"upload: {(int)upload.StatusCode}");
                using var previewPage = await SendAsync(http, new HttpRequestMessage(HttpMethod.Get, preview.TrimStart('/')), cookie, stop);
                cookie = Cookies(previewPage, cookie);
                var confirmToken = Token(await previewPage.Content.ReadAsStringAsync(stop));
                using var fields = new FormUrlEncodedContent([new("__RequestVerificationToken", confirmToken), new("asNewVersion", "true")]);
                using var confirm = await SendAsync(http, new HttpRequestMessage(HttpMethod.Post, preview.TrimStart('/') + "/confirm") { Content = fields }, cookie, stop);
                var location = confirm.Headers.Location?.ToString() ?? "";
                if (PlanLocation().Match(location) is { Success: true } plan)
                {
                    imported.Add(int.Parse(plan.Groups[1].Value, CultureInfo.InvariantCulture));
                }
                else
                {
                    failures.Add($"import not confirmed: {(int)confirm.StatusCode} {location}");
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
            {
                return; // the app died
            }
            catch (InvalidOperationException ex)
            {
                // A page not as expected (signed out, a changed form): said once, and this round imports no more.
                failures.Add($"import: {ex.Message}");
                return;
            }
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, string cookie, CancellationToken stop)
    {
        using (request)
        {
            request.Headers.Add("Cookie", cookie);
            return await http.SendAsync(request, stop);
        }
    }

    private static string Token(string html) => AntiforgeryToken().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("no anti-forgery token on the page");

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("^/plans/(\\d+)$")]
    private static partial Regex PlanLocation();

    private sealed class AppKiller(Process app) : IDisposable
    {
        public void Dispose()
        {
            if (!app.HasExited)
            {
                app.Kill();
                app.WaitForExit();
            }
        }
    }
}
