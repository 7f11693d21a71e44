using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Longan.Appraisal.Core.Persistence;

/// <summary>
/// Contexts from a pool, for a path that runs hundreds of times a second (phone votes on a voting
/// day, spec §11). A new context spends about 0.3 ms of CPU and 45 KB setting up its services
/// before its first query — more than the indexed look-ups a ballot page makes; a pooled one is
/// reset and handed out again. Same options, model and database as every other context; a context
/// clears its caller and audit settings when it goes back (<see cref="AppraisalDbContext.DisposeAsync"/>).
/// </summary>
public sealed class PooledContexts : IDbContextFactory<AppraisalDbContext>
{
    /// <summary>Contexts kept for reuse: more than a node serves at once; beyond it a context is simply made and dropped.</summary>
    private const int Kept = 128;

    private readonly IDbContextFactory<AppraisalDbContext> _pool;

    private PooledContexts(IDbContextFactory<AppraisalDbContext> pool) => _pool = pool;

    /// <summary>A pool of the provider's own context type (SQLite's <see cref="AppraisalDbContext"/> or PostgreSQL's).</summary>
    public static PooledContexts Over<TContext>(DbContextOptions<TContext> options) where TContext : AppraisalDbContext =>
        new(new ContextFactory<TContext>(new PooledDbContextFactory<TContext>(options, Kept)));

    public AppraisalDbContext CreateDbContext() => _pool.CreateDbContext();

    public Task<AppraisalDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) => _pool.CreateDbContextAsync(cancellationToken);
}
