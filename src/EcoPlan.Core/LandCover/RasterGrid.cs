using EcoPlan.Core.Spatial;

namespace EcoPlan.Core.LandCover;

/// <summary>
/// A north-up pixel grid: x = <see cref="OriginX"/> + column × <see cref="PixelWidth"/>,
/// y = <see cref="OriginY"/> − row × <see cref="PixelHeight"/>, at the pixel's top-left corner (GDAL's PixelIsArea).
/// Rotated grids are refused when read, so the affine has no shear terms.
/// </summary>
public sealed record RasterGrid(int Width, int Height, double OriginX, double OriginY, double PixelWidth, double PixelHeight, CoordinateSystem Crs)
{
    public long Pixels => (long)Width * Height;

    /// <summary>The x of the centre of <paramref name="column"/>.</summary>
    public double CentreX(int column) => OriginX + ((column + 0.5) * PixelWidth);

    /// <summary>The y of the centre of <paramref name="row"/>.</summary>
    public double CentreY(int row) => OriginY - ((row + 0.5) * PixelHeight);

    /// <summary>A key of the grid for caches: size, affine to 1e-9 of a pixel, CRS.</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture,
        $"{Width}x{Height}@{OriginX:R},{OriginY:R}/{PixelWidth:R},{PixelHeight:R}/EPSG:{Crs.Epsg}");

    /// <summary>
    /// What differs between this grid and <paramref name="other"/>, one phrase per difference (size, pixel size,
    /// origin, CRS), in the current language; empty when they are the same grid (origin and pixel size equal to
    /// a millionth of a pixel).
    /// </summary>
    public IReadOnlyList<string> Differences(RasterGrid other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var differences = new List<string>();
        if (Width != other.Width || Height != other.Height)
        {
            differences.Add(CoreText.Get("Land_GridSize", Width, Height, other.Width, other.Height));
        }

        var tolerance = 1e-6 * Math.Min(PixelWidth, PixelHeight);
        if (Math.Abs(PixelWidth - other.PixelWidth) > tolerance || Math.Abs(PixelHeight - other.PixelHeight) > tolerance)
        {
            differences.Add(CoreText.Get("Land_GridPixel", Number(PixelWidth), Number(PixelHeight), Number(other.PixelWidth), Number(other.PixelHeight)));
        }

        if (Math.Abs(OriginX - other.OriginX) > tolerance || Math.Abs(OriginY - other.OriginY) > tolerance)
        {
            differences.Add(CoreText.Get("Land_GridOrigin", Number(OriginX), Number(OriginY), Number(other.OriginX), Number(other.OriginY)));
        }

        if (Crs.Epsg != other.Crs.Epsg)
        {
            differences.Add(CoreText.Get("Land_GridCrs", Crs, other.Crs));
        }

        return differences;
    }

    private static string Number(double value) => value.ToString("0.#########", CultureInfo.InvariantCulture);
}
