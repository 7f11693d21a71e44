namespace Longan.Appraisal.Core.Domain.Entries;

/// <summary>驻村考勤: days an assistant spent in the village in one calendar month (spec §3, A).</summary>
public sealed class AttendanceMonth : Entry
{
    /// <summary>The first day of the month.</summary>
    public DateOnly Month { get; set; }
    public int Days { get; set; }
}
