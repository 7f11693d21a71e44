using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Resources;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Core.Security.Policies;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Entries;

/// <summary>
/// The checks every entry read and write goes through: the cycle exists, the assistant served a
/// village in the cycle's year, <see cref="EntryPolicy"/> lets the caller do this with this kind
/// of entry there (spec §1), and — for writes — the cycle is open to them (spec §2).
/// </summary>
public static class EntryGuard
{
    public static async Task<EntryTarget> ForReadAsync(AppraisalDbContext db, Caller caller, EntryKind kind, int cycleId, int assistantId, CancellationToken ct)
    {
        var target = await LoadAsync(db, cycleId, assistantId, ct);
        EntryPolicy.Ensure(caller, kind, EntryOperation.Read, target.Scope);
        return target;
    }

    /// <param name="existing">The entry being changed, deleted or verified (its author and verdict decide "only their own").</param>
    public static async Task<EntryTarget> ForWriteAsync(
        AppraisalDbContext db, Caller caller, EntryKind kind, EntryOperation operation, int cycleId, int assistantId, CancellationToken ct, Entry? existing = null)
    {
        var target = await LoadAsync(db, cycleId, assistantId, ct);
        EntryPolicy.Ensure(caller, kind, operation, target.Scope, existing?.EnteredBy, (existing as SupervisionRecord)?.Verification);
        EnsureOpen(target.Cycle, caller);
        return target;
    }

    /// <summary>Entry is open while collecting; in review only the county may correct (spec §2).</summary>
    public static void EnsureOpen(AppraisalCycle cycle, Caller caller)
    {
        if (!EntryPolicy.IsOpen(caller, cycle.State))
        {
            throw new RuleViolationException(cycle.State == CycleState.Review
                ? Messages.EntryClosedForReview(cycle.Year)
                : Messages.EntryNotCollecting(cycle.Year, Messages.Get("CycleState." + cycle.State)));
        }
    }

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

    public static async Task<EntryTarget> LoadAsync(AppraisalDbContext db, int cycleId, int assistantId, CancellationToken ct)
    {
        var cycle = await db.Cycles.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cycleId, ct) ?? throw new NotFoundException(Messages.CycleNotFound);
        var name = await db.Assistants.Where(a => a.Id == assistantId).Select(a => a.Name).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException(Messages.AssistantNotFound);
        var placement = await PlacementAsync(db, cycle.Year, assistantId, ct)
            ?? throw new RuleViolationException(Messages.AssistantNotServingInYear(name, cycle.Year));
        return new EntryTarget(cycle, assistantId, name, placement.VillageId, placement.TownshipId);
    }
}
