namespace Longan.Appraisal.Core.Security.Policies;

/// <summary>What may be done with computed results (spec §4–8) and 组织部's decisions.</summary>
public enum ResultOperation
{
    /// <summary>The results table, charts and an assistant's result page (组织部 the county, a township its own).</summary>
    Read,
    /// <summary>Download 考核结果.xlsx (the reader's scope).</summary>
    Export,
    Compute,
    /// <summary>Decide an assistant's outcome otherwise than computed, or withdraw the decision.</summary>
    Decide,
    /// <summary>Download 后备干部人选.xlsx.</summary>
    ExportCandidates,
    /// <summary>An assistant reads their own published result (我的考核).</summary>
    ReadOwn,
}
