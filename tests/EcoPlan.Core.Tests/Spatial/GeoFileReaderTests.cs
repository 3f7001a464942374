using System.Text;
using EcoPlan.Core.Import.Documents;
using EcoPlan.Core.Spatial;
using EcoPlan.Core.Tests.Import.Documents;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using static EcoPlan.Core.Tests.Spatial.GeoFiles;

namespace EcoPlan.Core.Tests.Spatial;

public class GeoFileReaderTests
{
    private static readonly GeometryFactory s_factory = new();

    private static GeoReadResult Read(byte[] content, string fileName = "线索.dat", GeoReadOptions? options = null) =>
        GeoFileReader.ReadAsync(new MemoryStream(content), fileName, CancellationToken.None, options).GetAwaiter().GetResult();

    // (39460000, 4420000) in EPSG:4527 is 116.532174734°E 39.913235335°N (cs2cs, see CoordinateSystemsTests).
    private const string GaussKrugerCollection = """
        {"type":"FeatureCollection",
         "crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4527"}},
         "features":[
          {"type":"Feature","properties":{"图斑编号":"TB-001","面积":10000,"活动类型":"采矿"},
           "geometry":{"type":"Polygon","coordinates":[[[39460000,4420000],[39460100,4420000],[39460100,4420100],[39460000,4420100],[39460000,4420000]]]}},
          {"type":"Feature","properties":{"图斑编号":"TB-002"},"geometry":{"type":"LineString","coordinates":[[39460000,4420000],[39460100,4420100]]}},
          {"type":"Feature","properties":{"图斑编号":"TB-003"},
           "geometry":{"type":"Polygon","coordinates":[[[39460000,4420000],[39460100,4420100],[39460100,4420000],[39460000,4420100],[39460000,4420000]]]}},
          {"type":"Feature","properties":{"图斑编号":"TB-004"},"geometry":null},
          {"type":"Feature","properties":{"图斑编号":"TB-005"},"geometry":{"type":"Point","coordinates":[39460050]}}
         ]}
        """;

