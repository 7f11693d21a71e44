using System.Linq.Expressions;
using Longan.Appraisal.Core.Domain;

namespace Longan.Appraisal.Core.Features.Postings;

/// <summary>One term of an assistant in a village, as listed in either's history.</summary>
public sealed record PostingRow(
    int Id,
    int AssistantId,
    string AssistantCode,
    string AssistantName,
    int VillageId,
    string VillageName,
    string TownshipName,
    DateOnly StartDate,
    DateOnly PlannedEndDate,
    DateOnly? EndedOn,
    string? EndReason,
    int TownshipId)
{
    public bool IsCurrent => EndedOn is null;

    /// <summary>The caller may open the village's page (an assistant may not: it names the supervisors, spec §9).</summary>
    public bool CanOpenVillage { get; init; } = true;

    internal static readonly Expression<Func<Posting, PostingRow>> Projection = p => new PostingRow(
        p.Id, p.AssistantId, p.Assistant!.Code, p.Assistant.Name, p.VillageId, p.Village!.Name, p.Village.Township!.Name,
        p.StartDate, p.PlannedEndDate, p.EndedOn, p.EndReason, p.Village.TownshipId);
}
