using Longan.Appraisal.Core.Resources;

namespace Longan.Appraisal.Core.Security.Policies;

/// <summary>
/// Who may read and act on results (spec §1): 组织部 computes, decides and exports everything; a
/// township sees and exports its own township's results; an assistant sees their own once published.
/// </summary>
public static class ResultPolicy
{
    /// <param name="townshipId">The township the results belong to; null for "the caller's own scope".</param>
    /// <param name="assistantId">For <see cref="ResultOperation.ReadOwn"/>: whose result.</param>
    public static bool Can(Caller caller, ResultOperation operation, int? townshipId = null, int? assistantId = null) => operation switch
    {
        ResultOperation.Read or ResultOperation.Export => caller.Role == AppRole.County
            || (caller.Role == AppRole.Township && (townshipId is null || townshipId == caller.TownshipId)),
        ResultOperation.ReadOwn => caller.Role == AppRole.Assistant && caller.AssistantId is not null && (assistantId is null || assistantId == caller.AssistantId),
        _ => caller.Role == AppRole.County,
    };

    /// <summary>The township whose results the caller reads (null: the whole county); throws for a role that reads none.</summary>
    public static int? ReadableTownship(Caller caller)
    {
        Ensure(caller, ResultOperation.Read);
        return caller.Role == AppRole.Township ? caller.TownshipId : null;
    }

    public static void Ensure(Caller caller, ResultOperation operation, int? townshipId = null, int? assistantId = null)
    {
        if (!Can(caller, operation, townshipId, assistantId))
        {
            throw new AccessDeniedException(caller.Role == AppRole.Township && operation is ResultOperation.Read or ResultOperation.Export
                ? Messages.NoAccessToAssistant
                : Messages.Get("Denied.Result." + operation));
        }
    }
}
