using System.Diagnostics;
using System.Globalization;
using System.Text;
using EcoPlan.Core.Spatial;
using EcoPlan.Testing;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Npgsql;

namespace EcoPlan.Benchmarks;

/// <summary>
/// `clue-intake [N] [--no-postgis] [--postgis CONNECTION]` (issue 13, "Storage and speed"): the spatial work of a clue
/// batch's intake, in process (<see cref="BoundaryIndex"/>, <see cref="OpenClueIndex"/>) and by PostGIS doing the
/// same join in the same run. N generated clue polygons of 50 vertices in EPSG:4527 (100,000 by default) are
/// reprojected to lon/lat, measured on the ellipsoid, assigned over 400 generated townships and deduped against N
/// open clues and the features of the batch before them. Prints what it timed, the peak working set, and how far the
/// two sides agree.
/// </summary>
internal static class ClueIntakeBenchmark
{
    private const string DefaultServer = "Host=127.0.0.1;Port=55432;Username=postgres;Password=postgres";
    private const string Database = "ecoplan_bench_clues";

    public static void Run(string[] args)
    {
        // Figures with a decimal point whatever the machine's locale.
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var count = args.Length > 1 && int.TryParse(args[1], CultureInfo.InvariantCulture, out var n) ? n : 100_000;
        var withPostgis = !args.Contains("--no-postgis");
        var parallel = args.Contains("--postgis-parallel");
        var server = args.SkipWhile(a => a != "--postgis").Skip(1).FirstOrDefault() ?? DefaultServer;
        Print($"clue-intake N={count}; load average {File.ReadAllText("/proc/loadavg").Trim()}; {Environment.ProcessorCount} cores; commit {Commit()}");

        var clock = Stopwatch.StartNew();
        var data = Generate(count);
        Print($"generated {data.Townships.Count} townships, {count} open clues (lon/lat), {count} batch clues (EPSG:4527, {data.Batch[0].NumPoints - 1} vertices) in {clock.Elapsed.TotalSeconds:0.0} s (not timed below)");
        ForceGc();
        var heapBefore = GC.GetTotalMemory(true);

        var (results, times) = InProcess(data);
        var heapAfter = GC.GetTotalMemory(false);
        Print($"in process (one thread): index build {times.Build:0.00} s (400 townships {times.BuildTownships:0.000} s, {count} open clues {times.BuildOpen:0.00} s); " +
              $"per feature: reproject {times.Reproject:0.00} s, geodesic area {times.Area:0.00} s, assign {times.Assign:0.00} s, dedupe {times.Dedupe:0.00} s; total {times.Total:0.00} s wall, {times.Cpu:0.00} s CPU (process, GC threads included)");
        Print($"  assigned {results.Count(r => r.Township is not null)}, district queue {results.Count(r => r.Township is null)}, with cooperating {results.Count(r => r.Cooperating.Length > 0)}, " +
              $"duplicates {results.Count(r => r.DuplicateOf is not null)} (of open clues {results.Count(r => r.DuplicateOf <= count)}, within the batch {results.Count(r => r.DuplicateOf > count)})");
        Print($"  memory: peak working set {PeakWorkingSetMegabytes():0} MB (whole process: inputs, indexes, results); managed heap {heapBefore / 1e6:0} MB before the intake, {heapAfter / 1e6:0} MB after (indexes alive)");
        GC.KeepAlive(data);

        if (withPostgis)
        {
            PostGis(server, data, results, parallel);
        }
    }

    private static GeneratedBatch Generate(int count)
    {
        var zone = SyntheticGeodata.Zone39();
        var open = SyntheticGeodata.CluePolygons(count, seed: 1).Select(zone.ToLonLat).ToArray();
        var fresh = SyntheticGeodata.CluePolygons(count, seed: 2);
        var random = new Random(3);
        var batch = new Geometry[count];
        for (var i = 0; i < count; i++)
        {
            // One in five is another programme's drawing of an open clue; one in fifty redraws the feature before it.
            batch[i] = (i % 5, i % 50) switch
            {
                (0, _) => SyntheticGeodata.Redrawn(zone.FromLonLat(open[random.Next(count)]), seed: i, scale: 0.9),
                (_, 2) => SyntheticGeodata.Redrawn(batch[i - 1], seed: i, scale: 1.1),
                _ => fresh[i],
            };
        }

        return new GeneratedBatch(SyntheticGeodata.Townships(), open, batch);
    }

