using System.Text.Json;
using Longan.Appraisal.Core.Persistence;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Longan.Appraisal.Web.Hosting;

/// <summary>
/// The proxy's two questions: <c>/health/live</c> (the process answers; no database, so a slow
/// database never gets a node restarted) and <c>/health/ready</c> (the database answers and carries
/// every migration; otherwise 503 and the proxy sends users elsewhere).
/// </summary>
public static class PortalHealth
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    private const string ReadyTag = "ready";

    /// <summary>The checks <c>/health/ready</c> runs.</summary>
    public static bool IsReadinessCheck(HealthCheckRegistration check) => check.Tags.Contains(ReadyTag);

    /// <summary>A probe that waits longer than this is an answer too: the node is not ready.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    public static IServiceCollection AddPortalHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddDbContextCheck<AppraisalDbContext>("database", tags: [ReadyTag])
            .AddCheck<MigrationsHealthCheck>("migrations", tags: [ReadyTag]);
        // An unreachable PostgreSQL host would otherwise hold the probe for Npgsql's 15 s connect timeout.
        services.Configure<HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations)
            {
                registration.Timeout = CheckTimeout;
            }
        });
        return services;
    }

    /// <summary>
    /// Answers the probes as middleware, ahead of sign-in, session, rate limits and antiforgery: a
    /// probe carries no cookie and must not be refused or counted.
    /// </summary>
    public static void UsePortalHealthChecks(this IApplicationBuilder app)
    {
        app.UseHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.UseHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = IsReadinessCheck, ResponseWriter = WriteAsync });
    }

    /// <summary>
    /// A short body naming each check and its state; a failure's description is ours ("2 migration(s)
    /// pending"), never an exception's message, which could carry a host name or connection detail.
    /// </summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new Dictionary<string, object>
        {
            ["status"] = report.Status.ToString(),
            ["checks"] = report.Entries.ToDictionary(e => e.Key, e => new Dictionary<string, string?>
            {
                ["status"] = e.Value.Status.ToString(),
                ["description"] = e.Value.Exception is null ? e.Value.Description : e.Value.Exception.GetType().Name,
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
