namespace Longan.Appraisal.Core.Domain;

/// <summary>Dates as the county sees them: China Standard Time, whatever the server's zone.</summary>
public static class CountyCalendar
{
    private static readonly TimeZoneInfo s_chinaTime = FindChinaTime();

    public static DateOnly Today(TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), s_chinaTime).DateTime);

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
