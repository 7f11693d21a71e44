using Longan.Appraisal.Core.Persistence.PostgreSql;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
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
    /// Registers a context factory (and a scoped context for Identity's and Data Protection's stores)
    /// on the configured provider, and for the phone votes' hot path pooled contexts on the same
    /// options and this node's queue of writes. Services only ever see <see cref="AppraisalDbContext"/>.
    /// </summary>
    public static IServiceCollection AddAppraisalDatabase(this IServiceCollection services, DatabaseSettings settings)
    {
        services.AddSingleton(settings);
        if (settings.Provider == DatabaseProvider.PostgreSQL)
        {
            services.AddDbContextFactory<PostgreSqlAppraisalDbContext>(options => options.UseNpgsql(settings.ConnectionString).AddInterceptors(SingleWriter.Instance));
            services.AddSingleton<IDbContextFactory<AppraisalDbContext>>(provider =>
                new ContextFactory<PostgreSqlAppraisalDbContext>(provider.GetRequiredService<IDbContextFactory<PostgreSqlAppraisalDbContext>>()));
            services.AddScoped<AppraisalDbContext>(provider => provider.GetRequiredService<PostgreSqlAppraisalDbContext>());
            services.AddSingleton(provider => PooledContexts.Over(provider.GetRequiredService<DbContextOptions<PostgreSqlAppraisalDbContext>>()));
        }
        else
        {
            services.AddDbContextFactory<AppraisalDbContext>(options => options.UseSqlite(settings.ConnectionString));
            services.AddSingleton(provider => PooledContexts.Over(provider.GetRequiredService<DbContextOptions<AppraisalDbContext>>()));
        }
        return services.AddSingleton<WriteQueue>();
    }

    /// <summary>PostgreSQL's options: Npgsql, and writers taking their turn (<see cref="SingleWriter"/>).</summary>
    internal static DbContextOptionsBuilder<TContext> PostgreSqlOptions<TContext>(string connectionString)
        where TContext : DbContext =>
        new DbContextOptionsBuilder<TContext>().UseNpgsql(connectionString).AddInterceptors(SingleWriter.Instance);

    /// <summary>
    /// Applies pending migrations (creating the database when it is missing) and switches SQLite to
    /// write-ahead logging so readers never block the writer.
    /// </summary>
    public static async Task MigrateAsync(IDbContextFactory<AppraisalDbContext> factory, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        // Migrate() also diffs the whole model against the snapshot, a second of start-up for nothing
        // when the database is current; a test guards that no model change lacks its migration.
        // A database not yet created is migrated at once (Migrate() creates it; on PostgreSQL EF logs
        // one error line while it looks for the history table first, which is harmless).
        // Several nodes starting together: EF takes a database-wide lock around the migrations.
        if (!await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(ct) || (await db.Database.GetPendingMigrationsAsync(ct)).Any())
        {
            await db.Database.MigrateAsync(ct);
        }
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }
}
