using EcoPlan.Core.Export;

namespace EcoPlan.Core.Indicators.GepR;

/// <summary>The compensation table as a workbook: the rule (labelled as configurable, not official), per district what it pays and receives, and who pays whom.</summary>
public static class CompensationXlsx
{
    public static void Write(Stream output, CompensationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rule = new List<IReadOnlyList<object?>>
        {
            new object?[] { "项目 field", "值 value" },
            new object?[] { "规则 rule", result.Rules.Label },
            new object?[] { "官方公式 official", "否 no: configurable rule, the official formula is not public" },
            new object?[] { "方式 mode", result.Rules.Mode.ToString().ToLowerInvariant() },
            new object?[] { "考核年 year", result.Year },
            new object?[] { "上年 previous year", result.PreviousYear },
            new object?[] { "价格基年 price base year", result.PriceBaseYear },
            new object?[] { "费率 rate", result.Rules.Rate },
            new object?[] { "资金 fund", result.Rules.Fund },
            new object?[] { "来源 source", result.Rules.Source },
            new object?[] { "支付合计 total paid (元)", result.TotalPaid },
            new object?[] { "受偿合计 total received (元)", result.TotalReceived },
            new object?[] { "说明 notice", result.Notice },
        };
        var districts = new List<IReadOnlyList<object?>>
        {
            new object?[] { "区 district", "代码 code", "上年 GEP-R previous (元)", "本年 GEP-R current (元)", "增量 change (元)", "增长率 growth", "目标增长率 target", "差额 shortfall (元)", "超额 surplus (元)", "支付 pays (元)", "受偿 receives (元)" },
        };
        districts.AddRange(result.Districts.Select(d => (IReadOnlyList<object?>)
            [d.RegionName, d.RegionCode, Round(d.Previous), Round(d.Current), Round(d.Delta), d.Growth is { } g ? Math.Round(g, 6) : null, d.TargetRate, Round(d.Shortfall), Round(d.Surplus), d.Pays, d.Receives]));
        var transfers = new List<IReadOnlyList<object?>> { new object?[] { "支付方 from", "代码 from code", "受偿方 to", "代码 to code", "金额 amount (元)" } };
        transfers.AddRange(result.Transfers.Select(t => (IReadOnlyList<object?>)[t.FromName, t.FromCode, t.ToName, t.ToCode, t.Amount]));
        SimpleXlsxWriter.Write(output, [new XlsxSheet("规则 rule", rule), new XlsxSheet("各区 districts", districts), new XlsxSheet("支付 transfers", transfers)]);
    }

    private static decimal? Round(decimal? value) => value is { } v ? Math.Round(v, 2, MidpointRounding.AwayFromZero) : null;
}
