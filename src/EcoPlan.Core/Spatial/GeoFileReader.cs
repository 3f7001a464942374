using System.Text;
using EcoPlan.Core.Import.Documents;

namespace EcoPlan.Core.Spatial;

/// <summary>
/// Reads a clue or boundary file of any supported format, told apart by its content, not its name: a zip holding
/// a .shp → zipped shapefile; a zip holding a .kml (a KMZ) → KML; a zip holding xl/workbook.xml → xlsx; text
/// an OLE compound file → xls; text starting with <c>{</c> → GeoJSON; with <c>&lt;</c> → KML; anything else → csv (UTF-8, or GBK when it is not UTF-8).
/// Never throws for what a user sent: a whole-file problem comes back as the one problem of the result, with the
/// file name as its position.
/// </summary>
public static class GeoFileReader
{
    static GeoFileReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static async Task<GeoReadResult> ReadAsync(Stream content, string fileName, CancellationToken ct, GeoReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(fileName);
        options ??= GeoReadOptions.Default;
        byte[] bytes;
        try
        {
            bytes = await ReadBoundedAsync(content, options.MaxFileBytes, ct).ConfigureAwait(false);
        }
        catch (GeoFileException ex)
        {
            return GeoReadResult.FileProblem(fileName, ex.Message);
        }

        return Read(bytes, fileName, options);
    }

    /// <summary>The same, for a file already in memory.</summary>
    public static GeoReadResult Read(byte[] content, string fileName, GeoReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(fileName);
        options ??= GeoReadOptions.Default;
        if (content.LongLength > options.MaxFileBytes)
        {
            return GeoReadResult.FileProblem(fileName, CoreText.Get("Geo_TooLarge", options.MaxFileBytes / 1024 / 1024));
        }

        try
        {
            return Detect(content) switch
            {
                GeoFormat.Zip => ZipReader.Read(content, fileName, options),
                GeoFormat.GeoJson => GeoJsonFileReader.Read(content, fileName, options),
                GeoFormat.Xml => KmlFileReader.Read(content, fileName, options),
                GeoFormat.OldWorkbook => TableFileReader.Read(content, fileName, workbook: true, options),
                _ => TableFileReader.Read(content, fileName, workbook: false, options),
            };
        }
        catch (GeoFileException ex)
        {
            return GeoReadResult.FileProblem(fileName, ex.Message);
        }
        catch (DocumentReadException ex)
        {
            return GeoReadResult.FileProblem(fileName, ex.Message);
        }
        catch (InvalidDataException ex)
        {
            return GeoReadResult.FileProblem(fileName, CoreText.Get("Geo_Damaged", Data.SetupException.OneLine(ex.Message)));
        }
    }

    internal enum GeoFormat { Zip, GeoJson, Xml, OldWorkbook, Text }

    internal static GeoFormat Detect(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith("PK\u0003\u0004"u8) || content.StartsWith("PK\u0005\u0006"u8))
        {
            return GeoFormat.Zip;
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        {
            return GeoFormat.OldWorkbook;
        }

        var text = content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? content[3..] : content;
        var first = text.IndexOfAnyExcept(" \t\r\n"u8);
        return first < 0 ? GeoFormat.Text : text[first] switch
        {
            (byte)'{' => GeoFormat.GeoJson,
            (byte)'<' => GeoFormat.Xml,
            _ => GeoFormat.Text,
        };
    }

    private static async Task<byte[]> ReadBoundedAsync(Stream content, long maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new GeoFileException(CoreText.Get("Geo_TooLarge", maxBytes / 1024 / 1024));
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
