namespace Longan.Appraisal.Core.Features.Postings;

/// <summary>Posting an assistant to a village: from <see cref="StartDate"/>, planned to end after two years unless given.</summary>
public sealed class AssignInput
{
    public int? AssistantId { get; set; }
    public int? VillageId { get; set; }
    public DateOnly? StartDate { get; set; }
    public DateOnly? PlannedEndDate { get; set; }
}
