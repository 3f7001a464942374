using EcoPlan.Core.Plans;
using EcoPlan.Core.Progress;

namespace EcoPlan.Core.Tests.Progress;

public sealed class ReportingScheduleTests
{
    private static readonly DateOnly s_january = new(2026, 1, 1);

    [Fact]
    public void Monthly_UpToTheDeadlineMonth_DueOnTheDueDay()
    {
        var periods = ReportingSchedule.Periods(2026, ReportingFrequency.Monthly, 25, s_january, DeadlineKind.Date, new DateOnly(2026, 9, 30));

        Assert.Equal(9, periods.Count);
        Assert.Equal(new DateOnly(2026, 1, 1), periods[0].Start);
        Assert.Equal(new DateOnly(2026, 9, 25), periods[^1].Due);
        Assert.Equal("2026-09", periods[^1].Label);
    }

    [Fact]
    public void Continuous_ReportsEveryMonthOfTheYear()
    {
        var periods = ReportingSchedule.Periods(2026, ReportingFrequency.Monthly, 25, s_january, DeadlineKind.Continuous, null);

        Assert.Equal(12, periods.Count);
        Assert.Equal(new DateOnly(2026, 12, 25), periods[^1].Due);
    }

    [Fact]
    public void Quarterly_StartsOnQuarterMonthsAndIsDueInTheQuartersLastMonth()
    {
        var periods = ReportingSchedule.Periods(2026, ReportingFrequency.Quarterly, 25, new DateOnly(2026, 5, 1), DeadlineKind.Date, new DateOnly(2026, 12, 31));

        Assert.Equal([new DateOnly(2026, 4, 1), new DateOnly(2026, 7, 1), new DateOnly(2026, 10, 1)], periods.Select(p => p.Start));
        Assert.Equal(new DateOnly(2026, 6, 25), periods[0].Due);
    }

    [Fact]
    public void DueDayBeyondTheMonth_IsItsLastDay()
    {
        var periods = ReportingSchedule.Periods(2026, ReportingFrequency.Monthly, 31, s_january, DeadlineKind.Date, new DateOnly(2026, 3, 31));

        Assert.Equal([new DateOnly(2026, 1, 31), new DateOnly(2026, 2, 28), new DateOnly(2026, 3, 31)], periods.Select(p => p.Due));
    }

    [Fact]
    public void PlanStartingLate_BeginsInItsFirstMonth()
    {
        var periods = ReportingSchedule.Periods(2026, ReportingFrequency.Monthly, 25, new DateOnly(2026, 6, 15), DeadlineKind.Date, new DateOnly(2026, 9, 30));

        Assert.Equal(["2026-06", "2026-07", "2026-08", "2026-09"], periods.Select(p => p.Label));
    }
}
