namespace Longan.Appraisal.Core.Features.Work;

/// <summary>A user's work, most urgent first; the navigation shows the same counts.</summary>
public sealed record WorkList(IReadOnlyList<WorkItem> Items)
{
    /// <summary>How much waits in an area (the navigation's badge).</summary>
    public int CountOf(WorkArea area) => Items.Where(i => i.Area == area).Sum(i => i.Count);
}
