using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace EcoPlan.Core.Clues;

/// <summary>How a clue's geometry is kept: WKB of longitude/latitude (SRID 4326) with its bounding box beside it.</summary>
public static class ClueGeometry
{
    public static GeometryFactory Factory { get; } = new(new PrecisionModel(), 4326);

    public static Geometry Read(byte[] wkb)
    {
        var geometry = new WKBReader(NetTopologySuite.NtsGeometryServices.Instance).Read(wkb);
        geometry.SRID = 4326;
        return geometry;
    }

    public static byte[] Write(Geometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        return new WKBWriter(ByteOrder.LittleEndian, handleSRID: false).Write(geometry);
    }

    /// <summary>Sets a clue's geometry, its box and its kind together.</summary>
    public static void Place(Clue clue, Geometry lonLat, double areaSquareMeters)
    {
        ArgumentNullException.ThrowIfNull(clue);
        ArgumentNullException.ThrowIfNull(lonLat);
        var box = lonLat.EnvelopeInternal;
        clue.Geometry = Write(lonLat);
        clue.IsPoint = lonLat is Point or MultiPoint;
        clue.MinLongitude = box.MinX;
        clue.MinLatitude = box.MinY;
        clue.MaxLongitude = box.MaxX;
        clue.MaxLatitude = box.MaxY;
        clue.AreaSquareMeters = clue.IsPoint ? 0 : areaSquareMeters;
    }
}
