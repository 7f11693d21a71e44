namespace Longan.Appraisal.Core.Scoring;

/// <summary>An assistant's result with every intermediate value and the steps that explain it (spec §4–8).</summary>
public sealed record AssistantResult(
    int AssistantId,
    int TownshipId,
    GroupResult Villagers,
    decimal? SatisfactionRate,
    decimal? DissatisfactionRate,
    GroupResult Party,
    GroupResult Cadres,
    bool Incomplete,
    decimal? Base,
    decimal SupervisionAdjustment,
    decimal AttendanceDeduction,
    IReadOnlyList<int> ShortMonths,
    decimal? Composite,
    AppraisalGrade? Grade,
    bool TiedBeyondQuota,
    int? CountyRank,
    int? TownshipRank,
    IReadOnlyList<Outcome> Outcomes,
    IReadOnlyList<Explanation> Reasons,
    IReadOnlyList<Explanation> Steps);
