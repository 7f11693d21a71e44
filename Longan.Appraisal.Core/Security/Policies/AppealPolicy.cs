using Longan.Appraisal.Core.Resources;

namespace Longan.Appraisal.Core.Security.Policies;

/// <summary>Who may file, read and answer appeals (spec §1: an assistant files; 组织部 decides; a township follows its own).</summary>
public static class AppealPolicy
{
    /// <param name="townshipId">The township of the appeal's assistant (for reading one appeal); null for a list in the caller's scope.</param>
    /// <param name="assistantId">The appeal's assistant.</param>
    public static bool Can(Caller caller, AppealOperation operation, int? townshipId = null, int? assistantId = null) => (caller.Role, operation) switch
    {
        (AppRole.County, AppealOperation.Read or AppealOperation.Answer) => true,
        (AppRole.Township, AppealOperation.Read) => townshipId is null || townshipId == caller.TownshipId,
        (AppRole.Assistant, AppealOperation.File or AppealOperation.Read) => caller.AssistantId is not null && (assistantId is null || assistantId == caller.AssistantId),
        _ => false,
    };

    /// <summary>Which appeals a list shows the caller: (null, null) all; a township's; an assistant's own. Throws for a role that reads none.</summary>
    public static (int? TownshipId, int? AssistantId) ReadableScope(Caller caller)
    {
        Ensure(caller, AppealOperation.Read);
        return caller.Role switch
        {
            AppRole.Township => (caller.TownshipId, null),
            AppRole.Assistant => (null, caller.AssistantId),
            _ => (null, null),
        };
    }

    public static void Ensure(Caller caller, AppealOperation operation, int? townshipId = null, int? assistantId = null)
    {
        if (!Can(caller, operation, townshipId, assistantId))
        {
            throw new AccessDeniedException(Messages.Get("Denied.Appeal." + operation));
        }
    }
}
