namespace Longan.Appraisal.Core.Domain.Entries;

/// <summary>The kinds of collected entry (spec §3), as the table of who enters what (spec §1) names them.</summary>
public enum EntryKind
{
    /// <summary>群众评议 tally.</summary>
    VillagerTally = 1,
    /// <summary>基层党组织评议 ballot.</summary>
    PartyBallot = 2,
    /// <summary>党员干部评议 ballot.</summary>
    CadreBallot = 3,
    /// <summary>五老监督 record.</summary>
    SupervisionRecord = 4,
    /// <summary>驻村考勤 month.</summary>
    AttendanceMonth = 5,
}
