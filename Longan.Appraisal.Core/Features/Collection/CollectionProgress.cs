namespace Longan.Appraisal.Core.Features.Collection;

/// <summary>What has been collected in a cycle against the minimums of spec §4, per assistant.</summary>
public sealed record CollectionProgress(int CycleId, int Year, int MinVillagerVotes, int MinPartyBallots, int MinCadreBallots, int ExpectedMonths, IReadOnlyList<ProgressRow> Rows)
{
    public bool IsVillagersSufficient(ProgressRow row) => row.VillagerVotes >= MinVillagerVotes;
    public bool IsPartySufficient(ProgressRow row) => row.PartyBallots >= MinPartyBallots;
    public bool IsCadresSufficient(ProgressRow row) => row.CadreBallots >= MinCadreBallots;
    public bool IsComplete(ProgressRow row) => IsVillagersSufficient(row) && IsPartySufficient(row) && IsCadresSufficient(row);
}

/// <param name="VillagerVotes">Counted villager votes N (满意 + 基本满意 + 不满意).</param>
/// <param name="MissingMonths">Months of the year so far without an attendance record.</param>
public sealed record ProgressRow(
    int AssistantId, string Code, string Name, int TownshipId, string TownshipName, int VillageId, string VillageName,
    int VillagerVotes, int PartyBallots, int CadreBallots, int PendingRecords, int MissingMonths)
{
    /// <summary>Of <see cref="VillagerVotes"/>, those cast on phones (spec §11); the rest are paper.</summary>
    public int PhoneVillagerVotes { get; init; }
    /// <summary>Of <see cref="CadreBallots"/>, those cast on phones.</summary>
    public int PhoneCadreBallots { get; init; }
    /// <summary>Some of the phone votes come from a flagged session nobody has looked at yet: counted, but in question.</summary>
    public bool PhoneVotesInQuestion { get; init; }
}
