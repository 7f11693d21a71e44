using Longan.Appraisal.Core.Resources;

namespace Longan.Appraisal.Core.Security.Policies;

/// <summary>Who may follow decisions up (spec §1, §8): 组织部 records what was done; a township reads its own cases.</summary>
public static class FollowUpPolicy
{
    public static bool Can(Caller caller, FollowUpOperation operation) => operation switch
    {
        FollowUpOperation.Read => caller.Role is AppRole.County or AppRole.Township,
        _ => caller.Role == AppRole.County,
    };

    public static void Ensure(Caller caller, FollowUpOperation operation)
    {
        if (!Can(caller, operation))
        {
            throw new AccessDeniedException(Messages.Get("Denied.FollowUp." + operation));
        }
    }
}
