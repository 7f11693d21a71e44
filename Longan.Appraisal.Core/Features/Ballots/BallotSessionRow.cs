using Longan.Appraisal.Core.Domain.Ballots;

namespace Longan.Appraisal.Core.Features.Ballots;

/// <summary>
/// A session as the township sees it: never a vote before it closes, only how many codes were
/// spent; its flags (spec §11) and what the caller may do with it now.
/// </summary>
public sealed record BallotSessionRow(
    int Id, int CycleId, int Year, int TownshipId, BallotGroup Group, string Place, DateTimeOffset OpensAt, DateTimeOffset EndsAt,
    BallotSessionState State, int CodeCount, int Spent, IReadOnlyList<string> Assistants, string? VoidReason, int WrongCodes, bool Counted)
{
    public IReadOnlyList<BallotSessionFlag> Flags { get; init; } = [];
    public string TownshipName { get; init; } = "";
    public DateTimeOffset? VoidedAt { get; init; }
    public int PeakBurst { get; init; }
    public int RepeatedComments { get; init; }
    /// <summary>Who looked at the flags and kept the votes; null while they wait for a look.</summary>
    public string? FlagsCheckedBy { get; init; }
    public DateTimeOffset? FlagsCheckedAt { get; init; }
    public BallotSessionRights Rights { get; init; } = BallotSessionRights.None;

    /// <summary>Flagged, not voided, and nobody has looked yet: a task for the township and 组织部.</summary>
    public bool AwaitsCheck => Flags.Count > 0 && FlagsCheckedAt is null && State != BallotSessionState.Voided;
}

/// <summary>What the caller may do with a session now (<see cref="Security.Policies.BallotSessionPolicy"/>, the session's state and its cycle's).</summary>
public sealed record BallotSessionRights(bool CanClose, bool CanVoid, bool CanKeep)
{
    public static BallotSessionRights None { get; } = new(false, false, false);
}

/// <summary>A flagged session waiting for a look, as a work item.</summary>
public sealed record FlaggedSession(int Id, int CycleId, int Year, string Place, IReadOnlyList<BallotSessionFlag> Flags);
