using EcoPlan.Core.Clues.Evidence;
using Xunit.Abstractions;

namespace EcoPlan.Core.Tests.Clues;

public sealed class PhotoMetadataTests(ITestOutputHelper output)
{
    // 天安门广场, facing south-east, a Huawei phone's clock in Beijing.
    private static readonly ExifFields Tiananmen = new(
        Latitude: 39.9054895, Longitude: 116.3976317, AltitudeMeters: 44.25, DirectionDegrees: 135.5, DirectionRef: "T",
        DateTimeOriginal: "2026:05:14 09:30:15", OffsetTimeOriginal: "+08:00", CameraMake: "HUAWEI", CameraModel: "ELS-AN00");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Read_PhotoWithExif_RoundTripsEveryField(bool bigEndian)
    {
        var facts = PhotoMetadata.Read(ExifJpeg.Write(Tiananmen, bigEndian));

        Assert.Equal(39.9054895, facts.Latitude!.Value, 6);
        Assert.Equal(116.3976317, facts.Longitude!.Value, 6);
        Assert.Equal(44.25, facts.AltitudeMeters!.Value, 6);
        Assert.Equal(135.5, facts.DirectionDegrees!.Value, 6);
        Assert.Equal("T", facts.DirectionRef);
        Assert.Equal(new DateTimeOffset(2026, 5, 14, 9, 30, 15, TimeSpan.FromHours(8)), facts.TakenAt);
        Assert.Equal(TimeSpan.FromHours(8), facts.TakenAt!.Value.Offset);
        Assert.Equal("HUAWEI ELS-AN00", facts.CameraModel);
        Assert.True(facts.HasPosition);
    }

    [Fact]
    public void Read_SpanOverload_ReadsTheSameFacts()
    {
        var photo = ExifJpeg.Write(Tiananmen);

        Assert.Equal(PhotoMetadata.Read(photo), PhotoMetadata.Read(new ReadOnlySpan<byte>(photo)));
    }

    [Fact]
    public void Read_SouthAndWest_AreNegative_BelowSeaLevelToo_AndTheStatedOffsetIsKept()
    {
        var facts = PhotoMetadata.Read(ExifJpeg.Write(new ExifFields(
            Latitude: -22.9519, Longitude: -43.2105, AltitudeMeters: -12.5, DirectionDegrees: 359.99, DirectionRef: "M",
            DateTimeOriginal: "2026:01:02 23:59:59", OffsetTimeOriginal: "-03:00", CameraMake: "Apple", CameraModel: "iPhone 13")));

        Assert.Equal(-22.9519, facts.Latitude!.Value, 6);
        Assert.Equal(-43.2105, facts.Longitude!.Value, 6);
        Assert.Equal(-12.5, facts.AltitudeMeters!.Value, 6);
        Assert.Equal(359.99, facts.DirectionDegrees!.Value, 6);
        Assert.Equal("M", facts.DirectionRef);
        Assert.Equal(new DateTimeOffset(2026, 1, 3, 2, 59, 59, TimeSpan.Zero), facts.TakenAt);
        Assert.Equal(TimeSpan.FromHours(-3), facts.TakenAt!.Value.Offset);
        Assert.Equal("Apple iPhone 13", facts.CameraModel);
    }

