using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Resources;
using Longan.Appraisal.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Entries;

/// <summary>
/// The checks every entry read and write goes through: the cycle exists, the assistant served a
/// village in the cycle's year, the caller's scope covers that village (spec §1), and — for
/// writes — the cycle is collecting, or in review for a county correction (spec §2).
/// </summary>
public static class EntryGuard
{
    public static async Task<EntryTarget> ForReadAsync(AppraisalDbContext db, Caller caller, int cycleId, int assistantId, CancellationToken ct)
    {
        var target = await LoadAsync(db, cycleId, assistantId, ct);
        if (!AccessPolicy.CanEnterFor(caller, target.TownshipId, target.VillageId))
        {
            throw new AccessDeniedException(Messages.NoAccessToAssistant);
        }
        return target;
    }

    /// <param name="verifying">Township-level work (verification, attendance): supervisors are not allowed.</param>
    public static async Task<EntryTarget> ForWriteAsync(AppraisalDbContext db, Caller caller, int cycleId, int assistantId, CancellationToken ct, bool verifying = false)
    {
        var target = await LoadAsync(db, cycleId, assistantId, ct);
        var allowed = verifying
            ? AccessPolicy.CanVerifyFor(caller, target.TownshipId)
            : AccessPolicy.CanEnterFor(caller, target.TownshipId, target.VillageId);
        if (!allowed)
        {
            throw new AccessDeniedException(verifying ? Messages.OnlyTownshipMayVerify : Messages.NoAccessToAssistant);
        }
        EnsureOpen(target.Cycle, caller);
        return target;
    }

    /// <summary>Entry is open while collecting; in review only the county may correct (spec §2).</summary>
    public static void EnsureOpen(AppraisalCycle cycle, Caller caller)
    {
        if (!IsOpen(cycle.State, caller))
        {
            throw new RuleViolationException(cycle.State == CycleState.Review
                ? Messages.EntryClosedForReview(cycle.Year)
                : Messages.EntryNotCollecting(cycle.Year, Messages.Get("CycleState." + cycle.State)));
        }
    }

    /// <summary>Whether the caller may enter or correct data in a cycle in this state (pages use it to offer or hide their controls).</summary>
    public static bool IsOpen(CycleState state, Caller caller) =>
        state == CycleState.Collecting || (state == CycleState.Review && caller.Role == AppRole.County);

    /// <summary>The village and township of the assistant's posting in the cycle's year (the latest, when there were two).</summary>
    public static async Task<(int VillageId, int TownshipId)?> PlacementAsync(AppraisalDbContext db, int year, int assistantId, CancellationToken ct)
    {
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var placement = await db.Postings.AsNoTracking()
            .Where(p => p.AssistantId == assistantId && p.StartDate <= last && (p.EndedOn == null || p.EndedOn >= first))
            .OrderByDescending(p => p.StartDate)
            .Select(p => new { p.VillageId, p.Village!.TownshipId })
            .FirstOrDefaultAsync(ct);
        return placement is null ? null : (placement.VillageId, placement.TownshipId);
    }

    private static async Task<EntryTarget> LoadAsync(AppraisalDbContext db, int cycleId, int assistantId, CancellationToken ct)
    {
        var cycle = await db.Cycles.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cycleId, ct) ?? throw new NotFoundException(Messages.CycleNotFound);
        var name = await db.Assistants.Where(a => a.Id == assistantId).Select(a => a.Name).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException(Messages.AssistantNotFound);
        var placement = await PlacementAsync(db, cycle.Year, assistantId, ct)
            ?? throw new RuleViolationException(Messages.AssistantNotServingInYear(name, cycle.Year));
        return new EntryTarget(cycle, assistantId, name, placement.VillageId, placement.TownshipId);
    }
}
