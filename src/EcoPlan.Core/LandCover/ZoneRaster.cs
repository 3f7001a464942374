using System.Security.Cryptography;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace EcoPlan.Core.LandCover;

/// <summary>One zone of an analysis: its GB/T 2260 code (as the zones file keys it) and its polygon in lon/lat.</summary>
public sealed record LandZone(string Code, string? Name, Geometry LonLat);

/// <summary>
/// Zones rasterized onto a <see cref="RasterGrid"/> by the pixel-centre rule: a pixel belongs to a zone when its
/// centre is inside the polygon (even-odd over all rings, so holes and multi-part zones are respected; a centre on a
/// left or top edge is inside, on a right or bottom edge outside, so neighbours sharing an edge never share a pixel).
/// Held as runs per row, not a pixel array, so a 164-million-pixel grid with a few hundred zones takes a few MB.
/// Zones whose codes have the same length form one level (districts, townships); levels may overlap each other and
/// are counted separately. Within a level, where two zones overlap, the pixel goes to the zone whose run starts
/// first in that row.
/// </summary>
public sealed class ZoneRaster
{
    private const int CacheFormat = 1;

    private ZoneRaster(RasterGrid grid, IReadOnlyList<string> codes, IReadOnlyList<ZoneLevel> levels)
    {
        Grid = grid;
        Codes = codes;
        Levels = levels;
    }

    public RasterGrid Grid { get; }

    /// <summary>The zone codes; a run's zone is an index into this list.</summary>
    public IReadOnlyList<string> Codes { get; }

    public IReadOnlyList<ZoneLevel> Levels { get; }

    /// <summary>Whether it came from the cache rather than being rasterized now.</summary>
    public bool FromCache { get; private init; }

    /// <summary>
    /// The zones on <paramref name="grid"/>, read from <paramref name="cacheDirectory"/> when the same zones were
    /// rasterized onto the same grid before (keyed by a SHA-256 of the grid and every zone's code and geometry), else
    /// rasterized and written there. A null directory rasterizes without caching.
    /// </summary>
    public static ZoneRaster Build(RasterGrid grid, IReadOnlyList<LandZone> zones, string? cacheDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(zones);
        var key = CacheKey(grid, zones);
        var path = cacheDirectory is null ? null : Path.Combine(cacheDirectory, key + ".zones");
        if (path is not null && TryRead(path, grid, key) is { } cached)
        {
            return cached;
        }

        var raster = Rasterize(grid, zones);
        if (path is not null)
        {
            Write(raster, path, key);
        }

        return raster;
    }

    private static ZoneRaster Rasterize(RasterGrid grid, IReadOnlyList<LandZone> zones)
    {
        var levels = new List<ZoneLevel>();
        foreach (var level in zones.Select((z, i) => (Zone: z, Index: i)).GroupBy(z => z.Zone.Code.Length).OrderBy(g => g.Key))
        {
            var rows = new List<(int X0, int X1, int Zone)>?[grid.Height];
            foreach (var (zone, index) in level)
            {
                AddRuns(grid, grid.Crs.FromLonLat(zone.LonLat), index, rows);
            }

            levels.Add(ZoneLevel.From(level.Key, rows));
        }

        return new ZoneRaster(grid, [.. zones.Select(z => z.Code)], levels);
    }

    /// <summary>Scanline fill of one zone (in the grid's CRS) into the runs of its level.</summary>
    private static void AddRuns(RasterGrid grid, Geometry geometry, int zone, List<(int X0, int X1, int Zone)>?[] rows)
    {
        // Edges in pixel coordinates (column, row as continuous values; a pixel centre is at c + 0.5, r + 0.5).
        var edges = new List<(double X0, double Y0, double X1, double Y1)>();
        for (var p = 0; p < geometry.NumGeometries; p++)
        {
            if (geometry.GetGeometryN(p) is not Polygon polygon)
            {
                continue;
            }

            foreach (var ring in (LineString[])[polygon.ExteriorRing, .. polygon.InteriorRings])
            {
                var points = ring.Coordinates;
                for (var i = 1; i < points.Length; i++)
                {
                    var (x0, y0) = ((points[i - 1].X - grid.OriginX) / grid.PixelWidth, (grid.OriginY - points[i - 1].Y) / grid.PixelHeight);
                    var (x1, y1) = ((points[i].X - grid.OriginX) / grid.PixelWidth, (grid.OriginY - points[i].Y) / grid.PixelHeight);
                    if (y0 != y1)
                    {
                        edges.Add(y0 < y1 ? (x0, y0, x1, y1) : (x1, y1, x0, y0));
                    }
                }
            }
        }

        if (edges.Count == 0)
        {
            return;
        }

        // An edge crosses the centres of rows ceil(y0 − ½) … ceil(y1 − ½) − 1 (half-open in y).
        static int FirstRow(double y) => (int)Math.Max(int.MinValue / 2, Math.Ceiling(y - 0.5));
        edges.Sort((a, b) => a.Y0.CompareTo(b.Y0));
        var first = Math.Max(0, FirstRow(edges[0].Y0));
        var last = Math.Min(grid.Height - 1, FirstRow(edges.Max(e => e.Y1)) - 1);
        var active = new List<(double X0, double Y0, double X1, double Y1)>();
        var crossings = new List<double>();
        var next = 0;
        for (var row = first; row <= last; row++)
        {
            var centre = row + 0.5;
            while (next < edges.Count && edges[next].Y0 <= centre)
            {
                active.Add(edges[next++]);
            }

            active.RemoveAll(e => e.Y1 <= centre);
            crossings.Clear();
            foreach (var e in active)
            {
                if (e.Y0 <= centre)
                {
                    crossings.Add(e.X0 + ((centre - e.Y0) * (e.X1 - e.X0) / (e.Y1 - e.Y0)));
                }
            }

            crossings.Sort();
            for (var i = 0; i + 1 < crossings.Count; i += 2)
            {
                // Columns whose centre c + ½ lies in [left, right).
                var x0 = (int)Math.Clamp(Math.Ceiling(crossings[i] - 0.5), 0, grid.Width);
                var x1 = (int)Math.Clamp(Math.Ceiling(crossings[i + 1] - 0.5), 0, grid.Width);
                if (x1 > x0)
                {
                    (rows[row] ??= []).Add((x0, x1, zone));
                }
            }
        }
    }

