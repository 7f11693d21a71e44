namespace Longan.Appraisal.Core.Features.Attendance;

/// <summary>A township's month × assistant grid of days in the village for one cycle (spec §3, A).</summary>
/// <param name="MinDays">Months below this are short (the cycle's rule, default 20).</param>
/// <param name="CanAdd">The caller may record a month now (spec §1: 组织部 and the township, while collecting).</param>
/// <param name="CanChange">The caller may change a recorded month now.</param>
/// <param name="CanDelete">The caller may clear a recorded month (组织部 only).</param>
public sealed record AttendanceGrid(int CycleId, int Year, int TownshipId, int MinDays, IReadOnlyList<AttendanceGridRow> Rows, bool CanAdd, bool CanChange, bool CanDelete)
{
    public static int DaysIn(int year, int month) => DateTime.DaysInMonth(year, month);
}

/// <param name="Days">Index 0 = January; null = no record yet.</param>
/// <param name="FirstMonth">The first month that can have attendance (the month they began serving that year).</param>
/// <param name="LastMonth">The last month that can (the current one; 12 once the year is over).</param>
public sealed record AttendanceGridRow(int AssistantId, string Code, string Name, string VillageName, int?[] Days, int FirstMonth = 1, int LastMonth = 12)
{
    public bool Takes(int month) => month >= FirstMonth && month <= LastMonth;
}
