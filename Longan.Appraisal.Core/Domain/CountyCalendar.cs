namespace Longan.Appraisal.Core.Domain;

/// <summary>Dates as the county sees them: China Standard Time, whatever the server's zone.</summary>
public static class CountyCalendar
{
    private static readonly TimeZoneInfo s_chinaTime = FindChinaTime();

    public static DateOnly Today(TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), s_chinaTime).DateTime);

    /// <summary>The county's date at a moment.</summary>
    public static DateOnly Date(DateTimeOffset moment) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(moment, s_chinaTime).DateTime);

    /// <summary>A moment as the county's clock shows it.</summary>
    public static DateTimeOffset Local(DateTimeOffset moment) => TimeZoneInfo.ConvertTime(moment, s_chinaTime);

    /// <summary>The last moment (23:59:59) of the county's day that contains the moment.</summary>
    public static DateTimeOffset EndOfDay(DateTimeOffset moment)
    {
        var local = TimeZoneInfo.ConvertTime(moment, s_chinaTime);
        return new DateTimeOffset(local.Date.AddDays(1).AddSeconds(-1), local.Offset);
    }

    private static TimeZoneInfo FindChinaTime()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (TimeZoneNotFoundException)
        {
            // A server without tz data: China has kept UTC+8 without daylight saving since 1991.
            return TimeZoneInfo.CreateCustomTimeZone("China Standard Time", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
        }
    }
}
