namespace Longan.Appraisal.Core.Scoring;

/// <summary>等次 (spec §6), best first so a lower grade compares greater.</summary>
public enum AppraisalGrade
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
