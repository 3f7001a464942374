using EcoPlan.Core.Spatial;
using NetTopologySuite.Geometries;

namespace EcoPlan.Core.Tests.Spatial;

public class CoordinateSystemsTests
{
    private static readonly GeometryFactory s_factory = new();

    // Reference values from PROJ 9 (Debian proj-bin), e.g.
    //   printf "40.1 117.5\n39.9 116.2\n23.0 113.3\n" | cs2cs -f %.4f EPSG:4490 EPSG:4527
    // cs2cs prints northing first (the EPSG axis order of these systems); the rows below are (lon, lat, easting, northing).
    [Theory]
    [InlineData(4527, 117.5, 40.1, 39542634.6730, 4440752.4168)]
    [InlineData(4527, 116.2, 39.9, 39431584.9665, 4418732.0476)]
    [InlineData(4527, 113.3, 23.0, 39120482.1235, 2549330.1817)]
    [InlineData(4498, 117.5, 40.1, 20542634.6730, 4440752.4168)]
    [InlineData(4498, 113.3, 23.0, 20120482.1235, 2549330.1817)]
    [InlineData(4549, 117.5, 40.1, 286815.4486, 4443629.4259)]
    [InlineData(4549, 113.3, 23.0, -187997.4243, 2560304.2725)]
    [InlineData(4508, 116.2, 39.9, 944804.0285, 4431392.5708)] // 6° CM 111E
    [InlineData(4513, 75.5, 39.5, 25543006.8150, 4374133.4769)]
    [InlineData(4533, 135.0 + 0.8, 41.4, double.NaN, double.NaN)]
    [InlineData(4493, 87.5, 40.5, 15542383.9671, 4485168.8585)]
    public void FromEpsg_ProjectsAsProjDoes(int epsg, double lon, double lat, double easting, double northing)
    {
        var crs = CoordinateSystems.FromEpsg(epsg)!;
        var projected = crs.FromLonLat(s_factory.CreatePoint(new Coordinate(lon, lat)));
        if (!double.IsNaN(easting))
        {
            Assert.Equal(easting, projected.Coordinate.X, 0.005);
            Assert.Equal(northing, projected.Coordinate.Y, 0.005);
        }

        Assert.Equal(epsg, projected.SRID);
        var back = crs.ToLonLat(projected);
        Assert.Equal(4326, back.SRID);
        Assert.Equal(lon, back.Coordinate.X, 1e-8);
        Assert.Equal(lat, back.Coordinate.Y, 1e-8);
    }

    // echo "4420000 39460000" | cs2cs -f %.9f EPSG:4527 EPSG:4490   → 39.913235335 116.532174734
    // echo "3500000 500000" | cs2cs -f %.9f EPSG:4548 EPSG:4490     → 31.622554944 117.000000000
    // echo "3500000 20400000" | cs2cs -f %.9f EPSG:4498 EPSG:4490   → 31.618206139 115.946092922
    [Theory]
    [InlineData(4527, 39460000, 4420000, 116.532174734, 39.913235335)]
    [InlineData(4548, 500000, 3500000, 117.0, 31.622554944)]
    [InlineData(4498, 20400000, 3500000, 115.946092922, 31.618206139)]
    public void ToLonLat_InvertsAsProjDoes(int epsg, double easting, double northing, double lon, double lat)
    {
        var (x, y) = CoordinateSystems.FromEpsg(epsg)!.ToLonLat(easting, northing);
        Assert.Equal(lon, x, 1e-8);
        Assert.Equal(lat, y, 1e-8);
    }

    [Fact]
    public void FromEpsg_KnowsEveryZoneByItsCentralMeridianAndFalseEasting()
    {
        var zone39 = CoordinateSystems.FromEpsg(4527)!;
        Assert.Equal((117.0, 39_500_000.0), (zone39.CentralMeridian, zone39.FalseEasting));
        Assert.Equal("CGCS2000 / 3-degree Gauss-Kruger zone 39", zone39.Name);
        var zone20 = CoordinateSystems.FromEpsg(4498)!;
        Assert.Equal((117.0, 20_500_000.0), (zone20.CentralMeridian, zone20.FalseEasting));
        Assert.Equal((75.0, 25_500_000.0), (CoordinateSystems.FromEpsg(4513)!.CentralMeridian, CoordinateSystems.FromEpsg(4513)!.FalseEasting));
        Assert.Equal((135.0, 45_500_000.0), (CoordinateSystems.FromEpsg(4533)!.CentralMeridian, CoordinateSystems.FromEpsg(4533)!.FalseEasting));
        Assert.Equal((75.0, 500_000.0), (CoordinateSystems.FromEpsg(4534)!.CentralMeridian, CoordinateSystems.FromEpsg(4534)!.FalseEasting));
        Assert.Equal(135.0, CoordinateSystems.FromEpsg(4554)!.CentralMeridian);
        Assert.Equal((75.0, 13_500_000.0), (CoordinateSystems.FromEpsg(4491)!.CentralMeridian, CoordinateSystems.FromEpsg(4491)!.FalseEasting));
        Assert.Equal((135.0, 23_500_000.0), (CoordinateSystems.FromEpsg(4501)!.CentralMeridian, CoordinateSystems.FromEpsg(4501)!.FalseEasting));
        Assert.Equal((75.0, 500_000.0), (CoordinateSystems.FromEpsg(4502)!.CentralMeridian, CoordinateSystems.FromEpsg(4502)!.FalseEasting));
        Assert.Equal(135.0, CoordinateSystems.FromEpsg(4512)!.CentralMeridian);
        Assert.True(CoordinateSystems.FromEpsg(4490)!.IsGeographic);
        Assert.True(CoordinateSystems.FromEpsg(4326)!.IsGeographic);
        Assert.False(zone39.IsGeographic);
        Assert.Equal(66, CoordinateSystems.SupportedCodes.Count);
        Assert.All(CoordinateSystems.SupportedCodes, c => Assert.Equal(c, CoordinateSystems.FromEpsg(c)!.Epsg));
    }

