using Longan.Appraisal.Core.Resources;

namespace Longan.Appraisal.Core.Security.Policies;

/// <summary>
/// Accounts (create, edit, reset, deactivate, unlock, lift an address's pause) and the audit trail:
/// 组织部's alone (spec §1).
/// </summary>
public static class AdministrationPolicy
{
    public static bool CanManageAccounts(Caller caller) => caller.Role == AppRole.County;

    public static bool CanReadAudit(Caller caller) => caller.Role == AppRole.County;

    public static void EnsureCanManageAccounts(Caller caller)
    {
        if (!CanManageAccounts(caller))
        {
            throw new AccessDeniedException(Messages.Get("Denied.Accounts"));
        }
    }

    public static void EnsureCanReadAudit(Caller caller)
    {
        if (!CanReadAudit(caller))
        {
            throw new AccessDeniedException(Messages.AuditOnlyCounty);
        }
    }
}
