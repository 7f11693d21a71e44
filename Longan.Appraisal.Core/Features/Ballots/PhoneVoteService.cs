using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Ballots;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Persistence.Configurations;
using Longan.Appraisal.Core.Resources;
using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Longan.Appraisal.Core.Features.Ballots;

/// <summary>What a code may do now; each refusal has its own plain message, and none says whether another code exists.</summary>
public enum CodeState
{
    Valid,
    /// <summary>Not a code of any session (or mistyped).</summary>
    Unknown,
    Spent,
    NotYetOpen,
    Closed,
    Voided,
    /// <summary>Its session took more ballots this minute than people can cast (<see cref="VoteLimits.VotesPerSessionPerMinute"/>); the code stays unspent.</summary>
    Busy,
}

/// <summary>The ballot a valid code opens: where, which group, and the assistants to evaluate.</summary>
public sealed record BallotPaper(BallotGroup Group, string Place, DateTimeOffset ClosesAt, IReadOnlyList<BallotPaperAssistant> Assistants);

public sealed record BallotPaperAssistant(int Id, string Name, string Village);

/// <summary>A phone vote as submitted: a choice per assistant (villagers: 1–3; cadres: a grade 1–4) and optional comments.</summary>
public sealed class PhoneVoteInput
{
    public Dictionary<int, int?> Choices { get; set; } = [];
    public Dictionary<int, string?> Comments { get; set; } = [];
}

/// <summary>
/// Voting at <c>/v/&lt;code&gt;</c> without an account (spec §11). The code is spent and a free vote
/// place chosen at random is filled in one transaction; nothing about the voter, the phone, the
/// address or the moment is written, and no audit record is made of a single vote.
/// </summary>
/// <remarks>
/// A voting day sends every page of a township's meetings here (opening, checking and casting
/// read the code again each time), so a look is one compiled, indexed query on a pooled context,
/// and a vote is one short write in the node's queue of writes, which commits the votes waiting
/// at that moment together: the check of the code, its spending and the filling of the place are
/// still one indivisible change.
/// </remarks>
public sealed class PhoneVoteService(PooledContexts contexts, WriteQueue writes, TimeProvider clock, IOptions<VoteLimits> limits)
{
    // Ballots per session in the current minute, on this node (each node of a province limits its own share).
    private readonly ConcurrentDictionary<(int Session, long Minute), int> _perSession = new();

    /// <summary>A code, its session and its cycle, in one look.</summary>
    private static readonly CompiledQuery<Func<AppraisalDbContext, byte[], CancellationToken, Task<FoundCode?>>> s_findCode = new(() => EF.CompileAsyncQuery(
        (AppraisalDbContext db, byte[] hash, CancellationToken ct) => (
            from c in db.BallotCodes
            where c.Hash == hash
            join s in db.BallotSessions on c.SessionId equals s.Id
            join y in db.Cycles on s.CycleId equals y.Id
            select new FoundCode(c.Hash, c.Spent, s, y.State, y.Year)).AsNoTracking().FirstOrDefault()));

    private static readonly CompiledQuery<Func<AppraisalDbContext, int, IAsyncEnumerable<int>>> s_assistantIds = new(() => EF.CompileAsyncQuery(
        (AppraisalDbContext db, int sessionId) => db.Set<BallotSessionAssistant>().Where(a => a.SessionId == sessionId).Select(a => a.AssistantId)));

    public async Task<(CodeState State, BallotPaper? Paper)> OpenAsync(string? typed, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var (state, code) = await StateAsync(db, typed, ct);
        if (state != CodeState.Valid)
        {
            return (state, null);
        }
        var session = code!.Session;
        var assistants = await Entries.CycleRoster.ForBallotSessionAsync(db, code.Year, session.Id, ct);
        return (state, new BallotPaper(session.Group, session.Place, session.EndsAt,
            assistants.Select(r => new BallotPaperAssistant(r.AssistantId, r.Name, r.VillageName)).ToList()));
    }

