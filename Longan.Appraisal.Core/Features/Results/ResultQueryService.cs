using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Results;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Resources;
using Longan.Appraisal.Core.Scoring;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Core.Security.Policies;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Results;

/// <summary>
/// Reads stored results: a cycle's versions for the county (all rows) and a township (its own rows),
/// and an assistant's own results once a cycle is published (spec §2, §9).
/// </summary>
public sealed class ResultQueryService(IDbContextFactory<AppraisalDbContext> dbFactory)
{
    /// <summary>The requested version (the latest when none is named), or null when nothing has been computed yet.</summary>
    public Task<ResultSet?> ReadAsync(Caller caller, int cycleId, int? assistantId = null, int? versionNumber = null, CancellationToken ct = default) =>
        ReadAsync(caller, cycleId, assistantId, versionNumber, asPublished: false, ct);

    /// <summary>
    /// The latest version's rows of one township only (its context still the county's): what a
    /// township's batch of report cards needs, without reading and decoding the rest of the county.
    /// A township caller reads its own township whatever is asked.
    /// </summary>
    public Task<ResultSet?> ReadTownshipAsync(Caller caller, int cycleId, int townshipId, CancellationToken ct = default) =>
        ReadAsync(caller, cycleId, null, null, asPublished: false, ct, townshipId);

    /// <summary>
    /// A published version exactly as it was published — with the decisions made up to its
    /// publication, even while the cycle is reopened and new decisions are being prepared.
    /// </summary>
    public Task<ResultSet?> ReadAsPublishedAsync(Caller caller, int cycleId, int versionNumber, int? assistantId = null, CancellationToken ct = default) =>
        ReadAsync(caller, cycleId, assistantId, versionNumber, asPublished: true, ct);

