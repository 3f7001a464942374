using MetadataExtractor;
using MetadataExtractor.Formats.Exif;

namespace EcoPlan.Core.Clues.Evidence;

/// <summary>
/// What a site photo says about itself (EXIF): where it was taken (WGS84/CGCS2000 degrees, south and west negative), when,
/// which way the camera looked, and by which camera. A field the photo lacks, or carries in a form that cannot be right
/// (latitude 95°, a zero denominator, a date 2024:13:40), is null; nothing is guessed.
/// </summary>
/// <param name="Latitude">Degrees north; south is negative.</param>
/// <param name="Longitude">Degrees east; west is negative.</param>
/// <param name="AltitudeMeters">Above sea level; below is negative.</param>
/// <param name="TakenAt">When the shutter was pressed (see <see cref="PhotoMetadata.OffsetWhenUnstated"/>).</param>
/// <param name="DirectionDegrees">GPSImgDirection, 0 ≤ d &lt; 360, clockwise from north.</param>
/// <param name="DirectionRef">"T" (true north) or "M" (magnetic north); null when the photo does not say.</param>
/// <param name="CameraModel">Make and model, e.g. "HUAWEI ELS-AN00".</param>
public sealed record PhotoFacts(
    double? Latitude,
    double? Longitude,
    double? AltitudeMeters,
    DateTimeOffset? TakenAt,
    double? DirectionDegrees,
    string? DirectionRef,
    string? CameraModel)
{
    public static readonly PhotoFacts None = new(null, null, null, null, null, null, null);

    public bool HasPosition => Latitude is not null && Longitude is not null;
}

/// <summary>
/// Reads <see cref="PhotoFacts"/> from a photo's bytes with MetadataExtractor (JPEG, TIFF, PNG, WebP and the other formats
/// it knows; not HEIC, which 2.4.3 does not read). Never throws for any bytes: an upload is a stranger's file.
/// </summary>
public static class PhotoMetadata
{
    /// <summary>
    /// The offset given to a DateTimeOriginal without OffsetTimeOriginal. EXIF's DateTimeOriginal is the camera's wall
    /// clock; phones before EXIF 2.31 (and many still) write no offset, and EcoPlan's photos are taken in China, so the
    /// wall clock is read as China Standard Time (UTC+08:00, no daylight saving).
    /// </summary>
    public static readonly TimeSpan OffsetWhenUnstated = TimeSpan.FromHours(8);

    // Tags by number: MetadataExtractor 2.4.3 names no constant for OffsetTimeOriginal (EXIF 2.31).
    private const int TagMake = 0x010F;
    private const int TagModel = 0x0110;
    private const int TagDateTimeOriginal = 0x9003;
    private const int TagOffsetTimeOriginal = 0x9011;
    private const int MaxModelLength = 100;

    public static PhotoFacts Read(byte[] photo)
    {
        ArgumentNullException.ThrowIfNull(photo);
        IReadOnlyList<MetadataExtractor.Directory> directories;
        try
        {
            using var stream = new MemoryStream(photo, writable: false);
            directories = ImageMetadataReader.ReadMetadata(stream);
        }
        // Any exception: the reader parses untrusted bytes, and on crafted ones throws more than its own
        // ImageProcessingException (end of stream, index and overflow errors). A photo it cannot read has no facts.
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return PhotoFacts.None;
        }