    [Fact]
    public void GeoJson_HonoursTheCrsMemberAndReportsEachBadFeatureWhereItIs()
    {
        var result = Read(Utf8(GaussKrugerCollection), "clues.geojson");
        Assert.Equal(4527, result.Crs?.Epsg);
        Assert.Equal(["feature 1", "feature 3"], result.Features.Select(f => f.Position));
        var first = result.Features[0];
        Assert.Equal("TB-001", first.Attribute("图斑编号"));
        Assert.Equal("10000", first.Attributes["面积"]);
        Assert.Equal(116.532174734, first.LonLat.Coordinates[0].X, 1e-8);
        Assert.Equal(39.913235335, first.LonLat.Coordinates[0].Y, 1e-8);
        Assert.Equal(4326, first.LonLat.SRID);
        Assert.Equal(4527, first.Source.SRID);
        Assert.Equal(10_000, GeodesicArea.SquareMeters(first.LonLat), 2.0);
        Assert.True(first.IsValid);

        var bowtie = result.Features[1];
        Assert.False(bowtie.IsValid);
        Assert.True(bowtie.Repaired!.IsValid);
        Assert.Collection(result.Problems,
            p => Assert.Equal(("feature 2", "geometry", "geometry type LineString is not supported; only points and polygons (Point, Polygon and their Multi forms) are accepted"), (p.Position, p.Field, p.Message)),
            p => Assert.Equal(("feature 3", "geometry"), (p.Position, p.Field)),
            p => Assert.Equal(("feature 4", "no geometry"), (p.Position, p.Message)),
            p => Assert.Equal("feature 5", p.Position));
        Assert.StartsWith("invalid geometry: self-intersection (at 116.53", result.Problems[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GeoJson_WithoutCrsIsLonLatOrTheZoneItsEastingsName()
    {
        var lonLat = Read(Utf8("""{"type":"Feature","properties":{"编号":"A"},"geometry":{"type":"Point","coordinates":[116.6,39.9]}}"""));
        Assert.Equal((4326, 116.6), (lonLat.Crs!.Epsg, lonLat.Features.Single().LonLat.Coordinate.X));
        var zone = Read(Utf8(GaussKrugerCollection.Replace("\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::4527\"}},", "", StringComparison.Ordinal)));
        Assert.Equal(4527, zone.Crs?.Epsg);
        var bare = Read(Utf8("""{"type":"MultiPolygon","coordinates":[[[[116,40],[116.01,40],[116.01,40.01],[116,40]]]]}"""));
        Assert.IsType<MultiPolygon>(bare.Features.Single().LonLat);
    }

    [Theory]
    [InlineData("""{"type":"name","properties":{"name":"EPSG:3857"}}""", "coordinate system EPSG:3857 Web Mercator is not supported")]
    [InlineData("""{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4214"}}""", "coordinate system EPSG:4214 Beijing 1954 is not supported")]
    [InlineData("""{"type":"name","properties":{"name":"GCJ-02"}}""", "unrecognised coordinate system declaration \"GCJ-02\"")]
    public void GeoJson_RefusesADeclaredSystemByName(string crs, string message)
    {
        var result = Read(Utf8($$$"""{"type":"FeatureCollection","crs":{{{crs}}},"features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[12958000,4825000]}}]}"""), "clues.geojson");
        var problem = Assert.Single(result.Problems);
        Assert.Equal("clues.geojson", problem.Position);
        Assert.StartsWith(message, problem.Message, StringComparison.Ordinal);
        Assert.Empty(result.Features);
    }

    [Fact]
    public void GeoJson_RefusesCoordinatesThatTellNoSystemAndOnesOutsideTheirSystem()
    {
        var webMercator = Read(Utf8("""{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[12958000,4825000]}}"""), "web.geojson");
        Assert.Null(webMercator.Crs);
        Assert.StartsWith("the file names no coordinate system and its coordinates (12958000, 4825000 – 12958000, 4825000) do not tell one", Assert.Single(webMercator.Problems).Message, StringComparison.Ordinal);

        var otherZone = Read(Utf8("""{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:4527"}},"features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[40460000,4420000]}}]}"""));
        Assert.Equal(("feature 1", "coordinates (40460000, 4420000 – 40460000, 4420000) are outside the range of EPSG:4527 CGCS2000 / 3-degree Gauss-Kruger zone 39"), (otherZone.Problems.Single().Position, otherZone.Problems.Single().Message));
    }

    [Theory]
    [InlineData("{\"type\":\"FeatureCollection\",\"features\":[", "not valid GeoJSON")]
    [InlineData("{\"type\":\"Topology\"}", "GeoJSON must be a FeatureCollection")]
    [InlineData("just some words, not a table", "no coordinate columns")]
    public void NotAGeoFile_IsOneProblemNamingTheFile(string content, string message)
    {
        var problem = Assert.Single(Read(Utf8(content), "x.json").Problems);
        Assert.Equal(("x.json", null), (problem.Position, problem.Field));
        Assert.StartsWith(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GeoJson_OverTheFeatureLimitIsRefused()
    {
        var features = string.Join(",", Enumerable.Range(0, 11).Select(i => $$$"""{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[116.{{{i}}},40]}}"""));
        var result = Read(Utf8($$"""{"type":"FeatureCollection","features":[{{features}}]}"""), "many.geojson", GeoReadOptions.Default with { MaxFeatures = 10 });
        Assert.Equal("more than 10 features; import them in batches", Assert.Single(result.Problems).Message);
        var tooLarge = Read(new byte[2 * 1024 * 1024], "big.geojson", GeoReadOptions.Default with { MaxFileBytes = 1024 * 1024 });
        Assert.Equal("the file is larger than 1 MB", Assert.Single(tooLarge.Problems).Message);
    }

    private static IReadOnlyList<IFeature> GbkClues() =>
    [
        Feature(Square(39_460_000, 4_420_000, 100), ("TBBH", "TB-001"), ("HDLX", "采矿"), ("BZ", "永顺镇西侧")),
        Feature(Square(39_470_000, 4_420_000, 50), ("TBBH", "TB-002"), ("HDLX", "养殖"), ("BZ", "潞城镇")),
    ];

    [Theory]
    [InlineData("GBK", true)]
    [InlineData(null, true)] // no .cpg: the dbf's code page byte says GBK
    [InlineData(null, false)] // no .cpg, no code page byte: not UTF-8, so GBK
    public void Shapefile_ReadsGbkAttributesAndTheZoneOfItsPrj(string? cpg, bool languageDriver)
    {
        var zip = ShapefileZip(GbkClues(), prj: CoordinateSystemsTests.Esri4527, cpg: cpg, languageDriver: languageDriver);
        var result = Read(zip, "线索.zip");
        Assert.Empty(result.Problems);
        Assert.Equal(4527, result.Crs?.Epsg);
        Assert.Equal(["采矿", "养殖"], result.Features.Select(f => f.Attribute("HDLX")));
        Assert.Equal("永顺镇西侧", result.Features[0].Attributes["BZ"]);
        Assert.Contains(result.Features[0].LonLat.Coordinates, c => Math.Abs(c.X - 116.532174734) < 1e-8 && Math.Abs(c.Y - 39.913235335) < 1e-8);
        Assert.Equal(10_000, GeodesicArea.SquareMeters(result.Features[0].LonLat), 2.0);
        Assert.Equal("图斑.shp", result.Layer);
    }

    [Fact]
    public void Shapefile_InUtf8WithoutCpgIsReadAsUtf8()
    {
        var result = Read(ShapefileZip(GbkClues(), prj: CoordinateSystemsTests.Esri4527, encoding: new UTF8Encoding(false), languageDriver: false), "utf8.zip");
        Assert.Equal("永顺镇西侧", result.Features[0].Attributes["BZ"]);
    }

    [Fact]
    public void Shapefile_WithAWebMercatorPrjIsRefusedByName()
    {
        var result = Read(ShapefileZip(GbkClues(), prj: CoordinateSystemsTests.Esri3857), "web.zip");
        Assert.Equal(new GeoProblem("web.zip", null, "coordinate system WGS_1984_Web_Mercator_Auxiliary_Sphere is not supported; supported are EPSG:4326, 4490 and the CGCS2000 Gauss-Krüger 3°/6° zones (EPSG:4491–4554)"), Assert.Single(result.Problems));
    }

    [Fact]
    public void Shapefile_WithoutPrjTakesTheZoneOfItsPrefixedEastings() =>
        Assert.Equal(4527, Read(ShapefileZip(GbkClues())).Crs?.Epsg);

    [Fact]
    public void Shapefile_TakesTheOnlyPolygonLayerOfSeveralAndSaysSo()
    {
        var lines = ShapefileZip([Feature(s_factory.CreateLineString([new(116, 40), new(116.1, 40.1)]), ("NAME", "路"))], layer: "roads");
        using var linesZip = new System.IO.Compression.ZipArchive(new MemoryStream(lines));
        var extra = linesZip.Entries.Select(e => { using var s = e.Open(); using var m = new MemoryStream(); s.CopyTo(m); return (e.FullName, m.ToArray()); }).ToArray();
        var result = Read(ShapefileZip(GbkClues(), prj: CoordinateSystemsTests.Esri4527, cpg: "GBK", extra: extra));
        Assert.Equal("图斑.shp", result.Layer);
        Assert.Equal(2, result.Features.Count);
        Assert.Equal("the zip holds several layers; read the only point/polygon layer \"图斑.shp\"", Assert.Single(result.Notes));

        var two = Read(ShapefileZip(GbkClues(), extra: [.. ShapefileEntries(GbkClues(), "第二批")]), "two.zip");
        Assert.Equal("the zip holds several point/polygon layers (图斑.shp、第二批.shp); import one at a time", Assert.Single(two.Problems).Message);
        Assert.StartsWith("shapefile \"roads.shp\" is a line layer", Assert.Single(Read(lines).Problems).Message, StringComparison.Ordinal);
    }

    private static IEnumerable<(string, byte[])> ShapefileEntries(IReadOnlyList<IFeature> features, string layer)
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(ShapefileZip(features, layer: layer)));
        foreach (var entry in zip.Entries)
        {
            using var s = entry.Open();
            using var m = new MemoryStream();
            s.CopyTo(m);
            yield return (entry.FullName, m.ToArray());
        }
    }

    [Fact]
    public void Zip_ThatInflatesPastTheLimitIsRefusedWhileRead()
    {
        var shp = ShapefileEntries(GbkClues(), "bomb").Where(e => !e.Item1.EndsWith(".dbf", StringComparison.Ordinal)).ToArray();
        var bomb = ZipInflatingTo("bomb.dbf", 64L * 1024 * 1024, shp);
        Assert.True(bomb.Length < 1024 * 1024);
        var result = Read(bomb, "bomb.zip", GeoReadOptions.Default with { Zip = ZipLimits.Default with { MaxInflatedBytes = 8L * 1024 * 1024 } });
        var problem = Assert.Single(result.Problems);
        Assert.Equal("bomb.zip", problem.Position);
        Assert.Contains("bomb.dbf", problem.Message, StringComparison.Ordinal);
        Assert.Contains("8 MB", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Zip_ThatIsDamagedOrHoldsNoLayerIsOneProblem()
    {
        var zip = ShapefileZip(GbkClues());
        Assert.StartsWith("the file is damaged", Assert.Single(Read(zip[..(zip.Length / 2)], "half.zip").Problems).Message, StringComparison.Ordinal);
        Assert.Equal("the zip holds no shapefile (.shp) or KML", Assert.Single(Read(Zip(("readme.txt", Utf8("hi"))), "other.zip").Problems).Message);
        var noDbf = Zip(("a.shp", ShapefileEntries(GbkClues(), "a").First(e => e.Item1 == "a.shp").Item2));
        Assert.Equal("shapefile \"a.shp\" lacks its .dbf file", Assert.Single(Read(noDbf, "nodbf.zip").Problems).Message);
    }

    private const string Kml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <kml xmlns="http://www.opengis.net/kml/2.2"><Document><Folder>
          <Placemark><name>TB-101</name><description>疑似采矿</description>
            <ExtendedData><Data name="活动类型"><value>采矿</value></Data><SchemaData schemaUrl="#s"><SimpleData name="面积">1.5</SimpleData></SchemaData></ExtendedData>
            <Point><coordinates>116.6,39.9,0</coordinates></Point></Placemark>
          <Placemark><name>TB-102</name>
            <Polygon><outerBoundaryIs><LinearRing><coordinates>116.60,39.90 116.61,39.90 116.61,39.91 116.60,39.91 116.60,39.90</coordinates></LinearRing></outerBoundaryIs>
              <innerBoundaryIs><LinearRing><coordinates>116.602,39.902 116.604,39.902 116.604,39.904 116.602,39.902</coordinates></LinearRing></innerBoundaryIs></Polygon></Placemark>
          <Placemark><name>TB-103</name><MultiGeometry>
            <Polygon><outerBoundaryIs><LinearRing><coordinates>116.7,39.9 116.71,39.9 116.71,39.91</coordinates></LinearRing></outerBoundaryIs></Polygon>
            <Polygon><outerBoundaryIs><LinearRing><coordinates>116.8,39.9 116.81,39.9 116.81,39.91 116.8,39.9</coordinates></LinearRing></outerBoundaryIs></Polygon>
          </MultiGeometry></Placemark>
          <Placemark><name>road</name><LineString><coordinates>116.6,39.9 116.7,40</coordinates></LineString></Placemark>
          <Placemark><name>bad</name><Point><coordinates>east,north</coordinates></Point></Placemark>
        </Folder></Document></kml>
        """;

    [Fact]
    public void Kml_ReadsPlacemarksWithTheirDataAndRefusesLines()
    {
        var result = Read(Utf8(Kml), "clues.kml");
        Assert.Equal(4326, result.Crs?.Epsg);
        Assert.Equal(["TB-101", "TB-102", "TB-103"], result.Features.Select(f => f.Attribute("name")));
        Assert.Equal(("疑似采矿", "采矿", "1.5"), (result.Features[0].Attributes["description"], result.Features[0].Attributes["活动类型"], result.Features[0].Attributes["面积"]));
        var polygon = Assert.IsType<Polygon>(result.Features[1].LonLat);
        Assert.Equal(1, polygon.NumInteriorRings);
        Assert.Equal(2, Assert.IsType<MultiPolygon>(result.Features[2].LonLat).NumGeometries);
        Assert.Equal(["feature 4", "feature 5"], result.Problems.Select(p => p.Position));
        Assert.Equal("coordinates \"east,north\" cannot be read", result.Problems[1].Message);
    }

    [Fact]
    public void Kmz_ReadsItsKmlThroughTheBoundedZip()
    {
        var result = Read(Zip(("doc.kml", Utf8(Kml)), ("files/photo.jpg", [1, 2, 3])), "clues.kmz");
        Assert.Equal(3, result.Features.Count);
    }

    [Fact]
    public void Kml_WithADtdIsRefused()
    {
        var laughs = "<?xml version=\"1.0\"?><!DOCTYPE kml [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]><kml><Placemark><name>&lol2;</name></Placemark></kml>";
        var problem = Assert.Single(Read(Utf8(laughs), "laughs.kml").Problems);
        Assert.Equal("laughs.kml", problem.Position);
        Assert.StartsWith("laughs.kml: KML: the XML has a document type declaration (DTD)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_WithChineseLonLatColumnsInGbkGivesPointsAndCellProblems()
    {
        var csv = "图斑编号,经度,纬度,备注\nTB-1,116.6,39.9,永顺镇\n\nTB-2,东经116度,39.9,\nTB-3,116.7,39.95,潞城镇\n";
        var result = Read(Encoding.GetEncoding(936).GetBytes(csv), "clues.csv");
        Assert.Equal(4326, result.Crs?.Epsg);
        Assert.Equal(["TB-1", "TB-3"], result.Features.Select(f => f.Attribute("图斑编号")));
        Assert.Equal(("line 2", "永顺镇"), (result.Features[0].Position, result.Features[0].Attributes["备注"]));
        Assert.Equal("line 5", result.Features[1].Position);
        Assert.Equal(new GeoProblem("line 4, column 经度", "经度", "\"东经116度\" is not a number"), Assert.Single(result.Problems));
    }

    [Fact]
    public void Csv_WithGaussKrugerXyColumnsIsReadInItsZone()
    {
        var result = Read(Utf8("id,x,y\n1,39460000,4420000\n"), "gk.csv");
        Assert.Equal(4527, result.Crs?.Epsg);
        Assert.Equal(116.532174734, result.Features.Single().LonLat.Coordinate.X, 1e-8);
    }

    [Fact]
    public void Csv_WithoutCoordinateColumnsIsRefusedNamingItsHeader() =>
        Assert.Equal("no coordinate columns: a longitude/latitude pair (经度, lon, lng, longitude, x and 纬度, lat, latitude, y) or a WKT column (WKT, geometry, 几何, shape) is needed; the header is 编号, 面积",
            Assert.Single(Read(Utf8("编号,面积\nA,3\n"), "a.csv").Problems).Message);

    [Fact]
    public void Xlsx_WithAWktColumnNamesTheCellOfABadOne()
    {
        using var xlsx = HandBuiltDocuments.Xlsx("线索", [
            ["编号", "WKT", "类型"],
            ["A", "POLYGON ((116.6 39.9, 116.61 39.9, 116.61 39.91, 116.6 39.9))", "采矿"],
            ["B", "POLYGON ((116.6 39.9, 116.61", "养殖"],
            ["C", "LINESTRING (116.6 39.9, 116.7 40)", "其他"],
        ], []);
        var result = Read(xlsx.ToArray(), "clues.xlsx");
        Assert.Equal(("line 2", "采矿"), (Assert.Single(result.Features).Position, result.Features[0].Attributes["类型"]));
        Assert.Equal(["cell B3", "line 4"], result.Problems.Select(p => p.Position));
        Assert.StartsWith("the WKT cannot be read", result.Problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Xlsx_ThatExplodesPastTheCellLimitIsRefused()
    {
        var problem = Assert.Single(Read(ZipBombs.XlsxWithCells(300_000), "bomb.xlsx").Problems);
        Assert.Equal("bomb.xlsx", problem.Position);
        Assert.Contains("200000 cells", problem.Message, StringComparison.Ordinal);
    }
}
