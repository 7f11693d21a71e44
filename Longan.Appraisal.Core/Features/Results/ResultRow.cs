using Longan.Appraisal.Core.Scoring;

namespace Longan.Appraisal.Core.Features.Results;

/// <summary>An assistant's stored result with names, for the results pages.</summary>
public sealed record ResultRow(
    int AssistantId, string Code, string Name, int TownshipId, string Township, int TownshipOrder, string Village,
    int VillagerVotes, decimal? Villagers, decimal? SatisfactionRate, decimal? DissatisfactionRate,
    int PartyBallots, decimal? Party, int CadreBallots, decimal? Cadres,
    decimal? Base, decimal Supervision, decimal Attendance, decimal? Composite, AppraisalGrade? Grade, bool TiedBeyondQuota,
    int? CountyRank, int? TownshipRank, IReadOnlyList<Outcome> ComputedOutcomes, OutcomeDecision? Decision,
    IReadOnlyList<Explanation> Reasons, IReadOnlyList<Explanation> Steps)
{
    public bool Incomplete => Composite is null;

    /// <summary>The effective outcome (spec §8): 组织部's decision where there is one, else the computed recommendation.</summary>
    public IReadOnlyList<Outcome> Outcomes => Decision?.Outcomes ?? ComputedOutcomes;

    /// <summary>What this result says of the assistant (see <see cref="ResultStatement"/>).</summary>
    public ResultStatement Statement => ResultStatement.Of(Composite, Grade, Outcomes);
}
