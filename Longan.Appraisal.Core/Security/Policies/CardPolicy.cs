using Longan.Appraisal.Core.Resources;

namespace Longan.Appraisal.Core.Security.Policies;

/// <summary>Who may have report cards (spec §1): 组织部 all, a township its own assistants', an assistant their own.</summary>
public static class CardPolicy
{
    /// <param name="townshipId">The township of the card's assistant, or of the batch; null for the whole county.</param>
    /// <param name="assistantId">The card's assistant.</param>
    public static bool Can(Caller caller, CardOperation operation, int? townshipId = null, int? assistantId = null) => caller.Role switch
    {
        AppRole.County => true,
        AppRole.Township => townshipId == caller.TownshipId || (operation == CardOperation.Verify && townshipId is null),
        AppRole.Assistant => operation == CardOperation.Render && assistantId is not null && assistantId == caller.AssistantId,
        _ => false,
    };

    public static void Ensure(Caller caller, CardOperation operation, int? townshipId = null, int? assistantId = null)
    {
        if (!Can(caller, operation, townshipId, assistantId))
        {
            throw new AccessDeniedException(caller.Role is AppRole.Township or AppRole.Assistant && operation != CardOperation.Verify
                ? Messages.NoAccessToAssistant
                : Messages.Get("Denied.Card." + operation));
        }
    }
}