    [Fact]
    public void Read_NoGps_NoOffset_GivesNoPosition_AndReadsTheClockAsChinaTime()
    {
        var facts = PhotoMetadata.Read(ExifJpeg.Write(new ExifFields(DateTimeOriginal: "2026:07:01 08:00:00", CameraModel: "Canon EOS R6")));

        Assert.Null(facts.Latitude);
        Assert.Null(facts.Longitude);
        Assert.Null(facts.AltitudeMeters);
        Assert.Null(facts.DirectionDegrees);
        Assert.Null(facts.DirectionRef);
        Assert.False(facts.HasPosition);
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero), facts.TakenAt);
        Assert.Equal(PhotoMetadata.OffsetWhenUnstated, facts.TakenAt!.Value.Offset);
        Assert.Equal("Canon EOS R6", facts.CameraModel);
    }

    [Fact]
    public void Read_UnknownOffset_AsExifWritesIt_IsChinaTimeToo()
    {
        var facts = PhotoMetadata.Read(ExifJpeg.Write(new ExifFields(DateTimeOriginal: "2026:07:01 08:00:00", OffsetTimeOriginal: "   :  ")));

        Assert.Equal(TimeSpan.FromHours(8), facts.TakenAt!.Value.Offset);
    }

    [Fact]
    public void Read_NoDateTimeOriginal_FallsBackToTheGpsStamp_InUtc()
    {
        var facts = PhotoMetadata.Read(ExifJpeg.Write(new ExifFields(
            Latitude: 39.9, Longitude: 116.4, GpsDateStamp: "2026:05:14", GpsTimeStamp: (1, 30, 15.5))));

        Assert.Equal(new DateTimeOffset(2026, 5, 14, 1, 30, 15, 500, TimeSpan.Zero), facts.TakenAt);
        Assert.Equal(TimeSpan.Zero, facts.TakenAt!.Value.Offset);
    }

    [Fact]
    public void Read_DateTimeOriginal_WinsOverTheGpsStamp()
    {
        var facts = PhotoMetadata.Read(ExifJpeg.Write(Tiananmen with { GpsDateStamp = "2020:01:01", GpsTimeStamp = (0, 0, 0) }));

        Assert.Equal(new DateTimeOffset(2026, 5, 14, 9, 30, 15, TimeSpan.FromHours(8)), facts.TakenAt);
    }

    [Theory]
    [InlineData(95.0, 116.4)] // no such latitude
    [InlineData(39.9, 181.0)] // no such longitude
    [InlineData(0.0, 0.0)] // what cameras write before they have a fix
    public void Read_ImpossiblePosition_IsNoPosition(double latitude, double longitude)
    {
        var facts = PhotoMetadata.Read(ExifJpeg.Write(Tiananmen with { Latitude = latitude, Longitude = longitude }));

        Assert.Null(facts.Latitude);
        Assert.Null(facts.Longitude);
        Assert.NotNull(facts.TakenAt);
    }

    [Fact]
    public void Read_HalfAPosition_IsNoPosition()
    {
        var facts = PhotoMetadata.Read(ExifJpeg.Write(Tiananmen with { Longitude = null }));

        Assert.False(facts.HasPosition);
        Assert.Null(facts.Latitude);
    }

    [Fact]
    public void Read_BadDate_IsNoTime_AndAnUnknownDirectionRefIsNull()
    {
        var facts = PhotoMetadata.Read(ExifJpeg.Write(Tiananmen with { DateTimeOriginal = "2026:13:40 25:00:00", DirectionRef = "X" }));

        Assert.Null(facts.TakenAt);
        Assert.Equal(135.5, facts.DirectionDegrees!.Value, 6);
        Assert.Null(facts.DirectionRef);
    }

    [Fact]
    public void Read_PhotoWithoutMetadata_HasNoFacts()
    {
        Assert.Equal(PhotoFacts.None, PhotoMetadata.Read(ExifJpeg.Plain()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a photo at all")]
    [InlineData("\u00ff\u00d8\u00ff\u00e1\u00ff\u00ffExif\0\0II*\0")] // an APP1 longer than the file
    [InlineData("\u0089PNG\r\n\u001a\n")] // a PNG signature and nothing else
    [InlineData("II*\0\u00ff\u00ff\u00ff\u007f")] // a TIFF whose first IFD is 2 GB away
    public void Read_Garbage_HasNoFacts(string text)
    {
        Assert.Equal(PhotoFacts.None, PhotoMetadata.Read([.. text.Select(c => (byte)c)]));
    }

    [Fact]
    public void Read_EveryTruncation_NeverThrows_AndNeverInventsAPosition()
    {
        var photo = ExifJpeg.Write(Tiananmen);
        var withPosition = 0;
        for (var length = 0; length <= photo.Length; length++)
        {
            var facts = PhotoMetadata.Read(photo.AsSpan(0, length));
            AssertPlausible(facts);
            withPosition += facts.HasPosition ? 1 : 0;
        }

        // Once the GPS IFD is complete, the rest of the file is not needed for the position.
        output.WriteLine($"{photo.Length + 1} truncations, {withPosition} with a position");
        Assert.True(withPosition > 0);
        Assert.Equal(39.9054895, PhotoMetadata.Read(photo).Latitude!.Value, 6);
    }

    [Fact]
    public void Read_RandomBytesAndMutatedPhotos_NeverThrow()
    {
        var random = new Random(20261202);
        byte[][] seeds = [ExifJpeg.Write(Tiananmen), ExifJpeg.Write(Tiananmen, bigEndian: true)];
        var outcomes = new int[2];
        for (var i = 0; i < 6000; i++)
        {
            byte[] bytes;
            if (i % 3 == 0)
            {
                bytes = new byte[random.Next(0, 600)];
                random.NextBytes(bytes);
                if (i % 2 == 0 && bytes.Length > 22)
                {
                    // Random bytes behind a real JPEG + EXIF + TIFF preamble, so the parser gets past its signature checks.
                    seeds[0].AsSpan(0, 22).CopyTo(bytes);
                }
            }
            else
            {
                bytes = [.. seeds[i % 2]];
                for (var m = random.Next(1, 6); m > 0; m--)
                {
                    // Mostly inside the EXIF segment (the first ~300 bytes), where the offsets and counts are.
                    var at = random.Next(2, Math.Min(bytes.Length, 320));
                    bytes[at] = random.Next(3) switch { 0 => (byte)random.Next(256), 1 => 0xFF, _ => (byte)(bytes[at] ^ (1 << random.Next(8))) };
                }
            }

            PhotoFacts facts;
            try
            {
                facts = PhotoMetadata.Read(bytes);
            }
            catch (Exception ex)
            {
                Assert.Fail($"input {i} ({Convert.ToHexString(bytes)}) threw {ex}");
                return;
            }

            AssertPlausible(facts);
            outcomes[facts == PhotoFacts.None ? 0 : 1]++;
        }

        output.WriteLine($"6000 inputs: {outcomes[0]} without facts, {outcomes[1]} with some");
        Assert.True(outcomes[0] > 500 && outcomes[1] > 500, $"none {outcomes[0]}, some {outcomes[1]}");
    }

    private static void AssertPlausible(PhotoFacts facts)
    {
        Assert.Equal(facts.Latitude is null, facts.Longitude is null);
        Assert.InRange(facts.Latitude ?? 0, -90, 90);
        Assert.InRange(facts.Longitude ?? 0, -180, 180);
        Assert.InRange(facts.DirectionDegrees ?? 0, 0, 359.999999);
        Assert.True(facts.AltitudeMeters is null || double.IsFinite(facts.AltitudeMeters.Value));
        Assert.Contains(facts.DirectionRef, (string?[])[null, "T", "M"]);
        Assert.True(facts.CameraModel is null || (facts.CameraModel.Length is > 0 and <= 100 && !facts.CameraModel.Any(char.IsControl)));
    }
}
