using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Entries;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Resources;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Core.Security.Policies;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Collection;

/// <summary>
/// The collection dashboard: for every assistant of the cycle, valid ballots per group against the
/// minimums, records awaiting verification and attendance months missing, so a township knows what
/// is still to collect. The county sees all townships; a township its own.
/// </summary>
public sealed class CollectionProgressService(IDbContextFactory<AppraisalDbContext> dbFactory, TimeProvider clock)
{
    public async Task<CollectionProgress> GetAsync(Caller caller, int cycleId, CancellationToken ct = default)
    {
        CyclePolicy.Ensure(caller, CycleOperation.ViewProgress);
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        var cycle = await db.Cycles.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cycleId, ct) ?? throw new NotFoundException(Messages.CycleNotFound);
        var roster = (await CycleRoster.ForYearAsync(db, cycle.Year, ct))
            .Where(r => EntryPolicy.Can(caller, EntryKind.VillagerTally, EntryOperation.Read, new EntryScope(r.TownshipId, r.VillageId)))
            .ToList();

        var counts = await CollectionCounts.LoadAsync(db, cycleId, ct);
        var inQuestion = await Ballots.BallotSessionService.AssistantsAwaitingCheckAsync(db, cycleId, ct);
        var today = CountyCalendar.Today(clock);
        var rows = roster.Select(r => new ProgressRow(
            r.AssistantId, r.Code, r.Name, r.TownshipId, r.TownshipName, r.VillageId, r.VillageName,
            counts.VillagerVotes.GetValueOrDefault(r.AssistantId), counts.PartyBallots.GetValueOrDefault(r.AssistantId), counts.CadreBallots.GetValueOrDefault(r.AssistantId),
            counts.PendingRecords.GetValueOrDefault(r.AssistantId),
            Math.Max(0, ExpectedMonths(cycle.Year, r.ServedFrom, today) - counts.AttendanceMonths.GetValueOrDefault(r.AssistantId)))
        {
            PhoneVillagerVotes = counts.PhoneVillagerVotes.GetValueOrDefault(r.AssistantId), PhoneCadreBallots = counts.PhoneCadreBallots.GetValueOrDefault(r.AssistantId),
            PhoneVotesInQuestion = inQuestion.Contains(r.AssistantId),
        }).ToList();
        return new CollectionProgress(cycle.Id, cycle.Year, cycle.Rules.MinVillagerVotes, cycle.Rules.MinPartyBallots, cycle.Rules.MinCadreBallots,
            ExpectedMonths(cycle.Year, new DateOnly(cycle.Year, 1, 1), today), rows);
    }

    /// <summary>
    /// Months of the cycle's year that should have attendance by now: from the month the assistant
    /// started serving to the last finished month (all remaining months once the year is over).
    /// </summary>
    public static int ExpectedMonths(int year, DateOnly servedFrom, DateOnly today)
    {
        var lastFinished = today.Year > year ? 12 : today.Year < year ? 0 : today.Month - 1;
        var firstMonth = servedFrom.Year < year ? 1 : servedFrom.Month;
        return Math.Max(0, lastFinished - firstMonth + 1);
    }
}
