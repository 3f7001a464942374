using System.Buffers.Binary;
using System.Text;

namespace EcoPlan.Testing;

/// <summary>What <see cref="ExifJpeg.Write"/> puts into a photo's EXIF; a null field is left out of the file.</summary>
/// <param name="Latitude">Signed degrees: written as degrees/minutes/seconds with N or S.</param>
/// <param name="Longitude">Signed degrees: written with E or W.</param>
/// <param name="AltitudeMeters">Signed: negative is written with GPSAltitudeRef 1.</param>
/// <param name="DirectionDegrees">GPSImgDirection.</param>
/// <param name="DirectionRef">GPSImgDirectionRef ("T", "M").</param>
/// <param name="DateTimeOriginal">As EXIF writes it: "2026:05:14 09:30:15".</param>
/// <param name="OffsetTimeOriginal">"+08:00".</param>
/// <param name="CameraMake">IFD0 Make.</param>
/// <param name="CameraModel">IFD0 Model.</param>
/// <param name="GpsDateStamp">"2026:05:14" (UTC).</param>
/// <param name="GpsTimeStamp">Hours, minutes, seconds (UTC).</param>
public sealed record ExifFields(
    double? Latitude = null,
    double? Longitude = null,
    double? AltitudeMeters = null,
    double? DirectionDegrees = null,
    string? DirectionRef = "T",
    string? DateTimeOriginal = null,
    string? OffsetTimeOriginal = null,
    string? CameraMake = null,
    string? CameraModel = null,
    string? GpsDateStamp = null,
    (int Hours, int Minutes, double Seconds)? GpsTimeStamp = null);

/// <summary>
/// Real JPEG photos with an EXIF APP1 segment written byte by byte here (TIFF header, IFD0, the Exif and GPS IFDs), so
/// the photo-evidence tests need no library that writes EXIF and no binary file in the repository. The image is an 8×8
/// baseline JPEG (green with a yellow square), encoded once by Chromium's canvas and stripped of its APP0/APP2 segments;
/// browsers and MetadataExtractor both read it.
/// </summary>
public static class ExifJpeg
{
    private const string BaseJpegBase64 =
        "/9j/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAIAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAT/xAAdEAABAgcAAAAAAAAAAAAAAAAAERYlMlNlg5Lw/8QAFAEBAAAAAAAAAAAAAAAAAAAABf/EAB4RAAIBBAMBAAAAAAAAAAAAAAERIQACA2ESE0Gx/9oADAMBAAIRAxEAPwCeAtK+ZKmsvKAAiyzg5JZc/BqgsmTsUAIKPdndf//Z";

    // TIFF field types.
    private const ushort Byte = 1, Ascii = 2, Long = 4, Rational = 5;

    /// <summary>The 8×8 JPEG without any metadata.</summary>
    public static byte[] Plain() => Convert.FromBase64String(BaseJpegBase64);

    /// <summary>The JPEG with <paramref name="fields"/> in an EXIF segment right after SOI, little-endian ("II") unless <paramref name="bigEndian"/>.</summary>
    public static byte[] Write(ExifFields fields, bool bigEndian = false)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var tiff = Tiff(fields, bigEndian);
        var jpeg = Plain();
        var segmentLength = 2 + 6 + tiff.Length;
        if (segmentLength > ushort.MaxValue)
        {
            throw new ArgumentException("EXIF larger than one APP1 segment.", nameof(fields));
        }

