using BitMiracle.LibTiff.Classic;
using EcoPlan.Core.Spatial;

namespace EcoPlan.Core.LandCover;

/// <summary>
/// A land-cover GeoTIFF read in process with LibTiff.NET: one band of uint8 classes, striped or tiled, uncompressed,
/// LZW, DEFLATE or PackBits (with or without a predictor), classic TIFF or BigTIFF, GDAL's nodata tag (42113).
/// The grid comes from ModelPixelScale + ModelTiepoint or a ModelTransformation without rotation, and the CRS from the
/// GeoKeyDirectory (ProjectedCSTypeGeoKey 3072, else GeographicTypeGeoKey 2048), which must be one of
/// <see cref="LandCoverCrs"/>. Rows are read in order through a cache of one block row (a row of tiles or one strip),
/// so memory is width × block height whatever the raster's size.
/// </summary>
public sealed class GeoTiffRaster : IDisposable
{
    /// <summary>A block row larger than this (a striped file written as one huge strip) is refused rather than read whole.</summary>
    public const long MaxBlockRowBytes = 256L * 1024 * 1024;

    private static readonly int[] s_supportedCompressions = [1, 5, 8, 32773, 32946];

    private readonly Tiff _tiff;
    private readonly bool _tiled;
    private readonly int _blockWidth;
    private readonly byte[] _blockRow;
    private readonly byte[] _tile;
    private int _cachedBlockRow = -1;

    private GeoTiffRaster(string path, Tiff tiff, RasterGrid grid, int? noData, bool tiled, int blockWidth, int blockHeight)
    {
        Path = path;
        _tiff = tiff;
        Grid = grid;
        NoData = noData;
        _tiled = tiled;
        _blockWidth = blockWidth;
        BlockHeight = blockHeight;
        _blockRow = new byte[(long)grid.Width * blockHeight];
        _tile = tiled ? new byte[_tiff.TileSize()] : [];
    }

    public string Path { get; }

    public RasterGrid Grid { get; }

    /// <summary>GDAL_NODATA as a class value, or null when the file has none (or one outside 0–255).</summary>
    public int? NoData { get; }

    /// <summary>Rows per tile or per strip: the natural height of a row band.</summary>
    public int BlockHeight { get; }

    public bool IsTiled => _tiled;

