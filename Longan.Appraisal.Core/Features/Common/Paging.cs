using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Common;

/// <summary>
/// Sorting and paging of an entity query by a whitelist of sortable columns, in the database, then
/// projection of the page to rows. Sorting happens on the entity (not the row) so the provider can
/// translate it; a tie-breaker keeps pages stable.
/// </summary>
public static class Paging
{
    public static async Task<PagedResult<TRow>> ToPageAsync<TEntity, TRow, TKey>(
        this IQueryable<TEntity> query,
        PageRequest request,
        IReadOnlyDictionary<string, Expression<Func<TEntity, object?>>> sortable,
        Expression<Func<TEntity, object?>> defaultSort,
        Expression<Func<TEntity, TKey>> tieBreaker,
        Expression<Func<TEntity, TRow>> projection,
        CancellationToken ct)
    {
        var total = await query.CountAsync(ct);
        var key = request.SortBy is not null && sortable.TryGetValue(request.SortBy, out var chosen) ? chosen : defaultSort;
        var ordered = request.Descending ? query.OrderByDescending(key) : query.OrderBy(key);
        var items = await ordered.ThenBy(tieBreaker).Skip(request.Offset).Take(request.Take).Select(projection).ToListAsync(ct);
        return new PagedResult<TRow>(items, total);
    }
}
