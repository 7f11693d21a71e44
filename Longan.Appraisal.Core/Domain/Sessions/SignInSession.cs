namespace Longan.Appraisal.Core.Domain.Sessions;

/// <summary>
/// One signed-in session (a browser's cookie). The cookie carries a random id; the database keeps
/// only its SHA-256, so reading the database gives nobody a cookie. Every request and every open
/// page checks the session: once it is ended (sign-out, a password change elsewhere), past its
/// lifetime, or its account's security stamp has moved on (password reset, role or scope changed,
/// deactivated), the cookie is worth nothing, wherever it was copied to.
/// </summary>
public sealed class SignInSession
{
    /// <summary>SHA-256 of the id in the cookie, hex.</summary>
    public required string IdHash { get; set; }

    public required string UserId { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    /// <summary>The last request or action on an open page in this session (kept to the minute); idle too long, the session is over.</summary>
    public DateTimeOffset LastActiveAt { get; set; }

    /// <summary>Set by sign-out, or when the account's own password change ends its other sessions.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>The account's security stamp this session belongs to; a session of an older stamp is over.</summary>
    public required string SecurityStamp { get; set; }
}
