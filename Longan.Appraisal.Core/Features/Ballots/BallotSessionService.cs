using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Audit;
using Longan.Appraisal.Core.Domain.Ballots;
using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Entries;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Resources;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Core.Security.Policies;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Ballots;

/// <summary>
/// 测评场次 (spec §11): opening with codes, closing, voiding, and counting a closed session's votes
/// as entries exactly like paper — one 群众评议 tally of the session, or 党员干部评议 ballots — marked
/// with the session (手机). Opening, closing, voiding and counting are in the audit trail with
/// counts, never codes.
/// </summary>
public sealed class BallotSessionService(IDbContextFactory<AppraisalDbContext> dbFactory, TimeProvider clock)
{
    public async Task<OpenedSession> OpenAsync(Caller caller, BallotSessionInput input, CancellationToken ct = default)
    {
        BallotSessionPolicy.Ensure(caller, BallotSessionOperation.Open);
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        var cycle = await db.Cycles.AsNoTracking().FirstOrDefaultAsync(c => c.Id == input.CycleId, ct) ?? throw new NotFoundException(Messages.CycleNotFound);
        if (cycle.State != CycleState.Collecting)
        {
            throw new RuleViolationException(Messages.BallotSessionNeedsCollecting(cycle.Year));
        }
        var roster = (await CycleRoster.ForYearAsync(db, cycle.Year, ct)).ToDictionary(r => r.AssistantId);
        var now = clock.GetUtcNow();
        var opens = input.OpensAt ?? now;
        var closes = input.ClosesAt ?? CountyCalendar.EndOfDay(opens);
        var place = InputText.Text(input.Place);
        var assistants = input.AssistantIds.Distinct().ToList();
        var validator = new Validator()
            .Required(nameof(input.Place), Messages.LabelSessionPlace, place)
            .MaxLength(nameof(input.Place), Messages.LabelSessionPlace, place, FieldLimits.Name)
            .Check(input.Group is not null, nameof(input.Group), Messages.BallotSessionGroupRequired)
            .Check(assistants.Count > 0, nameof(input.AssistantIds), Messages.BallotSessionAssistantRequired)
            .Check(input.Group != BallotGroup.Villagers || assistants.Count <= 1, nameof(input.AssistantIds), Messages.BallotSessionVillagersOneAssistant)
            .Check(assistants.All(roster.ContainsKey), nameof(input.AssistantIds), Messages.BallotSessionAssistantNotAppraised(cycle.Year))
            .Check(input.CodeCount is >= 1 and <= BallotSessionInput.MaxCodes, nameof(input.CodeCount), Messages.BallotSessionCodeCount(BallotSessionInput.MaxCodes))
            .Check(closes > opens && closes > now, nameof(input.ClosesAt), Messages.BallotSessionWindowOrder)
            .Check(closes - opens <= BallotSessionInput.MaxWindow, nameof(input.ClosesAt), Messages.BallotSessionWindowTooLong((int)BallotSessionInput.MaxWindow.TotalDays));
        validator.ThrowIfInvalid();
        var townships = assistants.Select(a => roster[a].TownshipId).Distinct().ToList();
        if (townships.Count != 1)
        {
            throw new RuleViolationException(Messages.BallotSessionOneTownship);
        }
        BallotSessionPolicy.Ensure(caller, BallotSessionOperation.Open, townships[0]);

        var codes = BallotCodes.Generate(input.CodeCount);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var session = new BallotSession
        {
            CycleId = cycle.Id, TownshipId = townships[0], Group = input.Group!.Value, Place = place!, OpensAt = opens, ClosesAt = closes,
            CodeCount = codes.Count, OpenedBy = caller.UserName, CreatedAt = now,
            Assistants = assistants.Select(a => new BallotSessionAssistant { AssistantId = a }).ToList(),
        };
        db.BallotSessions.Add(session);
        await db.SaveChangesAsync(ct);
        // Codes and empty places for the votes: neither is audited one by one, and nothing ties a code to a place.
        db.BallotCodes.AddRange(codes.Select(c => new BallotCode { SessionId = session.Id, Hash = BallotCodes.Hash(c) }));
        db.PhoneBallots.AddRange(Enumerable.Range(0, codes.Count).Select(_ => new PhoneBallot { SessionId = session.Id }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new OpenedSession(session.Id, codes);
    }

    /// <summary>Ends voting now; the votes are counted at once.</summary>
    public async Task CloseAsync(Caller caller, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var session = await FindAsync(db, caller, BallotSessionOperation.Close, id, ct);
        var now = clock.GetUtcNow();
        if (session.VoidedAt is not null)
        {
            throw new RuleViolationException(Messages.BallotSessionVoided(id));
        }
        if (session.CanCloseAt(now))
        {
            session.ClosedAt = now;
        }
        await CountAsync(db, caller, session, now, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Makes a session's votes count nothing (counted ones are removed from the entries), while the cycle is collecting.</summary>
    public async Task VoidAsync(Caller caller, int id, string? reason, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var session = await FindAsync(db, caller, BallotSessionOperation.Void, id, ct);
        var text = InputText.Text(reason, multiline: true);
        new Validator()
            .Required("Reason", Messages.LabelVoidReason, text)
            .MaxLength("Reason", Messages.LabelVoidReason, text, FieldLimits.Comment)
            .ThrowIfInvalid();
        var cycle = await db.Cycles.AsNoTracking().FirstAsync(c => c.Id == session.CycleId, ct);
        if (!session.CanVoid(cycle.State))
        {
            throw new RuleViolationException(session.VoidedAt is not null ? Messages.BallotSessionVoided(id) : Messages.BallotSessionVoidNeedsCollecting(cycle.Year));
        }
        var now = clock.GetUtcNow();
        session.VoidedAt = now;
        session.VoidReason = text;
        foreach (var tally in await db.VillagerTallies.Where(t => t.BallotSessionId == id).ToListAsync(ct))
        {
            EntryLog.Add(db, caller, now, tally.CycleId, nameof(EntryKind.VillagerTally), tally.Id, EntryLog.Deleted, new { tally.Satisfied, tally.BasicallySatisfied, tally.Dissatisfied }, null);
            db.VillagerTallies.Remove(tally);
        }
        // Cadre ballots go as one count, never one by one: a list of single grades would be a list of single votes.
        var ballots = await db.CadreBallots.Where(b => b.BallotSessionId == id).ExecuteDeleteAsync(ct);
        await db.PhoneBallots.Where(b => b.SessionId == id).ExecuteDeleteAsync(ct);
        db.Record(AuditAction.Deleted, nameof(BallotSession), id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"作废第 {id} 号手机测评场次（原因：{text}）：其票不再计入，删除党员干部评议票 {ballots} 张", before: new { CadreBallots = ballots });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Keeps a flagged session's votes after a look at its flags (spec §11): it leaves the work lists
    /// of the township and 组织部, and who looked is recorded. Voiding stays open while collecting.
    /// </summary>
    public async Task KeepAsync(Caller caller, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        var session = await FindAsync(db, caller, BallotSessionOperation.Keep, id, ct);
        if (!CanKeep(session))
        {
            throw new RuleViolationException(Messages.BallotSessionNothingToKeep(id));
        }
        session.FlagsCheckedBy = caller.UserName;
        session.FlagsCheckedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The assistants whose counted phone votes come from a flagged session nobody has looked at yet (spec §11).</summary>
    internal static async Task<HashSet<int>> AssistantsAwaitingCheckAsync(AppraisalDbContext db, int cycleId, CancellationToken ct)
    {
        var counted = await db.BallotSessions.AsNoTracking().Include(s => s.Assistants)
            .Where(s => s.CycleId == cycleId && s.CountedAt != null && s.VoidedAt == null && s.FlagsCheckedAt == null).ToListAsync(ct);
        return counted.Where(s => BallotSessionFlags.Of(s).Count > 0).SelectMany(s => s.Assistants.Select(a => a.AssistantId)).ToHashSet();
    }

    /// <summary>Counted, not voided, flagged, and not looked at yet.</summary>
    private static bool CanKeep(BallotSession session) =>
        session.CountedAt is not null && session.VoidedAt is null && session.FlagsCheckedAt is null && BallotSessionFlags.Of(session).Count > 0;

    /// <summary>Counts every session whose window has ended and whose votes are not yet entries (the portal's timer, the verbs).</summary>
    public async Task<int> CountDueAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(Caller.System, ct);
        var now = clock.GetUtcNow();
        var due = await db.BallotSessions.Where(s => s.CountedAt == null && s.VoidedAt == null && s.ClosesAt <= now).Select(s => s.CycleId).Distinct().ToListAsync(ct);
        var counted = 0;
        foreach (var cycleId in due)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            counted += await CountDueAsync(db, Caller.System, cycleId, now, ct);
            await tx.CommitAsync(ct);
        }
        return counted;
    }

    /// <summary>Inside the caller's transaction: counts the cycle's sessions whose window has ended (compute does this first).</summary>
    internal static async Task<int> CountDueAsync(AppraisalDbContext db, Caller caller, int cycleId, DateTimeOffset now, CancellationToken ct)
    {
        var due = await db.BallotSessions.Include(s => s.Assistants)
            .Where(s => s.CycleId == cycleId && s.CountedAt == null && s.VoidedAt == null && s.ClosesAt <= now).ToListAsync(ct);
        foreach (var session in due)
        {
            await CountAsync(db, caller, session, now, ct);
        }
        await db.SaveChangesAsync(ct);
        return due.Count;
    }

    /// <summary>Inside the caller's transaction: a cycle leaving collection ends its sessions now and counts them all.</summary>
    internal static async Task EndForCycleAsync(AppraisalDbContext db, Caller caller, int cycleId, DateTimeOffset now, CancellationToken ct)
    {
        var sessions = await db.BallotSessions.Include(s => s.Assistants).Where(s => s.CycleId == cycleId && s.CountedAt == null && s.VoidedAt == null).ToListAsync(ct);
        foreach (var session in sessions)
        {
            if (session.StateAt(now) is BallotSessionState.NotYetOpen or BallotSessionState.Open)
            {
                session.ClosedAt = now;
            }
            await CountAsync(db, caller, session, now, ct);
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The assistants the caller may open a session for in the cycle: a township's own, every one for 组织部.</summary>
    public async Task<IReadOnlyList<RosterEntry>> AssistantsAsync(Caller caller, int cycleId, CancellationToken ct = default)
    {
        BallotSessionPolicy.Ensure(caller, BallotSessionOperation.Open);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var year = await db.Cycles.Where(c => c.Id == cycleId).Select(c => (int?)c.Year).FirstOrDefaultAsync(ct) ?? throw new NotFoundException(Messages.CycleNotFound);
        return (await CycleRoster.ForYearAsync(db, year, ct)).Where(r => BallotSessionPolicy.Can(caller, BallotSessionOperation.Open, r.TownshipId)).ToList();
    }

    public async Task<IReadOnlyList<BallotSessionRow>> ListAsync(Caller caller, int cycleId, CancellationToken ct = default)
    {
        BallotSessionPolicy.Ensure(caller, BallotSessionOperation.Read);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var sessions = db.BallotSessions.AsNoTracking().Where(s => s.CycleId == cycleId);
        if (caller.Role == AppRole.Township)
        {
            sessions = sessions.Where(s => s.TownshipId == caller.TownshipId);
        }
        var list = await sessions.Include(s => s.Assistants).ThenInclude(a => a.Assistant).OrderByDescending(s => s.Id).ToListAsync(ct);
        var ids = list.Select(s => s.Id).ToList();
        var spent = await db.BallotCodes.Where(c => ids.Contains(c.SessionId) && c.Spent).GroupBy(c => c.SessionId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var cycle = await db.Cycles.AsNoTracking().Where(c => c.Id == cycleId).Select(c => new { c.Year, c.State }).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException(Messages.CycleNotFound);
        var now = clock.GetUtcNow();
        var townships = await db.Townships.ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        return list.Select(s => new BallotSessionRow(s.Id, s.CycleId, cycle.Year, s.TownshipId, s.Group, s.Place, s.OpensAt, s.EndsAt, s.StateAt(now), s.CodeCount,
            spent.GetValueOrDefault(s.Id), s.Assistants.Select(a => a.Assistant!.Name).Order(StringComparer.Ordinal).ToList(), s.VoidReason, s.WrongCodes,
            s.CountedAt is not null)
        {
            Flags = BallotSessionFlags.Of(s), PeakBurst = s.PeakBurst, RepeatedComments = s.RepeatedComments,
            TownshipName = townships.GetValueOrDefault(s.TownshipId, ""), VoidedAt = s.VoidedAt,
            FlagsCheckedBy = s.FlagsCheckedBy, FlagsCheckedAt = s.FlagsCheckedAt,
            Rights = new BallotSessionRights(
                BallotSessionPolicy.Can(caller, BallotSessionOperation.Close, s.TownshipId) && s.CanCloseAt(now),
                BallotSessionPolicy.Can(caller, BallotSessionOperation.Void, s.TownshipId) && s.CanVoid(cycle.State),
                BallotSessionPolicy.Can(caller, BallotSessionOperation.Keep, s.TownshipId) && CanKeep(s)),
        }).ToList();
    }

    /// <summary>
    /// Flagged sessions nobody has looked at yet, for the home pages of the township (its own) and
    /// 组织部 (all), in cycles still collecting or in review.
    /// </summary>
    public async Task<IReadOnlyList<FlaggedSession>> AwaitingCheckAsync(Caller caller, CancellationToken ct = default)
    {
        if (!BallotSessionPolicy.Can(caller, BallotSessionOperation.Keep))
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var sessions = db.BallotSessions.AsNoTracking()
            .Where(s => s.VoidedAt == null && s.FlagsCheckedAt == null)
            .Join(db.Cycles.Where(c => c.State == CycleState.Collecting || c.State == CycleState.Review), s => s.CycleId, c => c.Id, (s, c) => new { Session = s, c.Year });
        if (caller.Role == AppRole.Township)
        {
            sessions = sessions.Where(x => x.Session.TownshipId == caller.TownshipId);
        }
        // A county's sessions of the years in progress are a few hundred at most: the flags are decided in one place, in memory.
        return (await sessions.OrderBy(x => x.Session.Id).ToListAsync(ct))
            .Where(x => BallotSessionFlags.Of(x.Session) is { Count: > 0 } flags && (caller.Role != AppRole.Township || BallotSessionFlags.ConcernTownship(flags)))
            .Select(x => new FlaggedSession(x.Session.Id, x.Session.CycleId, x.Year, x.Session.Place, BallotSessionFlags.Of(x.Session)))
            .ToList();
    }

    private static async Task<BallotSession> FindAsync(AppraisalDbContext db, Caller caller, BallotSessionOperation operation, int id, CancellationToken ct)
    {
        BallotSessionPolicy.Ensure(caller, operation);
        var session = await db.BallotSessions.Include(s => s.Assistants).FirstOrDefaultAsync(s => s.Id == id, ct)
            ?? throw new NotFoundException(Messages.BallotSessionNotFound(id));
        BallotSessionPolicy.Ensure(caller, operation, session.TownshipId);
        return session;
    }

    /// <summary>
    /// The session's votes become entries, in an order unrelated to casting: 群众评议 as one tally of
    /// the session (its comments shuffled), 党员干部评议 as one ballot per vote and assistant, shuffled.
    /// They carry the session's end as their time — nothing finer — and the places are emptied.
    /// </summary>
    private static async Task CountAsync(AppraisalDbContext db, Caller caller, BallotSession session, DateTimeOffset now, CancellationToken ct)
    {
        if (session.CountedAt is not null || session.VoidedAt is not null)
        {
            return;
        }
        var at = session.EndsAt;
        // The trail keeps the count (in the county's words, as stored records are), not the ballots one by one (their grades in a row would be single votes).
        db.Summarise(typeof(CadreBallot));
        var votes = (await db.PhoneBallots.AsNoTracking().Where(b => b.SessionId == session.Id && b.Cast).ToListAsync(ct))
            .Select(PhoneVote.Read).ToList();
        (session.RepeatedComments, session.OneChoice) = BallotSessionFlags.FromVotes(votes);
        session.BurstInterval = null;
        session.BurstVotes = 0;
        session.CountedAt = now; // saved with the first entry: closing is one change of the session in the trail
        Shuffle(votes);
        var entered = $"手机测评场次 #{session.Id}";
        foreach (var assistant in session.Assistants.Select(a => a.AssistantId))
        {
            if (session.Group == BallotGroup.Villagers)
            {
                var tally = new VillagerTally
                {
                    CycleId = session.CycleId, AssistantId = assistant, BallotSessionId = session.Id, EnteredBy = entered, CreatedAt = at, UpdatedAt = at,
                    Satisfied = votes.Count(v => v.Choice(assistant) == 1), BasicallySatisfied = votes.Count(v => v.Choice(assistant) == 2),
                    Dissatisfied = votes.Count(v => v.Choice(assistant) == 3), Round = Round(session),
                    PhoneComments = votes.Select(v => v.Comment(assistant)).OfType<string>().Select(c => new TallyComment { Text = c }).ToList(),
                };
                db.VillagerTallies.Add(tally);
                await db.SaveChangesAsync(ct);
                EntryLog.Add(db, caller, now, session.CycleId, nameof(EntryKind.VillagerTally), tally.Id, EntryLog.Created, null,
                    new { tally.Satisfied, tally.BasicallySatisfied, tally.Dissatisfied, tally.Round, Comments = tally.PhoneComments.Count });
            }
            else
            {
                // Shuffled again for each assistant: the n-th ballot of one and of another are not one cadre's.
                var mine = votes.Where(v => v.Choice(assistant) is not null).ToList();
                Shuffle(mine);
                foreach (var vote in mine)
                {
                    db.CadreBallots.Add(new CadreBallot
                    {
                        CycleId = session.CycleId, AssistantId = assistant, BallotSessionId = session.Id, EnteredBy = entered, CreatedAt = at, UpdatedAt = at,
                        Grade = (CadreGrade)vote.Choice(assistant)!.Value, Comment = vote.Comment(assistant),
                    });
                }
                await db.SaveChangesAsync(ct);
            }
        }
        await db.PhoneBallots.Where(b => b.SessionId == session.Id).ExecuteDeleteAsync(ct);
        db.Record(AuditAction.Created, nameof(BallotSession), session.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"计票：第 {session.Id} 号手机测评场次 {votes.Count} 票，计入 {session.Assistants.Count} 名助理员的评议数据", after: new { Votes = votes.Count, session.Group });
    }

    /// <summary>The tally's 会议或轮次: 手机测评, the day and the place, within the column's length.</summary>
    private static string Round(BallotSession session)
    {
        var round = $"手机测评 {CountyCalendar.Date(session.OpensAt):yyyy-MM-dd} {session.Place}";
        return round.Length <= FieldLimits.Name ? round : round[..FieldLimits.Name];
    }

    private static void Shuffle<T>(List<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = System.Security.Cryptography.RandomNumberGenerator.GetInt32(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