    [Theory]
    [InlineData(3857)]
    [InlineData(4214)]
    [InlineData(4555)]
    [InlineData(4490 + 1000)]
    [InlineData(32650)]
    public void FromEpsg_RefusesOtherSystems(int code) => Assert.Null(CoordinateSystems.FromEpsg(code));

    [Fact]
    public void UnsupportedMessage_NamesTheSystemAndWhatIsSupported()
    {
        var message = CoordinateSystems.UnsupportedMessage(CoordinateSystems.Describe(3857));
        Assert.Equal("coordinate system EPSG:3857 Web Mercator is not supported; supported are EPSG:4326, 4490 and the CGCS2000 Gauss-Krüger 3°/6° zones (EPSG:4491–4554)", message);
    }

    // projinfo EPSG:4527 -o WKT1_ESRI -q
    public const string Esri4527 = """PROJCS["CGCS2000_3_Degree_GK_Zone_39",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",39500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]""";

    // projinfo EPSG:4498 -o WKT1_ESRI -q
    public const string Esri4498 = """PROJCS["CGCS2000_GK_Zone_20",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",20500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]""";

    public const string Esri4490 = """GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]""";

    public const string Esri4326 = """GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]""";

    // projinfo EPSG:3857 -o WKT1_ESRI -q
    public const string Esri3857 = """PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Mercator_Auxiliary_Sphere"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],PARAMETER["Standard_Parallel_1",0.0],PARAMETER["Auxiliary_Sphere_Type",0.0],UNIT["Meter",1.0]]""";

    // projinfo EPSG:2362 -o WKT1_ESRI -q: Xian 1980 3° zone 38, a Gauss-Krüger zone but not on CGCS2000.
    public const string Esri2362 = """PROJCS["Xian_1980_3_Degree_GK_Zone_38",GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",38500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",114.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]""";

    [Theory]
    [InlineData(Esri4527, 4527)]
    [InlineData(Esri4498, 4498)]
    [InlineData(Esri4490, 4490)]
    [InlineData(Esri4326, 4326)]
    [InlineData("""PROJCS["CGCS2000_3_Degree_GK_CM_117E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]""", 4548)]
    [InlineData("""PROJCS["CGCS2000_6_Degree_GK_CM_117E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]""", 4509)]
    public void FromPrj_RecognisesEsriDefinitionsByTheirParameters(string wkt, int epsg) =>
        Assert.Equal(epsg, CoordinateSystems.FromPrj(wkt)?.Epsg);

    [Fact]
    public void FromPrj_ReadsTheAuthorityOfGdalAndWkt2Definitions()
    {
        // projinfo EPSG:4527 -o WKT1_GDAL -q (abridged: the authority decides)
        const string gdal = """PROJCS["CGCS2000 / 3-degree Gauss-Kruger zone 39",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4490"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",117],PARAMETER["scale_factor",1],PARAMETER["false_easting",39500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AUTHORITY["EPSG","4527"]]""";
        Assert.Equal(4527, CoordinateSystems.FromPrj(gdal)?.Epsg);
        const string wkt2 = """
            PROJCRS["CGCS2000 / 6-degree Gauss-Kruger zone 20",
                BASEGEOGCRS["China Geodetic Coordinate System 2000", DATUM["China 2000", ELLIPSOID["CGCS2000",6378137,298.257222101]]],
                CONVERSION["6-degree Gauss-Kruger zone 20", METHOD["Transverse Mercator", ID["EPSG",9807]],
                    PARAMETER["Longitude of natural origin",117], PARAMETER["False easting",20500000]],
                CS[Cartesian,2], AXIS["northing (X)",north], AXIS["easting (Y)",east],
                ID["EPSG",4498]]
            """;
        Assert.Equal(4498, CoordinateSystems.FromPrj(wkt2)?.Epsg);
        Assert.Equal(4498, CoordinateSystems.FromPrj(wkt2.Replace("ID[\"EPSG\",4498]", "REMARK[\"x\"]", StringComparison.Ordinal))?.Epsg);
    }