        using var output = new MemoryStream();
        output.Write(jpeg, 0, 2);
        output.Write([0xFF, 0xE1, (byte)(segmentLength >> 8), (byte)segmentLength]);
        output.Write("Exif\0\0"u8);
        output.Write(tiff);
        output.Write(jpeg, 2, jpeg.Length - 2);
        return output.ToArray();
    }

    private static byte[] Tiff(ExifFields f, bool bigEndian)
    {
        var order = new ByteOrder(bigEndian);
        var ifd0 = new List<Entry>();
        var exif = new List<Entry>();
        var gps = new List<Entry>();

        AddText(ifd0, 0x010F, f.CameraMake);
        AddText(ifd0, 0x0110, f.CameraModel);
        AddText(exif, 0x9003, f.DateTimeOriginal);
        AddText(exif, 0x9011, f.OffsetTimeOriginal);

        if (f.Latitude is { } latitude)
        {
            gps.Add(new Entry(0x0001, Ascii, 2, Encoding.ASCII.GetBytes(latitude < 0 ? "S\0" : "N\0")));
            gps.Add(Rationals(order, 0x0002, Dms(Math.Abs(latitude))));
        }

        if (f.Longitude is { } longitude)
        {
            gps.Add(new Entry(0x0003, Ascii, 2, Encoding.ASCII.GetBytes(longitude < 0 ? "W\0" : "E\0")));
            gps.Add(Rationals(order, 0x0004, Dms(Math.Abs(longitude))));
        }

        if (f.AltitudeMeters is { } altitude)
        {
            gps.Add(new Entry(0x0005, Byte, 1, [altitude < 0 ? (byte)1 : (byte)0]));
            gps.Add(Rationals(order, 0x0006, [((uint)Math.Round(Math.Abs(altitude) * 100), 100)]));
        }

        if (f.GpsTimeStamp is { } time)
        {
            gps.Add(Rationals(order, 0x0007, [((uint)time.Hours, 1), ((uint)time.Minutes, 1), ((uint)Math.Round(time.Seconds * 1000), 1000)]));
        }

        if (f.DirectionDegrees is { } direction)
        {
            AddText(gps, 0x0010, f.DirectionRef);
            gps.Add(Rationals(order, 0x0011, [((uint)Math.Round(direction * 100), 100)]));
        }

        AddText(gps, 0x001D, f.GpsDateStamp);
        if (gps.Count > 0)
        {
            gps.Insert(0, new Entry(0x0000, Byte, 4, [2, 3, 0, 0])); // GPSVersionID 2.3.0.0
        }

        // Layout: header (8 bytes), IFD0 and its values, the Exif IFD and its values, the GPS IFD and its values.
        // IFD0's pointers to the other two are LONG entries whose values are their offsets.
        var exifPointerAt = exif.Count > 0 ? AddPointer(ifd0, 0x8769) : -1;
        var gpsPointerAt = gps.Count > 0 ? AddPointer(ifd0, 0x8825) : -1;
        var ifd0At = 8;
        var exifAt = ifd0At + Size(ifd0);
        var gpsAt = exifAt + (exif.Count > 0 ? Size(exif) : 0);
        if (exifPointerAt >= 0)
        {
            ifd0[exifPointerAt] = ifd0[exifPointerAt] with { Value = order.UInt32((uint)exifAt) };
        }

        if (gpsPointerAt >= 0)
        {
            ifd0[gpsPointerAt] = ifd0[gpsPointerAt] with { Value = order.UInt32((uint)gpsAt) };
        }

        using var output = new MemoryStream();
        output.Write(bigEndian ? "MM"u8 : "II"u8);
        output.Write(order.UInt16(42));
        output.Write(order.UInt32((uint)ifd0At));
        WriteIfd(output, order, ifd0, ifd0At);
        if (exif.Count > 0)
        {
            WriteIfd(output, order, exif, exifAt);
        }

        if (gps.Count > 0)
        {
            WriteIfd(output, order, gps, gpsAt);
        }

        return output.ToArray();
    }

    private sealed record Entry(ushort Tag, ushort Type, uint Count, byte[] Value);

    private static void AddText(List<Entry> ifd, ushort tag, string? text)
    {
        if (text is not null)
        {
            var bytes = Encoding.ASCII.GetBytes(text + "\0");
            ifd.Add(new Entry(tag, Ascii, (uint)bytes.Length, bytes));
        }
    }

    private static int AddPointer(List<Entry> ifd, ushort tag)
    {
        ifd.Add(new Entry(tag, Long, 1, new byte[4]));
        return ifd.Count - 1;
    }

    private static Entry Rationals(ByteOrder order, ushort tag, (uint Numerator, uint Denominator)[] values) =>
        new(tag, Rational, (uint)values.Length, [.. values.SelectMany(v => order.UInt32(v.Numerator).Concat(order.UInt32(v.Denominator)))]);

    /// <summary>Whole degrees, whole minutes and seconds to 1/10000 (about 3 mm), as cameras write them.</summary>
    private static (uint, uint)[] Dms(double degrees)
    {
        var whole = Math.Floor(degrees);
        var minutes = Math.Floor((degrees - whole) * 60);
        var seconds = (((degrees - whole) * 60) - minutes) * 60;
        return [((uint)whole, 1), ((uint)minutes, 1), ((uint)Math.Round(seconds * 10000), 10000)];
    }

    /// <summary>An IFD's bytes: count, 12-byte entries (values of up to 4 bytes inline), next-IFD 0, then the longer values.</summary>
    private static int Size(List<Entry> ifd) => 2 + (12 * ifd.Count) + 4 + ifd.Sum(e => e.Value.Length > 4 ? Even(e.Value.Length) : 0);

    private static void WriteIfd(MemoryStream output, ByteOrder order, List<Entry> ifd, int at)
    {
        if (output.Position != at)
        {
            throw new InvalidOperationException($"IFD written at {output.Position}, laid out at {at}.");
        }

        var sorted = ifd.OrderBy(e => e.Tag).ToList(); // TIFF wants entries in ascending tag order
        var valuesAt = at + 2 + (12 * sorted.Count) + 4;
        output.Write(order.UInt16((ushort)sorted.Count));
        foreach (var entry in sorted)
        {
            output.Write(order.UInt16(entry.Tag));
            output.Write(order.UInt16(entry.Type));
            output.Write(order.UInt32(entry.Count));
            if (entry.Value.Length <= 4)
            {
                output.Write(entry.Value);
                output.Write(new byte[4 - entry.Value.Length]);
            }
            else
            {
                output.Write(order.UInt32((uint)valuesAt));
                valuesAt += Even(entry.Value.Length);
            }
        }

        output.Write(order.UInt32(0));
        foreach (var entry in sorted.Where(e => e.Value.Length > 4))
        {
            output.Write(entry.Value);
            output.Write(new byte[Even(entry.Value.Length) - entry.Value.Length]); // values start on a word boundary
        }
    }

    private static int Even(int length) => (length + 1) & ~1;

    private readonly record struct ByteOrder(bool BigEndian)
    {
        public byte[] UInt16(ushort value)
        {
            var bytes = new byte[2];
            if (BigEndian)
            {
                BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
            }
            else
            {
                BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
            }

            return bytes;
        }

        public byte[] UInt32(uint value)
        {
            var bytes = new byte[4];
            if (BigEndian)
            {
                BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
            }
            else
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
            }

            return bytes;
        }
    }
}
