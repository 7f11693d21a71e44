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
        var natong = await NatongVillageAssistantAsync();
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
    public async Task Cadres_EachAssistantsBallotsInTheirOwnOrder_NoRowLinksOneCadresGrades()
    {
        var natong = await NatongVillageAssistantAsync();
        var session = await Sessions.OpenAsync(_county.Natong, new BallotSessionInput
        {
            CycleId = _county.CycleId, Group = BallotGroup.Cadres, AssistantIds = [_county.LangwanAssistant, natong], CodeCount = 12, Place = "那桐镇党委会议室",
        });
        // Each cadre signs both comments alike, so a shared order would show at once.
        for (var i = 0; i < 12; i++)
        {
            await Votes.CastAsync(session.Codes[i], new PhoneVoteInput
            {
                Choices = { [_county.LangwanAssistant] = 1, [natong] = 2 },
                Comments = { [_county.LangwanAssistant] = $"干部{i:00}", [natong] = $"干部{i:00}" },
            });
        }
        await Sessions.CloseAsync(_county.Natong, session.Id);

        await using var db = await _county.Db.OpenAsync();
        var ballots = await db.CadreBallots.Where(b => b.BallotSessionId == session.Id).OrderBy(b => b.Id).ToListAsync();
        var langwan = ballots.Where(b => b.AssistantId == _county.LangwanAssistant).Select(b => b.Comment).ToList();
        var other = ballots.Where(b => b.AssistantId == natong).Select(b => b.Comment).ToList();
        Assert.Equal(langwan.Order(), other.Order());
        Assert.NotEqual(langwan, other); // a chance of 1 in 12! to fail by luck
        // The trail has the session's count, not the ballots one by one.
        Assert.DoesNotContain(await db.AuditRecords.Select(r => r.Subject).ToListAsync(), s => s == nameof(CadreBallot));
        Assert.Contains(await db.AuditRecords.Where(r => r.Subject == nameof(BallotSession)).Select(r => r.Summary).ToListAsync(),
            summary => summary != null && summary.Contains("12 票"));
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
        var moments = new List<DateTimeOffset>();
        for (var i = 0; i < 12; i++)
        {
            Clock.Advance(TimeSpan.FromSeconds(7));
            moments.Add(Clock.GetUtcNow());
            await Votes.CastAsync(session.Codes[i], Villager(i % 3 + 1, $"意见{i}"));
        }

        await using var db = await _county.Db.OpenAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        // Every value of every table: no code (as typed or as stored), and no moment a vote was cast, in any form a time is kept.
        var forbidden = session.Codes.SelectMany(c => new[] { c, BallotCodes.Display(c) })
            .Concat(moments.SelectMany(m => new[]
            {
                m.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture), m.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                m.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                m.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            })).ToList();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = db.Database.IsSqlite()
                ? "SELECT name FROM sqlite_master WHERE type = 'table'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }
        Assert.Contains("PhoneBallots", tables);
        foreach (var table in tables)
        {
            await using var all = connection.CreateCommand();
            all.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await all.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var column = 0; column < reader.FieldCount; column++)
                {
                    var value = reader.IsDBNull(column) ? ""
                        : reader.GetValue(column) is DateTime moment ? moment.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)
                        : Convert.ToString(reader.GetValue(column), System.Globalization.CultureInfo.InvariantCulture)!;
                    Assert.False(forbidden.Any(value.Contains), $"{table}.{reader.GetName(column)} holds a code or a moment of voting: {value}");
                }
            }
        }
        // The vote places and the codes: no time, no address, no agent, no reference to each other.
        foreach (var table in new[] { "PhoneBallots", "BallotCodes" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = db.Database.IsSqlite()
                ? $"SELECT name, type FROM pragma_table_info('{table}')"
                : $"SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '{table}' ORDER BY ordinal_position";
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
        for (var i = 0; i < BallotSessionFlags.GuessingWrongCodes; i++)
        {
            Assert.Equal(CodeState.Unknown, await Votes.CastAsync($"2345-6789-{i:00}AB".Replace("0", "2").Replace("1", "3"), Villager(1)));
        }
        var row = Assert.Single(await Sessions.ListAsync(_county.Natong, _county.CycleId));
        Assert.Equal([BallotSessionFlag.Guessing], row.Flags);
        Assert.True(row.AwaitsCheck);
        Assert.Equal(0, row.Spent);
        Assert.Equal(session.Id, Assert.Single(await Sessions.AwaitingCheckAsync(_county.County)).Id);
        Assert.Empty(await Sessions.AwaitingCheckAsync(_county.Natong)); // a guess belongs to no session: the county watches for it
    }

    [Theory]
    [InlineData(5, 10)]
    [InlineData(33, 10)]
    [InlineData(34, 11)]
    [InlineData(100, 30)]
    public void Burst_TenVotesOrAThirdOfALargeMeeting(int codes, int threshold) =>
        Assert.Equal(threshold, BallotSessionFlags.BurstThreshold(codes));

    [Fact]
    public async Task Flags_ManyVotesWithinSeconds_IdenticalComments_OneChoice_ShownUntilKept()
    {
        var session = await OpenVillagersAsync(codes: 30);
        // Ten votes in one ten-second interval: a burst. Then more at a person's pace, all 满意, three alike.
        for (var i = 0; i < BallotSessionFlags.BurstVotes; i++)
        {
            await Votes.CastAsync(session.Codes[i], Villager(1, i < 3 ? "办事 认真，群众满意!" : null));
        }
        Clock.Advance(TimeSpan.FromSeconds(30));
        for (var i = BallotSessionFlags.BurstVotes; i < 14; i++)
        {
            Clock.Advance(TimeSpan.FromSeconds(25));
            await Votes.CastAsync(session.Codes[i], Villager(1, i == 10 ? "办事认真，群众满意" : "好"));
        }
        var open = Assert.Single(await Sessions.ListAsync(_county.Natong, _county.CycleId));
        Assert.Equal([BallotSessionFlag.Burst], open.Flags); // the votes themselves are looked at only once counted
        Assert.Equal(BallotSessionFlags.BurstVotes, open.PeakBurst);
        Assert.False(open.Rights.CanKeep);

        await Sessions.CloseAsync(_county.Natong, session.Id);
        var row = Assert.Single(await Sessions.ListAsync(_county.Natong, _county.CycleId));
        Assert.Equal([BallotSessionFlag.Burst, BallotSessionFlag.RepeatedComments, BallotSessionFlag.OneChoice], row.Flags);
        Assert.Equal(4, row.RepeatedComments); // "好" is too short to count as repeated
        Assert.True(row.Rights is { CanKeep: true, CanVoid: true, CanClose: false });
        Assert.Single(await Sessions.AwaitingCheckAsync(_county.Natong));
        Assert.Empty(await Sessions.AwaitingCheckAsync(_county.Chengxiang));
        Assert.Empty(await Sessions.AwaitingCheckAsync(_county.Supervisor));
        var progress = _county.Get<Longan.Appraisal.Core.Features.Collection.CollectionProgressService>();
        Assert.True((await progress.GetAsync(_county.Natong, _county.CycleId)).Rows.Single(r => r.AssistantId == _county.LangwanAssistant).PhoneVotesInQuestion);

        await Sessions.KeepAsync(_county.Natong, session.Id);
        Assert.False((await progress.GetAsync(_county.Natong, _county.CycleId)).Rows.Single(r => r.AssistantId == _county.LangwanAssistant).PhoneVotesInQuestion);
        Assert.Empty(await Sessions.AwaitingCheckAsync(_county.County));
        var kept = Assert.Single(await Sessions.ListAsync(_county.County, _county.CycleId));
        Assert.Equal((_county.Natong.UserName, false), (kept.FlagsCheckedBy, kept.AwaitsCheck));
        await Assert.ThrowsAsync<RuleViolationException>(() => Sessions.KeepAsync(_county.Natong, session.Id));
        await using var db = await _county.Db.OpenAsync();
        var stored = await db.BallotSessions.SingleAsync(s => s.Id == session.Id);
        Assert.Null(stored.BurstInterval); // the latest vote's interval is not kept once counted
    }

    [Fact]
    public async Task Codes_OfOneSession_BeyondTheLimitPerMinute_WaitUnspent()
    {
        var limited = new PhoneVoteService(_county.Get<Longan.Appraisal.Core.Persistence.PooledContexts>(), _county.Get<Longan.Appraisal.Core.Persistence.WriteQueue>(), Clock,
            Microsoft.Extensions.Options.Options.Create(new VoteLimits { VotesPerSessionPerMinute = 3 }));
        var session = await OpenVillagersAsync(codes: 5);
        var other = await OpenVillagersAsync(codes: 1);
        Assert.Equal(CodeState.Valid, (await limited.OpenAsync(session.Codes[0])).State);
        Assert.Equal(CodeState.Valid, await limited.CastAsync(session.Codes[0], Villager(1)));
        Assert.Equal(CodeState.Spent, await limited.CastAsync(session.Codes[0], Villager(1)));
        Assert.Equal(CodeState.Busy, await limited.CastAsync(session.Codes[1], Villager(1)));
        Assert.Equal(CodeState.Valid, (await limited.OpenAsync(other.Codes[0])).State); // another session is not held up

        Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(CodeState.Valid, await limited.CastAsync(session.Codes[1], Villager(2)));
        Assert.Equal(2, Assert.Single(await Sessions.ListAsync(_county.Natong, _county.CycleId), r => r.Id == session.Id).Spent);
    }

    [Fact]
    public async Task Flags_AtAPersonsPace_DifferentChoices_NoneRaised()
    {
        var session = await OpenVillagersAsync(codes: 12);
        for (var i = 0; i < 12; i++)
        {
            Clock.Advance(TimeSpan.FromSeconds(2));
            await Votes.CastAsync(session.Codes[i], Villager(i == 5 ? 2 : 1, $"第{i}位村民的意见"));
        }
        await Sessions.CloseAsync(_county.Natong, session.Id);
        var row = Assert.Single(await Sessions.ListAsync(_county.Natong, _county.CycleId));
        Assert.Empty(row.Flags);
        Assert.True(row.PeakBurst < BallotSessionFlags.BurstVotes);
        Assert.Empty(await Sessions.AwaitingCheckAsync(_county.County));
    }

    [Fact]
    public async Task Comments_OrderUnrelatedToCasting()
    {
        var session = await OpenVillagersAsync(codes: 12);
        var cast = Enumerable.Range(1, 12).Select(i => $"第{i:00}条意见").ToList();
        foreach (var (code, comment) in session.Codes.Zip(cast))
        {
            await Votes.CastAsync(code, Villager(1, comment));
        }
        await Sessions.CloseAsync(_county.Natong, session.Id);
        await using var db = await _county.Db.OpenAsync();
        var stored = await db.Set<TallyComment>().OrderBy(c => c.Id).Select(c => c.Text).ToListAsync();
        Assert.Equal(cast.Order(), stored.Order());
        Assert.NotEqual(cast, stored); // a chance of 1 in 12! to fail by luck
    }

    [Fact]
    public async Task Audit_OpenedClosedVoidedAndKept_WithCountsNeverCodes()
    {
        var session = await OpenVillagersAsync(codes: 7);
        await Votes.CastAsync(session.Codes[0], Villager(1));
        await Sessions.CloseAsync(_county.Natong, session.Id);
        await Sessions.VoidAsync(_county.Natong, session.Id, "会场秩序混乱");
        await using var db = await _county.Db.OpenAsync();
        var records = await db.AuditRecords.Where(r => r.Subject == nameof(BallotSession)).OrderBy(r => r.Id).ToListAsync();
        Assert.Equal(5, records.Count); // opened, closed, counted, voided, its votes removed
        Assert.Contains("\"CodeCount\":7", records[0].After);
        Assert.Contains("CountedAt", records[1].After);
        Assert.Contains("1 票", records[2].Summary);
        Assert.Contains("会场秩序混乱", records[3].After);
        Assert.Contains("会场秩序混乱", records[4].Summary);
        var trail = string.Join("\n", await db.AuditRecords.Select(r => (r.Before ?? "") + (r.After ?? "")).ToListAsync());
        Assert.All(session.Codes, code => Assert.DoesNotContain(code, trail));
        Assert.DoesNotContain("BurstInterval", trail);
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

        // Collection progress shows paper and phone side by side (the cadre session is counted below, on leaving collection).
        await Sessions.CloseAsync(_county.Natong, villagers.Id);
        var progress = await _county.Get<Longan.Appraisal.Core.Features.Collection.CollectionProgressService>().GetAsync(_county.Natong, _county.CycleId);
        var line = progress.Rows.Single(r => r.AssistantId == _county.LangwanAssistant);
        Assert.Equal((12, 3, 4, 0), (line.VillagerVotes, line.PhoneVillagerVotes, line.CadreBallots, line.PhoneCadreBallots));

        // Leaving collection ends the open sessions and counts them.
        await _county.MoveAsync(CycleState.Review);
        await _county.Get<ResultService>().ComputeAsync(_county.County, _county.CycleId);

        await using var db = await _county.Db.OpenAsync();
        var result = await db.StoredResults.Where(r => r.AssistantId == _county.LangwanAssistant).OrderByDescending(r => r.ResultVersionId).FirstAsync();
        // V: S 6+2, B 2+1, D 1 → (100·8 + 60·3) / 12 = 81.67; C: 优秀 ×4, 称职, 不称职 → (400 + 80 + 0) / 6 = 80.
        Assert.Equal((12, 81.67m), (result.VillagerVotes, Math.Round(result.VillagerScore!.Value, 2)));
        Assert.Equal((6, 80m), (result.CadreBallots, result.CadreScore));
        // The explanation names the source of each group's votes.
        var steps = Longan.Appraisal.Core.Scoring.ExplanationCodec.Read(result.Steps);
        Assert.Equal([9, 3], steps.Single(e => e.Key == "VillagersSources").Args);
        Assert.Equal([4, 2], steps.Single(e => e.Key == "CadresSources").Args);
        Assert.Contains("纸质 9 票、手机 3 票", steps.Single(e => e.Key == "VillagersSources").Render());
        // The report card names them beside each group's count.
        var card = await _county.Get<Longan.Appraisal.Core.Features.Cards.ReportCardService>().GetAsync(_county.County, _county.CycleId, _county.LangwanAssistant);
        Assert.Equal([(12, 3), (0, 0), (6, 2)], card.Groups.Select(g => (g.Ballots, g.PhoneBallots)));
        // So does the same card in a township's batch, whose rows are read without their steps.
        var batch = (await _county.Get<Longan.Appraisal.Core.Features.Results.ResultQueryService>().ReadTownshipAsync(_county.County, _county.CycleId, _county.Natong.TownshipId!.Value))!;
        var row = batch.Rows.Single(r => r.AssistantId == _county.LangwanAssistant);
        Assert.Empty(row.Steps);
        var source = await Longan.Appraisal.Core.Features.Cards.CardSource.LoadAsync(db, _county.CycleId, batch.VersionNumber, batch.Rows.Select(r => r.AssistantId).ToList(), default, batch.Context);
        Assert.Equal([(12, 3), (0, 0), (6, 2)], source.Build(row).Groups.Select(g => (g.Ballots, g.PhoneBallots)));
    }

    [Fact]
    public async Task PhoneEntries_NobodyChangesOrDeletesThem_VoidingTheSessionIsTheWay()
    {
        var villagers = await OpenVillagersAsync(codes: 2);
        await Votes.CastAsync(villagers.Codes[0], Villager(1, "服务周到"));
        await Sessions.CloseAsync(_county.Natong, villagers.Id);
        var cadreSession = await Sessions.OpenAsync(_county.Natong, new BallotSessionInput
        {
            CycleId = _county.CycleId, Group = BallotGroup.Cadres, AssistantIds = [_county.LangwanAssistant], CodeCount = 1, Place = "那桐镇党委会议室",
        });
        await Votes.CastAsync(cadreSession.Codes[0], new PhoneVoteInput { Choices = { [_county.LangwanAssistant] = (int)CadreGrade.Competent } });
        await Sessions.CloseAsync(_county.Natong, cadreSession.Id);

        var tallies = _county.Get<VillagerTallyService>();
        var tally = Assert.Single(await tallies.ListAllAsync(_county.County, _county.CycleId, _county.LangwanAssistant));
        Assert.Equal((villagers.Id, 1, Longan.Appraisal.Core.Features.Entries.EntryRights.None), (tally.BallotSessionId, tally.PhoneComments, tally.Rights));
        await Assert.ThrowsAsync<RuleViolationException>(() => tallies.UpdateAsync(_county.County, tally.Id, tally.Version, tally.ToInput()));
        await Assert.ThrowsAsync<RuleViolationException>(() => tallies.DeleteAsync(_county.Natong, tally.Id, tally.Version));
        var cadres = _county.Get<CadreBallotService>();
        var ballot = Assert.Single(await cadres.ListAllAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant));
        Assert.Equal((cadreSession.Id, Longan.Appraisal.Core.Features.Entries.EntryRights.None), (ballot.BallotSessionId, ballot.Rights));
        var refused = await Assert.ThrowsAsync<RuleViolationException>(() => cadres.DeleteAsync(_county.County, ballot.Id, ballot.Version));
        Assert.Contains("作废", refused.Message);

        await Sessions.VoidAsync(_county.Natong, cadreSession.Id, "会场有人代投");
        Assert.Empty(await cadres.ListAllAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant));
    }

    /// <summary>The assistant serving 那桐镇 那桐村, a second assistant of the township for cadre sessions.</summary>
    private async Task<int> NatongVillageAssistantAsync()
    {
        var village = await _county.Db.VillageIdAsync(Demo.NatongTownship, "那桐村");
        await using var db = await _county.Db.OpenAsync();
        return await db.Postings.Where(p => p.VillageId == village && p.EndedOn == null).Select(p => p.AssistantId).SingleAsync();
    }

    private async Task<int> TalliesAsync(int sessionId)
    {
        await using var db = await _county.Db.OpenAsync();
        return await db.VillagerTallies.CountAsync(t => t.BallotSessionId == sessionId);
    }
}
