using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Longan.Appraisal.Core.Persistence;

/// <summary>Where the database lives, how it is registered, and how it is brought up to date.</summary>
public static class AppraisalDatabase
{
    /// <summary>The configuration key of the connection string (environment: ConnectionStrings__Appraisal).</summary>
    public const string ConnectionStringName = "Appraisal";

    /// <summary>The embedded database file used when nothing is configured, under the content root.</summary>
    public const string DefaultRelativePath = "App_Data/appraisal.db";

    /// <summary>
    /// The connection string to use: the configured one, or an embedded file in the application's
    /// data folder. A relative file name is taken relative to <paramref name="contentRoot"/> so the
    /// web server and the admin verbs always open the same file; its folder is created.
    /// </summary>
    public static string ResolveConnectionString(string? configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(configured) ? $"Data Source={DefaultRelativePath}" : configured);
        var source = builder.DataSource;
        var inMemory = builder.Mode == SqliteOpenMode.Memory || source == ":memory:" || source.Length == 0;
        if (!inMemory)
        {
            if (!Path.IsPathRooted(source))
            {
                source = Path.GetFullPath(Path.Combine(contentRoot, source));
                builder.DataSource = source;
            }
            var folder = Path.GetDirectoryName(source);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }
        // Writers wait for each other instead of failing with "database is locked".
        if (builder.DefaultTimeout < 30)
        {
            builder.DefaultTimeout = 30;
        }
        return builder.ToString();
    }

    /// <summary>
    /// Registers a context factory (and a scoped context for Identity's stores) on SQLite, and for the
    /// phone votes' hot path pooled contexts on the same options and this node's queue of writes.
    /// </summary>
    public static IServiceCollection AddAppraisalDatabase(this IServiceCollection services, string connectionString) =>
        services.AddDbContextFactory<AppraisalDbContext>(options => options.UseSqlite(connectionString))
            .AddSingleton(provider => new PooledContexts(provider.GetRequiredService<DbContextOptions<AppraisalDbContext>>()))
            .AddSingleton<WriteQueue>();

    /// <summary>
    /// Applies pending migrations (creating the database when it is missing) and switches SQLite to
    /// write-ahead logging so readers never block the writer.
    /// </summary>
    public static async Task MigrateAsync(IDbContextFactory<AppraisalDbContext> factory, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        // Migrate() also diffs the whole model against the snapshot, a second of start-up for nothing
        // when the database is current; a test guards that no model change lacks its migration.
        if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
        {
            await db.Database.MigrateAsync(ct);
        }
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }
}
