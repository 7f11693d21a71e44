using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Appeals;
using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Features.Appeals;
using Longan.Appraisal.Core.Features.Collection;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Cycles;
using Longan.Appraisal.Core.Features.Entries;
using Longan.Appraisal.Core.Features.FollowUps;
using Longan.Appraisal.Core.Features.Results;
using Longan.Appraisal.Core.Features.Supervision;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Core.Security.Policies;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Work;

/// <summary>
/// What each user has to do, for their home page and the navigation's counts — put together from
/// what the policies let them do (<see cref="Capabilities"/>), never from their role's name:
/// 组织部 — appeals to answer, cycles needing an action, follow-up due; both 组织部 and a township —
/// flagged ballot sessions to look at; a township — per village what
/// is still missing, records to verify, attendance to record, cards to print; a supervisor — file a
/// record or a tally, and their own records' status; an assistant — their latest result and appeal.
/// </summary>
public sealed class WorkService(
    IDbContextFactory<AppraisalDbContext> dbFactory,
    AppealService appeals,
    FollowUpService followUps,
    CollectionProgressService progress,
    SupervisionService records,
    ResultQueryService results,
    CycleService cycles,
    Ballots.BallotSessionService sessions,
    TimeProvider clock)
{
    /// <summary>A review cycle's item when whether its latest version is stale was not asked (<see cref="ForNavigationAsync"/>).</summary>
    public const string InReview = "Work.CycleInReview";

    /// <summary>Follow-up cases due within this many days are listed before they are late.</summary>
    public const int FollowUpNoticeDays = 7;

    /// <summary>The home page's list: everything, a review cycle's version told stale or ready to publish.</summary>
    public Task<WorkList> ForAsync(Caller caller, CancellationToken ct = default) => ComposeAsync(caller, checkStale: true, ct);

    /// <summary>
    /// The same list for the navigation's counts on every page load, and the home page's first look:
    /// a review cycle stays one item (<see cref="InReview"/>), without reading every input to tell
    /// whether its latest version is stale (the count is the same).
    /// </summary>
    public Task<WorkList> ForNavigationAsync(Caller caller, CancellationToken ct = default) => ComposeAsync(caller, checkStale: false, ct);

    private async Task<WorkList> ComposeAsync(Caller caller, bool checkStale, CancellationToken ct)
    {
        var can = Capabilities.Of(caller);
        var today = CountyCalendar.Today(clock);
        var items = new List<WorkItem>();
        var all = await cycles.ListAsync(caller, ct);
        var collecting = all.Where(c => c.State == CycleState.Collecting).ToList();

        if (can.ReadAppeals)
        {
            items.AddRange(await AppealsAsync(caller, can, today, ct));
        }
        if (can.ManageCycles)
        {
            items.AddRange(await CyclesAsync(all, today, checkStale, ct));
        }
        if (can.RunBallotSessions)
        {
            items.AddRange((await sessions.AwaitingCheckAsync(caller, ct)).Select(s =>
                new WorkItem(WorkArea.BallotSession, "Work.SessionFlagged", [s.Id, s.Place, s.Year, s.Flags.Count], s.CycleId)));
        }
        if (can.ReadFollowUps)
        {
            var due = (await followUps.ListAsync(caller, openOnly: true, ct)).Where(c => c.Due <= today.AddDays(FollowUpNoticeDays)).ToList();
            if (due.Count > 0)
            {
                items.Add(new WorkItem(WorkArea.FollowUp, "Work.FollowUpDue", [due.Count, due.Count(c => c.IsOverdue(today))],
                    Count: due.Count, Due: due.Min(c => c.Due), Urgent: due.Any(c => c.IsOverdue(today))));
            }
        }
        if (can.ViewProgress && !can.WholeCounty)
        {
            foreach (var cycle in collecting)
            {
                items.AddRange(await TownshipCollectionAsync(caller, can, cycle, namesYear: collecting.Count > 1, ct));
            }
        }
        if (can.BatchCards && !can.WholeCounty && all.FirstOrDefault(c => c.State == CycleState.Published) is { } published)
        {
            items.Add(new WorkItem(WorkArea.Cards, "Work.CardsReady", [published.Year], published.Id, Count: 0));
        }
        if (can.EntersData && !can.ViewProgress)
        {
            items.AddRange(await SupervisorAsync(caller, collecting, today, ct));
        }
        if (can.ReadOwnResults)
        {
            items.AddRange(await AssistantAsync(caller, ct));
        }
        // Late or blocking first; otherwise in the order composed above (each part orders its own).
        return new WorkList(items.OrderByDescending(i => i.Urgent).ToList());
    }

    private async Task<IEnumerable<WorkItem>> AppealsAsync(Caller caller, Capabilities can, DateOnly today, CancellationToken ct)
    {
        var open = (await appeals.ListAsync(caller, openOnly: true, ct)).Where(a => a.Status == AppealStatus.Open).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cycleIds = open.Select(a => a.CycleId).Distinct().ToList();
        var days = await db.Cycles.Where(c => cycleIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Rules.AppealWindowDays, ct);
        // Answered within the same number of days an assistant had to file it (spec silent; the county's own practice).
        return open.OrderBy(a => a.FiledAt).Select(a =>
        {
            var due = DateOnly.FromDateTime(a.FiledAt.ToOffset(TimeSpan.FromHours(8)).DateTime).AddDays(days.GetValueOrDefault(a.CycleId, 7));
            return new WorkItem(WorkArea.Appeal, can.AnswerAppeals ? "Work.AppealToAnswer" : "Work.AppealPending",
                [a.AssistantName, a.Township, a.Year], a.CycleId, a.AssistantId, Due: due, Urgent: can.AnswerAppeals && today > due);
        });
    }

    private async Task<IEnumerable<WorkItem>> CyclesAsync(IReadOnlyList<CycleRow> all, DateOnly today, bool checkStale, CancellationToken ct)
    {
        var items = new List<WorkItem>();
        if (all.All(c => c.Year != today.Year))
        {
            items.Add(new WorkItem(WorkArea.Cycle, "Work.CycleMissing", [today.Year]));
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var cycle in all)
        {
            switch (cycle.State)
            {
                case CycleState.Draft:
                    items.Add(new WorkItem(WorkArea.Cycle, "Work.CycleDraft", [cycle.Year], cycle.Id));
                    break;
                case CycleState.Collecting or CycleState.Review:
                    var readiness = await CycleService.ReadinessAsync(db, cycle.Id, checkStale, ct);
                    if (readiness.PendingRecords > 0)
                    {
                        items.Add(new WorkItem(WorkArea.Cycle, "Work.CycleUnverified", [cycle.Year, readiness.PendingRecords], cycle.Id, Count: 0));
                    }
                    if (readiness.Incomplete > 0)
                    {
                        items.Add(new WorkItem(WorkArea.Cycle, "Work.CycleIncomplete", [cycle.Year, readiness.Incomplete], cycle.Id, Count: 0));
                    }
                    if (cycle.State == CycleState.Review)
                    {
                        items.Add(readiness switch
                        {
                            { Computed: null } => new WorkItem(WorkArea.Cycle, "Work.CycleNotComputed", [cycle.Year], cycle.Id, Urgent: true),
                            { Stale: true } => new WorkItem(WorkArea.Cycle, "Work.CycleStale", [cycle.Year, readiness.Computed], cycle.Id, Urgent: true),
                            { Stale: false } => new WorkItem(WorkArea.Cycle, "Work.CycleReadyToPublish", [cycle.Year, readiness.Computed], cycle.Id),
                            _ => new WorkItem(WorkArea.Cycle, InReview, [cycle.Year, readiness.Computed], cycle.Id),
                        });
                    }
                    break;
            }
        }
        return items;
    }

    /// <param name="namesYear">Two years are collecting at once (a late year beside the current one): each village's line says which.</param>
    private async Task<IEnumerable<WorkItem>> TownshipCollectionAsync(Caller caller, Capabilities can, CycleRow cycle, bool namesYear, CancellationToken ct)
    {
        var state = await progress.GetAsync(caller, cycle.Id, ct);
        var items = new List<WorkItem>();
        foreach (var row in state.Rows.Where(r => !state.IsComplete(r)).OrderBy(r => r.VillageName, StringComparer.Ordinal))
        {
            items.Add(new WorkItem(WorkArea.Collection, namesYear ? "Work.VillageMissingOfYear" : "Work.VillageMissing",
                [row.VillageName, row.Name, row.VillagerVotes, state.MinVillagerVotes, row.PartyBallots, state.MinPartyBallots, row.CadreBallots, state.MinCadreBallots, cycle.Year],
                cycle.Id, row.AssistantId));
        }
        var pending = state.Rows.Sum(r => r.PendingRecords);
        if (can.VerifyRecords && pending > 0)
        {
            items.Add(new WorkItem(WorkArea.Verification, "Work.RecordsToVerify", [pending, cycle.Year], cycle.Id, Count: pending));
        }
        var missing = state.Rows.Sum(r => r.MissingMonths);
        if (can.KeepAttendance && missing > 0)
        {
            items.Add(new WorkItem(WorkArea.Attendance, "Work.MonthsMissing", [missing, cycle.Year], cycle.Id, Count: missing));
        }
        return items;
    }

    private async Task<IEnumerable<WorkItem>> SupervisorAsync(Caller caller, IReadOnlyList<CycleRow> collecting, DateOnly today, CancellationToken ct)
    {
        var cycle = collecting.OrderBy(c => c.Year == today.Year ? 0 : 1).ThenByDescending(c => c.Year).FirstOrDefault();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var assistant = caller.VillageId is { } village
            ? await db.Postings.Where(p => p.VillageId == village && p.EndedOn == null).Select(p => (int?)p.AssistantId).FirstOrDefaultAsync(ct)
            : null;
        if (cycle is null || assistant is null)
        {
            return [new WorkItem(WorkArea.Entry, cycle is null ? "Work.NoCollection" : "Work.NoAssistant", [], Count: 0)];
        }
        var items = new List<WorkItem>
        {
            new(WorkArea.Entry, "Work.FileRecord", [], cycle.Id, assistant, Count: 0),
            new(WorkArea.Entry, "Work.EnterTally", [], cycle.Id, assistant, Count: 0),
        };
        // A supervisor's own records, newest first; the home page names at most a page of them.
        foreach (var record in (await records.ListAsync(caller, cycle.Id, assistant.Value, new PageRequest(PageSize: PageRequest.MaxPageSize), ct)).Items)
        {
            items.Add(new WorkItem(WorkArea.MyRecord, "Work.MyRecord", [record.Date, record.Nature, record.Verification], cycle.Id, assistant, Count: 0));
        }
        return items;
    }

    private async Task<IEnumerable<WorkItem>> AssistantAsync(Caller caller, CancellationToken ct)
    {
        var mine = await results.PublishedForSelfAsync(caller, ct);
        if (mine.FirstOrDefault() is not { } latest)
        {
            return [new WorkItem(WorkArea.MyResult, "Work.NoResultYet", [], Count: 0)];
        }
        var items = new List<WorkItem>
        {
            latest.Row is { Composite: { } composite, Grade: { } grade }
                ? new(WorkArea.MyResult, "Work.MyResult", [latest.Year, composite, grade], latest.CycleId, Count: 0)
                : new(WorkArea.MyResult, "Work.MyResultIncomplete", [latest.Year], latest.CycleId, Count: 0),
        };
        var window = (await appeals.WindowsAsync(caller, ct)).FirstOrDefault(w => w.CycleId == latest.CycleId);
        var appeal = (await appeals.ListAsync(caller, ct: ct)).FirstOrDefault(a => a.CycleId == latest.CycleId);
        if (appeal is not null)
        {
            items.Add(new WorkItem(WorkArea.MyResult, "Work.MyAppeal", [latest.Year, appeal.Status], latest.CycleId, Count: 0));
        }
        else if (window is { IsOpen: true })
        {
            items.Add(new WorkItem(WorkArea.MyResult, "Work.MayAppeal", [latest.Year, window.Deadline], latest.CycleId, Count: 0,
                Due: DateOnly.FromDateTime(window.Deadline.ToOffset(TimeSpan.FromHours(8)).DateTime)));
        }
        return items;
    }
}
