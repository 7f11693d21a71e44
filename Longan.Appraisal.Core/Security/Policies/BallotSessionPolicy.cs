using Longan.Appraisal.Core.Resources;

namespace Longan.Appraisal.Core.Security.Policies;

/// <summary>Who runs phone-ballot sessions (spec §11): a township for its own villages' assistants, 组织部 for any.</summary>
public static class BallotSessionPolicy
{
    /// <param name="townshipId">The session's township; null for "any of the caller's".</param>
    public static bool Can(Caller caller, BallotSessionOperation operation, int? townshipId = null) => caller.Role switch
    {
        AppRole.County => true,
        AppRole.Township => townshipId is null || townshipId == caller.TownshipId,
        _ => false,
    };

    public static void Ensure(Caller caller, BallotSessionOperation operation, int? townshipId = null)
    {
        if (!Can(caller, operation, townshipId))
        {
            throw new AccessDeniedException(Messages.Get("Denied.BallotSession." + operation));
        }
    }
}
