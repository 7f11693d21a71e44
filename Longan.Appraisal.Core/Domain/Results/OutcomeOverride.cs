namespace Longan.Appraisal.Core.Domain.Results;

/// <summary>
/// 组织部's decision on an assistant's 处理建议 in a cycle (spec §8), with its written reason. Rows
/// are only ever added: the latest one is in force, earlier ones stay as history, and a withdrawal
/// (<see cref="Withdrawn"/>) hands the decision back to the computed recommendation.
/// </summary>
public sealed class OutcomeOverride
{
    public int Id { get; set; }
    public int CycleId { get; set; }
    public int AssistantId { get; set; }
    /// <summary>The outcomes decided, as comma-separated <see cref="Scoring.Outcome"/> values; empty means "none".</summary>
    public string Outcomes { get; set; } = "";
    public bool Withdrawn { get; set; }
    public required string Reason { get; set; }
    public required string ByUserId { get; set; }
    public required string ByUserName { get; set; }
    public DateTimeOffset At { get; set; }
}