    private async Task<ResultSet?> ReadAsync(Caller caller, int cycleId, int? assistantId, int? versionNumber, bool asPublished, CancellationToken ct, int? townshipId = null)
    {
        var township = ResultPolicy.ReadableTownship(caller) ?? townshipId;
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        var cycle = await db.Cycles.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cycleId, ct) ?? throw new NotFoundException(Messages.CycleNotFound);
        var versions = await db.ResultVersions.AsNoTracking().Where(v => v.CycleId == cycleId).OrderBy(v => v.Number).ToListAsync(ct);
        if (versions.Count == 0)
        {
            return null;
        }
        var version = versionNumber is { } n
            ? versions.FirstOrDefault(v => v.Number == n) ?? throw new NotFoundException(Messages.ResultVersionNotFound(n))
            : versions[^1];
        var cutoff = asPublished && version.PublishedAt is { } published ? published : DecisionsUpTo(cycle, versions, version);
        var decisions = await OutcomeOverrideService.InForceAsync(db, cycleId, cutoff, ct);
        var rows = await RowsAsync(db, version.Id, township, assistantId, decisions, ct);
        if (assistantId is not null && rows.Count == 0 && township is not null)
        {
            throw new AccessDeniedException(Messages.NoAccessToAssistant);
        }
        var canDecide = ResultPolicy.Can(caller, ResultOperation.Decide) && version.Id == versions[^1].Id && cycle.State is CycleState.Collecting or CycleState.Review;
        return new ResultSet(cycle.Id, cycle.Year, version.Number, version.ComputedAt, version.ComputedBy, version.PublishedAt,
            versions.Select(v => new ResultVersionInfo(v.Number, v.ComputedAt, v.ComputedBy, v.PublishedAt, v.Fingerprint)).Reverse().ToList(), rows,
            await ResultContext.LoadAsync(db, cycle.Rules, version.Id, ct), canDecide);
    }

    /// <summary>
    /// When each cycle was first published (appeal windows and follow-up due dates count from it; a
    /// republication does not move them); cycles never published are absent.
    /// </summary>
    public static async Task<Dictionary<int, DateTimeOffset>> FirstPublicationsAsync(AppraisalDbContext db, IReadOnlyCollection<int>? cycleIds, CancellationToken ct) =>
        (await db.ResultVersions.AsNoTracking()
            .Where(v => v.PublishedAt != null && (cycleIds == null || cycleIds.Contains(v.CycleId)))
            .Select(v => new { v.CycleId, v.PublishedAt }).ToListAsync(ct))
        .GroupBy(v => v.CycleId).ToDictionary(g => g.Key, g => g.Min(v => v.PublishedAt!.Value));

    /// <summary>
    /// Which decisions a version shows: the current ones for the version being worked on (the latest,
    /// while the cycle is not published); for a published version those made up to its publication;
    /// for an older one those made before the next version was computed.
    /// </summary>
    private static DateTimeOffset? DecisionsUpTo(AppraisalCycle cycle, List<ResultVersion> versions, ResultVersion version)
    {
        var next = versions.FirstOrDefault(v => v.Number > version.Number);
        if (next is null && cycle.State != CycleState.Published)
        {
            return null;
        }
        return version.PublishedAt ?? next?.ComputedAt;
    }

    /// <summary>The calling assistant's results in published cycles, newest first: the version that was published, nothing before.</summary>
    public async Task<IReadOnlyList<PublishedResult>> PublishedForSelfAsync(Caller caller, CancellationToken ct = default)
    {
        ResultPolicy.Ensure(caller, ResultOperation.ReadOwn);
        var self = caller.AssistantId!.Value;
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        var published = await (from c in db.Cycles.AsNoTracking()
                               where c.State == CycleState.Published
                               let v = db.ResultVersions.Where(v => v.CycleId == c.Id && v.PublishedAt != null).OrderByDescending(v => v.Number).FirstOrDefault()
                               where v != null
                               select new { c.Id, c.Year, c.Rules, VersionId = v.Id, v.Number, v.PublishedAt }).ToListAsync(ct);
        var results = new List<PublishedResult>();
        foreach (var p in published.OrderByDescending(p => p.Year))
        {
            var decisions = await OutcomeOverrideService.InForceAsync(db, p.Id, p.PublishedAt, ct);
            var rows = await RowsAsync(db, p.VersionId, null, self, decisions, ct);
            var context = await ResultContext.LoadAsync(db, p.Rules, p.VersionId, ct);
            results.AddRange(rows.Select(r => new PublishedResult(p.Id, p.Year, p.Number, p.PublishedAt!.Value, Anonymised(r), context)));
        }
        return results;
    }

    /// <summary>
    /// The years the calling assistant had a published result in that 组织部 has since reopened for
    /// correction (spec §2): nothing of them is shown until they are published again, but the
    /// assistant is told why the year is missing.
    /// </summary>
    public async Task<IReadOnlyList<int>> ReopenedForSelfAsync(Caller caller, CancellationToken ct = default)
    {
        ResultPolicy.Ensure(caller, ResultOperation.ReadOwn);
        var self = caller.AssistantId!.Value;
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        return await (from c in db.Cycles.AsNoTracking()
                      where c.State != CycleState.Published
                      where db.ResultVersions.Any(v => v.CycleId == c.Id && v.PublishedAt != null
                          && db.StoredResults.Any(r => r.ResultVersionId == v.Id && r.AssistantId == self))
                      orderby c.Year descending
                      select c.Year).ToListAsync(ct);
    }

    /// <summary>
    /// Spec §9 for the assistant's own eyes: an anonymous group under five valid ballots shows no
    /// score or rates, and then no computation steps either (they would repeat them).
    /// </summary>
    private static ResultRow Anonymised(ResultRow row)
    {
        var villagersHidden = row.VillagerVotes < Anonymity.MinBallots;
        var cadresHidden = row.CadreBallots < Anonymity.MinBallots;
        if (!villagersHidden && !cadresHidden)
        {
            return row;
        }
        return row with
        {
            Villagers = villagersHidden ? null : row.Villagers,
            SatisfactionRate = villagersHidden ? null : row.SatisfactionRate,
            DissatisfactionRate = villagersHidden ? null : row.DissatisfactionRate,
            Cadres = cadresHidden ? null : row.Cadres,
            Steps = [],
        };
    }

    private static async Task<List<ResultRow>> RowsAsync(
        AppraisalDbContext db, int versionId, int? townshipId, int? assistantId, Dictionary<int, OutcomeDecision> decisions, CancellationToken ct)
    {
        var results = db.StoredResults.AsNoTracking().Where(r => r.ResultVersionId == versionId);
        if (townshipId is { } township)
        {
            results = results.Where(r => r.TownshipId == township);
        }
        if (assistantId is { } one)
        {
            results = results.Where(r => r.AssistantId == one);
        }
        // The computation steps are long; only a single assistant's page shows them, so tables leave them unread.
        var withSteps = assistantId is not null;
        var rows = await (from r in results
                          join a in db.Assistants on r.AssistantId equals a.Id
                          join v in db.Villages on r.VillageId equals v.Id
                          join t in db.Townships on r.TownshipId equals t.Id
                          select new
                          {
                              r.AssistantId, a.Code, a.Name, r.TownshipId, Township = t.Name, t.SortOrder, Village = v.Name,
                              r.VillagerVotes, r.VillagerScore, r.SatisfactionRate, r.DissatisfactionRate, r.PartyBallots, r.PartyScore, r.CadreBallots, r.CadreScore,
                              r.Base, r.SupervisionAdjustment, r.AttendanceDeduction, r.Composite, r.Grade, r.TiedBeyondQuota, r.CountyRank, r.TownshipRank,
                              r.Outcomes, r.Reasons, Steps = withSteps ? r.Steps : "[]",
                          }).ToListAsync(ct);
        return rows.OrderBy(x => x.CountyRank is null).ThenBy(x => x.CountyRank).ThenBy(x => x.SortOrder).ThenBy(x => x.Code, StringComparer.Ordinal)
            .Select(x => new ResultRow(
                x.AssistantId, x.Code, x.Name, x.TownshipId, x.Township, x.SortOrder, x.Village,
                x.VillagerVotes, x.VillagerScore, x.SatisfactionRate, x.DissatisfactionRate, x.PartyBallots, x.PartyScore, x.CadreBallots, x.CadreScore,
                x.Base, x.SupervisionAdjustment, x.AttendanceDeduction, x.Composite, (AppraisalGrade?)x.Grade, x.TiedBeyondQuota, x.CountyRank, x.TownshipRank,
                OutcomeOverrideService.ParseOutcomes(x.Outcomes), decisions.GetValueOrDefault(x.AssistantId),
                ExplanationCodec.Read(x.Reasons), ExplanationCodec.Read(x.Steps)))
            .ToList();
    }

}
