using EcoPlan.Core.Indicators.GepR;
using EcoPlan.Core.Regions;

namespace EcoPlan.Core.Tests.Indicators.GepR;

internal static class GepRTestData
{
    public static RegulatingServiceSet Services => RegulatingServiceCatalog.BuiltIn;

    public static PriceTable ShippedPrices()
    {
        var result = PriceCsv.Read(new StringReader(PriceCsv.ShippedPrices()), "prices.csv", Services);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return new PriceTable(result.Records);
    }

    public static GepRReadResult<QuantityRecord> Quantities(string text) =>
        QuantityCsv.Read(new StringReader(text), "q.csv", Services, RegionCatalog.Names);

    public static GepRReadResult<PriceEntry> Prices(string text) =>
        PriceCsv.Read(new StringReader(text), "p.csv", Services);

    public static GepRReadResult<ModelInputRecord> Inputs(string text) =>
        PhysicalModels.Read(new StringReader(text), "in.csv", Services, RegionCatalog.Names);

    public static IReadOnlyList<QuantityRecord> ValidQuantities(string text)
    {
        var result = Quantities(text);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Records;
    }

    public static PriceTable ValidPrices(string text)
    {
        var result = Prices(text);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return new PriceTable(result.Records);
    }

    public static GepRReport Report(IReadOnlyList<QuantityRecord> quantities, PriceTable prices, int? baseYear = null)
    {
        var ledger = GepRLedger.Build(quantities, prices, Services, RegionCatalog.Names, baseYear);
        Assert.True(ledger.IsValid, string.Join("\n", ledger.Errors));
        return GepRReport.Build(ledger.Records, baseYear, Services);
    }
}
