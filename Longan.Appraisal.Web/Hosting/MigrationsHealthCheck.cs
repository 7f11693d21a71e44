using Longan.Appraisal.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Longan.Appraisal.Web.Hosting;

/// <summary>
/// Ready only when the database carries every migration this build knows: a node started against a
/// database restored from an older backup, or running a newer build before its migrations were
/// applied, would fail on the first page that touches a new column, so the proxy must not send it users.
/// </summary>
public sealed class MigrationsHealthCheck(IDbContextFactory<AppraisalDbContext> dbFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Asked first, so a missing SQLite file is reported as unreachable instead of being created
        // empty by the history query's connection.
        if (!await db.Database.CanConnectAsync(cancellationToken))
        {
            return HealthCheckResult.Unhealthy("database unreachable");
        }
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        return pending == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"{pending} migration(s) pending");
    }
}
