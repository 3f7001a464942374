using System.IO.Compression;
using System.Text;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;

namespace EcoPlan.Core.Tests.Spatial;

/// <summary>Clue and boundary files made by the tests: shapefiles written with the Esri writer, zipped with what beside them.</summary>
internal static class GeoFiles
{
    private static readonly GeometryFactory s_factory = new();

    static GeoFiles() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Polygon Square(double x, double y, double side) =>
        s_factory.CreatePolygon([new(x, y), new(x + side, y), new(x + side, y + side), new(x, y + side), new(x, y)]);

    public static Feature Feature(Geometry geometry, params (string Name, object? Value)[] attributes)
    {
        var table = new AttributesTable();
        foreach (var (name, value) in attributes)
        {
            table.Add(name, value);
        }

        return new Feature(geometry, table);
    }

    /// <summary>A zip of one shapefile layer <paramref name="layer"/> (.shp, .shx, .dbf, and .prj / .cpg when given) in <paramref name="encoding"/> (GBK unless told), plus <paramref name="extra"/> entries.</summary>
    public static byte[] ShapefileZip(IReadOnlyList<IFeature> features, string layer = "图斑", string? prj = null, string? cpg = null, Encoding? encoding = null, bool languageDriver = true, params (string Name, byte[] Content)[] extra)
    {
        using var shp = new MemoryStream();
        using var shx = new MemoryStream();
        using var dbf = new MemoryStream();
        using var prjStream = new MemoryStream();
        Shapefile.WriteAllFeatures(features, shp, shx, dbf, prjStream, projection: null!, encoding ?? Encoding.GetEncoding(936));
        var entries = new List<(string, byte[])>
        {
            (layer + ".shp", shp.ToArray()),
            (layer + ".shx", shx.ToArray()),
            (layer + ".dbf", dbf.ToArray()),
        };
        if (!languageDriver)
        {
            // The dbf header's code page byte, as files from older tools leave it: 0 = not said.
            entries[2].Item2[29] = 0;
        }

        if (prj is not null)
        {
            entries.Add((layer + ".prj", Encoding.UTF8.GetBytes(prj)));
        }

        if (cpg is not null)
        {
            entries.Add((layer + ".cpg", Encoding.ASCII.GetBytes(cpg)));
        }

        entries.AddRange(extra);
        return Zip([.. entries]);
    }

    public static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
                entry.Write(content);
            }
        }

        return stream.ToArray();
    }

    /// <summary>A zip of <paramref name="others"/> and an entry <paramref name="name"/> that inflates to <paramref name="bytes"/> zero bytes (streamed in, so small to make).</summary>
    public static byte[] ZipInflatingTo(string name, long bytes, params (string Name, byte[] Content)[] others)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (otherName, content) in others)
            {
                using var other = zip.CreateEntry(otherName).Open();
                other.Write(content);
            }

            using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
            var chunk = new byte[1 << 20];
            for (long written = 0; written < bytes; written += chunk.Length)
            {
                entry.Write(chunk);
            }
        }

        return stream.ToArray();
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
