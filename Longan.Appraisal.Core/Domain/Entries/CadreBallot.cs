namespace Longan.Appraisal.Core.Domain.Entries;

/// <summary>党员干部评议: one anonymous ballot with a grade (spec §3, C).</summary>
public sealed class CadreBallot : Entry, IFromBallotSession
{
    public string? TicketNo { get; set; }
    public CadreGrade Grade { get; set; }
    public string? Comment { get; set; }
    /// <summary>The phone-ballot session (手机) this ballot was cast in; null for a paper ballot.</summary>
    public int? BallotSessionId { get; set; }
}
