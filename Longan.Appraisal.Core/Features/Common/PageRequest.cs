namespace Longan.Appraisal.Core.Features.Common;

/// <summary>One page of a list: a free-text search, a sort column, and the page (zero-based).</summary>
public sealed record PageRequest(string? Search = null, string? SortBy = null, bool Descending = false, int Page = 0, int PageSize = 25)
{
    public const int MaxPageSize = 500;

    public int Offset => Math.Max(0, Page) * Take;
    public int Take => Math.Clamp(PageSize, 1, MaxPageSize);
    public string? Term => string.IsNullOrWhiteSpace(Search) ? null : Search.Trim();
}
