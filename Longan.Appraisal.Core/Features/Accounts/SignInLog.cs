using Longan.Appraisal.Core.Features.Audit;
using Microsoft.Extensions.Logging;

namespace Longan.Appraisal.Core.Features.Accounts;

/// <summary>
/// Sign-ins for operators: the login name typed, the outcome and how long the check took. The
/// network address is not logged (the proxy's access log and the audit trail keep it); a burst
/// of failures or lockouts here is what an operator watches for.
/// </summary>
internal static partial class SignInLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Sign-in succeeded for {UserName} in {ElapsedMs} ms")]
    public static partial void SignedIn(ILogger logger, string userName, double elapsedMs);

    [LoggerMessage(EventId = 2001, Message = "Sign-in failed for {UserName}: {Reason} in {ElapsedMs} ms")]
    public static partial void Failed(ILogger logger, LogLevel level, string userName, SignInFailure reason, double elapsedMs);

    /// <summary>A lockout or a blocked address is worth a warning; a mistyped password is not.</summary>
    public static void Failed(ILogger logger, string userName, SignInFailure reason, double elapsedMs) =>
        Failed(logger, reason is SignInFailure.LockedOut or SignInFailure.AddressBlocked ? LogLevel.Warning : LogLevel.Information,
            userName.Length > 64 ? userName[..64] : userName, reason, elapsedMs);
}
