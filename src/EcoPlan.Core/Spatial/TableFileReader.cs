using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using EcoPlan.Core.Indicators;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace EcoPlan.Core.Spatial;

/// <summary>
/// A csv or spreadsheet (xlsx, xls: first sheet, through <see cref="TabularInput"/>) of one feature per row after a
/// header row, its geometry either in a WKT column (WKT, geometry, geom, 几何, shape) or in a longitude/easting and a
/// latitude/northing column (经度, lon, lng, longitude, x / 纬度, lat, latitude, y), names compared without case.
/// Every column is an attribute. A csv is UTF-8 (a BOM is fine), or GBK when it is not valid UTF-8 (as Excel saves
/// it on a Chinese Windows). A row is "第 7 行"; a cell in a workbook "单元格 B7", in a csv "第 7 行“lon”列".
/// </summary>
internal static class TableFileReader
{
    private static readonly string[] s_longitude = ["经度", "lon", "lng", "long", "longitude", "x"];
    private static readonly string[] s_latitude = ["纬度", "lat", "latitude", "y"];
    private static readonly string[] s_wkt = ["wkt", "geometry", "geom", "几何", "shape"];
    private static readonly GeometryFactory s_factory = new();

    public static GeoReadResult Read(byte[] content, string fileName, bool workbook, GeoReadOptions options)
    {
        string text;
        if (workbook)
        {
            // TabularInput tells a workbook by its name; the content already said this is one.
            var name = TabularInput.IsWorkbook(fileName) ? fileName : fileName + (content.AsSpan().StartsWith("PK"u8) ? ".xlsx" : ".xls");
            text = TabularInput.ToCsv(content, name);
        }
        else
        {
            text = Decode(content);
        }

        var collector = new GeoCollector(fileName, options);
        using var csv = new CsvParser(new StringReader(text), new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, DetectDelimiter = !workbook });
        if (!csv.Read())
        {
            throw new GeoFileException(CoreText.Get("Geo_TableEmpty"));
        }

        var header = csv.Record!.Select(h => h.Trim().TrimStart('\uFEFF')).ToArray();
        int Find(string[] names) => Array.FindIndex(header, h => names.Contains(h, StringComparer.OrdinalIgnoreCase));
        var (lon, lat, wkt) = (Find(s_longitude), Find(s_latitude), Find(s_wkt));
        if (wkt < 0 && (lon < 0 || lat < 0))
        {
            throw new GeoFileException(CoreText.Get("Geo_TableNoColumns", string.Join(", ", header)));
        }

        var rows = 0;
        var reader = new WKTReader(NetTopologySuite.NtsGeometryServices.Instance);
        while (csv.Read())
        {
            // One csv record per sheet row (TabularInput keeps blank rows), so the record number is the row.
            var line = csv.Row;
            var record = csv.Record!;
            if (record.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            rows++;
            var position = CoreText.Get("Location_Line", line);
            string Cell(int column) => workbook
                ? CoreText.Get("Geo_Cell", ColumnLetters(column) + line.ToString(CultureInfo.InvariantCulture))
                : CoreText.Get("Location_LineColumn", line, header[column]);
            string Value(int column) => column < record.Length ? record[column].Trim() : "";
            var attributes = GeoCollector.NewAttributes();
            for (var i = 0; i < header.Length; i++)
            {
                if (header[i].Length > 0)
                {
                    attributes.TryAdd(header[i], i < record.Length && record[i].Trim().Length > 0 ? record[i].Trim() : null);
                }
            }

            Geometry? geometry = null;
            if (wkt >= 0 && Value(wkt).Length > 0)
            {
                try
                {
                    geometry = reader.Read(Value(wkt));
                }
                catch (Exception ex) when (ex is ParseException or ArgumentException or FormatException or InvalidOperationException)
                {
                    collector.Refuse(Cell(wkt), header[wkt], CoreText.Get("Geo_TableWkt", Data.SetupException.OneLine(ex.Message)));
                    continue;
                }
            }
            else if (lon >= 0 && lat >= 0 && (Value(lon).Length > 0 || Value(lat).Length > 0))
            {
                var x = Number(Value(lon));
                var y = Number(Value(lat));
                if (x is null || y is null)
                {
                    var bad = x is null ? lon : lat;
                    collector.Refuse(Cell(bad), header[bad], CoreText.Get("Geo_TableNotNumber", Value(bad)));
                    continue;
                }

                geometry = s_factory.CreatePoint(new Coordinate(x.Value, y.Value));
            }

            collector.Add(position, geometry, attributes);
        }

        if (rows == 0)
        {
            throw new GeoFileException(CoreText.Get("Geo_TableEmpty"));
        }

        return collector.Finish(null);
    }

    private static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

    /// <summary>0 → A, 25 → Z, 26 → AA.</summary>
    private static string ColumnLetters(int column)
    {
        var letters = "";
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return letters;
    }

    private static string Decode(byte[] content)
    {
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
            return text.TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding(54936).GetString(content);
        }
    }
}
