using Longan.Appraisal.Core.Domain;

namespace Longan.Appraisal.Core.Features.Accounts;

public enum SignInStatus
{
    Succeeded,

    /// <summary>Any failure that concerns the account — unknown name, wrong password, locked, deactivated — told apart only in the audit trail.</summary>
    Failed,

    /// <summary>Too many failures from this network address lately; nothing was checked.</summary>
    AddressBlocked,

    /// <summary>More posts of the sign-in form from this address in the last minute than allowed, on all nodes together; nothing was checked or recorded.</summary>
    TooFrequent,
}

/// <param name="User">The account signed in (only when <see cref="SignInStatus.Succeeded"/>).</param>
/// <param name="SessionId">The new session's id, for the cookie (only when succeeded).</param>
public sealed record SignInOutcome(SignInStatus Status, AppUser? User = null, string? SessionId = null);
