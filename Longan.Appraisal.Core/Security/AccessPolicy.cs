namespace Longan.Appraisal.Core.Security;

/// <summary>
/// Who may touch what (spec §1), as plain rules. Services call these on every read and write; the
/// UI uses the same rules only to decide what to show.
/// </summary>
public static class AccessPolicy
{
    /// <summary>Master data, accounts and cycles are written by the county organisation department only.</summary>
    public static bool CanManageMasterData(Caller caller) => caller.Role == AppRole.County;

    /// <summary>Master-data lists (townships, villages, assistants, supervisors) are for the county and townships.</summary>
    public static bool CanBrowseMasterData(Caller caller) => caller.Role is AppRole.County or AppRole.Township;

    public static bool CanReadTownship(Caller caller, int townshipId) => caller.Role switch
    {
        AppRole.County => true,
        AppRole.Township => caller.TownshipId == townshipId,
        _ => false,
    };

    public static bool CanReadVillage(Caller caller, int townshipId, int villageId) => caller.Role switch
    {
        AppRole.County => true,
        AppRole.Township => caller.TownshipId == townshipId,
        AppRole.Supervisor => caller.VillageId == villageId,
        _ => false,
    };

    /// <summary>
    /// An assistant is visible to the county, to a township where they have served, to the
    /// supervisors of the village they now serve, and to themself.
    /// </summary>
    /// <param name="caller">Who asks.</param>
    /// <param name="assistantId">The assistant.</param>
    /// <param name="postedTownshipIds">Townships of all the assistant's postings.</param>
    /// <param name="currentVillageId">The village of the assistant's current posting, if any.</param>
    public static bool CanReadAssistant(Caller caller, int assistantId, IEnumerable<int> postedTownshipIds, int? currentVillageId) => caller.Role switch
    {
        AppRole.County => true,
        AppRole.Township => caller.TownshipId is { } t && postedTownshipIds.Contains(t),
        AppRole.Supervisor => currentVillageId is not null && caller.VillageId == currentVillageId,
        AppRole.Assistant => caller.AssistantId == assistantId,
        _ => false,
    };

    /// <summary>
    /// Who may enter and read an assistant's collected data (spec §1, §3): the county everywhere, a
    /// township for its villages, a supervisor for their own village; assistants never.
    /// </summary>
    public static bool CanEnterFor(Caller caller, int townshipId, int villageId) => caller.Role switch
    {
        AppRole.County => true,
        AppRole.Township => caller.TownshipId == townshipId,
        AppRole.Supervisor => caller.VillageId == villageId,
        _ => false,
    };

    /// <summary>Verifying supervision records and keeping attendance is for the county and the assistant's township.</summary>
    public static bool CanVerifyFor(Caller caller, int townshipId) => caller.Role switch
    {
        AppRole.County => true,
        AppRole.Township => caller.TownshipId == townshipId,
        _ => false,
    };

    /// <summary>Throws <see cref="AccessDeniedException"/> unless the caller is the county organisation department.</summary>
    public static void EnsureCanManageMasterData(Caller caller)
    {
        if (!CanManageMasterData(caller))
        {
            throw new AccessDeniedException(Resources.Messages.OnlyCountyMayChangeMasterData);
        }
    }

    public static void EnsureCanBrowseMasterData(Caller caller)
    {
        if (!CanBrowseMasterData(caller))
        {
            throw new AccessDeniedException(Resources.Messages.NoAccessToMasterData);
        }
    }
}