    /// <summary>Opens <paramref name="path"/>; a file that is not a usable land-cover GeoTIFF throws <see cref="LandCoverInputException"/> saying why.</summary>
    public static GeoTiffRaster Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw Bad(path, CoreText.Get("Land_NoFile"));
        }

        Tiff.SetErrorHandler(QuietErrors.Instance);
        var tiff = Tiff.Open(path, "r") ?? throw Bad(path, CoreText.Get("Land_NotTiff"));
        try
        {
            var width = Int(tiff, TiffTag.IMAGEWIDTH) ?? 0;
            var height = Int(tiff, TiffTag.IMAGELENGTH) ?? 0;
            var bits = Int(tiff, TiffTag.BITSPERSAMPLE) ?? 1;
            var samples = Int(tiff, TiffTag.SAMPLESPERPIXEL) ?? 1;
            var format = Int(tiff, TiffTag.SAMPLEFORMAT) ?? 1;
            if (width <= 0 || height <= 0)
            {
                throw Bad(path, CoreText.Get("Land_NotTiff"));
            }

            if (bits != 8 || samples != 1 || format != 1)
            {
                throw Bad(path, CoreText.Get("Land_NotUint8", bits, samples, format == 1 ? "uint" : format == 2 ? "int" : format == 3 ? "float" : format.ToString(CultureInfo.InvariantCulture)));
            }

            var compression = Int(tiff, TiffTag.COMPRESSION) ?? 1;
            if (!s_supportedCompressions.Contains(compression))
            {
                throw Bad(path, CoreText.Get("Land_Compression", CompressionName(compression)));
            }

            var tiled = tiff.IsTiled();
            int blockWidth, blockHeight;
            if (tiled)
            {
                blockWidth = Int(tiff, TiffTag.TILEWIDTH) ?? 0;
                blockHeight = Int(tiff, TiffTag.TILELENGTH) ?? 0;
            }
            else
            {
                blockWidth = width;
                blockHeight = Math.Min(height, Int(tiff, TiffTag.ROWSPERSTRIP) ?? height);
            }

            if (blockWidth <= 0 || blockHeight <= 0)
            {
                throw Bad(path, CoreText.Get("Land_NotTiff"));
            }

            if ((long)width * blockHeight > MaxBlockRowBytes)
            {
                throw Bad(path, CoreText.Get("Land_BlockTooLarge", blockHeight, MaxBlockRowBytes / (1024 * 1024)));
            }

            var grid = ReadGrid(tiff, path, width, height);
            var raster = new GeoTiffRaster(path, tiff, grid, NoDataOf(tiff), tiled, blockWidth, blockHeight);
            tiff = null;
            return raster;
        }
        finally
        {
            tiff?.Dispose();
        }
    }

    /// <summary>
    /// Copies rows [<paramref name="firstRow"/>, <paramref name="firstRow"/> + <paramref name="rows"/>) into
    /// <paramref name="destination"/>, width bytes per row. Reading rows in increasing order decodes every block once.
    /// </summary>
    public void ReadRows(int firstRow, int rows, Span<byte> destination)
    {
        var width = Grid.Width;
        if (firstRow < 0 || rows < 0 || firstRow + rows > Grid.Height || destination.Length < (long)rows * width)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), $"Rows {firstRow}+{rows} of {Grid.Height}, destination {destination.Length} bytes.");
        }

        for (var r = 0; r < rows; r++)
        {
            var row = firstRow + r;
            var block = row / BlockHeight;
            if (block != _cachedBlockRow)
            {
                LoadBlockRow(block);
            }

            _blockRow.AsSpan((row - (block * BlockHeight)) * width, width).CopyTo(destination.Slice(r * width, width));
        }
    }

    private void LoadBlockRow(int block)
    {
        var width = Grid.Width;
        var rowsInBlock = Math.Min(BlockHeight, Grid.Height - (block * BlockHeight));
        if (!_tiled)
        {
            var read = _tiff.ReadEncodedStrip(block, _blockRow, 0, rowsInBlock * width);
            if (read < rowsInBlock * width)
            {
                throw Bad(Path, CoreText.Get("Land_Corrupt", block * BlockHeight));
            }
        }
        else
        {
            for (var x = 0; x < width; x += _blockWidth)
            {
                var tile = _tiff.ComputeTile(x, block * BlockHeight, 0, 0);
                if (_tiff.ReadEncodedTile(tile, _tile, 0, _tile.Length) < 0)
                {
                    throw Bad(Path, CoreText.Get("Land_Corrupt", block * BlockHeight));
                }

                var columns = Math.Min(_blockWidth, width - x);
                for (var r = 0; r < rowsInBlock; r++)
                {
                    _tile.AsSpan(r * _blockWidth, columns).CopyTo(_blockRow.AsSpan((r * width) + x, columns));
                }
            }
        }

        _cachedBlockRow = block;
    }

    public void Dispose() => _tiff.Dispose();

    private static RasterGrid ReadGrid(Tiff tiff, string path, int width, int height)
    {
        var keys = GeoKeys(tiff);
        if (keys.Count == 0)
        {
            throw Bad(path, CoreText.Get("Land_NoGeoKeys"));
        }

        // GTModelType 1 = projected, 2 = geographic; GDAL always writes it, so it decides which key is the CRS.
        var model = keys.GetValueOrDefault(1024);
        var code = model == 2 ? keys.GetValueOrDefault(2048) : keys.TryGetValue(3072, out var projected) ? projected : keys.GetValueOrDefault(2048);
        if (code is 0 or 32767)
        {
            throw Bad(path, LandCoverCrs.Unsupported(CoreText.Get("Land_UserDefinedCrs")));
        }

        var crs = LandCoverCrs.FromEpsg(code) ?? throw Bad(path, LandCoverCrs.Unsupported(CoordinateSystems.Describe(code)));
        double originX, originY, pixelWidth, pixelHeight;
        var scale = Doubles(tiff, TiffTag.GEOTIFF_MODELPIXELSCALETAG);
        var tiePoints = Doubles(tiff, TiffTag.GEOTIFF_MODELTIEPOINTTAG);
        var transformation = Doubles(tiff, TiffTag.GEOTIFF_MODELTRANSFORMATIONTAG);
        if (scale is { Length: >= 2 } && tiePoints is { Length: >= 6 })
        {
            (pixelWidth, pixelHeight) = (scale[0], scale[1]);
            originX = tiePoints[3] - (tiePoints[0] * pixelWidth);
            originY = tiePoints[4] + (tiePoints[1] * pixelHeight);
        }
        else if (transformation is { Length: >= 16 })
        {
            if (transformation[1] != 0 || transformation[4] != 0)
            {
                throw Bad(path, CoreText.Get("Land_Rotated"));
            }

            (pixelWidth, pixelHeight, originX, originY) = (transformation[0], -transformation[5], transformation[3], transformation[7]);
        }
        else
        {
            throw Bad(path, CoreText.Get("Land_NoGeoreference"));
        }

        if (!(pixelWidth > 0) || !(pixelHeight > 0) || !double.IsFinite(originX) || !double.IsFinite(originY))
        {
            throw Bad(path, CoreText.Get("Land_Rotated"));
        }

        // RasterTypeGeoKey 2 (PixelIsPoint): the tie point is the centre of the pixel, not its corner.
        if (keys.GetValueOrDefault(1025) == 2)
        {
            originX -= pixelWidth / 2;
            originY += pixelHeight / 2;
        }

        return new RasterGrid(width, height, originX, originY, pixelWidth, pixelHeight, crs);
    }

    /// <summary>The GeoKeys whose value is a SHORT held in the directory itself (all EcoPlan needs), by key id.</summary>
    private static Dictionary<int, int> GeoKeys(Tiff tiff)
    {
        var keys = new Dictionary<int, int>();
        var field = tiff.GetField(TiffTag.GEOTIFF_GEOKEYDIRECTORYTAG);
        var directory = field?.Select(f => f.Value as short[] ?? (f.Value is ushort[] u ? [.. u.Select(v => (short)v)] : null)).FirstOrDefault(a => a is not null);
        if (directory is null || directory.Length < 4)
        {
            return keys;
        }

        var count = (ushort)directory[3];
        for (var i = 0; i < count && 4 + (i * 4) + 3 < directory.Length; i++)
        {
            var at = 4 + (i * 4);
            if (directory[at + 1] == 0)
            {
                keys[(ushort)directory[at]] = (ushort)directory[at + 3];
            }
        }

        return keys;
    }

    private static double[]? Doubles(Tiff tiff, TiffTag tag) =>
        tiff.GetField(tag)?.Select(f => f.Value as double[]).FirstOrDefault(a => a is not null);

    private static int? Int(Tiff tiff, TiffTag tag) => tiff.GetField(tag) is { Length: > 0 } v ? v[0].ToInt() : null;

    private static int? NoDataOf(Tiff tiff)
    {
        var field = tiff.GetField(TiffTag.GDAL_NODATA);
        if (field is null)
        {
            return null;
        }

        // An ASCII tag: LibTiff.NET gives the count, then the text (as a string or its bytes).
        var text = field.Select(f => f.Value switch { string s => s, byte[] b => System.Text.Encoding.ASCII.GetString(b), _ => null }).LastOrDefault(s => s is not null);
        return double.TryParse(text?.TrimEnd('\0').Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 255 && value == Math.Floor(value)
            ? (int)value
            : null;
    }

    private static string CompressionName(int compression) => compression switch
    {
        6 or 7 => "JPEG",
        34887 => "LERC",
        50000 => "ZSTD",
        50001 => "WEBP",
        34925 => "LZMA",
        _ => compression.ToString(CultureInfo.InvariantCulture),
    };

    private static LandCoverInputException Bad(string path, string why) => new($"{path}: {why}");

    /// <summary>LibTiff.NET writes warnings (unknown tags) and errors to the console; EcoPlan reports errors itself.</summary>
    private sealed class QuietErrors : TiffErrorHandler
    {
        public static readonly QuietErrors Instance = new();

        public override void WarningHandler(Tiff tif, string method, string format, params object[] args)
        {
        }

        public override void WarningHandlerExt(Tiff tif, object clientData, string method, string format, params object[] args)
        {
        }

        public override void ErrorHandler(Tiff tif, string method, string format, params object[] args)
        {
        }

        public override void ErrorHandlerExt(Tiff tif, object clientData, string method, string format, params object[] args)
        {
        }
    }
}
