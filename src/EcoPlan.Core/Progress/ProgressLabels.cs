using EcoPlan.Core.Plans;

namespace EcoPlan.Core.Progress;

/// <summary>The Chinese words the official outputs (台账, 月报) print, whatever the reader's UI language.</summary>
public static class ProgressLabels
{
    public const string NotReported = "未报送";

    public static string Status(ProgressStatus status) => status switch
    {
        ProgressStatus.NotStarted => "未启动",
        ProgressStatus.InProgress => "推进中",
        ProgressStatus.Completed => "已完成",
        ProgressStatus.Late => "滞后",
        ProgressStatus.CannotComplete => "无法完成",
    };

    /// <summary>Where a report's review stands: 草稿 / 待审核 / 已通过 / 已退回 (and <see cref="NotReported"/> without a report).</summary>
    public static string Review(ReportState state) => state switch
    {
        ReportState.Draft => "草稿",
        ReportState.Submitted => "待审核",
        ReportState.Accepted => "已通过",
        ReportState.Returned => "已退回",
    };

    public static string Risk(RiskLevel risk) => risk switch
    {
        RiskLevel.Red => "红",
        RiskLevel.Amber => "黄",
        RiskLevel.Green => "绿",
    };

    public static string Reason(RiskReason reason) => reason switch
    {
        RiskReason.None => "",
        RiskReason.DeadlinePassed => "已过完成时限，尚未完成",
        RiskReason.ReportedLate => "单位报告滞后或无法完成",
        RiskReason.DueSoonBehind => $"{Dashboard.AmberWindowDays}日内到期，进度不足{Dashboard.AmberPercent}%",
        RiskReason.ReportMissing => "逾期未报送进展",
    };

    public static string Comparator(TargetComparator comparator) => comparator switch
    {
        TargetComparator.AtLeast => "≥",
        TargetComparator.AtMost => "≤",
        TargetComparator.Equal => "",
        TargetComparator.Approximately => "约",
        TargetComparator.NotBelowBaseline => "不低于基准",
    };

    /// <summary>A decimal without trailing zeros, culture-invariant: 12, 120.5.</summary>
    public static string Number(decimal value) => value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);

    public static string Month(DateOnly period) => $"{period.Year}年{period.Month}月";

    public static string Day(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";
}