    /// <summary>Casts the vote; the state the code was in (only <see cref="CodeState.Valid"/> counts the vote, exactly once).</summary>
    public Task<CodeState> CastAsync(string? typed, PhoneVoteInput input, CancellationToken ct = default) =>
        writes.WriteAsync(async (db, token) =>
        {
            var (state, code) = await StateAsync(db, typed, token);
            if (state != CodeState.Valid)
            {
                return state; // a wrong code still counts against the open sessions
            }
            var session = code!.Session;
            var vote = Check(session.Group, await AssistantIdsAsync(db, session.Id, token), input);
            // Spent in the same write that checks it: of two submissions at once, exactly one finds it unspent.
            var spent = await db.BallotCodes.Where(c => c.Hash == code.Hash && !c.Spent).ExecuteUpdateAsync(c => c.SetProperty(x => x.Spent, true), token);
            if (spent != 1)
            {
                return CodeState.Spent;
            }
            // Compared with a parameter, not written !b.Cast (which becomes NOT "Cast"), so the (SessionId, Cast) index finds the free places in order.
            var notCast = false;
            var free = db.PhoneBallots.Where(b => b.SessionId == session.Id && b.Cast == notCast);
            var nth = System.Security.Cryptography.RandomNumberGenerator.GetInt32(await free.CountAsync(token));
            var filled = await db.PhoneBallots.Where(b => b.Id == free.OrderBy(f => f.Id).Skip(nth).Select(f => f.Id).First())
                .ExecuteUpdateAsync(b => b.SetProperty(x => x.Cast, true).SetProperty(x => x.Choices, vote.ChoicesText()).SetProperty(x => x.Comments, vote.CommentsText()), token);
            if (filled != 1)
            {
                throw new InvalidOperationException($"No free vote place in ballot session {session.Id}.");
            }
            // Bursts are counted on the session by ten-second interval, in the same write: no vote gets a time.
            var interval = BallotSessionFlags.IntervalOf(clock.GetUtcNow());
            await db.BallotSessions.Where(s => s.Id == session.Id).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.PeakBurst, x => x.BurstInterval == interval ? (x.BurstVotes + 1 > x.PeakBurst ? x.BurstVotes + 1 : x.PeakBurst) : (x.PeakBurst > 1 ? x.PeakBurst : 1))
                .SetProperty(x => x.BurstVotes, x => x.BurstInterval == interval ? x.BurstVotes + 1 : 1)
                .SetProperty(x => x.BurstInterval, interval), token);
            return CodeState.Valid;
        }, ct);

    private static async Task<List<int>> AssistantIdsAsync(AppraisalDbContext db, int sessionId, CancellationToken ct)
    {
        var ids = new List<int>();
        await foreach (var id in s_assistantIds.For(db)(db, sessionId).WithCancellation(ct))
        {
            ids.Add(id);
        }
        return ids;
    }

    /// <summary>Every assistant of the session chosen for, within range; comments cleaned and within their length.</summary>
    private static PhoneVote Check(BallotGroup group, IReadOnlyList<int> assistants, PhoneVoteInput input)
    {
        var max = group == BallotGroup.Villagers ? 3 : 4;
        var validator = new Validator();
        var comments = new Dictionary<int, string>();
        foreach (var assistant in assistants)
        {
            var choice = input.Choices.GetValueOrDefault(assistant);
            validator.Check(choice is >= 1 && choice <= max, $"Choice{assistant}", group == BallotGroup.Villagers ? Messages.PhoneVoteChooseOne : Messages.PhoneVoteGradeEach);
            var comment = InputText.Text(input.Comments.GetValueOrDefault(assistant), multiline: true);
            validator.MaxLength($"Comment{assistant}", Messages.LabelComment, comment, PhoneBallotLimits.PerComment);
            if (comment is not null)
            {
                comments[assistant] = comment;
            }
        }
        validator.ThrowIfInvalid();
        return new PhoneVote(assistants.ToDictionary(a => a, a => input.Choices[a]!.Value), comments);
    }

    /// <summary>One more ballot of the session this minute, within <see cref="VoteLimits.VotesPerSessionPerMinute"/>.</summary>
    private bool TakeTurn(int session, DateTimeOffset now)
    {
        var minute = now.UtcTicks / TimeSpan.TicksPerMinute;
        var count = _perSession.AddOrUpdate((session, minute), 1, (_, n) => n + 1);
        if (count == 1)
        {
            foreach (var old in _perSession.Keys.Where(k => k.Minute < minute))
            {
                _perSession.TryRemove(old, out _);
            }
        }
        return count <= limits.Value.VotesPerSessionPerMinute;
    }

    /// <summary>A code as found: its hash, whether it is spent, its session and the session's cycle.</summary>
    private sealed record FoundCode(byte[] Hash, bool Spent, BallotSession Session, CycleState CycleState, int Year);

    private async Task<(CodeState, FoundCode?)> StateAsync(AppraisalDbContext db, string? typed, CancellationToken ct)
    {
        var canonical = BallotCodes.Canonical(typed);
        var now = clock.GetUtcNow();
        var hash = canonical is null ? null : BallotCodes.Hash(canonical);
        var code = hash is null ? null : await s_findCode.For(db)(db, hash, ct);
        if (code is null)
        {
            // A guess: every session open now counts it, so one under attack is flagged for its township.
            await db.BallotSessions.Where(s => s.VoidedAt == null && s.ClosedAt == null && s.OpensAt <= now && s.ClosesAt > now)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.WrongCodes, x => x.WrongCodes + 1), ct);
            return (CodeState.Unknown, null);
        }
        if (!TakeTurn(code.Session.Id, now))
        {
            return (CodeState.Busy, code);
        }
        return (code.Session.StateAt(now) switch
        {
            BallotSessionState.Voided => CodeState.Voided,
            BallotSessionState.Closed => CodeState.Closed,
            _ when code.CycleState != CycleState.Collecting => CodeState.Closed,
            _ when code.Spent => CodeState.Spent,
            BallotSessionState.NotYetOpen => CodeState.NotYetOpen,
            _ => CodeState.Valid,
        }, code);
    }
}
