using Longan.Appraisal.Core.Scoring;

namespace Longan.Appraisal.Core.Features.Cards;

/// <summary>
/// The result a report card's verification code belongs to, as the system holds it, so whoever
/// holds the paper can compare name, score, grade and outcome, and see whether it still stands.
/// </summary>
public sealed record CardVerification(
    int CycleId, int Year, int VersionNumber, DateTimeOffset? PublishedAt,
    int AssistantId, string AssistantCode, string Name, string Township, string Village,
    decimal? Composite, AppraisalGrade? Grade, int? CountyRank, IReadOnlyList<Outcome> Outcomes,
    CardStanding Standing, int LatestVersionNumber);
