namespace Longan.Appraisal.Core.Domain.Results;

/// <summary>An assistant's result in one version: every number shown to users, and the explanation as stored steps.</summary>
public sealed class StoredResult
{
    public int Id { get; set; }
    public int ResultVersionId { get; set; }
    public int AssistantId { get; set; }
    public int TownshipId { get; set; }
    public int VillageId { get; set; }
    public int VillagerVotes { get; set; }
    public decimal? VillagerScore { get; set; }
    public decimal? SatisfactionRate { get; set; }
    public decimal? DissatisfactionRate { get; set; }
    public int PartyBallots { get; set; }
    public decimal? PartyScore { get; set; }
    public int CadreBallots { get; set; }
    public decimal? CadreScore { get; set; }
    public bool Incomplete { get; set; }
    public decimal? Base { get; set; }
    public decimal SupervisionAdjustment { get; set; }
    public decimal AttendanceDeduction { get; set; }
    public decimal? Composite { get; set; }
    /// <summary>The <see cref="Scoring.AppraisalGrade"/>, null when incomplete.</summary>
    public int? Grade { get; set; }
    public bool TiedBeyondQuota { get; set; }
    public int? CountyRank { get; set; }
    public int? TownshipRank { get; set; }
    /// <summary>Computed <see cref="Scoring.Outcome"/>s in order, comma-separated numbers.</summary>
    public string Outcomes { get; set; } = "";
    /// <summary>Cap and quota reasons (JSON explanation steps), shown in 说明.</summary>
    public string Reasons { get; set; } = "[]";
    /// <summary>Every step of the computation (JSON explanation steps).</summary>
    public string Steps { get; set; } = "[]";
}
