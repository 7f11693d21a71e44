using Longan.Appraisal.Core.Domain.Ballots;

namespace Longan.Appraisal.Core.Features.Ballots;

/// <summary>A session to open: for whom, how many codes, where and when (the window in county time).</summary>
public sealed class BallotSessionInput
{
    public int CycleId { get; set; }
    public BallotGroup? Group { get; set; }
    public List<int> AssistantIds { get; set; } = [];
    public int CodeCount { get; set; }
    public string? Place { get; set; }
    /// <summary>Null: now.</summary>
    public DateTimeOffset? OpensAt { get; set; }
    /// <summary>Null: the end of the opening day, county time.</summary>
    public DateTimeOffset? ClosesAt { get; set; }

    public const int MaxCodes = 2000;
    /// <summary>A voting window is a meeting or a few days of visits, not a season.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(14);
}

/// <summary>An opened session and its codes — shown once, for the slips; only their hashes are kept.</summary>
public sealed record OpenedSession(int Id, IReadOnlyList<string> Codes);
