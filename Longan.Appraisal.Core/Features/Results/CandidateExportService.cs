using System.Globalization;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Excel;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Resources;
using Longan.Appraisal.Core.Scoring;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Core.Security.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Longan.Appraisal.Core.Features.Results;

/// <summary>
/// 后备干部人选.xlsx (spec workbooks.md) for 组织部: everyone whose effective outcome includes the
/// reserve-cadre recommendation, by 全县排名, with their grades of the two years before and the
/// department's decision as 组织部意见.
/// </summary>
public sealed class CandidateExportService(ResultQueryService results, IDbContextFactory<AppraisalDbContext> dbFactory, TimeProvider clock, ILogger<CandidateExportService> logger)
{
    /// <summary>Streams the workbook to <paramref name="destination"/>; returns the rows written. Every refusal comes before the first byte.</summary>
    public async Task<int> ExportAsync(Caller caller, int cycleId, Stream destination, CancellationToken ct = default)
    {
        var counting = new CountingStream(destination);
        return await OperationLog.TimedAsync(logger, ExportLog.Candidates, () => WriteAsync(caller, cycleId, counting, ct),
            (rows, ms) => ExportLog.Exported(logger, ExportLog.Candidates, cycleId, rows, counting.Written, ms));
    }

    private async Task<int> WriteAsync(Caller caller, int cycleId, Stream destination, CancellationToken ct)
    {
        ResultPolicy.Ensure(caller, ResultOperation.ExportCandidates);
        // An exchange document: Chinese words whatever the user's UI language.
        var uiCulture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
            var set = await results.ReadRowsAsync(caller, cycleId, ct: ct);
            if (set is not { } found)
            {
                var year = await db.Cycles.Where(c => c.Id == cycleId).Select(c => c.Year).FirstAsync(ct);
                throw new RuleViolationException(Messages.NoResultsYet(year));
            }
            var candidates = found.Rows.Where(r => r.Outcomes.Contains(Outcome.ReserveCadre)).OrderBy(r => r.CountyRank ?? int.MaxValue).ToList();
            var ids = candidates.Select(r => r.AssistantId).ToList();
            var people = await db.Assistants.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
            var earlier = await EarlierGradesAsync(db, ids, found.Year, ct);
            var today = CountyCalendar.Today(clock);
            return CandidatesWorkbook.Write(found.Year, candidates.Select(r =>
            {
                var a = people[r.AssistantId];
                return new CandidateRow(
                    a.Name, a.Gender is { } gender ? ContractNames.Of(gender) : null, a.Ethnicity, a.BirthDate, Age(a.BirthDate, today),
                    a.PoliticalStatus, a.Education, a.SendingUnitAndPost, r.Township, r.Village, found.Year, r.Composite, Names.Grade(r.Grade), r.CountyRank,
                    earlier.TryGetValue(r.AssistantId, out var grades) ? string.Join("；", grades) : "无",
                    Reason(found.Year, r), r.Decision?.Reason ?? "");
            }), destination);
        }
        finally
        {
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }

    /// <summary>Why the list holds this person: the computed recommendation, or the department's decision.</summary>
    private static string Reason(int year, ResultRow r) => r.ComputedOutcomes.Contains(Outcome.ReserveCadre)
        ? string.Create(CultureInfo.InvariantCulture, $"{year}年度考核“{Names.Grade(r.Grade)}”，综合得分 {ScoringEngine.Round(r.Composite ?? 0):0.00}，全县第 {r.CountyRank} 名，无属实的一般或严重问题。")
        : "组织部决定推荐列入。";

    /// <summary>The grades of the two cycles before, from the version each published last.</summary>
    private static async Task<Dictionary<int, List<string>>> EarlierGradesAsync(AppraisalDbContext db, List<int> ids, int year, CancellationToken ct)
    {
        var versions = (await db.ResultVersions.AsNoTracking()
                .Where(v => v.PublishedAt != null)
                .Join(db.Cycles.Where(c => c.Year >= year - 2 && c.Year < year), v => v.CycleId, c => c.Id, (v, c) => new { v.Id, v.CycleId, v.Number, c.Year })
                .ToListAsync(ct))
            .GroupBy(v => v.CycleId).Select(g => g.MaxBy(v => v.Number)!).ToDictionary(v => v.Id, v => v.Year);
        var versionIds = versions.Keys.ToList();
        var rows = await db.StoredResults.AsNoTracking().Where(r => versionIds.Contains(r.ResultVersionId) && ids.Contains(r.AssistantId))
            .Select(r => new { r.AssistantId, r.ResultVersionId, r.Grade }).ToListAsync(ct);
        return rows.GroupBy(r => r.AssistantId).ToDictionary(
            g => g.Key,
            g => g.OrderByDescending(r => versions[r.ResultVersionId]).Select(r => $"{versions[r.ResultVersionId]}年 {Names.Grade((AppraisalGrade?)r.Grade)}").ToList());
    }

    private static int? Age(DateOnly? born, DateOnly today) =>
        born is { } b ? today.Year - b.Year - (today < b.AddYears(today.Year - b.Year) ? 1 : 0) : null;
}
