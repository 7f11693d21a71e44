using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Persistence;

/// <summary>
/// Hands out a provider's own context type as the <see cref="AppraisalDbContext"/> every service
/// asks for: services never know which database they are on.
/// </summary>
internal sealed class ContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<AppraisalDbContext>
    where TContext : AppraisalDbContext
{
    public AppraisalDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<AppraisalDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
