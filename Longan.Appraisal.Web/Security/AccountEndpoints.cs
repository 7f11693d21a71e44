using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Features.Accounts;
using Longan.Appraisal.Core.Features.Audit;
using Longan.Appraisal.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Longan.Appraisal.Web.Security;

/// <summary>The plain HTTP endpoints around the pages: sign-out and the language switch.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A form POST with an antiforgery token, so another site cannot sign a user out. The session
        // is ended in the database, so a copy of the cookie is refused from now on, everywhere.
        endpoints.MapPost("/logout", async ([FromServices] SignInManager<AppUser> signIn, [FromServices] SessionService sessions, [FromServices] AuditService audit,
            [FromForm] string? returnUrl, HttpContext context) =>
        {
            if (CallerClaims.FromPrincipal(context.User) is { } caller)
            {
                await sessions.EndAsync(caller.SessionId);
                await audit.RecordSignOutAsync(caller.UserName, caller.Role);
            }
            await signIn.SignOutAsync();
            var back = ReturnUrls.Safe(returnUrl);
            return TypedResults.LocalRedirect("~/login" + (back == "/" ? "" : "?returnUrl=" + Uri.EscapeDataString(back)));
        });

        endpoints.MapGet("/culture/{culture}", (string culture, string? returnUrl, HttpContext context) =>
        {
            if (Hosting.PortalHost.Cultures.Contains(culture))
            {
                context.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions
                    {
                        Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps,
                    });
            }
            return TypedResults.LocalRedirect(ReturnUrls.Safe(returnUrl));
        }).AllowAnonymous();

        return endpoints;
    }
}
