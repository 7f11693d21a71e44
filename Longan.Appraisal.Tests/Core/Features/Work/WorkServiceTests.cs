using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Features.Appeals;
using Longan.Appraisal.Core.Features.Attendance;
using Longan.Appraisal.Core.Features.Cycles;
using Longan.Appraisal.Core.Features.Supervision;
using Longan.Appraisal.Core.Features.Work;
using Longan.Appraisal.Core.Persistence.Seeding;
using Longan.Appraisal.Tests.Infrastructure;

namespace Longan.Appraisal.Tests.Core.Features.Work;

/// <summary>
/// Issue 11 item 2: each role's home lists its own work, with counts and where to do it, from the
/// demo county (2025 published) with 2026 open for collection.
/// </summary>
public sealed class WorkServiceTests : IAsyncLifetime
{
    private readonly CollectingCounty _county = new();

    private WorkService Work => _county.Get<WorkService>();

    public Task InitializeAsync() => _county.InitializeAsync();

    public Task DisposeAsync() => _county.DisposeAsync();

    [Fact]
    public async Task Township_EachOwnVillageMissingEntries_LinkedToItsAssistant_AttendanceMonths_CardsToPrint()
    {
        var work = await Work.ForAsync(_county.Natong);

        var villages = work.Items.Where(i => i.What == "Work.VillageMissing").ToList();
        Assert.Equal(6, villages.Count);
        Assert.All(villages, v => Assert.Equal(_county.CycleId, v.CycleId));
        var langwan = Assert.Single(villages, v => (string)v.Values[0] == Demo.LangwanVillage);
        Assert.Equal(_county.LangwanAssistant, langwan.AssistantId);
        Assert.Equal([0, 10, 0, 1, 0, 5], langwan.Values.Skip(2).Take(6).Cast<int>());
        var months = Assert.Single(work.Items, i => i.What == "Work.MonthsMissing");
        Assert.True(months.Count > 0);
        Assert.Equal(months.Count, work.CountOf(WorkArea.Attendance));
        Assert.Equal(DemoCountySeeder.PublishedYear, Assert.Single(work.Items, i => i.What == "Work.CardsReady").Values[0]);
        Assert.DoesNotContain(work.Items, i => i.Area is WorkArea.Appeal or WorkArea.Cycle or WorkArea.Verification);

        var other = await Work.ForAsync(_county.Chengxiang);
        Assert.DoesNotContain(other.Items, i => i.AssistantId == _county.LangwanAssistant);
    }

    [Fact]
    public async Task County_ReviewCycle_NotComputed_ThenReady_ThenStale_TheNavigationCountsTheSameWithoutTheFingerprint()
    {
        var cycles = _county.Get<CycleService>();
        await cycles.TransitionAsync(_county.County, _county.CycleId, CycleState.Review, null);
        string[] Review(WorkList work) => [.. work.Items.Where(i => i.Area == WorkArea.Cycle && i.CycleId == _county.CycleId && i.What is not ("Work.CycleUnverified" or "Work.CycleIncomplete")).Select(i => i.What)];

        Assert.Equal(["Work.CycleNotComputed"], Review(await Work.ForAsync(_county.County)));
        Assert.Equal(["Work.CycleNotComputed"], Review(await Work.ForNavigationAsync(_county.County)));

        await _county.Get<Longan.Appraisal.Core.Features.Results.ResultService>().ComputeAsync(_county.County, _county.CycleId);
        Assert.Equal(["Work.CycleReadyToPublish"], Review(await Work.ForAsync(_county.County)));
        var navigation = await Work.ForNavigationAsync(_county.County);
        Assert.Equal(["Work.CycleInReview"], Review(navigation));

        await cycles.SetRenormaliseAsync(_county.County, _county.CycleId, true, "缺组别按比例折算");
        var home = await Work.ForAsync(_county.County);
        Assert.Equal(["Work.CycleStale"], Review(home));
        Assert.Equal(home.Items.Count, (await Work.ForNavigationAsync(_county.County)).Items.Count);
        Assert.Equal(home.Items.Count, navigation.Items.Count);
    }