    private static (List<IntakeResult> Results, InProcessTimes Times) InProcess(GeneratedBatch data)
    {
        var zone = SyntheticGeodata.Zone39();
        var count = data.Open.Length;
        var cpu = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        var townships = new BoundaryIndex(data.Townships);
        var buildTownships = clock.Elapsed.TotalSeconds;
        var open = new OpenClueIndex(data.Open.Select((g, i) => ((long)(i + 1), g)));
        var build = clock.Elapsed.TotalSeconds;

        long reproject = 0, area = 0, assign = 0, dedupe = 0;
        var results = new List<IntakeResult>(count);
        for (var i = 0; i < data.Batch.Length; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            var lonLat = zone.ToLonLat(data.Batch[i]);
            var t1 = Stopwatch.GetTimestamp();
            var squareMeters = GeodesicArea.SquareMeters(lonLat);
            var t2 = Stopwatch.GetTimestamp();
            var assignment = townships.Assign(lonLat);
            var t3 = Stopwatch.GetTimestamp();
            var id = count + i + 1L;
            var duplicate = open.FindDuplicate(lonLat);
            if (duplicate is null)
            {
                open.Add(id, lonLat);
            }

            var t4 = Stopwatch.GetTimestamp();
            (reproject, area, assign, dedupe) = (reproject + t1 - t0, area + t2 - t1, assign + t3 - t2, dedupe + t4 - t3);
            results.Add(new IntakeResult(id, assignment.TownshipCode, [.. assignment.CooperatingCodes], duplicate, squareMeters));
        }

        var total = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Environment.CpuUsage.TotalTime - cpu).TotalSeconds;
        double Seconds(long ticks) => (double)ticks / Stopwatch.Frequency;
        return (results, new InProcessTimes(buildTownships, build - buildTownships, build, Seconds(reproject), Seconds(area), Seconds(assign), Seconds(dedupe), total, cpuSeconds));
    }

    /// <summary>
    /// The same work in PostGIS: load (timed apart), then two timed statements, as an intake in SQL would run them:
    /// the batch reprojected into a table with its GiST index, and one join that measures, assigns and dedupes.
    /// </summary>
    private static void PostGis(string server, GeneratedBatch data, List<IntakeResult> inProcess, bool parallel)
    {
        var count = data.Open.Length;
        using (var admin = Open(server, "postgres"))
        {
            Execute(admin, $"DROP DATABASE IF EXISTS {Database}");
            Execute(admin, $"CREATE DATABASE {Database}");
        }

        using var db = Open(server, Database);
        Execute(db, "CREATE EXTENSION postgis");
        Print($"PostGIS {Scalar(db, "SELECT postgis_lib_version()")} on {Scalar(db, "SELECT version()").Split(" on ")[0]}; " +
              $"max_parallel_workers_per_gather {Scalar(db, "SHOW max_parallel_workers_per_gather")}, work_mem {Scalar(db, "SHOW work_mem")}, shared_buffers {Scalar(db, "SHOW shared_buffers")}");

        var clock = Stopwatch.StartNew();
        Execute(db, "CREATE TABLE township (code text PRIMARY KEY, geom geometry(Polygon, 4326) NOT NULL)");
        Execute(db, "CREATE TABLE open_clue (id bigint PRIMARY KEY, geom geometry(Polygon, 4326) NOT NULL)");
        Execute(db, "CREATE TABLE batch (id bigint PRIMARY KEY, geom geometry(Polygon, 4527) NOT NULL)");
        Copy(db, "township (code, geom)", data.Townships.Select(t => (t.Code, t.LonLat)));
        Copy(db, "open_clue (id, geom)", data.Open.Select((g, i) => ((i + 1L).ToString(CultureInfo.InvariantCulture), g)));
        Copy(db, "batch (id, geom)", data.Batch.Select((g, i) => ((count + i + 1L).ToString(CultureInfo.InvariantCulture), g)));
        Execute(db, "CREATE INDEX ON township USING gist (geom)");
        Execute(db, "CREATE INDEX ON open_clue USING gist (geom)");
        Execute(db, "VACUUM ANALYZE");
        Print($"PostGIS load (not timed as intake): {clock.Elapsed.TotalSeconds:0.0} s (COPY of hex EWKB, GiST on township and open_clue, VACUUM ANALYZE)");

        // One core, as the in-process intake: the backend's own CPU time is then all of the work.
        if (!parallel)
        {
            Execute(db, "SET max_parallel_workers_per_gather = 0");
            Execute(db, "SET max_parallel_maintenance_workers = 0");
        }

        var backend = int.Parse(Scalar(db, "SELECT pg_backend_pid()"), CultureInfo.InvariantCulture);
        var cpu = BackendCpuSeconds(backend);
        clock.Restart();
        Execute(db, "CREATE TABLE batch_lonlat AS SELECT id, ST_Transform(geom, 4326) AS geom FROM batch");
        Execute(db, "CREATE INDEX ON batch_lonlat USING gist (geom)");
        Execute(db, "ANALYZE batch_lonlat");
        var reproject = clock.Elapsed.TotalSeconds;
        clock.Restart();
        Execute(db, IntakeJoin);
        var join = clock.Elapsed.TotalSeconds;
        var cpuSeconds = BackendCpuSeconds(backend) - cpu;
        Print($"PostGIS intake ({(parallel ? "server's parallel settings" : "no parallel workers")}): reproject into batch_lonlat + GiST + ANALYZE {reproject:0.00} s; " +
              $"join (area on geography, assign, dedupe) {join:0.00} s; total {reproject + join:0.00} s wall, {cpuSeconds:0.00} s CPU of the backend{(parallel ? " (parallel workers not counted)" : "")}");

        // Agreement, not timed.
        var sql = new Dictionary<long, (string? Township, long? DuplicateOf, double Area)>();
        using (var command = new NpgsqlCommand("SELECT id, township, duplicate_of, area_m2 FROM intake_result", db))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                sql[reader.GetInt64(0)] = (reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt64(2), reader.GetDouble(3));
            }
        }

        var sameTownship = inProcess.Count(r => sql[r.Id].Township == r.Township);
        var bothOpenDuplicates = inProcess.Count(r => r.DuplicateOf <= count && sql[r.Id].DuplicateOf == r.DuplicateOf);
        var openDuplicatesInProcess = inProcess.Count(r => r.DuplicateOf <= count);
        var openDuplicatesSql = sql.Values.Count(v => v.DuplicateOf <= count);
        var largestAreaDifference = inProcess.Max(r => Math.Abs(r.SquareMeters - sql[r.Id].Area) / r.SquareMeters);
        Print($"agreement: same township {sameTownship} of {inProcess.Count}; duplicates of open clues: in process {openDuplicatesInProcess}, PostGIS {openDuplicatesSql}, the same id {bothOpenDuplicates}; " +
              $"within the batch: in process {inProcess.Count(r => r.DuplicateOf > count)}, PostGIS {sql.Values.Count(v => v.DuplicateOf > count)}; largest relative area difference {largestAreaDifference:0.0e0}");

        db.Close();
        using var cleanup = Open(server, "postgres");
        Execute(cleanup, $"DROP DATABASE {Database} WITH (FORCE)");
    }

    /// <summary>
    /// The join, with the in-process rules: the township of the largest share (ST_CoveredBy first, as the prepared
    /// covers test there), cooperating at ≥ 1 %; the duplicate of the largest overlap share (intersection over the
    /// smaller area) ≥ 0.5 among open clues, else among earlier features of the batch. Shares on lon/lat geometry as in
    /// process; the area in m² on geography. Unlike the in-process intake, a feature is compared with every earlier
    /// feature, duplicates too: a little more work, never less.
    /// </summary>
    private const string IntakeJoin = """
        CREATE TABLE intake_result AS
        SELECT b.id,
               ST_Area(b.geom::geography) AS area_m2,
               a.township, a.share, a.cooperating,
               coalesce(o.id, e.id) AS duplicate_of
        FROM batch_lonlat b
        LEFT JOIN LATERAL (
            SELECT (array_agg(s.code ORDER BY s.share DESC, s.code))[1] AS township,
                   max(s.share) AS share,
                   array_remove((array_agg(CASE WHEN s.share >= 0.01 THEN s.code END ORDER BY s.share DESC, s.code))[2:], NULL) AS cooperating
            FROM (SELECT t.code,
                         CASE WHEN ST_CoveredBy(b.geom, t.geom) THEN 1.0
                              ELSE ST_Area(ST_Intersection(b.geom, t.geom)) / ST_Area(b.geom) END AS share
                  FROM township t
                  WHERE ST_Intersects(b.geom, t.geom)) s
            WHERE s.share > 0
        ) a ON true
        LEFT JOIN LATERAL (
            SELECT c.id
            FROM (SELECT c.id, ST_Area(ST_Intersection(b.geom, c.geom)) / least(ST_Area(b.geom), ST_Area(c.geom)) AS share
                  FROM open_clue c
                  WHERE ST_Intersects(b.geom, c.geom)) c
            WHERE c.share >= 0.5
            ORDER BY c.share DESC, c.id
            LIMIT 1
        ) o ON true
        LEFT JOIN LATERAL (
            SELECT e.id
            FROM (SELECT e.id, ST_Area(ST_Intersection(b.geom, e.geom)) / least(ST_Area(b.geom), ST_Area(e.geom)) AS share
                  FROM batch_lonlat e
                  WHERE e.id < b.id AND ST_Intersects(b.geom, e.geom)) e
            WHERE e.share >= 0.5
            ORDER BY e.share DESC, e.id
            LIMIT 1
        ) e ON o.id IS NULL
        """;

    private static NpgsqlConnection Open(string server, string database)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = database, CommandTimeout = 0 }.ConnectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static string Scalar(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }

    /// <summary>COPY in text format, each geometry as hex EWKB (with its SRID), which PostGIS reads as geometry input.</summary>
    private static void Copy(NpgsqlConnection connection, string table, IEnumerable<(string Key, Geometry Geometry)> rows)
    {
        var writer = new WKBWriter(ByteOrder.LittleEndian, handleSRID: true);
        using var copy = connection.BeginTextImport($"COPY {table} FROM STDIN");
        var line = new StringBuilder();
        foreach (var (key, geometry) in rows)
        {
            line.Clear().Append(key).Append('\t').Append(Convert.ToHexString(writer.Write(geometry))).Append('\n');
            copy.Write(line);
        }
    }

    /// <summary>User + system time of a server process (the server is local), from /proc in clock ticks of 10 ms.</summary>
    private static double BackendCpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static double PeakWorkingSetMegabytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return double.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
    }

    private static void ForceGc()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static string Commit()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD") { RedirectStandardOutput = true, WorkingDirectory = AppContext.BaseDirectory })!;
            var commit = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return commit;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "?";
        }
    }

    private static void Print(string line) => Console.WriteLine(line);

    private sealed record GeneratedBatch(IReadOnlyList<(string Code, Geometry LonLat)> Townships, Geometry[] Open, Geometry[] Batch);

    private sealed record IntakeResult(long Id, string? Township, string[] Cooperating, long? DuplicateOf, double SquareMeters);

    private sealed record InProcessTimes(double BuildTownships, double BuildOpen, double Build, double Reproject, double Area, double Assign, double Dedupe, double Total, double Cpu);
}
