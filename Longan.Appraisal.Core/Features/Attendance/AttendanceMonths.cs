using Longan.Appraisal.Core.Resources;

namespace Longan.Appraisal.Core.Features.Attendance;

/// <summary>
/// Which months of a cycle's year can have attendance for an assistant: from the month they began
/// serving that year to the current month — the grid, the service and the workbook import ask here.
/// </summary>
public static class AttendanceMonths
{
    public static int First(int year, DateOnly servedFrom) => servedFrom.Year < year ? 1 : servedFrom.Month;

    /// <summary>The last month that has begun (12 once the year is over, 0 before it starts).</summary>
    public static int Last(int year, DateOnly today) => today.Year > year ? 12 : today.Year < year ? 0 : today.Month;

    /// <summary>Why the month cannot be recorded, or null.</summary>
    public static string? Problem(int year, int month, string name, DateOnly servedFrom, DateOnly today) =>
        month > Last(year, today) ? Messages.AttendanceMonthNotYet(year, month)
        : month < First(year, servedFrom) ? Messages.AttendanceMonthBeforePosting(name, servedFrom, month)
        : null;
}
