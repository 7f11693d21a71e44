using Longan.Appraisal.Core.Features.Accounts;
using Longan.Appraisal.Core.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Longan.Appraisal.Web.Security;

/// <summary>
/// Every request's cookie is checked against its session in the database (in place of Identity's
/// security-stamp check every few minutes): a cookie of an ended, expired or outdated session is
/// refused at once — also a copy taken before signing out, on any node.
/// </summary>
internal static class SessionCookie
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionService>();
        var session = context.Principal?.FindFirst(AppClaimTypes.SessionId)?.Value;
        if (!await sessions.IsActiveAsync(session, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(context.Scheme.Name);
            return;
        }
        await sessions.TouchAsync(session, context.HttpContext.RequestAborted);
    }
}
