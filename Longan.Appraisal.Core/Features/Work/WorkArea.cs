namespace Longan.Appraisal.Core.Features.Work;

/// <summary>Where a piece of work is done; pages link each area to its page.</summary>
public enum WorkArea
{
    /// <summary>An appeal awaiting 组织部's answer (or, for a township, followed).</summary>
    Appeal,
    /// <summary>A cycle that needs 组织部 to act (open it, compute again, publish…).</summary>
    Cycle,
    /// <summary>Decided outcomes to carry out (talks, notices, reserve-cadre decisions, replacements).</summary>
    FollowUp,
    /// <summary>An assistant whose evaluations are still short of the minimums.</summary>
    Collection,
    /// <summary>Five-elders records awaiting verification.</summary>
    Verification,
    /// <summary>Attendance months not yet recorded.</summary>
    Attendance,
    /// <summary>A 测评场次 flagged for an unusual pattern, to look at before review (spec §11).</summary>
    BallotSession,
    /// <summary>Report cards of a published year, ready to print.</summary>
    Cards,
    /// <summary>A supervisor's own task: file a record or a meeting's tally.</summary>
    Entry,
    /// <summary>A supervisor's own five-elders record and its status.</summary>
    MyRecord,
    /// <summary>An assistant's own published result and appeal.</summary>
    MyResult,
}
