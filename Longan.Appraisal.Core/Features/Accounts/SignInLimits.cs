namespace Longan.Appraisal.Core.Features.Accounts;

/// <summary>
/// How sign-in attempts are limited, from configuration section <see cref="Section"/>
/// (e.g. Appraisal:SignInFailuresPerAddress). The per-account lockout is fixed by the password
/// policy (<see cref="AccountsServiceCollectionExtensions"/>).
/// </summary>
public sealed class SignInLimits
{
    public const string Section = "Appraisal";

    /// <summary>Posts to the sign-in form per network address and minute; beyond it the form is not even read.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 60;

    /// <summary>
    /// Failed sign-ins from one network address within <see cref="AccountsServiceCollectionExtensions.LockoutMinutes"/>
    /// after which that address is refused until the window has passed: one address can then lock
    /// no more than a few accounts, however many names it knows.
    /// </summary>
    public int SignInFailuresPerAddress { get; set; } = 20;

    /// <summary>Why the values cannot be used, or null.</summary>
    public string? Problem() =>
        SignInAttemptsPerMinute < 1 ? "Appraisal:SignInAttemptsPerMinute must be at least 1."
        : SignInFailuresPerAddress < AccountsServiceCollectionExtensions.MaxFailedSignIns
            ? $"Appraisal:SignInFailuresPerAddress must be at least {AccountsServiceCollectionExtensions.MaxFailedSignIns} (one account's lockout)."
            : null;
}
