namespace Longan.Appraisal.Core.Features.Attendance;

/// <summary>A township's month × assistant grid of days in the village for one cycle (spec §3, A).</summary>
/// <param name="MinDays">Months below this are short (the cycle's rule, default 20).</param>
public sealed record AttendanceGrid(int CycleId, int Year, int TownshipId, int MinDays, IReadOnlyList<AttendanceGridRow> Rows)
{
    public static int DaysIn(int year, int month) => DateTime.DaysInMonth(year, month);
}

/// <param name="Days">Index 0 = January; null = no record yet.</param>
public sealed record AttendanceGridRow(int AssistantId, string Code, string Name, string VillageName, int?[] Days);
