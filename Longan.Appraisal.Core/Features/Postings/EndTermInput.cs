namespace Longan.Appraisal.Core.Features.Postings;

/// <summary>Ending a term: the last day in the village and why.</summary>
public sealed class EndTermInput
{
    public DateOnly? EndDate { get; set; }
    public string? Reason { get; set; }
}
