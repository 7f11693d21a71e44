using Longan.Appraisal.Core.Features.Accounts;
using Longan.Appraisal.Core.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Longan.Appraisal.Web.Security;

/// <summary>
/// Checks every 15 seconds that an open page's session still stands (<see cref="SessionService.IsActiveAsync"/>):
/// signed out in another tab, a deactivated account, a changed password, role or scope — the page
/// loses its session within seconds. Plain requests are checked on every request (<see cref="SessionCookie"/>).
/// One indexed lookup per open page every 15 seconds.
/// </summary>
internal sealed class RevalidatingIdentityStateProvider(ILoggerFactory loggerFactory, SessionService sessions)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(15);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        sessions.IsActiveAsync(authenticationState.User.FindFirst(AppClaimTypes.SessionId)?.Value, cancellationToken);
}