    private static string CacheKey(RasterGrid grid, IReadOnlyList<LandZone> zones)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{CacheFormat}|{grid.Key}|"));
        var writer = new WKBWriter();
        foreach (var zone in zones)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(zone.Code + "|"));
            hash.AppendData(writer.Write(zone.LonLat));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Write(ZoneRaster raster, string path, string key)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written aside then moved, so a run interrupted midway never leaves a half file another run would trust.
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        using (var writer = new BinaryWriter(File.Create(temporary)))
        {
            writer.Write(key);
            writer.Write(raster.Codes.Count);
            foreach (var code in raster.Codes)
            {
                writer.Write(code);
            }

            writer.Write(raster.Levels.Count);
            foreach (var level in raster.Levels)
            {
                writer.Write(level.CodeLength);
                WriteInts(writer, level.RowStarts);
                WriteInts(writer, level.Starts);
                WriteInts(writer, level.Ends);
                WriteInts(writer, level.Zones);
            }
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static ZoneRaster? TryRead(string path, RasterGrid grid, string key)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var reader = new BinaryReader(File.OpenRead(path));
            if (reader.ReadString() != key)
            {
                return null;
            }

            var codes = new string[reader.ReadInt32()];
            for (var i = 0; i < codes.Length; i++)
            {
                codes[i] = reader.ReadString();
            }

            var levels = new ZoneLevel[reader.ReadInt32()];
            for (var i = 0; i < levels.Length; i++)
            {
                levels[i] = new ZoneLevel(reader.ReadInt32(), ReadInts(reader), ReadInts(reader), ReadInts(reader), ReadInts(reader));
            }

            return levels.All(l => l.RowStarts.Length == grid.Height + 1) ? new ZoneRaster(grid, codes, levels) { FromCache = true } : null;
        }
        catch (Exception ex) when (ex is IOException or EndOfStreamException or FormatException or OverflowException)
        {
            // A damaged cache file is rebuilt, never trusted.
            return null;
        }
    }

    private static void WriteInts(BinaryWriter writer, int[] values)
    {
        writer.Write(values.Length);
        writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
    }

    private static int[] ReadInts(BinaryReader reader)
    {
        var length = reader.ReadInt32();
        var values = new int[length];
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan());
        if (reader.Read(bytes) != bytes.Length)
        {
            throw new EndOfStreamException();
        }

        return values;
    }
}

/// <summary>
/// The runs of one level of zones (codes of one length): row r's runs are indices
/// <c>RowStarts[r] … RowStarts[r + 1] − 1</c>, each columns [Starts[i], Ends[i]) of zone Zones[i], in column order, disjoint.
/// </summary>
public sealed record ZoneLevel(int CodeLength, int[] RowStarts, int[] Starts, int[] Ends, int[] Zones)
{
    internal static ZoneLevel From(int codeLength, List<(int X0, int X1, int Zone)>?[] rows)
    {
        var rowStarts = new int[rows.Length + 1];
        List<int> starts = [], ends = [], zones = [];
        for (var r = 0; r < rows.Length; r++)
        {
            rowStarts[r] = starts.Count;
            if (rows[r] is not { } runs)
            {
                continue;
            }

            runs.Sort((a, b) => a.X0.CompareTo(b.X0));
            var reached = 0;
            foreach (var (x0, x1, zone) in runs)
            {
                // An overlap within a level: the part already taken stays with the zone whose run came first.
                var from = Math.Max(x0, reached);
                if (x1 > from)
                {
                    starts.Add(from);
                    ends.Add(x1);
                    zones.Add(zone);
                    reached = x1;
                }
            }
        }

        rowStarts[rows.Length] = starts.Count;
        return new ZoneLevel(codeLength, rowStarts, [.. starts], [.. ends], [.. zones]);
    }
}
