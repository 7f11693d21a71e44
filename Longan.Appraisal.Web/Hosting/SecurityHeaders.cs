using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Longan.Appraisal.Web.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Net.Http.Headers;
using MudBlazor;

namespace Longan.Appraisal.Web.Hosting;

/// <summary>
/// The headers every response carries: a Content-Security-Policy that Blazor Server and MudBlazor
/// work under, nosniff, same-origin referrers, and no caching of anything but the static assets
/// (which set their own Cache-Control) — personal data never stays in a browser's or proxy's cache.
/// </summary>
/// <remarks>
/// Scripts come only from this site (Blazor Server needs no eval). Style sheets likewise; the only
/// inline style blocks are MudBlazor's theme, scrollbar and chart styles, allowed by their SHA-256,
/// which is taken once at start from MudThemeProvider itself, so an upgrade of MudBlazor cannot
/// silently break the page. MudBlazor sizes and positions elements through style attributes, so
/// those are allowed (style-src-attr 'unsafe-inline': an attribute can change a look, never run
/// code). Browsers that predate CSP 3's -elem/-attr directives fall back to style-src, which keeps
/// them working.
/// </remarks>
public sealed partial class SecurityHeaders
{
    private readonly string _styleHashes;

    private SecurityHeaders(IEnumerable<string> inlineStyles)
    {
        _styleHashes = string.Join(" ", inlineStyles.Distinct().Select(style => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(style)))}'"));
    }

    /// <summary>The Content-Security-Policy of a response to this request (WebSockets to this same host).</summary>
    public string Policy(HttpRequest request) => string.Join("; ",
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        $"style-src-elem 'self' {_styleHashes}",
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        $"connect-src 'self' {(request.IsHttps ? "wss" : "ws")}://{request.Host}",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'");

    /// <summary>Renders MudBlazor's theme provider as the layout does, to learn the inline style blocks it writes.</summary>
    public static async Task<SecurityHeaders> CreateAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<ILoggerFactory>());
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<MudThemeProvider>(ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(MudThemeProvider.Theme)] = AppTheme.Theme }));
            return output.ToHtmlString();
        });
        return new SecurityHeaders(StyleBlock().Matches(html).Select(m => m.Groups[1].Value));
    }

    /// <summary>Adds the headers to every response, just before it starts.</summary>
    public void Apply(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = Policy(context.Request);
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            if (!headers.ContainsKey(HeaderNames.CacheControl))
            {
                headers.CacheControl = "no-store";
            }
            return Task.CompletedTask;
        });
    }

    [GeneratedRegex(@"<style[^>]*>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StyleBlock();
}
