namespace Longan.Appraisal.Core.Scoring;

/// <summary>The three evaluations of spec §4, named in explanations.</summary>
public enum EvaluationGroup
{
    /// <summary>群众评议 (V)</summary>
    Villagers = 1,
    /// <summary>基层党组织评议 (P)</summary>
    Party = 2,
    /// <summary>党员干部评议 (C)</summary>
    Cadres = 3,
}
