namespace Longan.Appraisal.Core.Domain.Entries;

/// <summary>基层党组织评议: one ballot scoring the five duties (五大员) 0–20 each (spec §3, P).</summary>
public sealed class PartyBallot : Entry
{
    public const decimal MaxDutyScore = 20;

    /// <summary>票号, unique per assistant in a cycle when given.</summary>
    public string? TicketNo { get; set; }
    /// <summary>政策宣讲员</summary>
    public decimal PolicyAdvocate { get; set; }
    /// <summary>民意信息员</summary>
    public decimal PublicOpinion { get; set; }
    /// <summary>民事代办员</summary>
    public decimal CivilAgent { get; set; }
    /// <summary>纠纷调解员</summary>
    public decimal DisputeMediator { get; set; }
    /// <summary>党建指导员</summary>
    public decimal PartyBuildingGuide { get; set; }
    public string? Comment { get; set; }

    public decimal Total => PolicyAdvocate + PublicOpinion + CivilAgent + DisputeMediator + PartyBuildingGuide;
}
