namespace Longan.Appraisal.Core.Domain.Entries;

/// <summary>
/// A record of an entry being created, edited, deleted or verified: who did it, when, and the entry
/// before and after (as JSON). It names the clerk or supervisor who typed, never a voter.
/// </summary>
public sealed class EntryChange
{
    public long Id { get; set; }
    public int CycleId { get; set; }
    public required string EntryKind { get; set; }
    public int EntryId { get; set; }
    public required string Action { get; set; }
    public required string ByUserId { get; set; }
    public required string ByUserName { get; set; }
    public DateTimeOffset At { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
}
