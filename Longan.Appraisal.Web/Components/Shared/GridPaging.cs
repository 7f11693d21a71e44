using Longan.Appraisal.Core.Features.Common;
using MudBlazor;

namespace Longan.Appraisal.Web.Components.Shared;

/// <summary>Turns a MudDataGrid's state into the services' page request, and their answer back.</summary>
public static class GridPaging
{
    public static PageRequest ToPageRequest<T>(this GridState<T> state, string? search)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        return new PageRequest(search, sort?.SortBy, sort?.Descending ?? false, state.Page, state.PageSize);
    }

    public static GridData<T> ToGridData<T>(this PagedResult<T>? page) =>
        new() { Items = page?.Items ?? [], TotalItems = page?.TotalCount ?? 0 };
}
