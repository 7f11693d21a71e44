using Longan.Appraisal.Core.Resources;

namespace Longan.Appraisal.Core.Security.Policies;

/// <summary>
/// Who may read and change the master data (spec §1): 组织部 everything; a township reads its own
/// township, villages and assistants; a supervisor their village and its assistant; an assistant
/// themself.
/// </summary>
public static class MasterDataPolicy
{
    public static bool Can(Caller caller, MasterDataOperation operation) => operation switch
    {
        MasterDataOperation.Browse => caller.Role is AppRole.County or AppRole.Township,
        _ => caller.Role == AppRole.County,
    };

    public static void Ensure(Caller caller, MasterDataOperation operation)
    {
        if (!Can(caller, operation))
        {
            throw new AccessDeniedException(operation == MasterDataOperation.Browse ? Messages.NoAccessToMasterData : Messages.OnlyCountyMayChangeMasterData);
        }
    }

    /// <summary>The township a master-data list shows the caller (null: the whole county); throws for a role that browses none.</summary>
    public static int? BrowsableTownship(Caller caller)
    {
        Ensure(caller, MasterDataOperation.Browse);
        return caller.Role == AppRole.Township ? caller.TownshipId : null;
    }

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
}
