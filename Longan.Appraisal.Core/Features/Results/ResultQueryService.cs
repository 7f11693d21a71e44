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
public sealed partial class ResultQueryService(IDbContextFactory<AppraisalDbContext> dbFactory)
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
        if (await ResolveAsync(db, cycleId, versionNumber, asPublished, ct) is not { } resolved)
        {
            return null;
        }
        var (cycle, versions, version, decisions) = resolved;
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
    /// The rows of a version for a workbook (the latest unless named): the same version, scope and
    /// decisions as <see cref="ReadAsync(Caller, int, int?, int?, CancellationToken)"/>, without the
    /// county context a page reads them against — an export needs only its columns. Null when nothing
    /// has been computed yet.
    /// </summary>
    public async Task<(int Year, IReadOnlyList<ResultRow> Rows)?> ReadRowsAsync(Caller caller, int cycleId, int? versionNumber = null, CancellationToken ct = default)
    {
        var township = ResultPolicy.ReadableTownship(caller);
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        if (await ResolveAsync(db, cycleId, versionNumber, asPublished: false, ct) is not { } resolved)
        {
            return null;
        }
        var (cycle, _, version, decisions) = resolved;
        return (cycle.Year, await RowsAsync(db, version.Id, township, null, decisions, ct));
    }

    /// <summary>A cycle, its versions, the version asked for (the latest when none is named) and the decisions it shows; null before any compute.</summary>
    private static async Task<(AppraisalCycle Cycle, List<ResultVersion> Versions, ResultVersion Version, Dictionary<int, OutcomeDecision> Decisions)?> ResolveAsync(
        AppraisalDbContext db, int cycleId, int? versionNumber, bool asPublished, CancellationToken ct)
    {
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
        return (cycle, versions, version, await OutcomeOverrideService.InForceAsync(db, cycleId, cutoff, ct));
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
        var results = Visible(db, versionId, townshipId);
        if (assistantId is { } one)
        {
            results = results.Where(r => r.AssistantId == one);
        }
        // The computation steps are long; only a single assistant's page shows them, so tables leave them unread.
        var rows = await Named(db, results, withSteps: assistantId is not null).ToListAsync(ct);
        return rows.OrderBy(x => x.CountyRank is null).ThenBy(x => x.CountyRank).ThenBy(x => x.TownshipOrder).ThenBy(x => x.Code, StringComparer.Ordinal)
            .Select(x => x.ToRow(decisions))
            .ToList();
    }

    /// <summary>
    /// The stored results of a version a caller may read: a township's own (spec §1), or the
    /// county's. Every read of rows — whole sets, pages, counts, chart figures — starts here.
    /// </summary>
    private static IQueryable<StoredResult> Visible(AppraisalDbContext db, int versionId, int? townshipId)
    {
        var results = db.StoredResults.AsNoTracking().Where(r => r.ResultVersionId == versionId);
        return townshipId is { } township ? results.Where(r => r.TownshipId == township) : results;
    }

    /// <summary>Stored results with the names a table shows; stays a query so a page can filter, sort and cut it in the database.</summary>
    private static IQueryable<RowData> Named(AppraisalDbContext db, IQueryable<StoredResult> results, bool withSteps) =>
        from r in results
        join a in db.Assistants on r.AssistantId equals a.Id
        join v in db.Villages on r.VillageId equals v.Id
        join t in db.Townships on r.TownshipId equals t.Id
        select new RowData
        {
            AssistantId = r.AssistantId, Code = a.Code, Name = a.Name, TownshipId = r.TownshipId, Township = t.Name, TownshipOrder = t.SortOrder, Village = v.Name,
            VillagerVotes = r.VillagerVotes, Villagers = r.VillagerScore, SatisfactionRate = r.SatisfactionRate, DissatisfactionRate = r.DissatisfactionRate,
            PartyBallots = r.PartyBallots, Party = r.PartyScore, CadreBallots = r.CadreBallots, Cadres = r.CadreScore,
            Base = r.Base, Supervision = r.SupervisionAdjustment, Attendance = r.AttendanceDeduction, Composite = r.Composite, Grade = r.Grade,
            TiedBeyondQuota = r.TiedBeyondQuota, CountyRank = r.CountyRank, TownshipRank = r.TownshipRank,
            Outcomes = r.Outcomes, Reasons = r.Reasons, Steps = withSteps ? r.Steps : "[]",
        };

    /// <summary>One row as the database gives it, before outcomes and explanations are decoded.</summary>
    private sealed class RowData
    {
        public int AssistantId { get; init; }
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public int TownshipId { get; init; }
        public string Township { get; init; } = "";
        public int TownshipOrder { get; init; }
        public string Village { get; init; } = "";
        public int VillagerVotes { get; init; }
        public decimal? Villagers { get; init; }
        public decimal? SatisfactionRate { get; init; }
        public decimal? DissatisfactionRate { get; init; }
        public int PartyBallots { get; init; }
        public decimal? Party { get; init; }
        public int CadreBallots { get; init; }
        public decimal? Cadres { get; init; }
        public decimal? Base { get; init; }
        public decimal Supervision { get; init; }
        public decimal Attendance { get; init; }
        public decimal? Composite { get; init; }
        public int? Grade { get; init; }
        public bool TiedBeyondQuota { get; init; }
        public int? CountyRank { get; init; }
        public int? TownshipRank { get; init; }
        public string Outcomes { get; init; } = "";
        public string Reasons { get; init; } = "[]";
        public string Steps { get; init; } = "[]";

        public ResultRow ToRow(Dictionary<int, OutcomeDecision> decisions) => new(
            AssistantId, Code, Name, TownshipId, Township, TownshipOrder, Village,
            VillagerVotes, Villagers, SatisfactionRate, DissatisfactionRate, PartyBallots, Party, CadreBallots, Cadres,
            Base, Supervision, Attendance, Composite, (AppraisalGrade?)Grade, TiedBeyondQuota, CountyRank, TownshipRank,
            OutcomeOverrideService.ParseOutcomes(Outcomes), decisions.GetValueOrDefault(AssistantId),
            ExplanationCodec.Read(Reasons), ExplanationCodec.Read(Steps));
    }
}
