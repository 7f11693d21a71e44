namespace Longan.Appraisal.Core.Features.Evaluations;

public sealed record PartyBallotRow(
    int Id, int Version, string? TicketNo, decimal PolicyAdvocate, decimal PublicOpinion, decimal CivilAgent,
    decimal DisputeMediator, decimal PartyBuildingGuide, string? Comment, DateTimeOffset CreatedAt)
{
    /// <summary>What the caller may do with this entry now.</summary>
    public Entries.EntryRights Rights { get; init; } = Entries.EntryRights.None;

    public decimal Total => PolicyAdvocate + PublicOpinion + CivilAgent + DisputeMediator + PartyBuildingGuide;

    public PartyBallotInput ToInput() => new()
    {
        TicketNo = TicketNo, PolicyAdvocate = PolicyAdvocate, PublicOpinion = PublicOpinion, CivilAgent = CivilAgent,
        DisputeMediator = DisputeMediator, PartyBuildingGuide = PartyBuildingGuide, Comment = Comment,
    };
}
