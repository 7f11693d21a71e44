using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Longan.Appraisal.Web.Security;

/// <summary>
/// Sign-in attempts per network address and minute (configuration Appraisal:SignInAttemptsPerMinute,
/// default 30). The lockout protects each account; this keeps anyone from trying names at will —
/// every failed sign-in is a record in the audit trail, which nobody should be able to flood. A
/// township office behind one address signs in far less often than that.
/// </summary>
public static class SignInRateLimit
{
    public const int DefaultAttemptsPerMinute = 30;

    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = configuration.GetValue("Appraisal:SignInAttemptsPerMinute", DefaultAttemptsPerMinute);
        return services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments("/login", StringComparison.OrdinalIgnoreCase)
                    ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter(""));
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await context.HttpContext.Response.WriteAsync("登录尝试过于频繁，请一分钟后再试。Too many sign-in attempts: try again in a minute.", ct);
            };
        });
    }
}
