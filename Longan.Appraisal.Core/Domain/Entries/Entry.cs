namespace Longan.Appraisal.Core.Domain.Entries;

/// <summary>
/// What every collected entry has (spec §3): the cycle and assistant it is about, the import it
/// came from (if any), and a version that makes a concurrent edit fail instead of overwriting.
/// No evaluator identity is kept with villager or cadre ballots (spec §9).
/// </summary>
public abstract class Entry
{
    public int Id { get; set; }
    public int CycleId { get; set; }
    public int AssistantId { get; set; }
    public Assistant? Assistant { get; set; }
    /// <summary>The workbook import that created it; null when typed in.</summary>
    public int? ImportId { get; set; }
    /// <summary>
    /// The account that typed or imported it (a clerk or a supervisor, never a voter): a supervisor
    /// sees and changes only what they entered (spec §1).
    /// </summary>
    public string? EnteredBy { get; set; }
    /// <summary>Incremented on every change; an edit based on an older version is refused.</summary>
    public int Version { get; set; } = 1;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