    [Fact]
    public async Task FlaggedBallotSession_OnTheHomeOfItsTownshipAndTheCounty_UntilKept()
    {
        var sessions = _county.Get<Longan.Appraisal.Core.Features.Ballots.BallotSessionService>();
        var opened = await sessions.OpenAsync(_county.Natong, new Longan.Appraisal.Core.Features.Ballots.BallotSessionInput
        {
            CycleId = _county.CycleId, Group = Longan.Appraisal.Core.Domain.Ballots.BallotGroup.Villagers, AssistantIds = [_county.LangwanAssistant],
            CodeCount = 12, Place = "浪湾村委会议室",
        });
        var votes = _county.Get<Longan.Appraisal.Core.Features.Ballots.PhoneVoteService>();
        foreach (var code in opened.Codes)
        {
            await votes.CastAsync(code, new Longan.Appraisal.Core.Features.Ballots.PhoneVoteInput { Choices = { [_county.LangwanAssistant] = 1 } });
        }
        await sessions.CloseAsync(_county.Natong, opened.Id);

        foreach (var caller in new[] { _county.Natong, _county.County })
        {
            var item = Assert.Single((await Work.ForAsync(caller)).Items, i => i.Area == WorkArea.BallotSession);
            Assert.Equal(("Work.SessionFlagged", _county.CycleId, opened.Id), (item.What, item.CycleId, (int)item.Values[0]));
        }
        Assert.DoesNotContain((await Work.ForAsync(_county.Chengxiang)).Items, i => i.Area == WorkArea.BallotSession);
        Assert.DoesNotContain((await Work.ForAsync(_county.Supervisor)).Items, i => i.Area == WorkArea.BallotSession);

        await sessions.KeepAsync(_county.County, opened.Id);
        Assert.DoesNotContain((await Work.ForAsync(_county.Natong)).Items, i => i.Area == WorkArea.BallotSession);
    }

    [Fact]
    public async Task Township_AMonthEntered_IsOneMonthLessToEnter()
    {
        var before = (await Work.ForAsync(_county.Natong)).CountOf(WorkArea.Attendance);
        var grid = await _county.Get<AttendanceService>().GridAsync(_county.Natong, _county.CycleId, _county.NatongId);
        var row = grid.Rows.Single(r => r.AssistantId == _county.LangwanAssistant);
        var month = Array.FindIndex(row.Days.ToArray(), d => d is null) + 1;

        await _county.Get<AttendanceService>().SetAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, month, 22);

