using System.Globalization;
using Longan.Appraisal.Core.Excel;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Resources;
using Longan.Appraisal.Core.Scoring;
using Longan.Appraisal.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Longan.Appraisal.Core.Features.Results;

/// <summary>考核结果.xlsx of a cycle's result version (the latest unless named): the county all assistants, a township its own.</summary>
public sealed class ResultExportService(ResultQueryService results, IDbContextFactory<AppraisalDbContext> dbFactory, ILogger<ResultExportService> logger)
{
    /// <summary>
    /// Streams the workbook to <paramref name="destination"/> (which need not seek); returns the rows
    /// written. Every refusal comes before the first byte is written.
    /// </summary>
    public async Task<int> ExportAsync(Caller caller, int cycleId, Stream destination, int? versionNumber = null, CancellationToken ct = default)
    {
        var counting = new CountingStream(destination);
        return await OperationLog.TimedAsync(logger, ExportLog.Results, () => WriteAsync(caller, cycleId, counting, versionNumber, ct),
            (rows, ms) => ExportLog.Exported(logger, ExportLog.Results, cycleId, rows, counting.Written, ms));
    }

    private async Task<int> WriteAsync(Caller caller, int cycleId, Stream destination, int? versionNumber, CancellationToken ct)
    {
        // The workbook is an exchange contract: its words are Chinese whatever the user's UI language.
        var uiCulture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        try
        {
            var set = await results.ReadRowsAsync(caller, cycleId, versionNumber, ct);
            if (set is not { } found)
            {
                await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
                var year = await db.Cycles.Where(c => c.Id == cycleId).Select(c => c.Year).FirstAsync(ct);
                throw new RuleViolationException(Messages.NoResultsYet(year));
            }
            return ResultsWorkbook.Write(found.Year, found.Rows.Select(r => new ResultsRow(
                r.CountyRank, r.Code, r.Name, r.Township, r.Village, r.Villagers, r.SatisfactionRate, r.DissatisfactionRate, r.Party, r.Cadres,
                r.Supervision, r.Attendance, r.Composite,
                Names.Grade(r.Grade),
                r.TownshipRank,
                Names.Outcomes(r.Outcomes),
                Notes(r))), destination);
        }
        finally
        {
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }

    /// <summary>说明: every cap and quota reason, then 组织部's decision with the computed recommendation it replaced.</summary>
    private static string Notes(ResultRow r)
    {
        var notes = r.Reasons.Select(e => e.Render()).ToList();
        if (r.Decision is { } decision)
        {
            var computed = r.ComputedOutcomes.Count == 0 ? Messages.OutcomeNone : Names.Outcomes(r.ComputedOutcomes);
            notes.Add(Messages.OverrideNote(computed, decision.Reason));
        }
        return string.Join("；", notes);
    }
}
