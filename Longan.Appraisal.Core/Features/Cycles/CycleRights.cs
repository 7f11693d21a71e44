using Longan.Appraisal.Core.Domain;

namespace Longan.Appraisal.Core.Features.Cycles;

/// <summary>What the caller may do with a cycle now (its policy and its state), for the cycle's pages to offer.</summary>
/// <param name="Moves">The states the caller may move it to (spec §2).</param>
/// <param name="EnterData">Entries may be made or corrected by the caller now (collecting; in review 组织部 only).</param>
public sealed record CycleRights(
    bool EditRules, bool Delete, IReadOnlyList<CycleState> Moves, bool SwitchRenormalise, bool Compute, bool Import, bool EnterData, bool ViewProgress, bool ExportCollectedData);
