namespace Longan.Appraisal.Core.Features.Evaluations;

/// <summary>One party-organisation ballot: the five duties, 0–20 each with at most one decimal (spec §3, P).</summary>
public sealed class PartyBallotInput
{
    public string? TicketNo { get; set; }
    public decimal? PolicyAdvocate { get; set; }
    public decimal? PublicOpinion { get; set; }
    public decimal? CivilAgent { get; set; }
    public decimal? DisputeMediator { get; set; }
    public decimal? PartyBuildingGuide { get; set; }
    public string? Comment { get; set; }

    /// <summary>The live total while typing; blanks count as 0.</summary>
    public decimal Total => (PolicyAdvocate ?? 0) + (PublicOpinion ?? 0) + (CivilAgent ?? 0) + (DisputeMediator ?? 0) + (PartyBuildingGuide ?? 0);
}
