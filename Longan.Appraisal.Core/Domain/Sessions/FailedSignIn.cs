namespace Longan.Appraisal.Core.Domain.Sessions;

/// <summary>
/// A failed sign-in from a network address, kept for the sign-in window only: an address with too
/// many failures is refused for a while, whatever names it tries (the per-account lockout alone
/// would let one address lock every account it knows). Who was tried is in the audit trail.
/// </summary>
public sealed class FailedSignIn
{
    public long Id { get; set; }

    public required string Address { get; set; }

    public DateTimeOffset At { get; set; }
}
