using Longan.Appraisal.Core.Excel;
using Longan.Appraisal.Core.Security;
using Microsoft.AspNetCore.Authorization;

namespace Longan.Appraisal.Web.Hosting;

/// <summary>File downloads. Each endpoint checks the role like the pages do.</summary>
public static class DownloadEndpoints
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IEndpointRouteBuilder MapDownloadEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var templates = endpoints.MapGroup("/templates");
        templates.MapGet("/ballots", () => TypedResults.File(WorkbookTemplates.Ballots(), XlsxType, "评议数据.xlsx"))
            .RequireAuthorization(new AuthorizeAttribute { Roles = $"{nameof(AppRole.County)},{nameof(AppRole.Township)}" });
        templates.MapGet("/roster", () => TypedResults.File(WorkbookTemplates.Roster(), XlsxType, "助理员名册.xlsx"))
            .RequireAuthorization(new AuthorizeAttribute { Roles = nameof(AppRole.County) });
        return endpoints;
    }
}
