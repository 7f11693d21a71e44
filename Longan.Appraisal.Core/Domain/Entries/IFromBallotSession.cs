namespace Longan.Appraisal.Core.Domain.Entries;

/// <summary>
/// A kind of entry a 测评场次 may produce (spec §11). One it produced is the villagers' or cadres'
/// own vote: nobody edits or deletes it; voiding the session is the only way to take it back.
/// </summary>
public interface IFromBallotSession
{
    /// <summary>The session (手机) it came from; null for paper.</summary>
    int? BallotSessionId { get; }
}
