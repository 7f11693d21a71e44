using Longan.Appraisal.Core.Domain.Ballots;
using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Features.Ballots;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Evaluations;
using Longan.Appraisal.Core.Features.Results;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Tests.Core.Features.Ballots;

/// <summary>Issue 12: 测评场次 and one-time codes (spec §11) — a code's life, counting like paper, voiding, anonymity.</summary>
public sealed class BallotSessionServiceTests : IAsyncLifetime
{
    private readonly CollectingCounty _county = new();

    private BallotSessionService Sessions => _county.Get<BallotSessionService>();
    private PhoneVoteService Votes => _county.Get<PhoneVoteService>();
    private FixedClock Clock => (FixedClock)_county.Get<TimeProvider>();

    public Task InitializeAsync() => _county.InitializeAsync();

    public Task DisposeAsync() => _county.DisposeAsync();

    private Task<OpenedSession> OpenVillagersAsync(int codes = 5, Caller? by = null, DateTimeOffset? opens = null) =>
        Sessions.OpenAsync(by ?? _county.Natong, new BallotSessionInput
        {
            CycleId = _county.CycleId, Group = BallotGroup.Villagers, AssistantIds = [_county.LangwanAssistant], CodeCount = codes, Place = "浪湾村委会议室",
            OpensAt = opens,
        });

    private PhoneVoteInput Villager(int choice, string? comment = null) => new()
    {
        Choices = { [_county.LangwanAssistant] = choice },
        Comments = { [_county.LangwanAssistant] = comment },
    };

    [Fact]
    public void Codes_AtLeast50Bits_WithoutAmbiguousCharacters_ReadBackAsTyped()
    {
        Assert.True(BallotCodes.Bits >= 50);
        Assert.DoesNotContain(BallotCodes.Alphabet, c => c is '0' or 'O' or '1' or 'I' or 'L');
        var code = Assert.Single(BallotCodes.Generate(1));
        Assert.Equal(code, BallotCodes.Canonical(BallotCodes.Display(code).ToLowerInvariant()));
        Assert.Equal(code, BallotCodes.Canonical(" " + string.Concat(BallotCodes.Display(code).Select(c => c == '-' ? ' ' : (char)(c + 0xFEE0))) + " "));
        Assert.Null(BallotCodes.Canonical(code[..11]));
        Assert.Null(BallotCodes.Canonical(code[..11] + "O"));
        Assert.Equal(1000, BallotCodes.Generate(1000).Distinct().Count());
    }

    [Fact]
    public async Task Code_Lifecycle_UnusedSpentUnknownNotYetOpenClosedVoided()
    {
        var session = await OpenVillagersAsync();
        var (state, paper) = await Votes.OpenAsync(BallotCodes.Display(session.Codes[0]));
        Assert.Equal(CodeState.Valid, state);
        Assert.Equal(BallotGroup.Villagers, paper!.Group);
        Assert.Equal("谢明辉", Assert.Single(paper.Assistants).Name);

        Assert.Equal(CodeState.Valid, await Votes.CastAsync(session.Codes[0], Villager(1)));
        Assert.Equal(CodeState.Spent, await Votes.CastAsync(session.Codes[0], Villager(3)));
        Assert.Equal(CodeState.Spent, (await Votes.OpenAsync(session.Codes[0])).State);
        Assert.Equal(CodeState.Unknown, (await Votes.OpenAsync("2345-6789-ABCD")).State);
        Assert.Equal(CodeState.Unknown, (await Votes.OpenAsync("不是测评码")).State);

        var later = await OpenVillagersAsync(opens: Clock.GetUtcNow().AddHours(2));
        Assert.Equal(CodeState.NotYetOpen, (await Votes.OpenAsync(later.Codes[0])).State);
        Assert.Equal(CodeState.NotYetOpen, await Votes.CastAsync(later.Codes[0], Villager(1)));

        await Sessions.CloseAsync(_county.Natong, session.Id);
        Assert.Equal(CodeState.Closed, (await Votes.OpenAsync(session.Codes[1])).State);
        Assert.Equal(CodeState.Closed, await Votes.CastAsync(session.Codes[1], Villager(1)));

        await Sessions.VoidAsync(_county.Natong, later.Id, "会场秩序混乱");
        Assert.Equal(CodeState.Voided, (await Votes.OpenAsync(later.Codes[0])).State);
    }

