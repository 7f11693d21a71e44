namespace Longan.Appraisal.Core.Security.Policies;

/// <summary>Where an entry belongs: the township and village of the assistant's posting in the cycle's year.</summary>
public readonly record struct EntryScope(int TownshipId, int VillageId);
