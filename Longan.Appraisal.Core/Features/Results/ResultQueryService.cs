using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Results;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Resources;
using Longan.Appraisal.Core.Scoring;
using Longan.Appraisal.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Results;

/// <summary>Reads a cycle's latest result version for the results pages: the county all, a township its own.</summary>
public sealed class ResultQueryService(IDbContextFactory<AppraisalDbContext> dbFactory)
{
    /// <summary>The latest version, or null when nothing has been computed yet.</summary>
    public async Task<ResultSet?> LatestAsync(Caller caller, int cycleId, int? assistantId = null, CancellationToken ct = default)
    {
        if (caller.Role is not (AppRole.County or AppRole.Township))
        {
            throw new AccessDeniedException(Messages.NoAccessToMasterData);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cycle = await db.Cycles.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cycleId, ct) ?? throw new NotFoundException(Messages.CycleNotFound);
        var version = await db.ResultVersions.AsNoTracking().Where(v => v.CycleId == cycleId).OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);
        if (version is null)
        {
            return null;
        }
        var results = db.StoredResults.AsNoTracking().Where(r => r.ResultVersionId == version.Id);
        if (caller.Role == AppRole.Township)
        {
            results = results.Where(r => r.TownshipId == caller.TownshipId);
        }
        if (assistantId is { } one)
        {
            results = results.Where(r => r.AssistantId == one);
        }
        var rows = await (from r in results
                          join a in db.Assistants on r.AssistantId equals a.Id
                          join v in db.Villages on r.VillageId equals v.Id
                          join t in db.Townships on r.TownshipId equals t.Id
                          select new { r, a.Code, a.Name, Village = v.Name, Township = t.Name, t.SortOrder }).ToListAsync(ct);
        if (assistantId is not null && rows.Count == 0 && caller.Role == AppRole.Township)
        {
            throw new AccessDeniedException(Messages.NoAccessToAssistant);
        }
        return new ResultSet(cycle.Id, cycle.Year, version.Number, version.ComputedAt, version.ComputedBy,
            rows.OrderBy(x => x.r.CountyRank is null).ThenBy(x => x.r.CountyRank).ThenBy(x => x.SortOrder).ThenBy(x => x.Code, StringComparer.Ordinal)
                .Select(x => ToRow(x.r, x.Code, x.Name, x.Township, x.SortOrder, x.Village)).ToList());
    }

    private static ResultRow ToRow(StoredResult r, string code, string name, string township, int order, string village) => new(
        r.AssistantId, code, name, r.TownshipId, township, order, village,
        r.VillagerVotes, r.VillagerScore, r.SatisfactionRate, r.DissatisfactionRate, r.PartyBallots, r.PartyScore, r.CadreBallots, r.CadreScore,
        r.Base, r.SupervisionAdjustment, r.AttendanceDeduction, r.Composite, (AppraisalGrade?)r.Grade, r.TiedBeyondQuota, r.CountyRank, r.TownshipRank,
        r.Outcomes.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(o => (Outcome)int.Parse(o, System.Globalization.CultureInfo.InvariantCulture)).ToList(),
        ExplanationCodec.Read(r.Reasons), ExplanationCodec.Read(r.Steps));
}
