using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Entries;
using Longan.Appraisal.Core.Features.Results;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Resources;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Core.Security.Policies;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Cycles;

/// <summary>
/// Appraisal cycles (考核年度, spec §2): created by the county with the default rules, edited
/// while Draft, moved Draft → Collecting → Review → Published, reopened with a written reason.
/// Every move is recorded with who, when and why.
/// </summary>
public sealed class CycleService(IDbContextFactory<AppraisalDbContext> dbFactory, TimeProvider clock)
{
    public const int FirstYear = 2012;
    public const int LastYear = 2100;

    /// <summary>The field name of a year error, for forms to place it.</summary>
    public const string YearField = "Year";

    /// <summary>All cycles, newest first. Any signed-in role may know which cycles exist and their state.</summary>
    public async Task<IReadOnlyList<CycleRow>> ListAsync(Caller caller, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        return await db.Cycles.AsNoTracking().OrderByDescending(c => c.Year)
            .Select(c => new CycleRow(c.Id, c.Year, c.State, c.CreatedAt)).ToListAsync(ct);
    }

    public async Task<CycleDetail> GetAsync(Caller caller, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        var cycle = await db.Cycles.AsNoTracking().Include(c => c.Transitions).FirstOrDefaultAsync(c => c.Id == id, ct)
            ?? throw new NotFoundException(Messages.CycleNotFound);
        return new CycleDetail(cycle.Id, cycle.Year, cycle.State, cycle.Rules.Copy(), cycle.Transitions.OrderBy(t => t.At).ThenBy(t => t.Id).ToList(), RightsOf(caller, cycle.State));
    }

    /// <summary>What the caller may do with a cycle in this state (the policy, then spec §2's states).</summary>
    public static CycleRights RightsOf(Caller caller, CycleState state) => new(
        EditRules: CyclePolicy.Can(caller, CycleOperation.EditRules) && state == CycleState.Draft,
        Delete: CyclePolicy.Can(caller, CycleOperation.Delete) && state == CycleState.Draft,
        Moves: CyclePolicy.Can(caller, CycleOperation.Move) ? Enum.GetValues<CycleState>().Where(to => AppraisalCycle.IsAllowed(state, to)).ToList() : [],
        SwitchRenormalise: CyclePolicy.Can(caller, CycleOperation.SwitchRenormalise) && state is CycleState.Collecting or CycleState.Review,
        Compute: CyclePolicy.Can(caller, CycleOperation.Compute) && state is CycleState.Collecting or CycleState.Review,
        Import: CyclePolicy.Can(caller, CycleOperation.Import) && EntryPolicy.IsOpen(caller, state),
        EnterData: Capabilities.Of(caller).EntersData && EntryPolicy.IsOpen(caller, state),
        ViewProgress: CyclePolicy.Can(caller, CycleOperation.ViewProgress) && state != CycleState.Draft,
        ExportCollectedData: CyclePolicy.Can(caller, CycleOperation.ExportCollectedData) && state != CycleState.Draft);

