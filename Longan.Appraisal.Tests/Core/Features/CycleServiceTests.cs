using Microsoft.EntityFrameworkCore;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Cycles;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;

namespace Longan.Appraisal.Tests.Core.Features;

public sealed class CycleServiceTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private Caller _county = default!;

    private CycleService Service => _db.Get<CycleService>();

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(demoCounty: true);
        _county = await _db.CallerAsync(Demo.County);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Create_NewYear_DraftWithTheSpecsDefaultRules()
    {
        var id = await Service.CreateAsync(_county, 2026);

        var cycle = await Service.GetAsync(_county, id);
        Assert.Equal((2026, CycleState.Draft, true), (cycle.Year, cycle.State, cycle.RulesEditable));
        var r = cycle.Rules;
        Assert.Equal((40m, 30m, 30m), (r.WeightVillagers, r.WeightParty, r.WeightCadres));
        Assert.Equal((100m, 60m, 0m), (r.VillagerSatisfiedPoints, r.VillagerBasicPoints, r.VillagerDissatisfiedPoints));
        Assert.Equal((100m, 80m, 60m, 0m), (r.CadreExcellentPoints, r.CadreCompetentPoints, r.CadreBasicPoints, r.CadreIncompetentPoints));
        Assert.Equal((7, 10, 1, 5), (r.TrimFromBallots, r.MinVillagerVotes, r.MinPartyBallots, r.MinCadreBallots));
        Assert.Equal((1m, 3m, 1m, 3m, 6m, 20m), (r.CommendationPoints, r.CommendationCap, r.MinorIssuePoints, r.ModerateIssuePoints, r.SeriousIssuePoints, r.IssueCap));
        Assert.Equal((20, 0.5m, 10m), (r.AttendanceMinDays, r.AttendancePointsPerDay, r.AttendanceCap));
        Assert.Equal((90m, 75m, 60m), (r.ExcellentFrom, r.CompetentFrom, r.BasicFrom));
        Assert.Equal((1, 3, true, 2), (r.DissatisfiedCapNumerator, r.DissatisfiedCapDenominator, r.SeriousIssueCapsGrade, r.ShortMonthsCap));
        Assert.Equal((QuotaScope.County, 20m, false, 7), (r.ExcellentQuotaScope, r.ExcellentQuotaPercent, r.RenormaliseMissingGroups, r.AppealWindowDays));
        Assert.Empty(CycleRulesValidator.Validate(r));
    }

    [Theory]
    [InlineData(2011, "考核年度须在 2012 至 2100 年之间。")]
    [InlineData(2101, "考核年度须在 2012 至 2100 年之间。")]
    public async Task Create_YearOutOfRange_Refused(int year, string message)
    {
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => Service.CreateAsync(_county, year));

        Assert.Equal(message, ex.Errors.Single().Message);
    }

    [Fact]
    public async Task Create_SameYearTwice_Refused()
    {
        await Service.CreateAsync(_county, 2026);

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => Service.CreateAsync(_county, 2026));

        Assert.Equal("2026 年度的考核已经存在。", ex.Errors.Single().Message);
    }

    [Theory]
    [InlineData(Demo.Natong)]
    [InlineData(Demo.Supervisor)]
    [InlineData(Demo.Assistant)]
    public async Task CreateEditMove_NotCounty_Refused(string userName)
    {
        var caller = await _db.CallerAsync(userName);
        var id = await Service.CreateAsync(_county, 2026);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.CreateAsync(caller, 2027));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.UpdateRulesAsync(caller, id, new CycleRules()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.TransitionAsync(caller, id, CycleState.Collecting, null));
        Assert.DoesNotContain(await Service.ListAsync(_county), c => c.Year == 2027);
    }

    [Fact]
    public async Task UpdateRules_EveryValueChanged_IsKeptExactly()
    {
        var id = await Service.CreateAsync(_county, 2026);
        var rules = new CycleRules
        {
            VillagerSatisfiedPoints = 95, VillagerBasicPoints = 70, VillagerDissatisfiedPoints = 5,
            CadreExcellentPoints = 98, CadreCompetentPoints = 85, CadreBasicPoints = 65, CadreIncompetentPoints = 10,
            TrimFromBallots = 9, MinVillagerVotes = 30, MinPartyBallots = 2, MinCadreBallots = 8,
            WeightVillagers = 50, WeightParty = 25.5m, WeightCadres = 24.5m, RenormaliseMissingGroups = true,
            CommendationPoints = 0.5m, CommendationCap = 2, MinorIssuePoints = 2, ModerateIssuePoints = 4, SeriousIssuePoints = 8, IssueCap = 15,
            AttendanceMinDays = 18, AttendancePointsPerDay = 0.25m, AttendanceCap = 6,
            ExcellentFrom = 92, CompetentFrom = 78, BasicFrom = 62,
            DissatisfiedCapNumerator = 2, DissatisfiedCapDenominator = 5, SeriousIssueCapsGrade = false, ShortMonthsCap = 3,
            ExcellentQuotaScope = QuotaScope.Township, ExcellentQuotaPercent = 15, AppealWindowDays = 10,
        };

        await Service.UpdateRulesAsync(_county, id, rules);

        var saved = (await Service.GetAsync(_county, id)).Rules;
        foreach (var property in typeof(CycleRules).GetProperties())
        {
            Assert.Equal(property.GetValue(rules), property.GetValue(saved));
        }
    }

    [Fact]
    public async Task UpdateRules_WeightsNotSummingTo100_RefusedWithTheSum()
    {
        var id = await Service.CreateAsync(_county, 2026);

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Service.UpdateRulesAsync(_county, id, new CycleRules { WeightVillagers = 50 }));

        Assert.Equal((nameof(CycleRules.WeightVillagers), "三项评议的权重之和必须是 100%，现在是 110%。"), (ex.Errors.Single().Field, ex.Errors.Single().Message));
    }

    [Fact]
    public async Task UpdateRules_SeveralProblems_AllReportedWithTheirNames()
    {
        var id = await Service.CreateAsync(_county, 2026);

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => Service.UpdateRulesAsync(_county, id,
            new CycleRules { ExcellentFrom = 70, MinCadreBallots = 0, AttendanceMinDays = 32, IssueCap = -1 }));

        var messages = ex.Errors.Select(e => e.Message).ToList();
        Assert.Contains("等次分数线须满足：优秀 > 称职 > 基本称职。", messages);
        Assert.Contains("“党员干部评议最少有效票”须在 5 至 1000 之间。", messages);
        Assert.Contains("“每月最少驻村天数”须在 0 至 31 之间。", messages);
        Assert.Contains("“问题扣分上限”须在 0 至 100 之间。", messages);
    }

    [Fact]
    public async Task UpdateRules_AfterCollectionOpened_Frozen()
    {
        var id = await Service.CreateAsync(_county, 2026);
        await Service.TransitionAsync(_county, id, CycleState.Collecting, null);

        var ex = await Assert.ThrowsAsync<RuleViolationException>(() => Service.UpdateRulesAsync(_county, id, new CycleRules()));

        Assert.Contains("规则已冻结", ex.Message);
    }

    [Fact]
    public async Task Transition_ForwardAndReopen_EachRecordedWithWhoWhenWhy()
    {
        var id = await Service.CreateAsync(_county, 2026);

        await Service.TransitionAsync(_county, id, CycleState.Collecting, null);
        await Service.TransitionAsync(_county, id, CycleState.Review, null);
        await Service.TransitionAsync(_county, id, CycleState.Collecting, "南圩镇补录群众评议");

        var cycle = await Service.GetAsync(_county, id);
        Assert.Equal(CycleState.Collecting, cycle.State);
        Assert.Equal(
            [(CycleState.Draft, CycleState.Collecting, null), (CycleState.Collecting, CycleState.Review, null), (CycleState.Review, CycleState.Collecting, "南圩镇补录群众评议")],
            cycle.Transitions.Select(t => (t.From, t.To, t.Reason)));
        Assert.All(cycle.Transitions, t => Assert.Equal((Demo.County, FixedClock.Default), (t.ByUserName, t.At)));
    }

    [Fact]
    public async Task Transition_BackWithoutReason_Refused()
    {
        var id = await Service.CreateAsync(_county, 2026);
        await Service.TransitionAsync(_county, id, CycleState.Collecting, null);
        await Service.TransitionAsync(_county, id, CycleState.Review, null);

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => Service.TransitionAsync(_county, id, CycleState.Collecting, "  "));

        Assert.Equal("退回上一阶段必须写明原因。", ex.Errors.Single().Message);
        Assert.Equal(CycleState.Review, (await Service.GetAsync(_county, id)).State);
    }

    [Theory]
    [InlineData(CycleState.Review)]
    [InlineData(CycleState.Published)]
    [InlineData(CycleState.Draft)]
    public async Task Transition_SkippingAStage_Refused(CycleState to)
    {
        var id = await Service.CreateAsync(_county, 2026);

        var ex = await Assert.ThrowsAsync<RuleViolationException>(() => Service.TransitionAsync(_county, id, to, "理由"));

        Assert.StartsWith("考核年度不能从“草稿”直接转为", ex.Message);
    }

    [Fact]
    public async Task Publish_WithIncompleteAssistants_RefusedNamingThem()
    {
        var id = await Service.CreateAsync(_county, 2026);
        await Service.TransitionAsync(_county, id, CycleState.Collecting, null);
        await Service.TransitionAsync(_county, id, CycleState.Review, null);

        var ex = await Assert.ThrowsAsync<RuleViolationException>(() => Service.TransitionAsync(_county, id, CycleState.Published, null));

        Assert.StartsWith("还有 60 名助理员数据不足", ex.Message);
        Assert.Contains("城厢镇", ex.Message);
        Assert.Equal(CycleState.Review, (await Service.GetAsync(_county, id)).State);
    }

    [Fact]
    public async Task Publish_EveryoneComplete_ResultsComputed_Allowed()
    {
        // No assistant served in 2013, so nobody is incomplete.
        var id = await Service.CreateAsync(_county, 2013);
        await Service.TransitionAsync(_county, id, CycleState.Collecting, null);
        await Service.TransitionAsync(_county, id, CycleState.Review, null);
        await _db.Get<Longan.Appraisal.Core.Features.Results.ResultService>().ComputeAsync(_county, id);

        await Service.TransitionAsync(_county, id, CycleState.Published, null);

        Assert.Equal(CycleState.Published, (await Service.GetAsync(_county, id)).State);
    }

    [Fact]
    public async Task UpdateRules_CapFractionNotBelowOne_Refused()
    {
        var id = await Service.CreateAsync(_county, 2026);

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Service.UpdateRulesAsync(_county, id, new CycleRules { DissatisfiedCapNumerator = 1, DissatisfiedCapDenominator = 1 }));

        Assert.Equal("不满意率上限的分子须小于分母（如 1/3）。", ex.Errors.Single().Message);
    }

    [Fact]
    public async Task Renormalise_SwitchedOnInReview_WithAReason_Recorded_ThenAnIncompleteCycleCanBePublished()
    {
        var id = await Service.CreateAsync(_county, 2026);
        await Service.TransitionAsync(_county, id, CycleState.Collecting, null);
        await Service.TransitionAsync(_county, id, CycleState.Review, null);
        var noReason = await Assert.ThrowsAsync<ValidationFailedException>(() => Service.SetRenormaliseAsync(_county, id, true, " "));
        var natong = await _db.CallerAsync(Demo.Natong);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.SetRenormaliseAsync(natong, id, true, "乡镇申请"));

        await Service.SetRenormaliseAsync(_county, id, true, "部分村群众评议无法组织，经部务会研究按其余项折算");

        var cycle = await Service.GetAsync(_county, id);
        Assert.Equal("调整“缺项按其余项折算权重”必须写明理由。", noReason.Errors.Single().Message);
        Assert.True(cycle.Rules.RenormaliseMissingGroups);
        var change = cycle.Transitions.Last();
        Assert.Equal((CycleState.Review, CycleState.Review), (change.From, change.To));
        Assert.Equal("开启缺项按其余项折算权重：部分村群众评议无法组织，经部务会研究按其余项折算", change.Reason);
    }

    [Theory]
    [InlineData(CycleState.Draft, "草稿阶段请直接在考核规则中修改。")]
    [InlineData(CycleState.Published, "2026 年度考核结果已公布并冻结；如需更改，请先重新打开（写明理由）。")]
    public async Task Renormalise_InDraftOrPublished_Refused(CycleState state, string message)
    {
        var id = await Service.CreateAsync(_county, 2026);
        await using (var db = await _db.OpenAsync())
        {
            await db.Cycles.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.State, state));
        }

        var ex = await Assert.ThrowsAsync<RuleViolationException>(() => Service.SetRenormaliseAsync(_county, id, true, "理由"));

        Assert.Equal(message, ex.Message);
    }
}
