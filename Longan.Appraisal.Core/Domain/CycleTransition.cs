namespace Longan.Appraisal.Core.Domain;

/// <summary>One recorded change of a cycle's state: who, when, from what to what, and why.</summary>
public sealed class CycleTransition
{
    public int Id { get; set; }
    public int CycleId { get; set; }
    public CycleState From { get; set; }
    public CycleState To { get; set; }
    public string? Reason { get; set; }
    public required string ByUserId { get; set; }
    public required string ByUserName { get; set; }
    public DateTimeOffset At { get; set; }
}
