using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EcoPlan.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace EcoPlan.LoadTest;

/// <summary>
/// Load driver for the progress benchmarks (bench/README.md):
/// <c>hash PASSWORD</c> prints an Identity password hash for the generated accounts;
/// <c>burst</c> signs in the generated units and has each save and submit its reports with N concurrent clients (in one request, or two);
/// <c>dashboard</c> requests plan dashboards with N concurrent clients;
/// <c>crash</c> kills the app during report bursts and imports and counts what was lost (<see cref="CrashTest"/>). Figures go to stdout as one JSON line.
/// </summary>
internal static class Program
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0)
        {
            await Console.Error.WriteLineAsync("usage: hash PASSWORD | burst --url U --db CONN --periods YYYY-MM[,YYYY-MM…] [--clients 64] [--over SECONDS] [--submit together|separate] | dashboard --url U --db CONN --date YYYY-MM-DD [--clients 8] [--requests 500] | crash --web DLL --data-dir DIR [--provider sqlite|postgres --connection CONN] [--kills 3] [--clients 16] [--port 5393]");
            return 2;
        }

        var options = Options.Parse(args.Skip(1));
        switch (args[0])
        {
            case "hash":
                Console.WriteLine(new PasswordHasher<EcoPlanUser>().HashPassword(new EcoPlanUser(), args[1]));
                return 0;
            case "burst":
                return await BurstAsync(options);
            case "dashboard":
                return await DashboardAsync(options);
            case "crash":
                return await CrashTest.RunAsync(name => options.Get(name, "") is { Length: > 0 } value ? value : null);
            default:
                await Console.Error.WriteLineAsync($"unknown command {args[0]}");
                return 2;
        }
    }

    /// <summary>Every generated unit saves and submits a report on each of its measures for the period: one request (or two, --submit separate) per report.</summary>
    private static async Task<int> BurstAsync(Options options)
    {
        // One URL, or several (apps on the same database and data directory, so a sign-in cookie is good on each): the rounds
        // go to them in turn, A B A B …, so a comparison holds while the shared machine's load drifts. --pids names each
        // app's process, for the app's CPU time per report (user + system, from /proc), steadier than wall-clock figures.
        var urls = options.Get("url").Split(',').Select(u => new Uri(u)).ToList();
        var pids = options.Get("pids", "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, Invariant)).ToList();
        var clients = options.Int("clients", 64);
        // Several periods: the units sign in once, then report for each period in turn (a round each; the first warms up).
        var periods = options.Get("periods").Split(',');
        var password = options.Get("password", "BenchUnit2026");
        // 0: closed loop, every client sends its next report as soon as the last is answered (the app's capacity).
        // N: the reports arrive evenly over N seconds (1,500 in 60 s is the month-end minute), still at most --clients at once.
        var over = TimeSpan.FromSeconds(options.Int("over", 0));
        // together: one request saves and submits ("submit": true), as the form's 提交 does; separate: a draft, then a submit (two requests).
        var separate = options.Get("submit", "together") switch
        {
            "together" => false,
            "separate" => true,
            var other => throw new ArgumentException($"--submit: {other} is neither together nor separate"),
        };

        // Which measures each generated unit is responsible for.
        var jobs = new List<(string User, int Measure)>();
        await using (var connection = new NpgsqlConnection(options.Get("db")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                """
                SELECT u."UserName", a."MeasureId" FROM "AspNetUsers" u
                JOIN "MeasureAssignments" a ON a."OrganizationId" = u."OrganizationId" AND a."Role" = 'Responsible'
                WHERE u."UserName" LIKE 'bench-unit-%' ORDER BY u."UserName", a."MeasureId"
                """, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                jobs.Add((reader.GetString(0), reader.GetInt32(1)));
            }
        }

        var https = urls.Select(u => NewClient(u, clients)).ToList();
        var http = https[0];
        var users = jobs.Select(j => j.User).Distinct().ToList();
        var cookies = new ConcurrentDictionary<string, string>();
        var loginWatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (user, ct) =>
            cookies[user] = await LoginAsync(http, user, password, ct));
        loginWatch.Stop();

        var failed = false;
        for (var round = 0; round < periods.Length; round++)
        {
            var app = round % urls.Count;
            var cpuBefore = pids.Count > app ? CpuSeconds(pids[app]) : 0;
            var databaseBefore = DatabaseCpuSeconds();
            var driverBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var figures = await RoundAsync(https[app], jobs, cookies, periods[round], clients, over, separate, users.Count, loginWatch.Elapsed.TotalSeconds);
            failed |= (int)figures["failures"] > 0;
            figures["url"] = urls[app].ToString();
            if (pids.Count > app)
            {
                figures["appCpuMsPerReport"] = Round((CpuSeconds(pids[app]) - cpuBefore) * 1000 / Math.Max(1, (int)figures["reports"]));
            }

            // Where the rest of the machine's time went: PostgreSQL's processes (when the server is local) and this driver.
            var reports = Math.Max(1, (int)figures["reports"]);
            figures["databaseCpuMsPerReport"] = Round((DatabaseCpuSeconds() - databaseBefore) * 1000 / reports);
            figures["driverCpuMsPerReport"] = Round((Process.GetCurrentProcess().TotalProcessorTime - driverBefore).TotalMilliseconds / reports);

            Print(figures);
        }

        https.ForEach(h => h.Dispose());
        return failed ? 1 : 0;
    }

    /// <summary>A process's CPU time so far: utime + stime from /proc/PID/stat, in clock ticks of 1/100 s.</summary>
    private static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], Invariant) + long.Parse(fields[12], Invariant)) / 100.0;
    }

    /// <summary>The CPU time so far of every process named postgres on this machine (0 when the server is elsewhere); a backend that ends between two readings is missed.</summary>
    private static double DatabaseCpuSeconds() => Directory.EnumerateDirectories("/proc")
        .Select(d => Path.GetFileName(d))
        .Where(name => name.All(char.IsAsciiDigit))
        .Sum(pid =>
        {
            try
            {
                return File.ReadAllText($"/proc/{pid}/comm").Trim() == "postgres" ? CpuSeconds(int.Parse(pid, Invariant)) : 0;
            }
            catch (IOException)
            {
                return 0; // the process ended meanwhile
            }
        });

    private static async Task<Dictionary<string, object>> RoundAsync(HttpClient http, List<(string User, int Measure)> jobs, ConcurrentDictionary<string, string> cookies, string period,
        int clients, TimeSpan over, bool separate, int units, double loginSeconds)
    {
        // Units interleaved, so concurrent clients are mostly different units (as at a real month's end). Paced (--over),
        // job i is due at i × over / jobs, and a report's time counts from when it was due, not from when a client was free
        // to send it, so a backlog shows in the figures.
        var queue = new ConcurrentQueue<(int Index, string User, int Measure)>(jobs.OrderBy(j => j.Measure % 3).ThenBy(j => j.User, StringComparer.Ordinal)
            .Select((j, i) => (i, j.User, j.Measure)));
        var requestMs = new ConcurrentBag<double>();
        var reportMs = new ConcurrentBag<double>();
        var failures = new ConcurrentBag<string>();
        var watch = Stopwatch.StartNew();
        var roundStart = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (queue.TryDequeue(out var job))
            {
                var cookie = cookies[job.User];
                // When the report was due to be sent: now (closed loop), or its place in the paced minute.
                var started = Stopwatch.GetTimestamp();
                if (over > TimeSpan.Zero)
                {
                    var dueAt = TimeSpan.FromTicks(over.Ticks * job.Index / jobs.Count);
                    var wait = dueAt - watch.Elapsed;
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait);
                    }

                    started = roundStart + (long)(dueAt.TotalSeconds * Stopwatch.Frequency);
                }

                var sent = Stopwatch.GetTimestamp();
                var body = new { period, status = "InProgress", percent = 50, narrative = "本月按计划推进，完成阶段性工作。", submit = !separate };
                using var save = new HttpRequestMessage(HttpMethod.Post, $"api/v1/measures/{job.Measure}/reports") { Content = JsonContent.Create(body) };
                save.Headers.Add("Cookie", cookie);
                using var saved = await http.SendAsync(save);
                var between = Stopwatch.GetTimestamp();
                requestMs.Add(Stopwatch.GetElapsedTime(sent, between).TotalMilliseconds);
                if (!saved.IsSuccessStatusCode)
                {
                    failures.Add($"save {job.Measure}: {(int)saved.StatusCode} {await saved.Content.ReadAsStringAsync()}");
                    continue;
                }

                if (!separate)
                {
                    reportMs.Add(Stopwatch.GetElapsedTime(started, between).TotalMilliseconds);
                    continue;
                }

                using var document = JsonDocument.Parse(await saved.Content.ReadAsStringAsync());
                var id = document.RootElement.GetProperty("id").GetInt32();
                // Bodiless, but JSON: a cookie-authenticated API write must say so (CsrfProtection).
                using var submit = new HttpRequestMessage(HttpMethod.Post, $"api/v1/reports/{id}/submit") { Content = new StringContent("", Encoding.UTF8, "application/json") };
                submit.Headers.Add("Cookie", cookie);
                var submitStarted = Stopwatch.GetTimestamp();
                using var submitted = await http.SendAsync(submit);
                var done = Stopwatch.GetTimestamp();
                requestMs.Add(Stopwatch.GetElapsedTime(submitStarted, done).TotalMilliseconds);
                if (!submitted.IsSuccessStatusCode)
                {
                    failures.Add($"submit {id}: {(int)submitted.StatusCode} {await submitted.Content.ReadAsStringAsync()}");
                    continue;
                }

                reportMs.Add(Stopwatch.GetElapsedTime(started, done).TotalMilliseconds);
            }
        })).ToList();
        await Task.WhenAll(workers);
        watch.Stop();

        foreach (var failure in failures.Take(5))
        {
            await Console.Error.WriteLineAsync(failure);
        }

        return new Dictionary<string, object>
        {
            ["benchmark"] = "burst", ["submit"] = separate ? "separate" : "together", ["period"] = period, ["clients"] = clients, ["overSeconds"] = over.TotalSeconds, ["units"] = units, ["reports"] = reportMs.Count,
            ["failures"] = failures.Count, ["loginSeconds"] = Round(loginSeconds), ["seconds"] = Round(watch.Elapsed.TotalSeconds),
            ["reportsPerSecond"] = Round(reportMs.Count / watch.Elapsed.TotalSeconds), ["requestsPerSecond"] = Round(requestMs.Count / watch.Elapsed.TotalSeconds),
            ["requestMs"] = Percentiles(requestMs), ["reportMs"] = Percentiles(reportMs),
        };
    }

    /// <summary>GET /api/v1/plans/{id}/dashboard for plans picked at random (fixed seed), after one warm-up request per client.</summary>
    private static async Task<int> DashboardAsync(Options options)
    {
        var url = new Uri(options.Get("url"));
        var clients = options.Int("clients", 8);
        var requests = options.Int("requests", 500);
        var date = options.Get("date");
        List<int> plans = [];
        await using (var connection = new NpgsqlConnection(options.Get("db")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""SELECT "Id" FROM "Plans" WHERE "Title" LIKE '全国基准计划%' ORDER BY "Id" """, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                plans.Add(reader.GetInt32(0));
            }
        }

        using var http = NewClient(url, clients);
        var cookie = await LoginAsync(http, options.Get("user", "bench-viewer"), options.Get("password", "BenchUnit2026"), CancellationToken.None);
        var random = new Random(20261122);
        var picks = new ConcurrentQueue<int>(Enumerable.Range(0, requests).Select(_ => plans[random.Next(plans.Count)]));
        var latencies = new ConcurrentBag<double>();
        var bytes = new ConcurrentBag<long>();
        var failures = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var warm = true;
            while (true)
            {
                int plan;
                if (warm)
                {
                    plan = plans[c % plans.Count];
                }
                else if (!picks.TryDequeue(out plan))
                {
                    break;
                }

                using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/plans/{plan}/dashboard?date={date}");
                request.Headers.Add("Cookie", cookie);
                var started = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request);
                var content = await response.Content.ReadAsByteArrayAsync();
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                }
                else if (!warm)
                {
                    latencies.Add(elapsed);
                    bytes.Add(content.LongLength);
                }

                warm = false;
            }
        })));
        watch.Stop();
        Print(new Dictionary<string, object>
        {
            ["benchmark"] = "dashboard", ["date"] = date, ["clients"] = clients, ["plans"] = plans.Count, ["requests"] = latencies.Count, ["failures"] = failures,
            ["seconds"] = Round(watch.Elapsed.TotalSeconds), ["requestsPerSecond"] = Round(latencies.Count / watch.Elapsed.TotalSeconds),
            ["averageKb"] = bytes.IsEmpty ? 0 : Round(bytes.Average() / 1024), ["ms"] = Percentiles(latencies),
        });
        return failures == 0 ? 0 : 1;
    }

    /// <summary>One connection pool for all simulated users; each request carries its user's cookie (the cookie is Secure, the benchmark is plain HTTP on loopback).</summary>
    private static HttpClient NewClient(Uri url, int clients) =>
        new(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = url, Timeout = TimeSpan.FromMinutes(2),
        };

    private static async Task<string> LoginAsync(HttpClient http, string user, string password, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("api/v1/auth/login", new { userName = user, password }, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK || !response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            throw new InvalidOperationException($"login {user}: {(int)response.StatusCode}");
        }

        return string.Join("; ", setCookies.Select(c => c.Split(';')[0]));
    }

    private static Dictionary<string, double> Percentiles(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        double At(double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return new Dictionary<string, double>
        {
            ["p50"] = Round(At(0.50)), ["p95"] = Round(At(0.95)), ["p99"] = Round(At(0.99)), ["max"] = Round(sorted.LastOrDefault()),
            ["mean"] = Round(sorted.Length == 0 ? 0 : sorted.Average()),
        };
    }

    private static double Round(double value) => Math.Round(value, 1);

    private static void Print(Dictionary<string, object> figures) => Console.WriteLine(JsonSerializer.Serialize(figures));

    private sealed class Options
    {
        private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

        public static Options Parse(IEnumerable<string> args)
        {
            var options = new Options();
            var list = args.ToList();
            for (var i = 0; i + 1 < list.Count; i += 2)
            {
                options._values[list[i].TrimStart('-')] = list[i + 1];
            }

            return options;
        }

        public string Get(string name, string? fallback = null) =>
            _values.GetValueOrDefault(name) ?? fallback ?? throw new ArgumentException($"--{name} is required");

        public int Int(string name, int fallback) => _values.TryGetValue(name, out var v) ? int.Parse(v, Invariant) : fallback;
    }
}
