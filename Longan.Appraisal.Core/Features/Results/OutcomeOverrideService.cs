using System.Globalization;
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
/// 组织部 overrides a computed 处理建议 with a written reason (spec §8). The computed recommendation
/// and every decision are kept; the latest decision not withdrawn is the effective outcome, which
/// the results pages and workbooks show. Published results are frozen: decide before publishing,
/// or reopen first.
/// </summary>
public sealed class OutcomeOverrideService(IDbContextFactory<AppraisalDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>The outcomes a decision may contain; "数据不足" is a state of the data, not a decision.</summary>
    public static readonly IReadOnlyList<Outcome> Decidable = [Outcome.ReserveCadre, Outcome.PublicCriticism, Outcome.AdmonishmentTalk, Outcome.Replacement];

    /// <summary>Sets the assistant's outcomes (possibly none) in place of the computed ones.</summary>
    public Task OverrideAsync(Caller caller, int cycleId, int assistantId, IReadOnlyCollection<Outcome> outcomes, string? reason, CancellationToken ct = default)
    {
        ResultPolicy.Ensure(caller, ResultOperation.Decide);
        reason = InputText.Text(reason, multiline: true);
        var undecidable = outcomes.Where(o => !Decidable.Contains(o)).Select(o => Enum.IsDefined(o) ? Messages.Get("Outcome." + o) : ((int)o).ToString(CultureInfo.InvariantCulture)).FirstOrDefault();
        new Validator()
            .Check(undecidable is null, "Outcomes", Messages.OutcomeNotDecidable(undecidable ?? ""))
            .Required("Reason", Messages.LabelOverrideReason, reason)
            .MaxLength("Reason", Messages.LabelOverrideReason, reason, FieldLimits.Comment)
            .ThrowIfInvalid();
        var stored = string.Join(",", outcomes.Distinct().Order().Select(o => ((int)o).ToString(CultureInfo.InvariantCulture)));
        return AddAsync(caller, cycleId, assistantId, stored, withdrawn: false, reason!, ct);
    }

    /// <summary>Withdraws the decision in force, so the computed recommendation applies again.</summary>
    public Task WithdrawAsync(Caller caller, int cycleId, int assistantId, string? reason, CancellationToken ct = default)
    {
        ResultPolicy.Ensure(caller, ResultOperation.Decide);
        reason = InputText.Text(reason, multiline: true);
        new Validator()
            .Required("Reason", Messages.LabelOverrideReason, reason)
            .MaxLength("Reason", Messages.LabelOverrideReason, reason, FieldLimits.Comment)
            .ThrowIfInvalid();
        return AddAsync(caller, cycleId, assistantId, "", withdrawn: true, reason!, ct);
    }

    private async Task AddAsync(Caller caller, int cycleId, int assistantId, string outcomes, bool withdrawn, string reason, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var cycle = await db.Cycles.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cycleId, ct) ?? throw new NotFoundException(Messages.CycleNotFound);
        // A draft has no results: the "no result" refusal below covers it.
        if (cycle.State == CycleState.Published)
        {
            throw new RuleViolationException(Messages.ResultsFrozen(cycle.Year));
        }
        var latest = await db.ResultVersions.AsNoTracking().Where(v => v.CycleId == cycleId).OrderByDescending(v => v.Number).Select(v => (int?)v.Id).FirstOrDefaultAsync(ct);
        if (latest is null || !await db.StoredResults.AnyAsync(r => r.ResultVersionId == latest && r.AssistantId == assistantId, ct))
        {
            throw new RuleViolationException(Messages.OverrideNeedsResult);
        }
        var inForce = await InForceAsync(db, cycleId, before: null, ct);
        if (withdrawn && !inForce.ContainsKey(assistantId))
        {
            throw new RuleViolationException(Messages.NoOverrideToWithdraw);
        }
        db.OutcomeOverrides.Add(new OutcomeOverride
        {
            CycleId = cycleId, AssistantId = assistantId, Outcomes = outcomes, Withdrawn = withdrawn, Reason = reason,
            ByUserId = caller.UserId, ByUserName = caller.UserName, At = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Every decision on the assistant in the cycle, newest first; the county and the assistant's township may read it.</summary>
    public async Task<IReadOnlyList<OutcomeDecisionEntry>> HistoryAsync(Caller caller, int cycleId, int assistantId, CancellationToken ct = default)
    {
        var township = ResultPolicy.ReadableTownship(caller);
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        // The township the assistant belonged to in this cycle's results, not any township they ever served.
        if (township is not null
            && !await db.StoredResults.AnyAsync(r => r.AssistantId == assistantId && r.TownshipId == township
                && db.ResultVersions.Any(v => v.Id == r.ResultVersionId && v.CycleId == cycleId), ct))
        {
            throw new AccessDeniedException(Messages.NoAccessToAssistant);
        }
        var rows = await db.OutcomeOverrides.AsNoTracking().Where(o => o.CycleId == cycleId && o.AssistantId == assistantId).OrderByDescending(o => o.Id).ToListAsync(ct);
        return rows.Select(o => new OutcomeDecisionEntry(ToDecision(o), o.Withdrawn)).ToList();
    }

    /// <summary>The decision in force per assistant: the latest row, unless it is a withdrawal; only rows made up to <paramref name="before"/> when given.</summary>
    internal static async Task<Dictionary<int, OutcomeDecision>> InForceAsync(AppraisalDbContext db, int cycleId, DateTimeOffset? before, CancellationToken ct)
    {
        var rows = await db.OutcomeOverrides.AsNoTracking().Where(o => o.CycleId == cycleId).ToListAsync(ct);
        return rows.Where(o => before is null || o.At <= before)
            .GroupBy(o => o.AssistantId)
            .Select(g => g.MaxBy(o => o.Id)!)
            .Where(o => !o.Withdrawn)
            .ToDictionary(o => o.AssistantId, ToDecision);
    }

    private static OutcomeDecision ToDecision(OutcomeOverride o) => new(ParseOutcomes(o.Outcomes), o.Reason, o.ByUserName, o.At);

    internal static IReadOnlyList<Outcome> ParseOutcomes(string stored) =>
        stored.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(o => (Outcome)int.Parse(o, CultureInfo.InvariantCulture)).ToList();
}
