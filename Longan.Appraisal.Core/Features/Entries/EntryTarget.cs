using Longan.Appraisal.Core.Domain;

namespace Longan.Appraisal.Core.Features.Entries;

/// <summary>The cycle and assistant an entry is about, with the village and township the assistant served in that year.</summary>
public sealed record EntryTarget(AppraisalCycle Cycle, int AssistantId, string AssistantName, int VillageId, int TownshipId)
{
    /// <summary>Where the entries belong, as the access rules see it.</summary>
    public Security.Policies.EntryScope Scope => new(TownshipId, VillageId);
}
