using Microsoft.AspNetCore.Http.HttpResults;

namespace Longan.Appraisal.Web.Security;

/// <summary>Where to go back to after signing in, out, or switching language.</summary>
public static class ReturnUrls
{
    /// <summary>
    /// The address if it is one of this site's pages, else "/": exactly what a local redirect
    /// accepts, so a crafted link can neither bounce users to another site ("//evil", "/\evil",
    /// "/%09/evil", which browsers read as "//evil") nor make the redirect fail.
    /// </summary>
    public static string Safe(string? url) => RedirectHttpResult.IsLocalUrl(url) ? url! : "/";
}