    [Theory]
    [InlineData(Esri3857, "WGS_1984_Web_Mercator_Auxiliary_Sphere")]
    [InlineData(Esri2362, "Xian_1980_3_Degree_GK_Zone_38")]
    [InlineData("""PROJCS["WGS 84 / Pseudo-Mercator",GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]]],PROJECTION["Mercator_1SP"],AUTHORITY["EPSG","3857"]]""", "EPSG:3857 WGS 84 / Pseudo-Mercator")]
    [InlineData("not a projection at all", "not a projection at all")]
    public void FromPrj_RefusesOthersAndDescribesThem(string wkt, string description)
    {
        Assert.Null(CoordinateSystems.FromPrj(wkt));
        Assert.Equal(description, CoordinateSystems.Describe(wkt));
    }

    [Fact]
    public void FromPrj_RefusesAGaussKrugerZoneWhoseMeridianAndPrefixDisagree() =>
        Assert.Null(CoordinateSystems.FromPrj(Esri4527.Replace("\"Central_Meridian\",117.0", "\"Central_Meridian\",114.0", StringComparison.Ordinal)));

    [Theory]
    [InlineData(116.1, 39.6, 116.9, 40.2, 4326)]
    [InlineData(39_431_584, 4_418_732, 39_542_634, 4_440_752, 4527)]
    [InlineData(20_431_584, 4_418_732, 20_542_634, 4_440_752, 4498)]
    [InlineData(25_100_000, 4_000_000, 25_900_000, 4_100_000, 4513)]
    [InlineData(45_100_000, 4_000_000, 45_200_000, 4_100_000, 4533)]
    public void Guess_TellsLonLatAndZonePrefixes(double minX, double minY, double maxX, double maxY, int epsg) =>
        Assert.Equal(epsg, CoordinateSystems.Guess(new Envelope(minX, maxX, minY, maxY))?.Epsg);

    [Theory]
    [InlineData(431_584, 4_418_732, 542_634, 4_440_752)] // no prefix: the central meridian is unknown
    [InlineData(39_900_000, 4_418_732, 40_100_000, 4_440_752)] // two prefixes
    [InlineData(24_100_000, 4_418_732, 24_200_000, 4_440_752)] // 24 is no zone of either kind
    [InlineData(12_958_000, 4_825_000, 12_960_000, 4_830_000)] // Web Mercator metres of Beijing: "zone 12" is none
    [InlineData(116.1, 95, 116.9, 96)]
    public void Guess_RefusesWhatCoordinatesDoNotTell(double minX, double minY, double maxX, double maxY) =>
        Assert.Null(CoordinateSystems.Guess(new Envelope(minX, maxX, minY, maxY)));

    [Fact]
    public void IsWithinRange_RefusesAnEastingOfAnotherZone()
    {
        var zone39 = CoordinateSystems.FromEpsg(4527)!;
        Assert.True(zone39.IsWithinRange(s_factory.CreatePoint(new Coordinate(39_500_100, 4_400_000))));
        Assert.False(zone39.IsWithinRange(s_factory.CreatePoint(new Coordinate(40_500_100, 4_400_000))));
        Assert.False(zone39.IsWithinRange(s_factory.CreatePoint(new Coordinate(500_100, 4_400_000))));
        Assert.False(CoordinateSystems.FromEpsg(4326)!.IsWithinRange(s_factory.CreatePoint(new Coordinate(116, 91))));
    }

    [Fact]
    public void ToLonLat_ConvertsPolygonsWithHolesAndGivesThemSrid4326()
    {
        var zone39 = CoordinateSystems.FromEpsg(4527)!;
        var shell = s_factory.CreateLinearRing([new(39_460_000, 4_420_000), new(39_461_000, 4_420_000), new(39_461_000, 4_421_000), new(39_460_000, 4_421_000), new(39_460_000, 4_420_000)]);
        var hole = s_factory.CreateLinearRing([new(39_460_400, 4_420_400), new(39_460_600, 4_420_400), new(39_460_600, 4_420_600), new(39_460_400, 4_420_600), new(39_460_400, 4_420_400)]);
        var polygon = s_factory.CreateMultiPolygon([s_factory.CreatePolygon(shell, [hole])]);
        var lonLat = zone39.ToLonLat(polygon);
        Assert.IsType<MultiPolygon>(lonLat);
        Assert.Equal(4326, lonLat.SRID);
        Assert.Equal(116.532174734, lonLat.Coordinates[0].X, 1e-8);
        Assert.Equal(39.913235335, lonLat.Coordinates[0].Y, 1e-8);
        Assert.Equal(39_460_000, polygon.Coordinates[0].X); // the source is left as it was
        Assert.True(lonLat.IsValid);
    }

    [Fact]
    public void ToLonLat_GivesTheSameResultsFromManyThreads()
    {
        var zone39 = CoordinateSystems.FromEpsg(4527)!;
        var expected = Enumerable.Range(0, 2000).Select(i => zone39.ToLonLat(39_400_000 + (i * 37.0), 4_400_000 + (i * 11.0))).ToArray();
        var actual = new (double, double)[expected.Length];
        Parallel.For(0, expected.Length, i => actual[i] = zone39.ToLonLat(39_400_000 + (i * 37.0), 4_400_000 + (i * 11.0)));
        Assert.Equal(expected, actual);
    }
}
