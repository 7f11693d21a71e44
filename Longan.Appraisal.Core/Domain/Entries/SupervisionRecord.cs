namespace Longan.Appraisal.Core.Domain.Entries;

/// <summary>五老监督: a dated commendation or issue filed about an assistant, verified by the township (spec §3, F).</summary>
public sealed class SupervisionRecord : Entry
{
    public DateOnly Date { get; set; }
    /// <summary>The registered supervisor, when the record names one.</summary>
    public int? SupervisorId { get; set; }
    /// <summary>The supervisor's name as filed (kept also when not registered).</summary>
    public required string SupervisorName { get; set; }
    public RecordNature Nature { get; set; }
    public RecordCategory Category { get; set; }
    /// <summary>Only for issues.</summary>
    public IssueSeverity? Severity { get; set; }
    public required string Description { get; set; }
    public Verification Verification { get; set; } = Verification.Pending;
    public string? VerificationNote { get; set; }
    public string? VerifiedBy { get; set; }
    public DateTimeOffset? VerifiedAt { get; set; }
    /// <summary>The account that filed it (a supervisor's own, or the clerk's who typed it).</summary>
    public string? FiledBy { get; set; }
}
