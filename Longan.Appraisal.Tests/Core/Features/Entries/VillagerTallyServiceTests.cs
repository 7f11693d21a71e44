using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Evaluations;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Tests.Core.Features.Entries;

public sealed class VillagerTallyServiceTests : IAsyncLifetime
{
    private readonly CollectingCounty _county = new();

    private VillagerTallyService Service => _county.Get<VillagerTallyService>();

    public Task InitializeAsync() => _county.InitializeAsync();

    public Task DisposeAsync() => _county.DisposeAsync();

    private static TallyInput Tally(int s = 30, int b = 8, int d = 2, int i = 1) =>
        new() { Satisfied = s, BasicallySatisfied = b, Dissatisfied = d, Invalid = i, Round = "3月村民代表会议", Comment = "希望多走访" };

    public static TheoryData<string, bool, bool> Scopes() => new()
    {
        // who, for 浪湾村's assistant, for 宝塔村's assistant
        { "county", true, true },
        { "natong", true, false },
        { "supervisor", true, false },
        { "assistant", false, false },
    };

    private Caller Who(string who) => who switch
    {
        "county" => _county.County,
        "natong" => _county.Natong,
        "supervisor" => _county.Supervisor,
        _ => _county.Assistant,
    };

    [Theory]
    [MemberData(nameof(Scopes))]
    public async Task Add_EachRole_OnlyWithinItsScope(string who, bool ownVillage, bool otherTownship)
    {
        var caller = Who(who);

        foreach (var (assistant, allowed) in new[] { (_county.LangwanAssistant, ownVillage), (_county.BaotaAssistant, otherTownship) })
        {
            if (allowed)
            {
                Assert.True(await Service.AddAsync(caller, _county.CycleId, assistant, Tally()) > 0);
                Assert.Single(await Service.ListAllAsync(caller, _county.CycleId, assistant));
            }
            else
            {
                await Assert.ThrowsAsync<AccessDeniedException>(() => Service.AddAsync(caller, _county.CycleId, assistant, Tally()));
                await Assert.ThrowsAsync<AccessDeniedException>(() => Service.ListAllAsync(caller, _county.CycleId, assistant));
            }
        }
    }

    [Fact]
    public async Task Add_Tallies_AddUpToTheWorkedExample()
    {
        await Service.AddAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, Tally(30, 8, 2, 1));
        await Service.AddAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, Tally(12, 6, 2, 0));

        var sum = await Service.SumAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant);

        Assert.Equal((42, 14, 4, 1, 60), (sum.Satisfied, sum.BasicallySatisfied, sum.Dissatisfied, sum.Invalid, sum.Counted));
        Assert.Equal(93.33m, decimal.Round(sum.SatisfactionRate!.Value * 100, 2));
        Assert.Equal(6.67m, decimal.Round(sum.DissatisfactionRate!.Value * 100, 2));
    }

    [Fact]
    public async Task Add_NegativeOrEmpty_RefusedWithChineseMessages()
    {
        var negative = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Service.AddAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, Tally(-1)));
        var empty = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Service.AddAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, new TallyInput()));

        Assert.Contains(negative.Errors, e => e.Field == nameof(TallyInput.Satisfied) && e.Message == "“满意”须是 0 至 100000 之间的整数。");
        Assert.Equal("请至少填写一项票数或意见建议。", empty.Errors.Single().Message);
        Assert.Empty(await Service.ListAllAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant));
    }

    [Theory]
    [InlineData(CycleState.Draft)]
    [InlineData(CycleState.Published)]
    public async Task Add_OutsideCollecting_RefusedForEveryone(CycleState state)
    {
        await using (var db = await _county.Db.OpenAsync())
        {
            await db.Cycles.Where(c => c.Id == _county.CycleId).ExecuteUpdateAsync(s => s.SetProperty(c => c.State, state));
        }

        var ex = await Assert.ThrowsAsync<RuleViolationException>(() => Service.AddAsync(_county.County, _county.CycleId, _county.LangwanAssistant, Tally()));

        Assert.Contains("不能录入或修改评议数据", ex.Message);
    }

    [Fact]
    public async Task Add_InReview_OnlyTheCountyMayCorrect_AndItIsRecorded()
    {
        await _county.MoveAsync(CycleState.Review);

        var ex = await Assert.ThrowsAsync<RuleViolationException>(() => Service.AddAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, Tally()));
        var id = await Service.AddAsync(_county.County, _county.CycleId, _county.LangwanAssistant, Tally());

        Assert.Contains("只有县委组织部可以更正", ex.Message);
        await using var db = await _county.Db.OpenAsync();
        var change = await db.EntryChanges.SingleAsync(c => c.EntryId == id && c.EntryKind == "VillagerTally");
        Assert.Equal(("Created", Demo.County), (change.Action, change.ByUserName));
    }

    [Fact]
    public async Task Update_TwoPeopleEditTheSameTally_TheSecondGetsAConflictAndNothingIsLost()
    {
        var id = await Service.AddAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, Tally());
        var opened = (await Service.ListAllAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant)).Single();

        await Service.UpdateAsync(_county.County, id, opened.Version, Tally(31));
        var ex = await Assert.ThrowsAsync<ConflictException>(() => Service.UpdateAsync(_county.Natong, id, opened.Version, Tally(29)));

        Assert.Contains("刚被其他人修改", ex.Message);
        var now = (await Service.ListAllAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant)).Single();
        Assert.Equal((31, 2), (now.Satisfied, now.Version));
    }

    [Fact]
    public async Task UpdateAndDelete_AreRecordedWithBeforeAndAfter()
    {
        var id = await Service.AddAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, Tally());
        await Service.UpdateAsync(_county.Natong, id, 1, Tally(35));
        await Service.DeleteAsync(_county.Natong, id, 2);

        await using var db = await _county.Db.OpenAsync();
        var changes = await db.EntryChanges.Where(c => c.EntryId == id && c.EntryKind == "VillagerTally").OrderBy(c => c.Id).ToListAsync();
        Assert.Equal(["Created", "Updated", "Deleted"], changes.Select(c => c.Action));
        Assert.Contains("\"Satisfied\":30", changes[1].Before);
        Assert.Contains("\"Satisfied\":35", changes[1].After);
        Assert.Null(changes[2].After);
        Assert.All(changes, c => Assert.Equal(Demo.Natong, c.ByUserName));
        Assert.Empty(await Service.ListAllAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant));
    }

    [Fact]
    public async Task Add_AssistantWithoutPostingThatYear_Refused()
    {
        var cycles = _county.Get<Longan.Appraisal.Core.Features.Cycles.CycleService>();
        var old = await cycles.CreateAsync(_county.County, 2020);
        await cycles.TransitionAsync(_county.County, old, CycleState.Collecting, null);

        var ex = await Assert.ThrowsAsync<RuleViolationException>(() => Service.AddAsync(_county.County, old, _county.LangwanAssistant, Tally()));

        Assert.Contains("在 2020 年度没有驻村任期", ex.Message);
    }
}
