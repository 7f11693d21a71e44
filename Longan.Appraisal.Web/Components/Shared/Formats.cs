using System.Globalization;

namespace Longan.Appraisal.Web.Components.Shared;

/// <summary>How dates and values are shown: ISO dates, which read the same in Chinese and English.</summary>
public static class Formats
{
    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>A moment in the county's time (UTC+8), to the minute.</summary>
    public static string DateTime(DateTimeOffset moment) =>
        moment.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A score as the spec rounds it: two decimals, half away from zero.</summary>
    public static string Score(decimal score) => Core.Scoring.ScoreText.Of(score);

    /// <summary>An adjustment with its sign, two decimals like the scores beside it.</summary>
    public static string Signed(decimal points) => Core.Scoring.ScoreText.Signed(points);

    public static DateOnly? ToDateOnly(System.DateTime? value) => value is { } v ? DateOnly.FromDateTime(v) : null;

    public static System.DateTime? ToDateTime(DateOnly? value) => value?.ToDateTime(TimeOnly.MinValue);
}
