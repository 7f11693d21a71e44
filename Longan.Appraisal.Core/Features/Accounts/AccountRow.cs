using Longan.Appraisal.Core.Security;

namespace Longan.Appraisal.Core.Features.Accounts;

/// <param name="Scope">The township, village or assistant the account is bound to, in words; empty for the county.</param>
public sealed record AccountRow(
    string Id,
    string UserName,
    string DisplayName,
    AppRole Role,
    int? TownshipId,
    int? SupervisorId,
    int? AssistantId,
    string Scope,
    bool IsActive,
    DateTimeOffset? LockedUntil)
{
    /// <summary>Locked after too many failed sign-ins (an active account whose lockout has not yet run out).</summary>
    public bool IsLockedOutAt(DateTimeOffset now) => IsActive && LockedUntil > now;
}
