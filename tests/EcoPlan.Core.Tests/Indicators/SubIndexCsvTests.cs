using EcoPlan.Core.Indicators;
using EcoPlan.Core.Regions;

namespace EcoPlan.Core.Tests.Indicators;

public sealed class SubIndexCsvTests
{
    private const string Header = "region_code,year,biological_abundance,vegetation_cover,water_network_density,land_stress,pollution_load,environmental_restriction";
    private static readonly Methodology s_hj192 = MethodologyCatalog.Load(MethodologyCatalog.Hj192);

    private static SubIndexCsvResult Read(string text, Methodology? methodology = null) =>
        SubIndexCsv.Read(new StringReader(text), methodology ?? s_hj192, RegionCatalog.Names);

    [Fact]
    public void Template_IsTheHeaderOfTheMethodology()
    {
        using var writer = new StringWriter();
        SubIndexCsv.WriteTemplate(writer, s_hj192);

        Assert.Equal(Header + "\n", writer.ToString());
    }

    [Fact]
    public void Read_ParsesValuesWithTheInvariantCulture()
    {
        var result = Read($"{Header}\n110112,2025,41.5,62,28.5,34,19,0\n110105,2025,80,90,80,10,10,2\n");

        Assert.True(result.IsValid);
        Assert.Equal(2, result.Records.Count);
        Assert.Equal(41.5m, result.Records[0].Values["biological_abundance"]);
        Assert.Equal(2, result.Records[1].RestrictionLevel);
        Assert.Equal(3, result.Records[1].Row);
    }

    [Fact]
    public void Read_AcceptsColumnsInAnyOrder()
    {
        var result = Read("year,region_code,pollution_load,land_stress,water_network_density,vegetation_cover,biological_abundance,environmental_restriction\n2025,110112,19,34,28.5,62,41.5,0\n");

        Assert.True(result.IsValid);
        Assert.Equal(19m, result.Records[0].Values["pollution_load"]);
    }

    [Theory]
    [InlineData("999999,2025,40,60,30,35,20,0", 1, "region_code: unknown region '999999' (a code or a name)")]
    [InlineData(",2025,40,60,30,35,20,0", 1, "region_code: missing value")]
    [InlineData("110112,20x5,40,60,30,35,20,0", 2, "year: '20x5' is not a year")]
    [InlineData("110112,1850,40,60,30,35,20,0", 2, "year: 1850 is out of range")]
    [InlineData("110112,2025,abc,60,30,35,20,0", 3, "biological_abundance: 'abc' is not a number")]
    [InlineData("110112,2025,40,-2,30,35,20,0", 4, "vegetation_cover: -2 is negative")]
    [InlineData("110112,2025,40,60,128,35,20,0", 5, "water_network_density: 128 is out of range (0–100)")]
    [InlineData("110112,2025,40,60,30,,20,0", 6, "land_stress: missing value")]
    [InlineData("110112,2025,40,60,30,35,20,1", 8, "environmental_restriction: 1 is not a restriction level of hj192-2015; use 0, 2, 3 (0 = none)")]
    [InlineData("110112,2025,40,60,30,35,20,0,7", 9, "the row has 9 fields, the header 8")]
    [InlineData("110112,2025,\"40,5\",60,30,35,20,0", 3, "biological_abundance: '40,5' is not a number")]
    public void Read_NamesTheRowAndColumnOfABadCell(string line, int column, string message)
    {
        var result = Read($"{Header}\n110112,2024,40,60,30,35,20,0\n{line}\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal(3, error.Row);
        Assert.Equal(column, error.Column);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Equal($"f.csv:3:{column}: {error.Message}", error.ToString("f.csv"));
    }

    [Fact]
    public void Read_RejectsTheSameRegionAndYearTwice()
    {
        var result = Read($"{Header}\n110112,2024,40,60,30,35,20,0\n110112,2025,40,60,30,35,20,0\n110112,2024,41,60,30,35,20,0\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal((4, 1), (error.Row, error.Column));
        Assert.Contains("already given on row 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CountsPhysicalLines_WhenBlankLinesIntervene()
    {
        var result = Read($"{Header}\n110112,2024,40,60,30,35,20,0\n\n110112,2025,40,60,x,35,20,0\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal((4, 5), (error.Row, error.Column));
    }

    [Fact]
    public void Read_ReportsMissingAndUnknownColumnsOnTheHeader()
    {
        var result = Read("region_code,year,biological_abundance,vegetation_cover,water_network_density,land_stres,pollution_load,environmental_restriction\n");

        Assert.Collection(result.Errors,
            e =>
            {
                Assert.Equal((1, 6), (e.Row, e.Column));
                Assert.StartsWith("unknown column 'land_stres';", e.Message, StringComparison.Ordinal);
            },
            e => Assert.Equal((1, 6, "missing column 'land_stress'"), (e.Row, e.Column, e.Message)));
    }

    [Fact]
    public void Read_ReportsEveryMissingCellOfAShortRow()
    {
        var result = Read($"{Header}\n110112,2025,40,60,30,35\n");

        Assert.Equal(
            [(2, 7, "pollution_load: missing value"), (2, 8, "environmental_restriction: missing value")],
            result.Errors.Select(e => (e.Row, e.Column, e.Message)));
    }

    [Fact]
    public void Read_RejectsAnEmptyFileAndAHeaderWithoutRows()
    {
        Assert.Contains("the file is empty", Assert.Single(Read("").Errors).Message, StringComparison.Ordinal);
        var headerOnly = Assert.Single(Read(Header + "\n").Errors);
        Assert.Equal((2, "no data rows after the header"), (headerOnly.Row, headerOnly.Message));
    }

    [Fact]
    public void Read_Db11HasNoRestrictionColumn()
    {
        var db11 = MethodologyCatalog.Load(MethodologyCatalog.Db11);
        var columns = SubIndexCsv.Columns(db11);

        Assert.Equal(16, columns.Count);
        Assert.DoesNotContain(SubIndexCsv.RestrictionColumn, columns);
        var row = "110112,2025," + string.Join(',', Enumerable.Repeat("50", 14));
        Assert.True(Read(string.Join(',', columns) + "\n" + row + "\n", db11).IsValid);
    }
}
