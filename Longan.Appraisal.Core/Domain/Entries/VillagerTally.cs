namespace Longan.Appraisal.Core.Domain.Entries;

/// <summary>群众评议: the counts of one meeting or door-to-door round (spec §3, V); tallies of an assistant add up.</summary>
public sealed class VillagerTally : Entry, IFromBallotSession
{
    public int Satisfied { get; set; }
    public int BasicallySatisfied { get; set; }
    public int Dissatisfied { get; set; }
    /// <summary>无效: recorded, not counted.</summary>
    public int Invalid { get; set; }
    /// <summary>Which meeting or round, e.g. "3月村民代表会议".</summary>
    public string? Round { get; set; }
    /// <summary>意见建议 gathered with the tally.</summary>
    public string? Comment { get; set; }

    /// <summary>The phone-ballot session (手机) this tally counts; null for a paper tally.</summary>
    public int? BallotSessionId { get; set; }

    /// <summary>A phone session's comments, one per villager who wrote one, in an order unrelated to voting.</summary>
    public List<TallyComment> PhoneComments { get; set; } = [];

    public int Counted => Satisfied + BasicallySatisfied + Dissatisfied;
}
