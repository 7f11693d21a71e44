using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Longan.Appraisal.Web.Security;

/// <summary>Where to go back to after signing in, out, or switching language.</summary>
public static class ReturnUrls
{
    /// <summary>
    /// The address if it is one of this site's pages, else "/": exactly what a local redirect
    /// accepts, so a crafted link can neither bounce users to another site ("//evil", "/\evil",
    /// "/%09/evil", which browsers read as "//evil") nor make the redirect fail. Characters beyond
    /// ASCII (a Chinese search term in a page's query) are percent-encoded as a browser sends them:
    /// a Location header carries ASCII only. An app-relative "~/path" is the page "/path" (the
    /// browser would read "~/path" relative to the current page).
    /// </summary>
    public static string Safe(string? url)
    {
        if (!RedirectHttpResult.IsLocalUrl(url))
        {
            return "/";
        }
        if (url!.StartsWith("~/", StringComparison.Ordinal))
        {
            url = url[1..];
        }
        if (url.All(char.IsAscii))
        {
            return url;
        }
        var escaped = new StringBuilder(url.Length * 3);
        foreach (var b in Encoding.UTF8.GetBytes(url))
        {
            escaped.Append(b < 0x80 ? ((char)b).ToString() : $"%{b:X2}");
        }
        return escaped.ToString();
    }
}
