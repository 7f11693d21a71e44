namespace Longan.Appraisal.Core.Features.Postings;

/// <summary>
/// Replacing a village's assistant: the serving assistant's term ends the day before
/// <see cref="StartDate"/>, and the successor's starts on it.
/// </summary>
public sealed class ReplaceInput
{
    public int? SuccessorId { get; set; }
    public DateOnly? StartDate { get; set; }
    public DateOnly? PlannedEndDate { get; set; }
    public string? Reason { get; set; }
}
