using Longan.Appraisal.Core;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Persistence.Seeding;
using Longan.Appraisal.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Longan.Appraisal.Tests.Infrastructure;

/// <summary>
/// A real SQLite database in a temporary file, migrated, with the Core services registered as the
/// portal registers them. A seeded database is copied from a template made once per test run.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private static readonly SemaphoreSlim s_templateLock = new(1, 1);
    private static string? s_demoTemplate;

    private TestDatabase(string path, ServiceProvider services)
    {
        FilePath = path;
        Services = services;
    }

    public string FilePath { get; }

    public ServiceProvider Services { get; }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Who a test's own arrangements are recorded as in the audit trail.</summary>
    public static Caller Arranger { get; } = new("test", "test-setup", AppRole.County);

    /// <summary>A context for a test's own arrangements and checks (its changes recorded as <see cref="Arranger"/>'s).</summary>
    public Task<AppraisalDbContext> OpenAsync() => Get<IDbContextFactory<AppraisalDbContext>>().CreateDbContextAsync(Arranger);

    public static async Task<TestDatabase> CreateAsync(bool demoCounty = false)
    {
        var path = NewPath();
        if (demoCounty)
        {
            File.Copy(await DemoTemplateAsync(), path);
        }
        var db = new TestDatabase(path, BuildServices(path));
        await AppraisalDatabase.MigrateAsync(db.Get<IDbContextFactory<AppraisalDbContext>>());
        return db;
    }

    public static string ConnectionString(string path) => $"Data Source={path};Pooling=False";

    /// <summary>The caller a demo account acts as, resolved exactly as at sign-in.</summary>
    public async Task<Caller> CallerAsync(string userName)
    {
        await using var db = await OpenAsync();
        var user = await db.Users.SingleAsync(u => u.UserName == userName);
        return await CallerScopeResolver.ResolveAsync(db, user);
    }

    public async Task<int> VillageIdAsync(string township, string village)
    {
        await using var db = await OpenAsync();
        return await db.Villages.Where(v => v.Name == village && v.Township!.Name == township).Select(v => v.Id).SingleAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { FilePath, FilePath + "-wal", FilePath + "-shm" })
        {
            File.Delete(file);
        }
    }

    private static ServiceProvider BuildServices(string path)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAppraisalCore(ConnectionString(path));
        // Hashing cost is not what these tests check; the production setting is asserted separately.
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
        services.AddSingleton<TimeProvider>(new FixedClock());
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private static async Task<string> DemoTemplateAsync()
    {
        await s_templateLock.WaitAsync();
        try
        {
            if (s_demoTemplate is null)
            {
                var path = NewPath();
                await using (var services = BuildServices(path))
                {
                    await AppraisalDatabase.MigrateAsync(services.GetRequiredService<IDbContextFactory<AppraisalDbContext>>());
                    await services.GetRequiredService<DemoCountySeeder>().SeedAsync();
                    await using var db = await services.GetRequiredService<IDbContextFactory<AppraisalDbContext>>().CreateDbContextAsync();
                    // Fold the write-ahead log into the file so a plain copy is complete.
                    await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
                }
                SqliteConnection.ClearAllPools();
                s_demoTemplate = path;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
            }
            return s_demoTemplate;
        }
        finally
        {
            s_templateLock.Release();
        }
    }

    private static string NewPath() => Path.Combine(Path.GetTempPath(), $"longan-test-{Guid.NewGuid():N}.db");
}
