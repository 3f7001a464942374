using System.Text;
using EcoPlan.Core.Import.Documents;
using NetTopologySuite.IO.Esri;
using NetTopologySuite.IO.Esri.Shapefiles.Readers;

namespace EcoPlan.Core.Spatial;

/// <summary>
/// A zip: a zipped shapefile (.shp with its .shx, .dbf, .prj, .cpg beside it, in any folder), a KMZ (a .kml inside),
/// or an xlsx workbook. Every part is read through <see cref="BoundedZip"/>, counted as it inflates. A zip of several
/// shapefile layers is read when exactly one of them holds points or polygons (a note says which); several such
/// layers are refused by name.
/// </summary>
internal static class ZipReader
{
    public static GeoReadResult Read(byte[] content, string fileName, GeoReadOptions options)
    {
        using var stream = new MemoryStream(content, writable: false);
        using var zip = BoundedZip.Open(stream, fileName, options.Zip);
        var names = zip.EntryNames.ToList();
        if (names.Contains("xl/workbook.xml"))
        {
            return TableFileReader.Read(content, fileName, workbook: true, options);
        }

        var layers = names.Where(n => n.EndsWith(".shp", StringComparison.OrdinalIgnoreCase) && !n.StartsWith("__MACOSX/", StringComparison.Ordinal)).Distinct().ToList();
        if (layers.Count == 0)
        {
            var kml = names.FirstOrDefault(n => n.Equals("doc.kml", StringComparison.OrdinalIgnoreCase))
                ?? names.FirstOrDefault(n => n.EndsWith(".kml", StringComparison.OrdinalIgnoreCase));
            return kml is null
                ? GeoReadResult.FileProblem(fileName, CoreText.Get("Geo_ShpNoLayer"))
                : KmlFileReader.Read(zip, kml, fileName, options);
        }

        var usable = layers.Where(l => ShapeTypeOf(zip, l) is { } type && IsPointOrPolygon(type)).ToList();
        if (usable.Count == 0)
        {
            return GeoReadResult.FileProblem(fileName, CoreText.Get("Geo_ShpLinesOnly", layers[0]));
        }

        if (usable.Count > 1)
        {
            return GeoReadResult.FileProblem(fileName, CoreText.Get("Geo_ShpSeveralLayers", string.Join("、", usable)));
        }

        var layer = usable[0];
        var result = ReadShapefile(zip, names, layer, fileName, options);
        return layers.Count > 1
            ? result with { Layer = layer, Notes = [.. result.Notes, CoreText.Get("Geo_ShpLayerChosen", layer)] }
            : result with { Layer = layer };
    }

    private static GeoReadResult ReadShapefile(BoundedZip zip, List<string> names, string layer, string fileName, GeoReadOptions options)
    {
        var stem = layer[..^4];
        string? Sibling(string extension) => names.FirstOrDefault(n => n.Equals(stem + extension, StringComparison.OrdinalIgnoreCase));
        var dbfName = Sibling(".dbf") ?? throw new GeoFileException(CoreText.Get("Geo_ShpMissingPart", layer, ".dbf"));
        var prj = Sibling(".prj") is { } prjName ? ReadText(zip, prjName, Encoding.UTF8) : null;
        var cpg = Sibling(".cpg") is { } cpgName ? ReadText(zip, cpgName, Encoding.ASCII).Trim() : null;

        CoordinateSystem? declared = null;
        string? refusal = null;
        if (!string.IsNullOrWhiteSpace(prj))
        {
            declared = CoordinateSystems.FromPrj(prj);
            refusal = declared is null ? CoordinateSystems.UnsupportedMessage(CoordinateSystems.Describe(prj)) : null;
        }

        var dbf = ReadAll(zip, dbfName);
        var encoding = cpg is { Length: > 0 } ? EncodingOfCpg(cpg) : GuessDbfEncoding(dbf);
        var collector = new GeoCollector(fileName, options);
        try
        {
            using var shp = new MemoryStream(ReadAll(zip, layer), writable: false);
            using var dbfStream = new MemoryStream(dbf, writable: false);
            using var reader = Shapefile.OpenRead(shp, dbfStream, new ShapefileReaderOptions { Encoding = encoding, GeometryBuilderMode = GeometryBuilderMode.IgnoreInvalidShapes });
            var index = 0;
            while (reader.Read(out var deleted, out var feature))
            {
                index++;
                if (deleted)
                {
                    continue;
                }

                var attributes = GeoCollector.NewAttributes();
                foreach (var name in feature.Attributes.GetNames())
                {
                    attributes[name] = Text(feature.Attributes[name]);
                }

                collector.Add(CoreText.Get("Geo_Feature", index), feature.Geometry, attributes);
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or NotSupportedException or ArgumentException or InvalidOperationException or FormatException or IndexOutOfRangeException or OverflowException)
        {
            throw new GeoFileException(CoreText.Get("Geo_ShpUnreadable", layer, Data.SetupException.OneLine(ex.Message)));
        }

        return collector.Finish(declared, refusal);
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s.TrimEnd(),
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>The shape type in the .shp header (byte 32), read from the first 100 bytes only.</summary>
    private static ShapeType? ShapeTypeOf(BoundedZip zip, string layer)
    {
        using var part = zip.OpenPart(layer);
        var header = new byte[100];
        return part.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length
            ? (ShapeType)BitConverter.ToInt32(header, 32)
            : null;
    }

    private static bool IsPointOrPolygon(ShapeType type) => type is ShapeType.Point or ShapeType.PointM or ShapeType.PointZM or ShapeType.MultiPoint or ShapeType.MultiPointM or ShapeType.MultiPointZM
        or ShapeType.Polygon or ShapeType.PolygonM or ShapeType.PolygonZM;

    private static byte[] ReadAll(BoundedZip zip, string part)
    {
        using var source = zip.OpenPart(part);
        using var copy = new MemoryStream();
        source.CopyTo(copy);
        return copy.ToArray();
    }

    private static string ReadText(BoundedZip zip, string part, Encoding encoding)
    {
        using var reader = new StreamReader(zip.OpenPart(part), encoding, detectEncodingFromByteOrderMarks: true);
        var buffer = new char[64 * 1024];
        // A .prj or .cpg is a line; more than 64 KB of it is not one.
        var read = reader.ReadBlock(buffer, 0, buffer.Length);
        return new string(buffer, 0, read);
    }

    private static Encoding EncodingOfCpg(string cpg)
    {
        var name = cpg.Trim().ToUpperInvariant().Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        return name switch
        {
            "UTF8" or "65001" => new UTF8Encoding(false),
            "GBK" or "936" or "CP936" or "GB2312" or "ANSI936" => Encoding.GetEncoding(936),
            "GB18030" or "54936" => Encoding.GetEncoding(54936),
            _ => throw new GeoFileException(CoreText.Get("Geo_CodePageUnknown", cpg)),
        };
    }

    /// <summary>
    /// No .cpg: the dbf's language driver byte when it says GBK (0x4D), else UTF-8 when every record decodes as
    /// strict UTF-8 (GBK text rarely does), else GBK.
    /// </summary>
    private static Encoding GuessDbfEncoding(byte[] dbf)
    {
        if (dbf.Length > 32 && dbf[29] == 0x4D)
        {
            return Encoding.GetEncoding(936);
        }

        var headerLength = dbf.Length > 10 ? BitConverter.ToUInt16(dbf, 8) : 0;
        if (headerLength >= dbf.Length)
        {
            return new UTF8Encoding(false);
        }

        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(dbf, headerLength, dbf.Length - headerLength);
            return new UTF8Encoding(false);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding(936);
        }
    }
}
