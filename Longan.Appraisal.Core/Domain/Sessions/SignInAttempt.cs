namespace Longan.Appraisal.Core.Domain.Sessions;

/// <summary>
/// A post of the sign-in form from a network address, kept for a minute: counted in the database
/// so that the per-minute limit holds across every portal node (N nodes must not give N times the
/// attempts). Failures are counted apart, for longer (<see cref="FailedSignIn"/>).
/// </summary>
public sealed class SignInAttempt
{
    public long Id { get; set; }

    public required string Address { get; set; }

    public DateTimeOffset At { get; set; }
}
