namespace Longan.Appraisal.Core.Security.Policies;

/// <summary>What may be done with 复核申请 (appeals).</summary>
public enum AppealOperation
{
    /// <summary>An assistant files one about their own result.</summary>
    File,
    /// <summary>See appeals: 组织部 all, a township its own assistants', an assistant their own.</summary>
    Read,
    /// <summary>Uphold, reopen to correct, or answer as adjusted.</summary>
    Answer,
}
