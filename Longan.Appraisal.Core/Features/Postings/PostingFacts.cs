namespace Longan.Appraisal.Core.Features.Postings;

/// <summary>What <see cref="PostingRules.NewTerm"/> judges a new term by, however it was gathered.</summary>
public sealed record PostingFacts
{
    /// <summary>The assistant's name as messages give it.</summary>
    public required string AssistantName { get; init; }
    public required bool AssistantActive { get; init; }
    /// <summary>The village's name as messages give it.</summary>
    public required string VillageName { get; init; }
    public required bool VillageActive { get; init; }
    public required DateOnly Start { get; init; }
    public required DateOnly PlannedEnd { get; init; }
    /// <summary>The last day of the village's and the assistant's ended terms; null when there are none.</summary>
    public DateOnly? PreviousTermsEnded { get; init; }
    /// <summary>The assistant serving the village now, if any.</summary>
    public string? Occupant { get; init; }
    /// <summary>The village the assistant serves now, if any.</summary>
    public string? PostedElsewhere { get; init; }
}
