using EcoPlan.Core.Indicators.GepR;

namespace EcoPlan.Core.Tests.Indicators.GepR;

public sealed class RegulatingServicesTests
{
    [Fact]
    public void BuiltIn_HasTheTenServicesOfTheIssueInOrder()
    {
        var names = GepRTestData.Services.Services.Select(s => s.Name);

        Assert.Equal(["水源涵养", "土壤保持", "防风固沙", "洪水调蓄", "空气净化", "水质净化", "固碳", "释氧", "气候调节", "病虫害控制"], names);
    }

    [Fact]
    public void BuiltIn_TagsEverySourceAndFlagsTheUnconfirmedMembers()
    {
        var services = GepRTestData.Services.Services;

        Assert.All(services, s => Assert.StartsWith("[C:DreamBlooms/ChinaXiv-201601-to-202209/", s.Source, StringComparison.Ordinal));
        Assert.All(services, s => Assert.NotEmpty(s.Items));
        // The note names 释氧 and 病虫害控制 as unconfirmed for Beijing's set (§3.1).
        Assert.False(GepRTestData.Services.Service("oxygen_release").ListedConfirmed);
        Assert.Contains("UNCONFIRMED", GepRTestData.Services.Service("pest_control").Listed, StringComparison.Ordinal);
        Assert.True(GepRTestData.Services.Service("water_conservation").ListedConfirmed);
        // Site-specific parameters are flagged.
        Assert.False(GepRTestData.Services.Service("soil_retention").Parameter("bulk_density").Confirmed);
        Assert.Equal(0.24m, GepRTestData.Services.Service("soil_retention").Parameter("siltation_coefficient").Value);
    }

    [Fact]
    public void ShippedPrices_AreTheNotesPricesEachTaggedAndUnconfirmedForBeijing()
    {
        var prices = GepRTestData.ShippedPrices();

        Assert.Equal(16, prices.Entries.Count);
        Assert.All(prices.Entries, p =>
        {
            Assert.Equal(2010, p.PriceYear);
            Assert.False(p.Confirmed);
            Assert.StartsWith("[C:DreamBlooms/", p.Source, StringComparison.Ordinal);
            Assert.Contains("UNCONFIRMED", p.Note, StringComparison.Ordinal);
        });
        Assert.Equal(7.06m, prices.InForce("water_conservation", "water", 2010)!.Price);
        Assert.Equal(15.58m, prices.InForce("soil_retention", "siltation", 2024)!.Price);
        Assert.Equal(2800m, prices.InForce("soil_retention", "phosphorus", 2024)!.Price);
        Assert.Equal(0.53m, prices.InForce("climate_regulation", "electricity", 2024)!.Price);
        Assert.Equal(112.5m, prices.InForce("pest_control", "grassland", 2024)!.Price);
    }

    [Fact]
    public void ShippedPrices_CoverEveryItemOfTheBuiltInServices()
    {
        var prices = GepRTestData.ShippedPrices();

        foreach (var service in GepRTestData.Services.Services)
        {
            Assert.All(service.Items, i => Assert.NotNull(prices.InForce(service.Key, i.Key, 2010)));
        }
    }

    [Fact]
    public void Parse_RejectsAnUnknownUnitAndDuplicates()
    {
        static GepRException Fails(string json) =>
            Assert.Throws<GepRException>(() => RegulatingServiceCatalog.Parse(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))));

        var unit = Fails("""{"id":"x","name":"x","services":[{"key":"a","name":"甲","items":[{"key":"i","name":"i","unit":"亩"}]}]}""");
        var twice = Fails("""{"id":"x","name":"x","services":[{"key":"a","name":"甲","items":[{"key":"i","name":"i","unit":"t"}]},{"key":"a","name":"乙","items":[{"key":"i","name":"i","unit":"t"}]}]}""");

        Assert.Contains("unknown unit '亩'", unit.Message, StringComparison.Ordinal);
        Assert.Contains("service a twice", twice.Message, StringComparison.Ordinal);
    }
}
