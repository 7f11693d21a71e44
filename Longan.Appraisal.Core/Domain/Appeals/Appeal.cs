namespace Longan.Appraisal.Core.Domain.Appeals;

/// <summary>Where an appeal stands.</summary>
public enum AppealStatus
{
    /// <summary>Filed, waiting for 组织部.</summary>
    Open = 1,
    /// <summary>组织部 reopened the cycle to correct the result; the answer follows the new version.</summary>
    Reviewing = 2,
    /// <summary>维持原结果: the result stands, with a written answer.</summary>
    Upheld = 3,
    /// <summary>已调整: corrected and published as a new result version, with a written answer.</summary>
    Adjusted = 4,
}

/// <summary>
/// 复核申请: an assistant contests a published result within the cycle's appeal window (rules
/// AppealWindowDays, default 7 days after publication). 组织部 answers it — upheld, or adjusted
/// through a correction and a new result version (the appealed version is kept).
/// </summary>
public sealed class Appeal
{
    /// <summary>Fewer characters than this cannot say what is contested (a stray tap, "短").</summary>
    public const int MinReasonLength = 5;

    public int Id { get; set; }
    public int CycleId { get; set; }
    public int AssistantId { get; set; }
    /// <summary>The published result version the assistant contests.</summary>
    public int VersionNumber { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset FiledAt { get; set; }
    public required string FiledBy { get; set; }
    public AppealStatus Status { get; set; } = AppealStatus.Open;
    public string? Answer { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public string? AnsweredBy { get; set; }
    /// <summary>For an adjusted appeal, the published version that carries the correction.</summary>
    public int? AdjustedVersionNumber { get; set; }

    public bool IsOpen => Status is AppealStatus.Open or AppealStatus.Reviewing;
}
