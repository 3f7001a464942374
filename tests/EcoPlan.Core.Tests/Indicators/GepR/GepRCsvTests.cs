namespace EcoPlan.Core.Tests.Indicators.GepR;

public sealed class GepRCsvTests
{
    private const string QuantityHeader = "region_code,year,service,item,quantity,unit,source";
    private const string PriceHeader = "price_year,service,item,price,unit,source,confirmed,note";

    [Fact]
    public void Quantities_AreReadWithTheInvariantCultureInAnyColumnOrder()
    {
        var records = GepRTestData.ValidQuantities("source,unit,quantity,service,year,region_code\n统计局,m3,1.5e6,water_conservation,2024,110112\n");

        var q = Assert.Single(records);
        Assert.Equal(1_500_000m, q.Quantity);
        Assert.Equal("water", q.Item);
        Assert.Equal("m³", q.Unit.Symbol);
        Assert.Equal(4, q.Column);
    }

    [Theory]
    [InlineData("999999,2024,water_conservation,,1,m³,x", 1, "region_code: unknown region '999999' (a code or a name)")]
    [InlineData("110112,24,water_conservation,,1,m³,x", 2, "year: 24 is out of range (1980–2100)")]
    [InlineData("110112,2024,noise_reduction,,1,m³,x", 3, "service: unknown service 'noise_reduction'")]
    [InlineData("110112,2024,soil_retention,,1,m³,x", 4, "item: missing value; soil_retention has the items siltation, nitrogen, phosphorus")]
    [InlineData("110112,2024,soil_retention,carbon,1,m³,x", 4, "item: soil_retention has no item 'carbon'")]
    [InlineData("110112,2024,water_conservation,,1 000,m³,x", 5, "quantity: '1 000' is not a number")]
    [InlineData("110112,2024,water_conservation,,-5,m³,x", 5, "quantity: -5 is negative")]
    [InlineData("110112,2024,water_conservation,,5,t,x", 6, "unit: water_conservation/water is a volume (m³), not a mass (t)")]
    [InlineData("110112,2024,water_conservation,,5,亩,x", 6, "unit: unknown unit '亩'")]
    [InlineData("110112,2024,water_conservation,,5,m³,", 7, "source: missing value")]
    [InlineData("110112,2024,water_conservation,,5,m³,x,extra", 8, "the row has 8 fields, the header 7")]
    public void Quantities_NameTheRowAndColumnOfABadCell(string line, int column, string message)
    {
        var result = GepRTestData.Quantities($"{QuantityHeader}\n110112,2023,water_conservation,,1,m³,x\n{line}\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal(("q.csv", 3, column), (error.File, error.Row, error.Column));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Equal($"q.csv:3:{column}: {error.Message}", error.ToString());
    }

    [Fact]
    public void Quantities_RejectTheSameItemTwiceAndBadHeaders()
    {
        var twice = GepRTestData.Quantities($"{QuantityHeader}\n110112,2024,water_conservation,water,1,m³,x\n110112,2024,water_conservation,,2,m³,y\n");
        var header = GepRTestData.Quantities("region_code,year,service,quantity,unit,price\n");
        var empty = GepRTestData.Quantities($"{QuantityHeader}\n");

        Assert.Equal("q.csv:3:3: service: water_conservation/water of region 110112 in 2024 is already given on row 2", Assert.Single(twice.Errors).ToString());
        Assert.Equal(["q.csv:1:6: unknown column 'price'; the columns are region_code,year,service,quantity,unit,source,item", "q.csv:1:6: missing column 'source'"],
            header.Errors.Select(e => e.ToString()));
        Assert.Equal("q.csv:2:1: no data rows after the header", Assert.Single(empty.Errors).ToString());
    }

    [Theory]
    [InlineData("2011,water_conservation,water,7.06,元/t,x,false,", 5, "unit: unit mismatch: a quantity in m³ (volume) cannot be priced in 元/t (mass)")]
    [InlineData("2011,water_conservation,water,7.06,m³,x,false,", 5, "unit: 'm³' is not a price unit")]
    [InlineData("2011,water_conservation,water,-1,元/m³,x,false,", 4, "price: -1 is negative")]
    [InlineData("2011,water_conservation,water,7.06,元/m³,,false,", 6, "source: missing value")]
    [InlineData("2011,water_conservation,water,7.06,元/m³,x,maybe,", 7, "confirmed: 'maybe' is not true or false")]
    [InlineData("2010,water_conservation,water,8,元/m³,x,true,", 3, "item: a 2010 price of water_conservation/water is already given on row 2")]
    public void Prices_NameTheRowAndColumnOfABadCell(string line, int column, string message)
    {
        var result = GepRTestData.Prices($"{PriceHeader}\n2010,water_conservation,water,7.06,元/m³,x,false,\n{line}\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal((3, column), (error.Row, error.Column));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PriceTable_UsesTheLatestVersionNotAfterTheYear()
    {
        var prices = GepRTestData.ValidPrices($"""
            {PriceHeader}
            2010,water_conservation,water,7.06,元/m³,note,false,
            2020,water_conservation,water,8.5,元/m³,local,true,
            2023,water_conservation,water,9,元/万m³,odd unit,true,
            """);

        Assert.Null(prices.InForce("water_conservation", "water", 2009));
        Assert.Equal(7.06m, prices.InForce("water_conservation", "water", 2019)!.Price);
        Assert.Equal(8.5m, prices.InForce("water_conservation", "water", 2022)!.Price);
        Assert.Equal(2023, prices.InForce("water_conservation", "water", 2030)!.PriceYear);
        Assert.Null(prices.InForce("water_conservation", "other", 2030));
    }
}
