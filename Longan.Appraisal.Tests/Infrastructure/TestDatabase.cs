using Longan.Appraisal.Core;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Persistence.Seeding;
using Longan.Appraisal.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Longan.Appraisal.Tests.Infrastructure;

/// <summary>
/// A real database, migrated, with the Core services registered as the portal registers them: a
/// temporary SQLite file, or — when LONGAN_TEST_DATABASE=PostgreSQL (set by .ci/test for its second
/// pass over the service tests) — a fresh database on the PostgreSQL server named by
/// LONGAN_TEST_POSTGRES. A new database is copied from a template made once per test run (a file
/// copy on SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private static readonly SemaphoreSlim s_templateLock = new(1, 1);
    private static readonly Dictionary<(DatabaseProvider, bool), string> s_templates = [];

    private TestDatabase(DatabaseSettings settings, string name, ServiceProvider services)
    {
        Settings = settings;
        Name = name;
        Services = services;
    }

    /// <summary>The provider the service tests run on in this process (SQLite unless LONGAN_TEST_DATABASE says otherwise).</summary>
    public static DatabaseProvider Provider { get; } = DatabaseSettings.ParseProvider(Environment.GetEnvironmentVariable("LONGAN_TEST_DATABASE"));

    /// <summary>The provider and connection string, as the portal would be configured with them.</summary>
    public DatabaseSettings Settings { get; }

    /// <summary>The SQLite file, or the PostgreSQL database's name.</summary>
    public string Name { get; }

    /// <summary>The SQLite file; tests of file-level matters (verbs, the portal's process) run on SQLite only.</summary>
    public string FilePath => Settings.Provider == DatabaseProvider.Sqlite ? Name : throw new InvalidOperationException("This test needs the SQLite file.");

    public ServiceProvider Services { get; }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Who a test's own arrangements are recorded as in the audit trail.</summary>
    public static Caller Arranger { get; } = new("test", "test-setup", AppRole.County);

    /// <summary>A context for a test's own arrangements and checks (its changes recorded as <see cref="Arranger"/>'s).</summary>
    public Task<AppraisalDbContext> OpenAsync() => Get<IDbContextFactory<AppraisalDbContext>>().CreateDbContextAsync(Arranger);

    /// <summary>A new database on this run's provider.</summary>
    public static Task<TestDatabase> CreateAsync(bool demoCounty = false) => CreateAsync(Provider, demoCounty);

    /// <summary>A new SQLite database whatever the run's provider (tests of the file itself, the verbs, the portal's process).</summary>
    public static Task<TestDatabase> CreateSqliteAsync(bool demoCounty = false) => CreateAsync(DatabaseProvider.Sqlite, demoCounty);

    /// <summary>A new database on the given provider, whatever the run's (tests comparing the providers).</summary>
    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, bool demoCounty)
    {
        TestDatabase db;
        if (provider == DatabaseProvider.PostgreSQL)
        {
            var name = await PostgresCopies.TakeAsync(await TemplateAsync(provider, demoCounty));
            var settings = new DatabaseSettings(provider, PostgresConnectionString(name));
            // The copy is of a migrated template: nothing to migrate.
            return new TestDatabase(settings, name, BuildServices(settings));
        }
        else
        {
            var path = NewPath();
            if (demoCounty)
            {
                File.Copy(await TemplateAsync(provider, demoCounty), path);
            }
            var settings = DatabaseSettings.Sqlite(ConnectionString(path));
            db = new TestDatabase(settings, path, BuildServices(settings));
        }
        await AppraisalDatabase.MigrateAsync(db.Get<IDbContextFactory<AppraisalDbContext>>());
        return db;
    }

    public static string ConnectionString(string path) => $"Data Source={path};Pooling=False";

    /// <summary>
    /// The services of another portal node on the same database: its own context factories, pools and
    /// write queue, nothing shared in memory with <see cref="Services"/>. Dispose it.
    /// </summary>
    public ServiceProvider AnotherNode() => BuildServices(Settings);

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
        if (Settings.Provider == DatabaseProvider.PostgreSQL)
        {
            await using (var connection = new NpgsqlConnection(Settings.ConnectionString))
            {
                NpgsqlConnection.ClearPool(connection);
            }
            PostgresCopies.Drop(Name);
            return;
        }
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { Name, Name + "-wal", Name + "-shm" })
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// Another portal node on this same database: its own services, caches and Data Protection key
    /// ring (read from the database), on the given clock.
    /// </summary>
    public ServiceProvider AnotherNode(TimeProvider clock, Action<IServiceCollection>? configure = null) =>
        BuildServices(Settings, services =>
        {
            services.AddSingleton(clock);
            configure?.Invoke(services);
        });

    private static ServiceProvider BuildServices(DatabaseSettings settings, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAppraisalCore(settings);
        // Hashing cost is not what these tests check; the production setting is asserted separately.
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
        services.AddSingleton<TimeProvider>(new FixedClock());
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>A migrated database (seeded with the demo county when asked), made once per run and copied for each test.</summary>
    private static async Task<string> TemplateAsync(DatabaseProvider provider, bool demoCounty)
    {
        await s_templateLock.WaitAsync();
        try
        {
            if (!s_templates.TryGetValue((provider, demoCounty), out var template))
            {
                template = provider == DatabaseProvider.PostgreSQL ? $"longan_template_{Environment.ProcessId}_{(demoCounty ? "demo" : "empty")}" : NewPath();
                var settings = provider == DatabaseProvider.PostgreSQL
                    ? new DatabaseSettings(provider, PostgresConnectionString(template))
                    : DatabaseSettings.Sqlite(ConnectionString(template));
                if (provider == DatabaseProvider.PostgreSQL)
                {
                    await PostgresAsync($"DROP DATABASE IF EXISTS {template} WITH (FORCE)");
                }
                await using (var services = BuildServices(settings))
                {
                    var factory = services.GetRequiredService<IDbContextFactory<AppraisalDbContext>>();
                    await AppraisalDatabase.MigrateAsync(factory);
                    if (demoCounty)
                    {
                        await services.GetRequiredService<DemoCountySeeder>().SeedAsync();
                    }
                    if (provider == DatabaseProvider.Sqlite)
                    {
                        await using var db = await factory.CreateDbContextAsync();
                        // Fold the write-ahead log into the file so a plain copy is complete.
                        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
                    }
                }
                if (provider == DatabaseProvider.PostgreSQL)
                {
                    // A template may have no open connection when it is copied.
                    await using (var connection = new NpgsqlConnection(settings.ConnectionString))
                    {
                        NpgsqlConnection.ClearPool(connection);
                    }
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => PostgresAsync($"DROP DATABASE IF EXISTS {template} WITH (FORCE)").GetAwaiter().GetResult();
                }
                else
                {
                    SqliteConnection.ClearAllPools();
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(template);
                }
                s_templates[(provider, demoCounty)] = template;
            }
            return template;
        }
        finally
        {
            s_templateLock.Release();
        }
    }

    /// <summary>The PostgreSQL server the tests use (LONGAN_TEST_POSTGRES, started by .ci/test), on database <paramref name="database"/>.</summary>
    internal static string PostgresConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("LONGAN_TEST_POSTGRES")
            ?? throw new InvalidOperationException("LONGAN_TEST_DATABASE=PostgreSQL needs LONGAN_TEST_POSTGRES (a connection string to the test server), as .ci/test sets it."))
        {
            Database = database,
            MaxPoolSize = 20,
        }.ToString();

    internal static async Task PostgresAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string NewPath() => Path.Combine(Path.GetTempPath(), $"longan-test-{Guid.NewGuid():N}.db");
}
