using Microsoft.Extensions.Time.Testing;

namespace EcoPlan.Testing;

/// <summary>A <see cref="FakeTimeProvider"/> at noon in Beijing (UTC+8, where EcoPlan's users are), moved a day at a time.</summary>
public static class BeijingClock
{
    private static readonly TimeZoneInfo s_china = TimeZoneInfo.CreateCustomTimeZone("UTC+8", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");

    public static FakeTimeProvider At(int year, int month, int day)
    {
        var clock = new FakeTimeProvider(Noon(year, month, day));
        clock.SetLocalTimeZone(s_china);
        return clock;
    }

    public static void SetDay(this FakeTimeProvider clock, int year, int month, int day)
    {
        ArgumentNullException.ThrowIfNull(clock);
        clock.SetUtcNow(Noon(year, month, day));
    }

    private static DateTimeOffset Noon(int year, int month, int day) => new(year, month, day, 12, 0, 0, TimeSpan.FromHours(8));
}
