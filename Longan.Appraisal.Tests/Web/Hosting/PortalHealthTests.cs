using Longan.Appraisal.Core;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Tests.Infrastructure;
using Longan.Appraisal.Web.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Longan.Appraisal.Tests.Web.Hosting;

/// <summary>The readiness checks as the portal registers them, on each provider.</summary>
[Trait("Category", "BothProviders")]
public sealed class PortalHealthTests
{
    [Fact]
    public async Task Ready_MigratedDatabaseOnRunsProvider_Healthy()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var services = Services(db.Settings);

        var report = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync(PortalHealth.IsReadinessCheck);

        Assert.Equal(HealthStatus.Healthy, report.Status);
        Assert.Equal(["database", "migrations"], report.Entries.Keys.Order());
    }

    [Fact]
    public async Task Ready_PostgreSqlOnAWrongPort_UnhealthyQuickly()
    {
        // Nothing listens on port 1; the connection is refused at once.
        var settings = new DatabaseSettings(DatabaseProvider.PostgreSQL, "Host=127.0.0.1;Port=1;Username=postgres;Database=longan;Timeout=3");
        await using var services = Services(settings);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var report = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync(PortalHealth.IsReadinessCheck);

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.Equal(HealthStatus.Unhealthy, report.Entries["database"].Status);
        Assert.Equal(HealthStatus.Unhealthy, report.Entries["migrations"].Status);
        Assert.True(watch.Elapsed < PortalHealth.CheckTimeout + TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    private static ServiceProvider Services(DatabaseSettings settings)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddAppraisalCore(settings);
        services.AddPortalHealthChecks();
        return services.BuildServiceProvider();
    }
}
