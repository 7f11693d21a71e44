using Longan.Appraisal.Core.Resources;

namespace Longan.Appraisal.Core.Security.Policies;

/// <summary>
/// Who may do what with appraisal cycles (spec §1: 组织部 — cycles and rules, compute, publish,
/// reopen; 乡镇党委 — enter evaluations for its villages, which includes importing them).
/// </summary>
public static class CyclePolicy
{
    public static bool Can(Caller caller, CycleOperation operation) => operation switch
    {
        CycleOperation.Read => true,
        CycleOperation.Import or CycleOperation.ViewProgress => caller.Role is AppRole.County or AppRole.Township,
        _ => caller.Role == AppRole.County,
    };

    public static void Ensure(Caller caller, CycleOperation operation)
    {
        if (!Can(caller, operation))
        {
            throw new AccessDeniedException(Messages.Get("Denied.Cycle." + operation));
        }
    }
}
