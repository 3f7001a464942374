using EcoPlan.Core.Export;
using EcoPlan.Core.Indicators.GepR;

namespace EcoPlan.Core.Indicators;

/// <summary>
/// The xlsx templates people download to fill in indicator values: a sheet 数据 with the Chinese column names (what the
/// imports read, beside the English keys), and a sheet 说明 listing each column with its key, and for GEP-R the services
/// and items with their units.
/// </summary>
public static class IndicatorTemplates
{
    public const string DataSheet = "数据";
    public const string AboutSheet = "说明";

    public static IReadOnlyList<XlsxSheet> Ei(Methodology methodology)
    {
        ArgumentNullException.ThrowIfNull(methodology);
        var columns = SubIndexCsv.Columns(methodology);
        return Sheets(columns.Select(c => IndicatorColumns.ChineseName(c, methodology)).ToList(), columns, []);
    }

    public static IReadOnlyList<XlsxSheet> GepRQuantities() => GepR(QuantityCsv.Columns, prices: false);

    public static IReadOnlyList<XlsxSheet> GepRPrices() => GepR([.. PriceCsv.RequiredColumns, .. PriceCsv.OptionalColumns], prices: true);

    private static IReadOnlyList<XlsxSheet> GepR(IReadOnlyList<string> columns, bool prices)
    {
        var items = RegulatingServiceCatalog.BuiltIn.Services
            .SelectMany(s => s.Items.Select(i => (IReadOnlyList<object?>)[s.Name, i.Name, prices ? $"{GepRUnits.Currency}/{i.Unit}" : i.Unit, s.Key, i.Key]))
            .ToList();
        return Sheets([.. columns.Select(c => IndicatorColumns.ChineseName(c))], columns,
            [[], ["服务", "项目", prices ? "价格单位" : "单位", "service", "item"], .. items]);
    }

    private static IReadOnlyList<XlsxSheet> Sheets(IReadOnlyList<string> names, IReadOnlyList<string> keys, IReadOnlyList<IReadOnlyList<object?>> more) =>
    [
        new XlsxSheet(DataSheet, [names.Cast<object?>().ToList()]),
        new XlsxSheet(AboutSheet, [["列名", "英文列名（也可使用）"], .. names.Zip(keys, (n, k) => (IReadOnlyList<object?>)[n, k]), .. more]),
    ];
}
