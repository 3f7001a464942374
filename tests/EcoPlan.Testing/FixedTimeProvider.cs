namespace EcoPlan.Testing;

/// <summary>A clock a test sets and moves; local time is China Standard Time (UTC+8), where EcoPlan's users are.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    private static readonly TimeZoneInfo s_china = TimeZoneInfo.CreateCustomTimeZone("UTC+8", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");

    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();

    public override TimeZoneInfo LocalTimeZone => s_china;

    /// <summary>Noon in Beijing on a day.</summary>
    public static FixedTimeProvider At(int year, int month, int day) => new(new DateTimeOffset(year, month, day, 12, 0, 0, TimeSpan.FromHours(8)));

    public void SetDay(int year, int month, int day) => Now = new DateTimeOffset(year, month, day, 12, 0, 0, TimeSpan.FromHours(8));
}