        try
        {
            return FactsOf(directories);
        }
        // Values of an unexpected type (a string where a rational belongs) throw from the typed getters.
        catch (Exception ex) when (ex is MetadataException or FormatException or InvalidCastException or OverflowException or ArgumentException)
        {
            return PhotoFacts.None;
        }
    }

    /// <summary>As <see cref="Read(byte[])"/>; copies the bytes once.</summary>
    public static PhotoFacts Read(ReadOnlySpan<byte> photo) => Read(photo.ToArray());

    private static PhotoFacts FactsOf(IReadOnlyList<MetadataExtractor.Directory> directories)
    {
        var gps = directories.OfType<GpsDirectory>().FirstOrDefault();
        var exif = directories.OfType<ExifSubIfdDirectory>().FirstOrDefault();
        var ifd0 = directories.OfType<ExifIfd0Directory>().FirstOrDefault();

        var (latitude, longitude) = gps is null ? (null, null) : Position(gps);
        var (direction, directionRef) = gps is null ? (null, null) : Direction(gps);
        return new PhotoFacts(
            latitude,
            longitude,
            gps is null ? null : Altitude(gps),
            (exif is null ? null : TakenAt(exif)) ?? (gps is null ? null : GpsTime(gps)),
            direction,
            directionRef,
            ifd0 is null ? null : CameraModel(ifd0));
    }

    private static (double? Latitude, double? Longitude) Position(GpsDirectory gps)
    {
        var latitude = Degrees(gps, GpsDirectory.TagLatitude, GpsDirectory.TagLatitudeRef, "N", "S", 90);
        var longitude = Degrees(gps, GpsDirectory.TagLongitude, GpsDirectory.TagLongitudeRef, "E", "W", 180);
        // Half a position is none; and 0,0 is what some cameras write before they have a fix (it lies in the Gulf of Guinea).
        return latitude is null || longitude is null || (latitude == 0 && longitude == 0) ? (null, null) : (latitude, longitude);
    }

    /// <summary>Degrees, minutes, seconds (any of them fractional) with N/S or E/W; null when the reference is missing or unknown.</summary>
    private static double? Degrees(GpsDirectory gps, int tag, int refTag, string positive, string negative, double limit)
    {
        var parts = gps.GetRationalArray(tag);
        var reference = Text(gps, refTag)?.ToUpperInvariant();
        if (parts is null || parts.Length != 3 || (reference != positive && reference != negative))
        {
            return null;
        }

        var value = Finite(parts[0]) + (Finite(parts[1]) / 60) + (Finite(parts[2]) / 3600);
        if (!double.IsFinite(value) || value < 0 || value > limit)
        {
            return null;
        }

        return reference == negative ? -value : value;
    }

    private static double? Altitude(GpsDirectory gps)
    {
        if (!gps.TryGetRational(GpsDirectory.TagAltitude, out var altitude) || !double.IsFinite(Finite(altitude)))
        {
            return null;
        }

        // GPSAltitudeRef 1: below sea level.
        var below = gps.TryGetInt32(GpsDirectory.TagAltitudeRef, out var reference) && reference == 1;
        return below ? -Finite(altitude) : Finite(altitude);
    }

    private static (double? Degrees, string? Reference) Direction(GpsDirectory gps)
    {
        if (!gps.TryGetRational(GpsDirectory.TagImgDirection, out var direction))
        {
            return (null, null);
        }

        var degrees = Finite(direction);
        if (!double.IsFinite(degrees) || degrees < 0 || degrees > 360)
        {
            return (null, null);
        }

        var reference = Text(gps, GpsDirectory.TagImgDirectionRef)?.ToUpperInvariant();
        return (degrees % 360, reference is "T" or "M" ? reference : null);
    }

    /// <summary>DateTimeOriginal at OffsetTimeOriginal, or at <see cref="OffsetWhenUnstated"/> when the photo gives no offset.</summary>
    private static DateTimeOffset? TakenAt(ExifSubIfdDirectory exif)
    {
        var text = Text(exif, TagDateTimeOriginal);
        if (text is null || !DateTime.TryParseExact(text, ["yyyy:MM:dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        var offset = Offset(Text(exif, TagOffsetTimeOriginal)) ?? OffsetWhenUnstated;
        return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset);
    }

    /// <summary>"+08:00", "-05:30"; null for anything else (EXIF writes "   :  " when unknown).</summary>
    private static TimeSpan? Offset(string? text)
    {
        if (text is not { Length: 6 } || (text[0] != '+' && text[0] != '-') || text[3] != ':'
            || !int.TryParse(text.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(text.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || hours > 14 || minutes > 59)
        {
            return null;
        }

        var offset = new TimeSpan(hours, minutes, 0);
        return text[0] == '-' ? -offset : offset;
    }

    /// <summary>GPSDateStamp and GPSTimeStamp, which are UTC by definition.</summary>
    private static DateTimeOffset? GpsTime(GpsDirectory gps)
    {
        var date = Text(gps, GpsDirectory.TagDateStamp);
        var time = gps.GetRationalArray(GpsDirectory.TagTimeStamp);
        if (date is null || time is not { Length: 3 }
            || !DateTime.TryParseExact(date, "yyyy:MM:dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return null;
        }

        var seconds = (Finite(time[0]) * 3600) + (Finite(time[1]) * 60) + Finite(time[2]);
        if (!double.IsFinite(seconds) || seconds < 0 || seconds >= 86400)
        {
            return null;
        }

        return new DateTimeOffset(DateTime.SpecifyKind(day, DateTimeKind.Unspecified), TimeSpan.Zero).AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
    }

    /// <summary>The model, after the make when the model does not already name it ("HUAWEI ELS-AN00", "iPhone 13").</summary>
    private static string? CameraModel(ExifIfd0Directory ifd0)
    {
        var model = Printable(Text(ifd0, TagModel));
        if (model is null)
        {
            return null;
        }

        var make = Printable(Text(ifd0, TagMake));
        var name = make is null || model.Contains(make, StringComparison.OrdinalIgnoreCase) ? model : $"{make} {model}";
        return name.Length > MaxModelLength ? name[..MaxModelLength] : name;
    }

    private static string? Printable(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var kept = new string([.. text.Where(c => !char.IsControl(c))]).Trim();
        return kept.Length == 0 ? null : kept;
    }

    /// <summary>An ASCII tag's text without its NUL padding; null when absent or blank.</summary>
    private static string? Text(MetadataExtractor.Directory directory, int tag)
    {
        var text = directory.ContainsTag(tag) ? directory.GetString(tag)?.Trim('\0', ' ') : null;
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>The rational's value; NaN for a zero denominator (MetadataExtractor would give infinity or zero).</summary>
    private static double Finite(Rational value) => value.Denominator == 0 ? double.NaN : value.ToDouble();
}
