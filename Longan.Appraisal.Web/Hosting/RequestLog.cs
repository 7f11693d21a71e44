using System.Diagnostics;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Longan.Appraisal.Web.Hosting;

/// <summary>
/// One line per request for operators: method, the route's template (never the raw path of a
/// route with values, never the query string — a phone ballot's address carries its code, a
/// return address can carry anything), status, duration and the login name when signed in. No
/// address, real name or other personal data: the proxy's access log has the address, the audit
/// trail the rest. Probes and static files that succeed go out at Debug so they do not flood the log.
/// </summary>
public sealed partial class RequestLog(RequestDelegate next, ILogger<RequestLog> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // Routing has run (WebApplication puts it first), so the endpoint and its template are known.
        var endpoint = context.GetEndpoint();
        var start = Stopwatch.GetTimestamp();
        var failed = false;
        try
        {
            await next(context);
        }
        catch
        {
            // The exception itself is logged, with its stack, by the host's exception handler.
            failed = true;
            throw;
        }
        finally
        {
            var status = failed ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
            var path = PathOf(context, endpoint);
            var elapsed = Math.Round(Stopwatch.GetElapsedTime(start).TotalMilliseconds, 1);
            var user = context.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name : null;
            var level = status < 400 && IsQuiet(context.Request.Path, endpoint) ? LogLevel.Debug : LogLevel.Information;
            if (user is null)
            {
                Handled(logger, level, context.Request.Method, path, status, elapsed);
            }
            else
            {
                HandledFor(logger, level, context.Request.Method, path, status, elapsed, user);
            }
        }
    }

    /// <summary>The route template when a route matched ("/v/{Code}", "/cycles/{cycleId:int}/results.xlsx"), else the path without its query.</summary>
    internal static string PathOf(HttpContext context, Endpoint? endpoint)
    {
        if (endpoint is RouteEndpoint { RoutePattern: var pattern })
        {
            return pattern.RawText is { } raw ? (raw.StartsWith('/') ? raw : "/" + raw) : Template(pattern);
        }
        var path = context.Request.Path.Value ?? "/";
        // An address under /v/ that no route took may still carry a ballot code.
        if (path.StartsWith("/v/", StringComparison.OrdinalIgnoreCase))
        {
            return "/v/{unmatched}";
        }
        return path.Length > 200 ? path[..200] : path;
    }

    private static string Template(RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            _ => "",
        }))));

    private static bool IsQuiet(PathString path, Endpoint? endpoint) =>
        path.StartsWithSegments("/health")
        || path.StartsWithSegments("/_framework") || path.StartsWithSegments("/_content")
        || (endpoint is RouteEndpoint { RoutePattern.Parameters.Count: 0 } && Path.HasExtension(path.Value));

    [LoggerMessage(EventId = 1000, Message = "HTTP {Method} {Path} responded {StatusCode} in {ElapsedMs} ms")]
    private static partial void Handled(ILogger logger, LogLevel level, string method, string path, int statusCode, double elapsedMs);

    [LoggerMessage(EventId = 1001, Message = "HTTP {Method} {Path} responded {StatusCode} in {ElapsedMs} ms for {UserName}")]
    private static partial void HandledFor(ILogger logger, LogLevel level, string method, string path, int statusCode, double elapsedMs, string userName);
}
