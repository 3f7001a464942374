using System.IO.Compression;
using System.Xml;
using EcoPlan.Core.Import.Documents;
using NetTopologySuite.Geometries;

namespace EcoPlan.Core.Spatial;

/// <summary>
/// KML (and the doc.kml of a KMZ): each Placemark with a Point, Polygon (outer and inner boundaries) or
/// MultiGeometry of them is a feature; LineString and other geometries are refused at their position. Attributes
/// are the Placemark's name and description and its ExtendedData (Data/value and SchemaData/SimpleData). KML is
/// longitude/latitude on WGS 84 by definition. The XML is read through <see cref="BoundedXmlReader"/>: no DTD,
/// depth, node length, elements and text counted.
/// </summary>
internal static class KmlFileReader
{
    private static readonly GeometryFactory s_factory = new();

    /// <summary>A bare .kml file.</summary>
    public static GeoReadResult Read(byte[] content, string fileName, GeoReadOptions options)
    {
        // BoundedXmlReader counts against a BoundedZip; a bare KML gets an empty one to count against.
        using var emptyZip = new MemoryStream(EmptyZip);
        using var zip = BoundedZip.Open(emptyZip, fileName, options.Zip);
        using var xml = new BoundedXmlReader(zip, "KML", new MemoryStream(content, writable: false));
        return Read(xml, fileName, options);
    }

    /// <summary>The KML part of a KMZ.</summary>
    public static GeoReadResult Read(BoundedZip zip, string part, string fileName, GeoReadOptions options)
    {
        using var xml = zip.OpenXml(part, BoundedZip.PartPlace(part));
        return Read(xml, fileName, options);
    }

    private static readonly byte[] EmptyZip = CreateEmptyZip();

    private static byte[] CreateEmptyZip()
    {
        using var stream = new MemoryStream();
        using (new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
        }

        return stream.ToArray();
    }

    private static GeoReadResult Read(XmlReader xml, string fileName, GeoReadOptions options)
    {
        var collector = new GeoCollector(fileName, options);
        var sawKml = false;
        try
        {
            var index = 0;
            while (xml.Read())
            {
                if (xml.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                sawKml |= xml.LocalName == "kml";
                if (xml.LocalName == "Placemark")
                {
                    ReadPlacemark(xml, collector, CoreText.Get("Geo_Feature", ++index));
                }
            }
        }
        catch (XmlException ex)
        {
            throw new GeoFileException(CoreText.Get("Geo_KmlInvalid", Data.SetupException.OneLine(ex.Message)));
        }

        if (!sawKml)
        {
            throw new GeoFileException(CoreText.Get("Geo_NotGeoFile"));
        }

        return collector.Finish(CoordinateSystems.FromEpsg(CoordinateSystems.Wgs84));
    }

    private static void ReadPlacemark(XmlReader xml, GeoCollector collector, string position)
    {
        var attributes = GeoCollector.NewAttributes();
        var geometries = new List<Geometry>();
        string? problem = null;
        if (xml.IsEmptyElement)
        {
            collector.Add(position, null, attributes);
            return;
        }

        var depth = xml.Depth;
        while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            if (xml.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            switch (xml.LocalName)
            {
                case "name" or "description" when xml.Depth == depth + 1:
                    attributes[xml.LocalName] = ReadText(xml);
                    break;
                case "Data":
                    var dataName = xml.GetAttribute("name");
                    var value = ReadDataValue(xml);
                    if (dataName is not null)
                    {
                        attributes[dataName] = value;
                    }

                    break;
                case "SimpleData":
                    var simpleName = xml.GetAttribute("name");
                    var simple = ReadText(xml);
                    if (simpleName is not null)
                    {
                        attributes[simpleName] = simple;
                    }

                    break;
                case "Point":
                    geometries.Add(ReadPoint(xml, ref problem));
                    break;
                case "Polygon":
                    geometries.Add(ReadPolygon(xml, ref problem));
                    break;
                case "LineString" or "LinearRing" or "Track" or "MultiTrack" or "Model" or "gx:Track":
                    // Its coordinates are left unread: the placemark is refused for its type.
                    geometries.Add(s_factory.CreateLineString([new Coordinate(0, 0), new Coordinate(0, 0)]));
                    break;
            }
        }

        if (problem is not null)
        {
            collector.Refuse(position, "geometry", problem);
            return;
        }

        Geometry? geometry = geometries.Count switch
        {
            0 => null,
            1 => geometries[0],
            _ => s_factory.CreateGeometryCollection([.. geometries]),
        };
        if (geometry is not null && geometries.Any(g => g is LineString))
        {
            collector.Refuse(position, "geometry", CoreText.Get("Geo_UnsupportedGeometry", "LineString"));
            return;
        }

        collector.Add(position, geometry, attributes);
    }

    private static string? ReadDataValue(XmlReader xml)
    {
        if (xml.IsEmptyElement)
        {
            return null;
        }

        var depth = xml.Depth;
        string? value = null;
        while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "value")
            {
                value = ReadText(xml);
            }
        }

