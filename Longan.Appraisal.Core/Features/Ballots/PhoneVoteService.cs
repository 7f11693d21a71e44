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
public sealed class PhoneVoteService(IDbContextFactory<AppraisalDbContext> dbFactory, TimeProvider clock, IOptions<VoteLimits> limits)
{
    // Ballots per session in the current minute, on this node (each node of a province limits its own share).
    private readonly ConcurrentDictionary<(int Session, long Minute), int> _perSession = new();

    public async Task<(CodeState State, BallotPaper? Paper)> OpenAsync(string? typed, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (state, session) = await StateAsync(db, typed, ct);
        if (state != CodeState.Valid)
        {
            return (state, null);
        }
        var year = await db.Cycles.Where(c => c.Id == session!.CycleId).Select(c => c.Year).FirstAsync(ct);
        var assistants = (await db.Entry(session!).Collection(s => s.Assistants).Query().Select(a => a.AssistantId).ToListAsync(ct));
        var roster = (await Entries.CycleRoster.ForYearAsync(db, year, ct)).Where(r => assistants.Contains(r.AssistantId))
            .Select(r => new BallotPaperAssistant(r.AssistantId, r.Name, r.VillageName)).ToList();
        return (state, new BallotPaper(session!.Group, session.Place, session.EndsAt, roster));
    }

    /// <summary>Casts the vote; the state the code was in (only <see cref="CodeState.Valid"/> counts the vote, exactly once).</summary>
    public async Task<CodeState> CastAsync(string? typed, PhoneVoteInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (state, session) = await StateAsync(db, typed, ct);
        if (state != CodeState.Valid)
        {
            await tx.CommitAsync(ct); // a wrong code still counts against the open sessions
            return state;
        }
        var assistants = await db.Entry(session!).Collection(s => s.Assistants).Query().Select(a => a.AssistantId).ToListAsync(ct);
        var vote = Check(session!.Group, assistants, input);
        var hash = BallotCodes.Hash(BallotCodes.Canonical(typed)!);
        // Spent in the same write that checks it: of two submissions at once, exactly one finds it unspent.
        var spent = await db.BallotCodes.Where(c => c.Hash == hash && !c.Spent).ExecuteUpdateAsync(c => c.SetProperty(x => x.Spent, true), ct);
        if (spent != 1)
        {
            return CodeState.Spent;
        }
        var places = await db.PhoneBallots.Where(b => b.SessionId == session.Id && !b.Cast).Select(b => b.Id).ToListAsync(ct);
        var place = places[System.Security.Cryptography.RandomNumberGenerator.GetInt32(places.Count)];
        await db.PhoneBallots.Where(b => b.Id == place)
            .ExecuteUpdateAsync(b => b.SetProperty(x => x.Cast, true).SetProperty(x => x.Choices, vote.ChoicesText()).SetProperty(x => x.Comments, vote.CommentsText()), ct);
        // Bursts are counted on the session by ten-second interval, in the same write: no vote gets a time.
        var interval = BallotSessionFlags.IntervalOf(clock.GetUtcNow());
        await db.BallotSessions.Where(s => s.Id == session.Id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.PeakBurst, x => x.BurstInterval == interval ? (x.BurstVotes + 1 > x.PeakBurst ? x.BurstVotes + 1 : x.PeakBurst) : (x.PeakBurst > 1 ? x.PeakBurst : 1))
            .SetProperty(x => x.BurstVotes, x => x.BurstInterval == interval ? x.BurstVotes + 1 : 1)
            .SetProperty(x => x.BurstInterval, interval), ct);
        await tx.CommitAsync(ct);
        return CodeState.Valid;
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

    private async Task<(CodeState, BallotSession?)> StateAsync(AppraisalDbContext db, string? typed, CancellationToken ct)
    {
        var canonical = BallotCodes.Canonical(typed);
        var now = clock.GetUtcNow();
        var hash = canonical is null ? null : BallotCodes.Hash(canonical);
        var code = hash is null ? null : await db.BallotCodes.AsNoTracking().FirstOrDefaultAsync(c => c.Hash == hash, ct);
        if (code is null)
        {
            // A guess: every session open now counts it, so one under attack is flagged for its township.
            await db.BallotSessions.Where(s => s.VoidedAt == null && s.ClosedAt == null && s.OpensAt <= now && s.ClosesAt > now)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.WrongCodes, x => x.WrongCodes + 1), ct);
            return (CodeState.Unknown, null);
        }
        var session = await db.BallotSessions.FirstAsync(s => s.Id == code.SessionId, ct);
        if (!TakeTurn(session.Id, now))
        {
            return (CodeState.Busy, session);
        }
        var cycleState = await db.Cycles.Where(c => c.Id == session.CycleId).Select(c => c.State).FirstAsync(ct);
        return session.StateAt(now) switch
        {
            BallotSessionState.Voided => (CodeState.Voided, session),
            BallotSessionState.Closed => (CodeState.Closed, session),
            _ when cycleState != CycleState.Collecting => (CodeState.Closed, session),
            _ when code.Spent => (CodeState.Spent, session),
            BallotSessionState.NotYetOpen => (CodeState.NotYetOpen, session),
            _ => (CodeState.Valid, session),
        };
    }
}