    [Fact]
    public async Task Code_TwoSubmissionsAtTheSameMoment_ExactlyOneCounts()
    {
        var session = await OpenVillagersAsync();
        var both = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Votes.CastAsync(session.Codes[0], Villager(1)))));
        Assert.Equal(1, both.Count(s => s == CodeState.Valid));
        Assert.All(both.Where(s => s != CodeState.Valid), s => Assert.Equal(CodeState.Spent, s));

        await Sessions.CloseAsync(_county.Natong, session.Id);
        await using var db = await _county.Db.OpenAsync();
        Assert.Equal(1, (await db.VillagerTallies.SingleAsync(t => t.BallotSessionId == session.Id)).Satisfied);
    }

    [Fact]
    public async Task Villagers_ClosedSession_IsOneTallyOfTheSession_CountedLikePaper_CommentsKept()
    {
        var session = await OpenVillagersAsync(codes: 6);
        int[] choices = [1, 1, 2, 3, 1];
        foreach (var (code, choice) in session.Codes.Zip(choices))
        {
            Assert.Equal(CodeState.Valid, await Votes.CastAsync(code, Villager(choice, choice == 3 ? "希望多走访" : null)));
        }
        Assert.Equal(0, await TalliesAsync(session.Id)); // nothing shows before it closes

        await Sessions.CloseAsync(_county.Natong, session.Id);

        await using var db = await _county.Db.OpenAsync();
        var tally = await db.VillagerTallies.Include(t => t.PhoneComments).SingleAsync(t => t.BallotSessionId == session.Id);
        Assert.Equal((3, 1, 1, 0), (tally.Satisfied, tally.BasicallySatisfied, tally.Dissatisfied, tally.Invalid));
        Assert.Equal("希望多走访", Assert.Single(tally.PhoneComments).Text);
        Assert.StartsWith("手机测评", tally.Round);
        Assert.Equal(_county.LangwanAssistant, tally.AssistantId);
        Assert.Empty(await db.PhoneBallots.Where(b => b.SessionId == session.Id).ToListAsync());
        var row = Assert.Single(await Sessions.ListAsync(_county.Natong, _county.CycleId));
        Assert.Equal((BallotSessionState.Closed, 5, 6, true), (row.State, row.Spent, row.CodeCount, row.Counted));
    }

    [Fact]
    public async Task Cadres_OneGradePerAssistant_BecomeBallotsOfEachAssistant()
    {
        var village = await _county.Db.VillageIdAsync(Demo.NatongTownship, "那桐村");
        int natong;
        await using (var lookup = await _county.Db.OpenAsync())
        {
            natong = await lookup.Postings.Where(p => p.VillageId == village && p.EndedOn == null).Select(p => p.AssistantId).SingleAsync();
        }
        var session = await Sessions.OpenAsync(_county.Natong, new BallotSessionInput
        {
            CycleId = _county.CycleId, Group = BallotGroup.Cadres, AssistantIds = [_county.LangwanAssistant, natong], CodeCount = 3, Place = "那桐镇党委会议室",
        });
        await Votes.CastAsync(session.Codes[0], new PhoneVoteInput { Choices = { [_county.LangwanAssistant] = 1, [natong] = 2 }, Comments = { [natong] = "工作踏实" } });
        await Votes.CastAsync(session.Codes[1], new PhoneVoteInput { Choices = { [_county.LangwanAssistant] = 2, [natong] = 2 } });
        var missing = await Assert.ThrowsAsync<ValidationFailedException>(() => Votes.CastAsync(session.Codes[2], new PhoneVoteInput { Choices = { [natong] = 4 } }));
        Assert.Contains("每一名助理员", missing.Message);
        Assert.Equal(CodeState.Valid, (await Votes.OpenAsync(session.Codes[2])).State); // a refused vote spends nothing

        await Sessions.CloseAsync(_county.Natong, session.Id);

        await using var db = await _county.Db.OpenAsync();
        var ballots = await db.CadreBallots.Where(b => b.BallotSessionId == session.Id).ToListAsync();
        Assert.Equal([CadreGrade.Excellent, CadreGrade.Competent], ballots.Where(b => b.AssistantId == _county.LangwanAssistant).Select(b => b.Grade).Order());
        Assert.Equal([CadreGrade.Competent, CadreGrade.Competent], ballots.Where(b => b.AssistantId == natong).Select(b => b.Grade));
        Assert.Equal("工作踏实", Assert.Single(ballots, b => b.Comment is not null).Comment);
    }

    [Fact]
    public async Task Void_AClosedSession_RemovesItsVotesFromTheEntries_WithTheReasonKept()
    {
        var session = await OpenVillagersAsync();
        await Votes.CastAsync(session.Codes[0], Villager(1));
        await Sessions.CloseAsync(_county.Natong, session.Id);
        Assert.Equal(1, await TalliesAsync(session.Id));

        var empty = await Assert.ThrowsAsync<ValidationFailedException>(() => Sessions.VoidAsync(_county.Natong, session.Id, " "));
        Assert.Contains("作废原因", empty.Message);
        await Sessions.VoidAsync(_county.Natong, session.Id, "发现有人代投");

        Assert.Equal(0, await TalliesAsync(session.Id));
        var row = Assert.Single(await Sessions.ListAsync(_county.Natong, _county.CycleId));
        Assert.Equal((BallotSessionState.Voided, "发现有人代投"), (row.State, row.VoidReason));
    }

    [Fact]
    public async Task WindowEnded_CountedByTheTimer_WithTheSessionsEndAsTheirOnlyTime()
    {
        var session = await OpenVillagersAsync();
        await Votes.CastAsync(session.Codes[0], Villager(2));
        Assert.Equal(0, await Sessions.CountDueAsync());

        Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await Sessions.CountDueAsync());
        Assert.Equal(0, await Sessions.CountDueAsync());

        await using var db = await _county.Db.OpenAsync();
        var tally = await db.VillagerTallies.SingleAsync(t => t.BallotSessionId == session.Id);
        var closes = (await db.BallotSessions.SingleAsync(s => s.Id == session.Id)).ClosesAt;
        Assert.Equal((closes, closes), (tally.CreatedAt, tally.UpdatedAt));
    }

    [Fact]
    public async Task Anonymity_NothingStoredLinksAVoteToItsCodeOrItsMoment()
    {
        var session = await OpenVillagersAsync(codes: 20);
        for (var i = 0; i < 12; i++)
        {
            Clock.Advance(TimeSpan.FromSeconds(7));
            await Votes.CastAsync(session.Codes[i], Villager(i % 3 + 1));
        }

        await using var db = await _county.Db.OpenAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        // The vote places and the codes: no time, no address, no agent, no reference to each other.
        foreach (var table in new[] { "PhoneBallots", "BallotCodes" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT name, type FROM pragma_table_info('{table}')";
            var columns = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    columns.Add(reader.GetString(0));
                }
            }
            Assert.Equal(table == "PhoneBallots" ? ["Id", "SessionId", "Cast", "Choices", "Comments"] : ["Id", "SessionId", "Hash", "Spent"], columns);
        }
        // The places filled are a random draw from those the session created, not the first ones in turn.
        var cast = await db.PhoneBallots.Where(b => b.SessionId == session.Id && b.Cast).Select(b => b.Id).OrderBy(i => i).ToListAsync();
        var first = await db.PhoneBallots.Where(b => b.SessionId == session.Id).Select(b => b.Id).OrderBy(i => i).Take(12).ToListAsync();
        Assert.Equal(12, cast.Count);
        Assert.NotEqual(first, cast); // a chance of 1 in C(20,12) = 125 970 to fail by luck
        // Nothing about single votes or codes went to the audit trail.
        Assert.DoesNotContain(await db.AuditRecords.Select(r => r.Subject).ToListAsync(), s => s is "PhoneBallot" or "BallotCode");
    }

    [Fact]
    public async Task GuessedCodes_CountAgainstTheOpenSessions_AndFlagIt()
    {
        var session = await OpenVillagersAsync();
        for (var i = 0; i < BallotSessionRow.GuessingThreshold; i++)
        {
            Assert.Equal(CodeState.Unknown, await Votes.CastAsync($"2345-6789-{i:00}AB".Replace("0", "2").Replace("1", "3"), Villager(1)));
        }
        var row = Assert.Single(await Sessions.ListAsync(_county.Natong, _county.CycleId));
        Assert.True(row.UnderGuessing);
        Assert.Equal(0, row.Spent);
    }

    [Fact]
    public async Task Who_TownshipForItsOwn_CountyForAll_NoOneElse()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => OpenVillagersAsync(by: _county.Supervisor));
        await Assert.ThrowsAsync<AccessDeniedException>(() => OpenVillagersAsync(by: _county.Chengxiang));
        var session = await OpenVillagersAsync(by: _county.County);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Sessions.CloseAsync(_county.Chengxiang, session.Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Sessions.VoidAsync(_county.Assistant, session.Id, "x"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Sessions.ListAsync(_county.Supervisor, _county.CycleId));
        Assert.Empty(await Sessions.ListAsync(_county.Chengxiang, _county.CycleId));
        Assert.Single(await Sessions.ListAsync(_county.Natong, _county.CycleId));
    }

    [Fact]
    public async Task Scoring_PaperAndPhoneTogether_ReproducesTheHandComputedScores_AndAVoidedSessionChangesNothing()
    {
        await _county.Get<VillagerTallyService>().AddAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant,
            new TallyInput { Satisfied = 6, BasicallySatisfied = 2, Dissatisfied = 1, Round = "3月村民代表会议" });
        var cadres = _county.Get<CadreBallotService>();
        for (var i = 0; i < 4; i++)
        {
            await cadres.AddAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, new CadreBallotInput { Grade = CadreGrade.Excellent });
        }
        var villagers = await OpenVillagersAsync();
        foreach (var (code, choice) in villagers.Codes.Zip([1, 1, 2]))
        {
            await Votes.CastAsync(code, Villager(choice));
        }
        var cadreSession = await Sessions.OpenAsync(_county.Natong, new BallotSessionInput
        {
            CycleId = _county.CycleId, Group = BallotGroup.Cadres, AssistantIds = [_county.LangwanAssistant], CodeCount = 3, Place = "那桐镇党委会议室",
        });
        await Votes.CastAsync(cadreSession.Codes[0], new PhoneVoteInput { Choices = { [_county.LangwanAssistant] = (int)CadreGrade.Competent } });
        await Votes.CastAsync(cadreSession.Codes[1], new PhoneVoteInput { Choices = { [_county.LangwanAssistant] = (int)CadreGrade.Incompetent } });
        var stuffed = await OpenVillagersAsync();
        foreach (var code in stuffed.Codes)
        {
            await Votes.CastAsync(code, Villager(3));
        }
        await Sessions.VoidAsync(_county.Natong, stuffed.Id, "同一人连续投票");

        // Leaving collection ends the open sessions and counts them.
        await _county.MoveAsync(CycleState.Review);
        await _county.Get<ResultService>().ComputeAsync(_county.County, _county.CycleId);

        await using var db = await _county.Db.OpenAsync();
        var result = await db.StoredResults.Where(r => r.AssistantId == _county.LangwanAssistant).OrderByDescending(r => r.ResultVersionId).FirstAsync();
        // V: S 6+2, B 2+1, D 1 → (100·8 + 60·3) / 12 = 81.67; C: 优秀 ×4, 称职, 不称职 → (400 + 80 + 0) / 6 = 80.
        Assert.Equal((12, 81.67m), (result.VillagerVotes, Math.Round(result.VillagerScore!.Value, 2)));
        Assert.Equal((6, 80m), (result.CadreBallots, result.CadreScore));
    }

    private async Task<int> TalliesAsync(int sessionId)
    {
        await using var db = await _county.Db.OpenAsync();
        return await db.VillagerTallies.CountAsync(t => t.BallotSessionId == sessionId);
    }
}
