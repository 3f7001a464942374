namespace EcoPlan.Web.Clues.Map;

/// <summary>
/// The optional basemap: 天地图 (the national geographic information service) WMTS tiles, vector map (vec) with its labels
/// (cva), in the matrix set "c": CGCS2000 geographic coordinates, the datum EcoPlan stores evidence in. On only when
/// EcoPlan:Map:TiandituKey is set; without it the map draws no tile and asks no server.
/// <para>
/// Never a GCJ-02 basemap (高德, 腾讯, 百度's BD-09): those shift the map by a secret, position-dependent offset of
/// hundreds of metres, so a clue or a photo position in CGCS2000/WGS84 would be drawn on the wrong field, and a site
/// check judged against it would be wrong. 天地图 is published in CGCS2000, which agrees with WGS84 to centimetres.
/// </para>
/// </summary>
public static class TiandituBasemap
{
    public const string ConfigurationKey = EcoPlan.Core.Configuration.MapOptions.TiandituKeyKey;

    private const int TilePixels = 256;
    private const int MinimumLevel = 1, MaximumLevel = 18;
    private const int MaximumTiles = 64;

    /// <summary>The tile servers t0 … t7, for the content policy's img-src.</summary>
    public static IReadOnlyList<string> Hosts { get; } = [.. Enumerable.Range(0, 8).Select(i => $"https://t{i}.tianditu.gov.cn")];

    /// <summary>The key, or null when no basemap is configured.</summary>
    public static string? Key(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var key = configuration[ConfigurationKey]?.Trim();
        return string.IsNullOrEmpty(key) ? null : key;
    }

    /// <summary>A tile: its lon/lat square and the URLs of the map and of its labels.</summary>
    internal sealed record Tile(double West, double South, double East, double North, string MapUrl, string LabelUrl);

    /// <summary>
    /// The tiles that cover <paramref name="frame"/>, at the level whose pixels are about as fine as the frame's units.
    /// In set "c", level z is 2^z × 2^(z−1) tiles of 360/2^z degrees square, counted from (−180°, 90°).
    /// </summary>
    internal static IReadOnlyList<Tile> Cover(MapFrame frame, string key)
    {
        var (west, south, east, north) = frame.Bounds;
        // At level z the frame's longitudes span (east − west)·2^z·256/360 tile pixels, drawn over its Width units:
        // the first level with at least one pixel per unit (so a tile is never blown up at the first zoom).
        var level = (int)Math.Ceiling(Math.Log2(MapFrame.Width * 360 / (TilePixels * (east - west))));
        level = Math.Clamp(level, MinimumLevel, MaximumLevel);
        List<Tile> tiles;
        do
        {
            tiles = TilesAt(level, west, south, east, north, key);
        }
        while (tiles.Count > MaximumTiles && --level >= MinimumLevel);

        return tiles;
    }

    private static List<Tile> TilesAt(int level, double west, double south, double east, double north, string key)
    {
        var span = 360.0 / (1 << level);
        var columns = 1 << level;
        var rows = 1 << (level - 1);
        var firstColumn = Math.Clamp((int)Math.Floor((west + 180) / span), 0, columns - 1);
        var lastColumn = Math.Clamp((int)Math.Floor((east + 180) / span), 0, columns - 1);
        var firstRow = Math.Clamp((int)Math.Floor((90 - north) / span), 0, rows - 1);
        var lastRow = Math.Clamp((int)Math.Floor((90 - south) / span), 0, rows - 1);
        var tiles = new List<Tile>();
        for (var row = firstRow; row <= lastRow; row++)
        {
            for (var column = firstColumn; column <= lastColumn; column++)
            {
                var host = Hosts[(row + column) % Hosts.Count];
                tiles.Add(new Tile(
                    -180 + (column * span), 90 - ((row + 1) * span), -180 + ((column + 1) * span), 90 - (row * span),
                    Url(host, "vec", level, row, column, key), Url(host, "cva", level, row, column, key)));
            }
        }

        return tiles;
    }

    private static string Url(string host, string layer, int level, int row, int column, string key) =>
        $"{host}/{layer}_c/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER={layer}&STYLE=default&TILEMATRIXSET=c&FORMAT=tiles"
        + $"&TILEMATRIX={level}&TILEROW={row}&TILECOL={column}&tk={Uri.EscapeDataString(key)}";
}
