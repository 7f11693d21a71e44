using System.Threading.RateLimiting;
using Longan.Appraisal.Core.Features.Accounts;
using Microsoft.AspNetCore.RateLimiting;

namespace Longan.Appraisal.Web.Security;

/// <summary>
/// Sign-in attempts per network address (an IPv6 address by its /64, as failures are counted) and minute (configuration Appraisal:SignInAttemptsPerMinute,
/// default 60). The lockout protects each account; this keeps anyone from trying names at will —
/// every failed sign-in is a record in the audit trail, which nobody should be able to flood. A
/// township office behind one address signs in far less often than that.
/// This limiter counts in one node's memory: it sheds a flood cheaply before it reaches the database.
/// The limit that holds across all portal nodes is counted in the database by
/// <see cref="SignInService"/> (the same number, so N nodes never give N times the attempts).
/// Phone ballots (<c>/v</c>) are limited per address too (<see cref="Core.Features.Ballots.VoteLimits"/>),
/// so nobody can try codes at will; guesses that get through flag the open sessions, and each
/// session takes only so many ballots a minute (<see cref="Core.Features.Ballots.PhoneVoteService"/>).
/// </summary>
public static class SignInRateLimit
{
    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = (configuration.GetSection(SignInLimits.Section).Get<SignInLimits>() ?? new SignInLimits()).SignInAttemptsPerMinute;
        var votes = (configuration.GetSection(Core.Features.Ballots.VoteLimits.Section).Get<Core.Features.Ballots.VoteLimits>() ?? new()).VoteRequestsPerMinute;
        return services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments("/login", StringComparison.OrdinalIgnoreCase)
                    ? RateLimitPartition.GetFixedWindowLimiter(SignInService.AddressKey(context.Connection.RemoteIpAddress?.ToString()),
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : IsVote(context)
                        ? RateLimitPartition.GetFixedWindowLimiter("v " + SignInService.AddressKey(context.Connection.RemoteIpAddress?.ToString()),
                            _ => new FixedWindowRateLimiterOptions { PermitLimit = votes, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                        : RateLimitPartition.GetNoLimiter(""));
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.ContentType = "text/html; charset=utf-8";
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await context.HttpContext.Response.WriteAsync(IsVote(context.HttpContext) ? RejectedVotePage : RejectedPage, ct);
            };
        });
    }

    private static bool IsVote(HttpContext context) => context.Request.Path.StartsWithSegments("/v", StringComparison.OrdinalIgnoreCase);

    private const string RejectedVotePage = """
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>请稍后再试 · 手机测评</title></head>
        <body style="font-family: sans-serif; font-size: 18px; max-width: 32em; margin: 2em auto; padding: 0 1em; line-height: 1.6">
        <h1 style="font-size: 1.3em; color: #a31b1b">请稍后再试</h1>
        <p>您所在的网络一分钟内打开选票的次数太多，请一分钟后再打开纸条上的地址。您的测评码没有用掉。</p>
        <p style="color: #666; font-size: .9em">Too many requests from your network: please try again in a minute. Your code has not been used.</p>
        </body></html>
        """;

    /// <summary>A page of its own (the portal's layout needs a circuit): what happened, and the way back.</summary>
    private const string RejectedPage = """
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>请稍后再登录 · 隆安县驻村助理员考核系统</title></head>
        <body style="font-family: sans-serif; max-width: 32em; margin: 3em auto; padding: 0 1em; line-height: 1.6">
        <h1 style="font-size: 1.3em; color: #a31b1b">登录尝试过于频繁</h1>
        <p>从您所在的网络一分钟内提交登录的次数太多，为保护账号暂时不再受理。请一分钟后再试。</p>
        <p><a href="/login">返回登录页</a></p>
        <p style="color: #666; font-size: .9em">Too many sign-in attempts from your network: please try again in a minute.</p>
        </body></html>
        """;
}
