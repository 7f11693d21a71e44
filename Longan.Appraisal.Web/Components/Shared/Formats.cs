using System.Globalization;

namespace Longan.Appraisal.Web.Components.Shared;

/// <summary>How dates and values are shown: ISO dates, which read the same in Chinese and English.</summary>
public static class Formats
{
    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public static DateOnly? ToDateOnly(DateTime? value) => value is { } v ? DateOnly.FromDateTime(v) : null;

    public static DateTime? ToDateTime(DateOnly? value) => value?.ToDateTime(TimeOnly.MinValue);
}
