namespace Longan.Appraisal.Core.Domain.Ballots;

/// <summary>
/// 测评场次 (spec §11): villagers or party-member cadres voting on their own phones with one-time
/// codes, for a collecting cycle, at one place within a window. Its votes are revealed only when it
/// closes, as one 群众评议 tally or as 党员干部评议 ballots marked 手机; a voided session counts nothing.
/// </summary>
public sealed class BallotSession
{
    public int Id { get; set; }
    public int CycleId { get; set; }
    /// <summary>The township whose assistants it covers (the county may open one for any township).</summary>
    public int TownshipId { get; set; }
    public BallotGroup Group { get; set; }
    /// <summary>Where the meeting is held, printed on the slips, e.g. "浪湾村委会议室".</summary>
    public string Place { get; set; } = "";
    public DateTimeOffset OpensAt { get; set; }
    public DateTimeOffset ClosesAt { get; set; }
    public int CodeCount { get; set; }
    /// <summary>When it was closed by hand before its window ended; null otherwise.</summary>
    public DateTimeOffset? ClosedAt { get; set; }
    /// <summary>When its votes became entries (at closing, or once the window has ended).</summary>
    public DateTimeOffset? CountedAt { get; set; }
    public DateTimeOffset? VoidedAt { get; set; }
    public string? VoidReason { get; set; }
    /// <summary>Codes tried that belong to no session, counted while this one was open (a guessing attack).</summary>
    public int WrongCodes { get; set; }
    /// <summary>
    /// The ten-second interval (its number since the epoch) of the latest vote, and the votes cast in
    /// it: only while the session is open, to find bursts; erased when it is counted.
    /// </summary>
    public long? BurstInterval { get; set; }
    public int BurstVotes { get; set; }
    /// <summary>The most votes cast within one ten-second interval (a burst: one hand with many slips, or a script).</summary>
    public int PeakBurst { get; set; }
    /// <summary>Votes whose comment repeats word for word in at least two others (found when counted).</summary>
    public int RepeatedComments { get; set; }
    /// <summary>Every vote of the session made the same choice (found when counted; only with enough votes to mean something).</summary>
    public bool OneChoice { get; set; }
    /// <summary>Who looked at the session's flags and kept its votes, and when (the flags then leave the work lists).</summary>
    public string? FlagsCheckedBy { get; set; }
    public DateTimeOffset? FlagsCheckedAt { get; set; }
    public string OpenedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public List<BallotSessionAssistant> Assistants { get; set; } = [];

    /// <summary>The moment voting ends: closed by hand, or the window's end.</summary>
    public DateTimeOffset EndsAt => ClosedAt is { } closed && closed < ClosesAt ? closed : ClosesAt;

    /// <summary>Voting can still be ended by hand (not voided, window not over).</summary>
    public bool CanCloseAt(DateTimeOffset now) => StateAt(now) is BallotSessionState.NotYetOpen or BallotSessionState.Open;

    /// <summary>Its votes can be made to count nothing: not voided yet, and the cycle still collecting (spec §11).</summary>
    public bool CanVoid(CycleState cycleState) => VoidedAt is null && cycleState == CycleState.Collecting;

    public BallotSessionState StateAt(DateTimeOffset now) =>
        VoidedAt is not null ? BallotSessionState.Voided
        : now >= EndsAt ? BallotSessionState.Closed
        : now < OpensAt ? BallotSessionState.NotYetOpen
        : BallotSessionState.Open;
}

/// <summary>An assistant a session covers (a village meeting: its assistant; a cadre meeting: one or more of the township's).</summary>
public sealed class BallotSessionAssistant
{
    public int SessionId { get; set; }
    public int AssistantId { get; set; }
    public Assistant? Assistant { get; set; }
}

public enum BallotGroup
{
    /// <summary>群众评议</summary>
    Villagers = 1,
    /// <summary>党员干部评议</summary>
    Cadres = 2,
}

public enum BallotSessionState
{
    /// <summary>未开始</summary>
    NotYetOpen = 1,
    /// <summary>投票中</summary>
    Open = 2,
    /// <summary>已结束</summary>
    Closed = 3,
    /// <summary>已作废</summary>
    Voided = 4,
}
