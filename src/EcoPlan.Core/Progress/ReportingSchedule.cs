using EcoPlan.Core.Plans;

namespace EcoPlan.Core.Progress;

/// <summary>A period a measure must be reported for, and the day the report is due.</summary>
public sealed record ReportingPeriod(DateOnly Start, DateOnly Due)
{
    public string Label => Start.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    public const int FirstYear = 1900;
    public const int LastYear = 2999;

    /// <summary>
    /// A period as users write it (YYYY-MM) to its first day, within <see cref="FirstYear"/>–<see cref="LastYear"/>:
    /// schedules, dashboards and reports count months on both sides of a period, which 9999-12 or 0001-01 cannot give.
    /// </summary>
    public static bool TryParseMonth(string? text, out DateOnly start) =>
        DateOnly.TryParseExact($"{text}-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out start)
        && start.Year is >= FirstYear and <= LastYear;
}

/// <summary>
/// Which periods a measure is reported in: every period of the plan's year from the first one the plan
/// runs in, up to the period holding the measure's deadline (to the year's end for continuous, recurring or
/// unparsed deadlines). Pure, so tests and the reminder job agree on what is due.
/// </summary>
public static class ReportingSchedule
{
    public static IReadOnlyList<ReportingPeriod> Periods(int planYear, ReportingFrequency frequency, int dueDay, DateOnly firstMonth, DeadlineKind deadlineKind, DateOnly? deadline)
    {
        var step = frequency switch
        {
            ReportingFrequency.Monthly => 1,
            ReportingFrequency.Quarterly => 3,
        };
        var yearStart = new DateOnly(planYear, 1, 1);
        var start = firstMonth > yearStart ? new DateOnly(firstMonth.Year, firstMonth.Month, 1) : yearStart;
        // Quarters start in January, April, July and October.
        start = start.AddMonths(-((start.Month - 1) % step));
        var last = deadlineKind == DeadlineKind.Date && deadline is { } d ? new DateOnly(d.Year, d.Month, 1) : new DateOnly(planYear, 12, 1);

        var periods = new List<ReportingPeriod>();
        for (var period = start; period <= last; period = period.AddMonths(step))
        {
            var lastMonth = period.AddMonths(step - 1);
            var day = Math.Clamp(dueDay, 1, DateTime.DaysInMonth(lastMonth.Year, lastMonth.Month));
            periods.Add(new ReportingPeriod(period, new DateOnly(lastMonth.Year, lastMonth.Month, day)));
        }

        return periods;
    }

    /// <summary>The period a date falls in (its first day), for a frequency.</summary>
    public static DateOnly PeriodOf(DateOnly date, ReportingFrequency frequency)
    {
        var month = new DateOnly(date.Year, date.Month, 1);
        return frequency == ReportingFrequency.Quarterly ? month.AddMonths(-((month.Month - 1) % 3)) : month;
    }
}
