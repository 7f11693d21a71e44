using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Resources;
using Longan.Appraisal.Core.Scoring;
using Longan.Appraisal.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Results;

/// <summary>考核结果.xlsx of a cycle's latest result version: the county all assistants, a township its own.</summary>
public sealed class ResultExportService(IDbContextFactory<AppraisalDbContext> dbFactory)
{
    public async Task<byte[]> ExportAsync(Caller caller, int cycleId, CancellationToken ct = default)
    {
        // The workbook is an exchange contract: its words are Chinese whatever the user's UI language.
        var uiCulture = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("zh-CN");
        try
        {
            return await BuildAsync(caller, cycleId, ct);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = uiCulture;
        }
    }

    private async Task<byte[]> BuildAsync(Caller caller, int cycleId, CancellationToken ct)
    {
        if (caller.Role is not (AppRole.County or AppRole.Township))
        {
            throw new AccessDeniedException(Messages.NoAccessToMasterData);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cycle = await db.Cycles.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cycleId, ct) ?? throw new NotFoundException(Messages.CycleNotFound);
        var version = await db.ResultVersions.AsNoTracking().Where(v => v.CycleId == cycleId).OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct)
            ?? throw new RuleViolationException(Messages.NoResultsYet(cycle.Year));
        var results = db.StoredResults.AsNoTracking().Where(r => r.ResultVersionId == version.Id);
        if (caller.Role == AppRole.Township)
        {
            results = results.Where(r => r.TownshipId == caller.TownshipId);
        }
        var rows = await (from r in results
                          join a in db.Assistants on r.AssistantId equals a.Id
                          join v in db.Villages on r.VillageId equals v.Id
                          join t in db.Townships on r.TownshipId equals t.Id
                          select new { r, a.Code, a.Name, Village = v.Name, Township = t.Name, t.SortOrder }).ToListAsync(ct);
        var ordered = rows
            .OrderBy(x => x.r.CountyRank is null).ThenBy(x => x.r.CountyRank).ThenBy(x => x.SortOrder).ThenBy(x => x.Code, StringComparer.Ordinal)
            .Select(x => new ResultsRow(
                x.r.CountyRank, x.Code, x.Name, x.Township, x.Village,
                x.r.VillagerScore, x.r.SatisfactionRate, x.r.DissatisfactionRate, x.r.PartyScore, x.r.CadreScore,
                x.r.SupervisionAdjustment, x.r.AttendanceDeduction, x.r.Composite,
                x.r.Grade is { } g ? Messages.Get("Grade." + (AppraisalGrade)g) : Messages.Get("Grade.Insufficient"),
                x.r.TownshipRank,
                string.Join("；", x.r.Outcomes.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(o => Messages.Get("Outcome." + (Outcome)int.Parse(o, System.Globalization.CultureInfo.InvariantCulture)))),
                string.Join("；", ExplanationCodec.Read(x.r.Reasons).Select(e => e.Render()))))
            .ToList();
        return ResultsWorkbook.Write(cycle.Year, ordered);
    }
}
