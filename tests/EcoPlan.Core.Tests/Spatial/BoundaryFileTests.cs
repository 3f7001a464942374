using EcoPlan.Core.Spatial;
using static EcoPlan.Core.Tests.Spatial.GeoFiles;

namespace EcoPlan.Core.Tests.Spatial;

public class BoundaryFileTests
{
    private static BoundaryReadResult Read(byte[] content, string fileName) =>
        BoundaryFile.ReadAsync(new MemoryStream(content), fileName, CancellationToken.None).GetAwaiter().GetResult();

    private static string JsonFeature(string properties, double x) =>
        $$$"""{"type":"Feature","properties":{{{properties}}},"geometry":{"type":"Polygon","coordinates":[[[{{{x}}},39.9],[{{{x + 0.05}}},39.9],[{{{x + 0.05}}},39.95],[{{{x}}},39.9]]]}}""";

    private static string Collection(params string[] features) => """{"type":"FeatureCollection","features":[""" + string.Join(",", features) + "]}";

    [Fact]
    public void GeoJson_BoundariesAreKeyedByCodeOrItsSynonyms()
    {
        var json = Collection(
            JsonFeature("""{"code":"110112001","name":"永顺镇"}""", 116.6),
            JsonFeature("""{"区划代码":110112002,"名称":"梨园镇"}""", 116.7),
            JsonFeature("""{"xzqdm":"110112003000.0","XZQMC":"宋庄镇"}""", 116.8),
            JsonFeature("""{"ADCODE":"110112"}""", 116.9));
        var result = Read(Utf8(json), "乡镇.geojson");
        Assert.Empty(result.Problems);
        Assert.Equal(["110112001", "110112002", "110112003000", "110112"], result.Boundaries.Select(b => b.Code));
        Assert.Equal(["永顺镇", "梨园镇", "宋庄镇", null], result.Boundaries.Select(b => b.Name));
        Assert.Equal(4326, result.Crs?.Epsg);
    }

    [Fact]
    public void GeoJson_MissingMalformedAndRepeatedCodesAreProblemsAtTheirFeature()
    {
        var json = Collection(
            JsonFeature("""{"code":"110112001"}""", 116.6),
            JsonFeature("""{"name":"无代码"}""", 116.7),
            JsonFeature("""{"code":"11011200A"}""", 116.8),
            JsonFeature("""{"code":"1101120011"}""", 116.8),
            JsonFeature("""{"行政区划代码":"110112001"}""", 116.9),
            """{"type":"Feature","properties":{"code":"110112009"},"geometry":{"type":"Point","coordinates":[116.6,39.9]}}""");
        var result = Read(Utf8(json), "乡镇.geojson");
        Assert.Equal(["110112001"], result.Boundaries.Select(b => b.Code));
        Assert.Equal(
            [
                ("feature 2", "no division code (one of the attributes code、区划代码、行政区划代码、XZQDM、ADCODE)"),
                ("feature 3", "division code \"11011200A\" is invalid: 6, 9 or 12 digits are expected (GB/T 2260)"),
                ("feature 4", "division code \"1101120011\" is invalid: 6, 9 or 12 digits are expected (GB/T 2260)"),
                ("feature 5", "division code 110112001 appears twice (first at feature 1)"),
                ("feature 6", "the boundary of division 110112009 is a Point; a polygon is expected"),
            ],
            result.Problems.Select(p => (p.Position, p.Message)));
    }

    [Fact]
    public void Shapefile_BoundariesInAGaussKrugerZoneWithGbkNames()
    {
        var zip = ShapefileZip(
            [
                Feature(Square(39_460_000, 4_420_000, 3_000), ("XZQDM", "110112001"), ("XZQMC", "永顺镇")),
                Feature(Square(39_463_000, 4_420_000, 3_000), ("XZQDM", "110112002"), ("XZQMC", "梨园镇")),
            ],
            layer: "XZQ", prj: CoordinateSystemsTests.Esri4527, cpg: "GBK");
        var result = Read(zip, "乡镇界线.zip");
        Assert.Empty(result.Problems);
        Assert.Equal([("110112001", "永顺镇"), ("110112002", "梨园镇")], result.Boundaries.Select(b => (b.Code, b.Name)));
        Assert.Equal(9_000_000, GeodesicArea.SquareMeters(result.Boundaries[0].LonLat), 9_000_000 * 1e-4);
    }

    [Fact]
    public void AFileThatCannotBeReadGivesItsOneProblem()
    {
        var result = Read(ShapefileZip([Feature(Square(0, 0, 1), ("XZQDM", "110112001"))], prj: CoordinateSystemsTests.Esri3857), "web.zip");
        Assert.Empty(result.Boundaries);
        Assert.Equal("web.zip", Assert.Single(result.Problems).Position);
    }
}