        Assert.Equal(before - 1, (await Work.ForAsync(_county.Natong)).CountOf(WorkArea.Attendance));
    }

    [Fact]
    public async Task Township_ARecordFiled_IsCountedToVerify_AndGoesWhenVerified()
    {
        var records = _county.Get<SupervisionService>();
        var id = await records.AddAsync(_county.Supervisor, _county.CycleId, _county.LangwanAssistant, Praise());
        var toVerify = Assert.Single((await Work.ForAsync(_county.Natong)).Items, i => i.Area == WorkArea.Verification);
        Assert.Equal(1, toVerify.Count);
        Assert.Equal(_county.CycleId, toVerify.CycleId);
        Assert.DoesNotContain((await Work.ForAsync(_county.Chengxiang)).Items, i => i.Area == WorkArea.Verification);

        var row = Assert.Single(await records.ListPendingAsync(_county.Natong, _county.CycleId));
        await records.VerifyAsync(_county.Natong, id, row.Version, new VerifyInput { Result = Verification.Confirmed });
        Assert.DoesNotContain((await Work.ForAsync(_county.Natong)).Items, i => i.Area == WorkArea.Verification);
    }

    [Fact]
    public async Task Township_TwoYearsCollecting_EachVillageLineNamesItsYear()
    {
        var cycles = _county.Get<CycleService>();
        var next = await cycles.CreateAsync(_county.County, 2027);
        await cycles.TransitionAsync(_county.County, next, CycleState.Collecting, null);

        var villages = (await Work.ForAsync(_county.Natong)).Items.Where(i => i.Area == WorkArea.Collection).ToList();

        Assert.Equal(12, villages.Count);
        Assert.All(villages, v => Assert.Equal("Work.VillageMissingOfYear", v.What));
        Assert.Equal([2026, 2027], villages.Select(v => (int)v.Values[8]).Distinct().Order());
    }

    [Fact]
    public async Task Supervisor_FileAndTallyForTheirOwnVillagesAssistant_ThenTheirRecordWithItsStatus()
    {
        var work = await Work.ForAsync(_county.Supervisor);
        var entries = work.Items.Where(i => i.Area == WorkArea.Entry).ToList();
        Assert.Equal(["Work.FileRecord", "Work.EnterTally"], entries.Select(e => e.What));
        Assert.All(entries, e => Assert.Equal((_county.CycleId, _county.LangwanAssistant), (e.CycleId!.Value, e.AssistantId!.Value)));
        Assert.DoesNotContain(work.Items, i => i.Area == WorkArea.MyRecord);

        await _county.Get<SupervisionService>().AddAsync(_county.Supervisor, _county.CycleId, _county.LangwanAssistant, Praise());

        var mine = Assert.Single((await Work.ForAsync(_county.Supervisor)).Items, i => i.Area == WorkArea.MyRecord);
        Assert.Equal([new DateOnly(2026, 4, 1), RecordNature.Commendation, Verification.Pending], mine.Values);
    }

    [Fact]
    public async Task Assistant_LatestPublishedResult_ThenTheAppealOnceFiled()
    {
        var work = await Work.ForAsync(_county.Assistant);
        var result = Assert.Single(work.Items, i => i.Area == WorkArea.MyResult && i.What == "Work.MyResult");
        Assert.Equal(DemoCountySeeder.PublishedYear, result.Values[0]);
        Assert.Equal(87.42m, result.Values[1]);
        var appeals = _county.Get<AppealService>();
        var window = Assert.Single(await appeals.WindowsAsync(_county.Assistant));
        Assert.True(window.CanFile);
        Assert.Contains(work.Items, i => i.What == "Work.MayAppeal");

        await appeals.FileAsync(_county.Assistant, window.CycleId, "六月考勤少记了 4 天，有签到表为证。");

        var after = await Work.ForAsync(_county.Assistant);
        Assert.Contains(after.Items, i => i.What == "Work.MyAppeal");
        Assert.DoesNotContain(after.Items, i => i.What == "Work.MayAppeal");
        var county = Assert.Single((await Work.ForAsync(_county.County)).Items, i => i.Area == WorkArea.Appeal);
        Assert.Equal("Work.AppealToAnswer", county.What);
        Assert.NotNull(county.Due);
        Assert.Equal(1, (await Work.ForAsync(_county.County)).CountOf(WorkArea.Appeal));
    }

    [Fact]
    public async Task County_ACollectingCycleShortOfEvaluations_IsWorkOfTheCycle()
    {
        var work = await Work.ForAsync(_county.County);

        var incomplete = Assert.Single(work.Items, i => i.What == "Work.CycleIncomplete");
        Assert.Equal(_county.CycleId, incomplete.CycleId);
        Assert.Equal(2026, incomplete.Values[0]);
        Assert.DoesNotContain(work.Items, i => i.Area is WorkArea.Collection or WorkArea.Entry or WorkArea.MyResult);
    }

    private static SupervisionInput Praise() => new()
    {
        Date = new DateOnly(2026, 4, 1), Nature = RecordNature.Commendation, Category = RecordCategory.ServiceAttitude, Description = "主动上门代办医保",
    };
}
