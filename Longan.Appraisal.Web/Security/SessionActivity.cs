using Longan.Appraisal.Core.Features.Accounts;
using Longan.Appraisal.Core.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Longan.Appraisal.Web.Security;

/// <summary>
/// An action on an open page (a click, a key, a field changed) is use of the session, as a request
/// is: it keeps the session from timing out (<see cref="SessionService.IdleTimeout"/>), while a page
/// merely left open does not — the page's 15-second check then signs it out.
/// </summary>
internal sealed class SessionActivity(AuthenticationStateProvider authentication, SessionService sessions) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            var state = await authentication.GetAuthenticationStateAsync();
            await sessions.TouchAsync(state.User.FindFirst(AppClaimTypes.SessionId)?.Value);
            await next(context);
        };
}
