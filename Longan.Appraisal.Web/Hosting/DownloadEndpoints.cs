using Longan.Appraisal.Core.Features.Audit;
using Longan.Appraisal.Core.Excel;
using Longan.Appraisal.Core.Features.Cards;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Downloads;
using Longan.Appraisal.Core.Features.Results;
using Longan.Appraisal.Core.Features.Workbooks;
using Longan.Appraisal.Core.Security;

using Longan.Appraisal.Web.Security;

namespace Longan.Appraisal.Web.Hosting;

/// <summary>
/// File downloads. Each endpoint calls the same service as the pages, so role and scope are checked
/// in one place: changing a number in the address gives a refusal, never someone else's file.
/// </summary>
public static class DownloadEndpoints
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string PdfType = "application/pdf";

    public static IEndpointRouteBuilder MapDownloadEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var templates = endpoints.MapGroup("/templates");
        templates.MapGet("/ballots", () => TypedResults.File(WorkbookTemplates.Ballots(), XlsxType, "评议数据.xlsx"))
            .RequireAuthorization(PortalPolicies.ImportWorkbooks);
        templates.MapGet("/roster", () => TypedResults.File(WorkbookTemplates.Roster(), XlsxType, "助理员名册.xlsx"))
            .RequireAuthorization(PortalPolicies.ManageMasterData);

        endpoints.MapGet("/cycles/{cycleId:int}/results.xlsx", (int cycleId, int? version, HttpContext context, ResultExportService exports, CancellationToken ct) =>
                ServeAsync(context, caller => XlsxAsync(file => exports.ExportAsync(caller, cycleId, file, version, ct), "考核结果.xlsx")))
            .RequireAuthorization(PortalPolicies.ReadResults);

        endpoints.MapGet("/cycles/{cycleId:int}/candidates.xlsx", (int cycleId, HttpContext context, CandidateExportService candidates, CancellationToken ct) =>
                ServeAsync(context, caller => XlsxAsync(file => candidates.ExportAsync(caller, cycleId, file, ct), "后备干部人选.xlsx")))
            .RequireAuthorization(PortalPolicies.ExportCandidates);

        endpoints.MapGet("/cycles/{cycleId:int}/evaluations.xlsx", (int cycleId, HttpContext context, CycleWorkbookService workbooks, CancellationToken ct) =>
            ServeAsync(context, caller => XlsxAsync(file => workbooks.EvaluationsAsync(caller, cycleId, file, ct), "评议原始数据.xlsx"))).RequireAuthorization(PortalPolicies.ExportCollectedData);
        endpoints.MapGet("/cycles/{cycleId:int}/supervision.xlsx", (int cycleId, HttpContext context, CycleWorkbookService workbooks, CancellationToken ct) =>
            ServeAsync(context, caller => XlsxAsync(file => workbooks.SupervisionAsync(caller, cycleId, file, ct), "五老监督记录.xlsx"))).RequireAuthorization(PortalPolicies.ExportCollectedData);
        endpoints.MapGet("/cycles/{cycleId:int}/attendance.xlsx", (int cycleId, HttpContext context, CycleWorkbookService workbooks, CancellationToken ct) =>
            ServeAsync(context, caller => XlsxAsync(file => workbooks.AttendanceAsync(caller, cycleId, file, ct), "驻村考勤.xlsx"))).RequireAuthorization(PortalPolicies.ExportCollectedData);

        endpoints.MapGet("/cycles/{cycleId:int}/cards/{assistantId:int}.pdf", (int cycleId, int assistantId, HttpContext context, ReportCardService cards, CancellationToken ct) =>
                ServeAsync(context, async caller =>
                {
                    var (pdf, name) = await cards.RenderFileAsync(caller, cycleId, assistantId, ct);
                    return Results.File(pdf, PdfType, name);
                }))
            .RequireAuthorization(PortalPolicies.ReadCards);
        // A file prepared for the signed-in user (a batch of cards for an hour, slips for ten minutes),
        // from the database: whichever node made it, any node serves it.
        endpoints.MapGet("/downloads/{token}", async (string token, HttpContext context, PreparedFileService prepared, CancellationToken ct) =>
        {
            var caller = CallerClaims.FromPrincipal(context.User);
            if (caller is null || await prepared.FindAsync(token, caller.UserId, ct) is not { } file)
            {
                return Text("这个下载已过期（卡片批次保留一小时，测评码纸条十分钟）或不属于您，请重新生成。", StatusCodes.Status404NotFound);
            }
            return file.Sealed
                ? Results.File(await prepared.ReadSealedAsync(file, ct), file.ContentType, file.FileName, enableRangeProcessing: true)
                : Results.File(prepared.OpenRead(file), file.ContentType, file.FileName, enableRangeProcessing: true);
        }).RequireAuthorization();
        return endpoints;
    }

    /// <summary>Runs a download for the signed-in caller; a service's refusal becomes a status with its Chinese message.</summary>
    private static async Task<IResult> ServeAsync(HttpContext context, Func<Caller, Task<IResult>> serve)
    {
        if (CallerClaims.FromPrincipal(context.User) is not { } caller)
        {
            return Results.Forbid();
        }
        try
        {
            return await serve(caller);
        }
        catch (AccessDeniedException ex)
        {
            await context.RequestServices.GetRequiredService<AuditService>().RecordRefusalAsync(caller, context.Request.Path + context.Request.QueryString, ex.Message);
            return Text(ex.Message, StatusCodes.Status403Forbidden);
        }
        catch (NotFoundException ex)
        {
            return Text(ex.Message, StatusCodes.Status404NotFound);
        }
        catch (RuleViolationException ex)
        {
            return Text(ex.Message, StatusCodes.Status409Conflict);
        }
    }

    /// <summary>
    /// A workbook streamed into a temporary file that goes when the response has been sent: the
    /// server holds neither the sheet nor the file in memory, and a refusal (thrown before the first
    /// byte) still becomes a plain status. Not straight into the response: the zip writer writes
    /// synchronously, which Kestrel refuses on a response body.
    /// </summary>
    private static async Task<IResult> XlsxAsync(Func<Stream, Task> write, string fileName)
    {
        var file = new FileStream(Path.Combine(Path.GetTempPath(), $"longan-{Guid.NewGuid():N}.xlsx"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await write(file);
            file.Position = 0;
            return Results.File(file, XlsxType, fileName);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    private static IResult Text(string message, int status) => Results.Text(message, "text/plain; charset=utf-8", statusCode: status);
}
