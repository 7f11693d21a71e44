using Longan.Appraisal.Core.Excel;
using Longan.Appraisal.Core.Features.Results;
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
        endpoints.MapGet("/cycles/{cycleId:int}/results.xlsx", async (int cycleId, int? version, HttpContext context, ResultExportService exports, CancellationToken ct) =>
        {
            // The same service and scope checks as the pages: a township gets its own rows, nobody else gets any.
            var caller = CallerClaims.FromPrincipal(context.User) ?? throw new AccessDeniedException("");
            try
            {
                return Results.File(await exports.ExportAsync(caller, cycleId, version, ct), XlsxType, "考核结果.xlsx");
            }
            catch (Exception ex) when (ex is Core.Features.Common.RuleViolationException or Core.Features.Common.NotFoundException)
            {
                return Results.Text(ex.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status409Conflict);
            }
        }).RequireAuthorization(new AuthorizeAttribute { Roles = $"{nameof(AppRole.County)},{nameof(AppRole.Township)}" });
        return endpoints;
    }
}
