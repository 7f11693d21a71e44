using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Domain.Results;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Entries;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Resources;
using Longan.Appraisal.Core.Scoring;
using Longan.Appraisal.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Results;

/// <summary>
/// Computes and stores a cycle's results (spec §2, §4–8): loads the rules and every input, runs the
/// pure <see cref="ScoringEngine"/>, and keeps the outcome as a numbered version with the inputs'
/// fingerprint — a recompute on unchanged data returns the same version instead of a new one.
/// </summary>
public sealed class ResultService(IDbContextFactory<AppraisalDbContext> dbFactory, TimeProvider clock)
{
    public async Task<ComputeSummary> ComputeAsync(Caller caller, int cycleId, CancellationToken ct = default)
    {
        AccessPolicy.EnsureCanManageMasterData(caller);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cycle = await db.Cycles.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cycleId, ct) ?? throw new NotFoundException(Messages.CycleNotFound);
        if (cycle.State == CycleState.Draft)
        {
            throw new RuleViolationException(Messages.ComputeInDraft(cycle.Year));
        }
        if (cycle.State == CycleState.Published)
        {
            throw new RuleViolationException(Messages.ResultsFrozen(cycle.Year));
        }
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var (inputs, villages) = await LoadInputsAsync(db, cycle, ct);
        var fingerprint = Fingerprint(cycle.Rules, inputs);
        var load = watch.Elapsed;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var latest = await db.ResultVersions.AsNoTracking().Where(v => v.CycleId == cycleId).OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);
        if (latest is not null && latest.Fingerprint == fingerprint)
        {
            var count = await db.StoredResults.CountAsync(r => r.ResultVersionId == latest.Id, ct);
            var complete = await db.StoredResults.CountAsync(r => r.ResultVersionId == latest.Id && !r.Incomplete, ct);
            return new ComputeSummary(latest.Id, latest.Number, fingerprint, count, complete, Unchanged: true, load);
        }

        watch.Restart();
        var results = ScoringEngine.Score(new ScoringInput(cycle.Rules, inputs));
        var scoring = watch.Elapsed;
        watch.Restart();
        var version = new ResultVersion
        {
            CycleId = cycleId, Number = (latest?.Number ?? 0) + 1, Fingerprint = fingerprint, ComputedAt = clock.GetUtcNow(), ComputedBy = caller.UserName,
        };
        db.ResultVersions.Add(version);
        await db.SaveChangesAsync(ct);
        await BulkResultWriter.WriteAsync(db, results.Select(r => Store(r, version.Id, villages[r.AssistantId])), ct);
        await tx.CommitAsync(ct);
        return new ComputeSummary(version.Id, version.Number, fingerprint, results.Count, results.Count(r => !r.Incomplete), Unchanged: false, load, scoring, watch.Elapsed);
    }

    /// <summary>The engine's inputs for every assistant of the cycle: only 属实 records, attendance by month.</summary>
    internal static async Task<(List<AssistantInputs> Inputs, Dictionary<int, int> Villages)> LoadInputsAsync(AppraisalDbContext db, AppraisalCycle cycle, CancellationToken ct)
    {
        var roster = await CycleRoster.ForYearAsync(db, cycle.Year, ct);
        var id = cycle.Id;
        var tallies = (await db.VillagerTallies.AsNoTracking().Where(t => t.CycleId == id)
                .GroupBy(t => t.AssistantId)
                .Select(g => new { g.Key, S = g.Sum(t => t.Satisfied), B = g.Sum(t => t.BasicallySatisfied), D = g.Sum(t => t.Dissatisfied), I = g.Sum(t => t.Invalid) })
                .ToListAsync(ct))
            .ToDictionary(x => x.Key);
        var party = (await db.PartyBallots.AsNoTracking().Where(b => b.CycleId == id)
                .Select(b => new { b.AssistantId, Total = b.PolicyAdvocate + b.PublicOpinion + b.CivilAgent + b.DisputeMediator + b.PartyBuildingGuide })
                .ToListAsync(ct))
            .ToLookup(x => x.AssistantId, x => x.Total);
        var cadres = (await db.CadreBallots.AsNoTracking().Where(b => b.CycleId == id).Select(b => new { b.AssistantId, b.Grade }).ToListAsync(ct))
            .ToLookup(x => x.AssistantId, x => x.Grade);
        var records = (await db.SupervisionRecords.AsNoTracking().Where(r => r.CycleId == id && r.Verification == Verification.Confirmed)
                .Select(r => new { r.AssistantId, r.Nature, r.Severity }).ToListAsync(ct))
            .ToLookup(x => x.AssistantId, x => new VerifiedRecord(x.Nature, x.Severity));
        var months = (await db.AttendanceMonths.AsNoTracking().Where(m => m.CycleId == id).Select(m => new { m.AssistantId, m.Month, m.Days }).ToListAsync(ct))
            .ToLookup(x => x.AssistantId, x => new MonthDays(x.Month.Month, x.Days));

        var inputs = roster.Select(r =>
        {
            var t = tallies.GetValueOrDefault(r.AssistantId);
            return new AssistantInputs(r.AssistantId, r.TownshipId, t?.S ?? 0, t?.B ?? 0, t?.D ?? 0, t?.I ?? 0,
                [.. party[r.AssistantId]], [.. cadres[r.AssistantId]], [.. records[r.AssistantId]], [.. months[r.AssistantId]]);
        }).ToList();
        return (inputs, roster.ToDictionary(r => r.AssistantId, r => r.VillageId));
    }

    /// <summary>SHA-256 over the rules and every input in a canonical order: equal data, equal fingerprint.</summary>
    internal static string Fingerprint(CycleRules rules, IEnumerable<AssistantInputs> inputs)
    {
        var text = new StringBuilder(JsonSerializer.Serialize(rules));
        foreach (var a in inputs.OrderBy(a => a.AssistantId))
        {
            text.Append(CultureInfo.InvariantCulture, $"|{a.AssistantId}:{a.TownshipId}:{a.Satisfied},{a.BasicallySatisfied},{a.Dissatisfied},{a.Invalid}");
            text.Append(";P").AppendJoin(',', a.PartyTotals.Order().Select(p => p.ToString(CultureInfo.InvariantCulture)));
            text.Append(";C").AppendJoin(',', a.CadreGrades.Order().Select(g => (int)g));
            text.Append(";F").AppendJoin(',', a.VerifiedRecords.Select(r => $"{(int)r.Nature}{(int?)r.Severity}").Order(StringComparer.Ordinal));
            text.Append(";A").AppendJoin(',', a.Attendance.OrderBy(m => m.Month).Select(m => $"{m.Month}={m.Days}"));
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static StoredResult Store(AssistantResult r, int versionId, int villageId) => new()
    {
        ResultVersionId = versionId,
        AssistantId = r.AssistantId,
        TownshipId = r.TownshipId,
        VillageId = villageId,
        VillagerVotes = r.Villagers.Count,
        VillagerScore = r.Villagers.Score,
        SatisfactionRate = r.SatisfactionRate,
        DissatisfactionRate = r.DissatisfactionRate,
        PartyBallots = r.Party.Count,
        PartyScore = r.Party.Score,
        CadreBallots = r.Cadres.Count,
        CadreScore = r.Cadres.Score,
        Incomplete = r.Incomplete,
        Base = r.Base,
        SupervisionAdjustment = r.SupervisionAdjustment,
        AttendanceDeduction = r.AttendanceDeduction,
        Composite = r.Composite,
        Grade = (int?)r.Grade,
        TiedBeyondQuota = r.TiedBeyondQuota,
        CountyRank = r.CountyRank,
        TownshipRank = r.TownshipRank,
        Outcomes = string.Join(",", r.Outcomes.Select(o => (int)o)),
        Reasons = ExplanationCodec.Write(r.Reasons),
        Steps = ExplanationCodec.Write(r.Steps),
    };
}
