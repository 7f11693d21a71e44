namespace Longan.Appraisal.Core.Domain;

/// <summary>
/// Every number of a cycle's rules (spec §4–8), with the spec's defaults. The county edits them
/// while the cycle is a draft; they are frozen once it leaves Draft.
/// </summary>
public sealed class CycleRules
{
    // §4 group scores
    /// <summary>Points of a 满意 vote in V.</summary>
    public decimal VillagerSatisfiedPoints { get; set; } = 100;
    /// <summary>Points of a 基本满意 vote in V.</summary>
    public decimal VillagerBasicPoints { get; set; } = 60;
    /// <summary>Points of a 不满意 vote in V.</summary>
    public decimal VillagerDissatisfiedPoints { get; set; }
    /// <summary>Value of a cadre ballot graded 优秀.</summary>
    public decimal CadreExcellentPoints { get; set; } = 100;
    /// <summary>Value of a cadre ballot graded 称职.</summary>
    public decimal CadreCompetentPoints { get; set; } = 80;
    /// <summary>Value of a cadre ballot graded 基本称职.</summary>
    public decimal CadreBasicPoints { get; set; } = 60;
    /// <summary>Value of a cadre ballot graded 不称职.</summary>
    public decimal CadreIncompetentPoints { get; set; }
    /// <summary>From this many valid P or C ballots on, one highest and one lowest are dropped.</summary>
    public int TrimFromBallots { get; set; } = 7;
    /// <summary>Minimum counted villager votes N for V to be sufficient.</summary>
    public int MinVillagerVotes { get; set; } = 10;
    /// <summary>Minimum party-organisation ballots for P to be sufficient.</summary>
    public int MinPartyBallots { get; set; } = 1;
    /// <summary>Minimum cadre ballots for C to be sufficient.</summary>
    public int MinCadreBallots { get; set; } = 5;

    // §5 composite
    /// <summary>Weight of V in percent.</summary>
    public decimal WeightVillagers { get; set; } = 40;
    /// <summary>Weight of P in percent.</summary>
    public decimal WeightParty { get; set; } = 30;
    /// <summary>Weight of C in percent.</summary>
    public decimal WeightCadres { get; set; } = 30;
    /// <summary>Scale the sufficient groups' weights to 100 % when a group is insufficient.</summary>
    public bool RenormaliseMissingGroups { get; set; }
    public decimal CommendationPoints { get; set; } = 1;
    public decimal CommendationCap { get; set; } = 3;
    public decimal MinorIssuePoints { get; set; } = 1;
    public decimal ModerateIssuePoints { get; set; } = 3;
    public decimal SeriousIssuePoints { get; set; } = 6;
    public decimal IssueCap { get; set; } = 20;
    /// <summary>A month with fewer days in the village than this is short.</summary>
    public int AttendanceMinDays { get; set; } = 20;
    /// <summary>Deduction per missing day of a short month.</summary>
    public decimal AttendancePointsPerDay { get; set; } = 0.5m;
    public decimal AttendanceCap { get; set; } = 10;

    // §6 grades
    public decimal ExcellentFrom { get; set; } = 90;
    public decimal CompetentFrom { get; set; } = 75;
    public decimal BasicFrom { get; set; } = 60;
    /// <summary>
    /// 不满意率 strictly above Numerator / Denominator caps the grade at 基本称职 (default 1/3). Kept
    /// as a fraction so "exactly one third" compares exactly (D × den &gt; N × num).
    /// </summary>
    public int DissatisfiedCapNumerator { get; set; } = 1;
    public int DissatisfiedCapDenominator { get; set; } = 3;
    /// <summary>Whether any verified 严重 issue caps the grade at 基本称职.</summary>
    public bool SeriousIssueCapsGrade { get; set; } = true;
    /// <summary>This many short months or more cap the grade at 称职.</summary>
    public int ShortMonthsCap { get; set; } = 2;
    public QuotaScope ExcellentQuotaScope { get; set; } = QuotaScope.County;
    public decimal ExcellentQuotaPercent { get; set; } = 20;

    // §9 feedback
    /// <summary>Days after publication during which an assistant may appeal.</summary>
    public int AppealWindowDays { get; set; } = 7;

    public CycleRules Copy() => (CycleRules)MemberwiseClone();
}
