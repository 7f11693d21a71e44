namespace Longan.Appraisal.Core.Domain.Entries;

/// <summary>The grade on a party-member cadre's ballot (spec §3, C).</summary>
public enum CadreGrade
{
    /// <summary>优秀</summary>
    Excellent = 1,
    /// <summary>称职</summary>
    Competent = 2,
    /// <summary>基本称职</summary>
    BasicallyCompetent = 3,
    /// <summary>不称职</summary>
    Incompetent = 4,
}