    /// <summary>
    /// Removes a draft made by mistake (a wrong year): a draft holds no data — entry opens with
    /// collection — so nothing is lost; the deletion is recorded in the audit trail.
    /// </summary>
    public async Task DeleteDraftAsync(Caller caller, int id, CancellationToken ct = default)
    {
        CyclePolicy.Ensure(caller, CycleOperation.Delete);
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var cycle = await db.Cycles.Include(c => c.Transitions).FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException(Messages.CycleNotFound);
        if (cycle.State != CycleState.Draft || cycle.Transitions.Count > 0 || await db.ResultVersions.AnyAsync(v => v.CycleId == id, ct))
        {
            throw new RuleViolationException(Messages.CycleNotDeletable(cycle.Year));
        }
        db.Cycles.Remove(cycle);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Creates the cycle of a year with the default rules of spec §4–8, as a draft.</summary>
    public async Task<int> CreateAsync(Caller caller, int year, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        return await CreateAsync(db, caller, year, ct);
    }

    /// <summary>The same creation inside the caller's context and transaction (an import that creates its year's cycle with it).</summary>
    internal async Task<int> CreateAsync(AppraisalDbContext db, Caller caller, int year, CancellationToken ct)
    {
        CyclePolicy.Ensure(caller, CycleOperation.Create);
        new Validator(CheckYear(year)).ThrowIfInvalid();
        new Validator()
            .Check(!await db.Cycles.AnyAsync(c => c.Year == year, ct), YearField, Messages.CycleYearTaken(year))
            .ThrowIfInvalid();
        var cycle = new AppraisalCycle { Year = year, CreatedAt = clock.GetUtcNow() };
        db.Cycles.Add(cycle);
        await db.SaveChangesAsync(ct);
        return cycle.Id;
    }

    /// <summary>A new cycle's year is one the programme can have (the form shows this as the year is typed; never clamped).</summary>
    public static IReadOnlyList<FieldError> CheckYear(int year) => new Validator()
        .Check(year is >= FirstYear and <= LastYear, YearField, Messages.CycleYearOutOfRange(FirstYear, LastYear))
        .Errors;

    /// <summary>Saves edited rules; only while the cycle is a draft, and only valid rules.</summary>
    public async Task UpdateRulesAsync(Caller caller, int id, CycleRules rules, CancellationToken ct = default)
    {
        CyclePolicy.Ensure(caller, CycleOperation.EditRules);
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        var cycle = await db.Cycles.FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException(Messages.CycleNotFound);
        if (cycle.State != CycleState.Draft)
        {
            throw new RuleViolationException(Messages.RulesFrozen(cycle.Year));
        }
        var errors = CycleRulesValidator.Validate(rules);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }
        cycle.Rules = rules.Copy();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Switches "renormalise missing groups" after the rules froze — the one rule spec §5 lets 组织部
    /// change so that a cycle blocked by incomplete assistants can be published. Needs a written
    /// reason and is recorded in the cycle's history; results must be computed again afterwards.
    /// </summary>
    public async Task SetRenormaliseAsync(Caller caller, int id, bool on, string? reason, CancellationToken ct = default)
    {
        CyclePolicy.Ensure(caller, CycleOperation.SwitchRenormalise);
        reason = InputText.Text(reason, multiline: true);
        new Validator()
            .Check(reason is not null, "Reason", Messages.RenormaliseNeedsReason)
            .MaxLength("Reason", Messages.LabelEndReason, reason, FieldLimits.Text)
            .ThrowIfInvalid();
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var cycle = await db.Cycles.FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException(Messages.CycleNotFound);
        if (cycle.State is not (CycleState.Collecting or CycleState.Review))
        {
            throw new RuleViolationException(cycle.State == CycleState.Draft ? Messages.RenormaliseInDraft : Messages.ResultsFrozen(cycle.Year));
        }
        var rules = cycle.Rules.Copy();
        rules.RenormaliseMissingGroups = on;
        cycle.Rules = rules;
        db.CycleTransitions.Add(new CycleTransition
        {
            CycleId = cycle.Id, From = cycle.State, To = cycle.State, ByUserId = caller.UserId, ByUserName = caller.UserName, At = clock.GetUtcNow(),
            Reason = (on ? Messages.RenormaliseSwitchedOn : Messages.RenormaliseSwitchedOff) + reason,
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Moves the cycle to another state as spec §2 allows; going back needs a written reason.</summary>
    public async Task TransitionAsync(Caller caller, int id, CycleState to, string? reason, CancellationToken ct = default)
    {
        CyclePolicy.Ensure(caller, CycleOperation.Move);
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await TransitionAsync(db, caller, id, to, reason, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>The same move inside the caller's context and transaction (an appeal reopening the cycle with it).</summary>
    internal async Task TransitionAsync(AppraisalDbContext db, Caller caller, int id, CycleState to, string? reason, CancellationToken ct)
    {
        CyclePolicy.Ensure(caller, CycleOperation.Move);
        var cycle = await db.Cycles.FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException(Messages.CycleNotFound);
        var from = cycle.State;
        if (!AppraisalCycle.IsAllowed(from, to))
        {
            throw new RuleViolationException(Messages.TransitionNotAllowed(Messages.Get("CycleState." + from), Messages.Get("CycleState." + to)));
        }
        reason = InputText.Text(reason, multiline: true);
        new Validator()
            .Check(!AppraisalCycle.NeedsReason(from, to) || reason is not null, "Reason", Messages.ReopenNeedsReason)
            .MaxLength("Reason", Messages.LabelEndReason, reason, FieldLimits.Text)
            .ThrowIfInvalid();
        if (to == CycleState.Published)
        {
            await EnsureCompleteAsync(db, cycle, ct);
            var version = await ReviewedVersionAsync(db, cycle, ct);
            if (version.PublishedAt is not null)
            {
                // Republishing unchanged data after a reopening: the earlier publication keeps its
                // version and date; this one gets a version of its own (spec §2).
                version = await ResultService.CopyVersionAsync(db, version, caller, clock.GetUtcNow(), ct);
            }
            version.PublishedAt = clock.GetUtcNow();
        }
        if (from == CycleState.Collecting)
        {
            // Phone ballots cast while collecting count; voting ends with collection.
            await Ballots.BallotSessionService.EndForCycleAsync(db, caller, cycle.Id, clock.GetUtcNow(), ct);
        }
        cycle.State = to;
        db.CycleTransitions.Add(new CycleTransition
        {
            CycleId = cycle.Id, From = from, To = to, Reason = reason, ByUserId = caller.UserId, ByUserName = caller.UserName, At = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>What stands between a cycle and its publication, for 组织部's home page.</summary>
    /// <param name="Computed">The latest computed version's number, if any.</param>
    /// <param name="Stale">Whether the latest version was computed from other data than today's; null when not asked (it reads every input).</param>
    internal sealed record Readiness(int Incomplete, int PendingRecords, int? Computed, bool? Stale);

    /// <param name="checkStale">
    /// Tell a stale version from a current one: that reads and fingerprints every input of the cycle
    /// (≈ 0.7 s for 15 000 assistants), so the navigation's counts, which do not depend on it, skip it.
    /// </param>
    internal static async Task<Readiness> ReadinessAsync(AppraisalDbContext db, int cycleId, bool checkStale, CancellationToken ct)
    {
        var cycle = await db.Cycles.AsNoTracking().FirstAsync(c => c.Id == cycleId, ct);
        var counts = await CollectionCounts.LoadAsync(db, cycle.Id, ct);
        var roster = await CycleRoster.ForYearAsync(db, cycle.Year, ct);
        var latest = await db.ResultVersions.AsNoTracking().Where(v => v.CycleId == cycle.Id).OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);
        bool? stale = checkStale ? false : null;
        if (latest is not null && checkStale)
        {
            var (inputs, villages) = await ResultService.LoadInputsAsync(db, cycle, ct);
            stale = ResultService.Fingerprint(cycle.Rules, inputs, villages) != latest.Fingerprint;
        }
        return new Readiness(roster.Count(r => counts.IsIncomplete(r.AssistantId, cycle.Rules)), counts.PendingRecords.Values.Sum(), latest?.Number, stale);
    }

    /// <summary>
    /// What is published is the latest computed version, and only if it was computed from the data as
    /// it stands: results officials checked in Review are exactly the ones assistants will see.
    /// </summary>
    private static async Task<Domain.Results.ResultVersion> ReviewedVersionAsync(AppraisalDbContext db, AppraisalCycle cycle, CancellationToken ct)
    {
        var latest = await db.ResultVersions.Where(v => v.CycleId == cycle.Id).OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct)
            ?? throw new RuleViolationException(Messages.PublishNeedsResults(cycle.Year));
        var (inputs, villages) = await ResultService.LoadInputsAsync(db, cycle, ct);
        if (ResultService.Fingerprint(cycle.Rules, inputs, villages) != latest.Fingerprint)
        {
            throw new RuleViolationException(Messages.PublishStale(latest.Number));
        }
        return latest;
    }

    /// <summary>Publishing needs no incomplete assistant (spec §2, §5), naming the first few who are.</summary>
    private static async Task EnsureCompleteAsync(AppraisalDbContext db, AppraisalCycle cycle, CancellationToken ct)
    {
        var counts = await CollectionCounts.LoadAsync(db, cycle.Id, ct);
        var incomplete = (await CycleRoster.ForYearAsync(db, cycle.Year, ct)).Where(r => counts.IsIncomplete(r.AssistantId, cycle.Rules)).ToList();
        if (incomplete.Count > 0)
        {
            var names = string.Join("、", incomplete.Take(5).Select(r => $"{r.TownshipName}{r.VillageName} {r.Name}")) + (incomplete.Count > 5 ? "…" : "");
            throw new RuleViolationException(Messages.PublishWithIncomplete(incomplete.Count, names));
        }
    }
}