        return value;
    }

    private static Point ReadPoint(XmlReader xml, ref string? problem)
    {
        var coordinates = ReadCoordinatesUnder(xml, ref problem).FirstOrDefault();
        return coordinates is { Length: > 0 } ? s_factory.CreatePoint(coordinates[0]) : s_factory.CreatePoint();
    }

    private static Polygon ReadPolygon(XmlReader xml, ref string? problem)
    {
        if (xml.IsEmptyElement)
        {
            return s_factory.CreatePolygon();
        }

        var depth = xml.Depth;
        Coordinate[]? shell = null;
        var holes = new List<Coordinate[]>();
        var inner = false;
        while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            if (xml.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (xml.LocalName is "outerBoundaryIs" or "innerBoundaryIs")
            {
                inner = xml.LocalName == "innerBoundaryIs";
            }
            else if (xml.LocalName == "coordinates")
            {
                var ring = ParseCoordinates(ReadText(xml), ref problem);
                if (inner)
                {
                    holes.Add(ring);
                }
                else
                {
                    shell ??= ring;
                }
            }
        }

        if (problem is not null || shell is null || shell.Length == 0)
        {
            return s_factory.CreatePolygon();
        }

        try
        {
            return s_factory.CreatePolygon(s_factory.CreateLinearRing(Close(shell)), [.. holes.Select(h => s_factory.CreateLinearRing(Close(h)))]);
        }
        catch (ArgumentException ex)
        {
            // Fewer than four points, or a ring that cannot be closed.
            problem = CoreText.Get("Geo_KmlCoordinates", Data.SetupException.OneLine(ex.Message));
            return s_factory.CreatePolygon();
        }
    }

    /// <summary>KML rings should repeat their first point at the end; many files do not.</summary>
    private static Coordinate[] Close(Coordinate[] ring) =>
        ring.Length > 0 && !ring[0].Equals2D(ring[^1]) ? [.. ring, ring[0].Copy()] : ring;

    private static List<Coordinate[]> ReadCoordinatesUnder(XmlReader xml, ref string? problem)
    {
        var found = new List<Coordinate[]>();
        if (xml.IsEmptyElement)
        {
            return found;
        }

        var depth = xml.Depth;
        while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "coordinates")
            {
                found.Add(ParseCoordinates(ReadText(xml), ref problem));
            }
        }

        return found;
    }

    /// <summary>"lon,lat[,alt] lon,lat[,alt] …" separated by any white space.</summary>
    private static Coordinate[] ParseCoordinates(string? text, ref string? problem)
    {
        var tuples = (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var coordinates = new Coordinate[tuples.Length];
        for (var i = 0; i < tuples.Length; i++)
        {
            var parts = tuples[i].Split(',');
            if (parts.Length < 2
                || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var y))
            {
                problem ??= CoreText.Get("Geo_KmlCoordinates", tuples[i].Length > 40 ? tuples[i][..40] + "…" : tuples[i]);
                return [];
            }

            coordinates[i] = new Coordinate(x, y);
        }

        return coordinates;
    }

    /// <summary>The text of the current element (its text and CDATA children), leaving the reader on its end.</summary>
    private static string? ReadText(XmlReader xml)
    {
        if (xml.IsEmptyElement)
        {
            return null;
        }

        var depth = xml.Depth;
        var text = new System.Text.StringBuilder();
        while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            if (xml.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                text.Append(xml.Value);
            }
        }

        return text.ToString().Trim();
    }
}
