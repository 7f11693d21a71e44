using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Common;

/// <summary>Sorting and paging of a query by a whitelist of sortable columns.</summary>
public static class Paging
{
    public static async Task<PagedResult<T>> ToPageAsync<T>(
        this IQueryable<T> query,
        PageRequest request,
        IReadOnlyDictionary<string, Expression<Func<T, object?>>> sortable,
        Expression<Func<T, object?>> defaultSort,
        CancellationToken ct)
    {
        var total = await query.CountAsync(ct);
        var key = request.SortBy is not null && sortable.TryGetValue(request.SortBy, out var chosen) ? chosen : defaultSort;
        var ordered = request.Descending ? query.OrderByDescending(key) : query.OrderBy(key);
        var items = await ordered.Skip(request.Skip).Take(request.Take).ToListAsync(ct);
        return new PagedResult<T>(items, total);
    }
}
