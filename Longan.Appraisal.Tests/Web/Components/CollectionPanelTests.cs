using Bunit;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Features.Cycles;
using Longan.Appraisal.Core.Features.Evaluations;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;
using Longan.Appraisal.Web.Components.Pages.Collection;
using Microsoft.AspNetCore.Components.Web;

namespace Longan.Appraisal.Tests.Web.Components;

public sealed class CollectionPanelTests : BunitTestBase
{
    private Caller _caller = default!;
    private int _cycleId;

    /// <summary>The assistant serving 那桐镇 浪湾村.</summary>
    private int Assistant { get; set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _caller = await SignInAsync(Demo.Natong);
        var county = await Database.CallerAsync(Demo.County);
        var cycles = Database.Get<CycleService>();
        _cycleId = await cycles.CreateAsync(county, 2026);
        await cycles.TransitionAsync(county, _cycleId, CycleState.Collecting, null);
        Assistant = (await Database.CallerAsync(Demo.Assistant)).AssistantId!.Value;
        await Database.Get<VillagerTallyService>().AddAsync(county, _cycleId, Assistant, new TallyInput { Satisfied = 12, BasicallySatisfied = 6, Dissatisfied = 2 });
    }

    [Fact]
    public void TallyForm_TypingCounts_UpdatesTotalsAndRatesLive()
    {
        var cut = Render<TallyPanel>(p => p.Add(x => x.CycleId, _cycleId).Add(x => x.AssistantId, Assistant));
        cut.WaitForAssertion(() => Assert.Contains("合计有效票 20", cut.Find("[data-testid=tally-live]").TextContent));

        cut.Find("[data-testid=tally-satisfied]").Input("30");
        cut.Find("[data-testid=tally-basic]").Input("8");
        cut.Find("[data-testid=tally-dissatisfied]").Input("2");

        var live = cut.Find("[data-testid=tally-live]").TextContent;
        Assert.Contains("本次有效票 40", live);
        Assert.Contains("合计有效票 60", live);
        Assert.Equal("93.33%", cut.Find("[data-testid=tally-rate]").TextContent);
        Assert.Equal("6.67%", cut.Find("[data-testid=tally-dissatisfied-rate]").TextContent);
    }

    [Fact]
    public async Task CadreStack_KeysChooseGradeAndEnterSaves_CountGrows()
    {
        var cut = Render<CadreStackPanel>(p => p.Add(x => x.CycleId, _cycleId).Add(x => x.AssistantId, Assistant));
        var keys = cut.Find("[data-testid=cadre-stack]");

        foreach (var key in new[] { "1", "Enter", "2", "Enter", "4", "3", "Enter" })
        {
            await keys.KeyDownAsync(new KeyboardEventArgs { Key = key });
        }

        cut.WaitForAssertion(() => Assert.Equal("3", cut.Find("[data-testid=cadre-count]").TextContent));
        var saved = await Database.Get<CadreBallotService>().ListAllAsync(_caller, _cycleId, Assistant);
        Assert.Equal([CadreGrade.BasicallyCompetent, CadreGrade.Competent, CadreGrade.Excellent], saved.Select(b => b.Grade));
    }

    [Fact]
    public async Task CadreStack_EnterWithoutGrade_AsksForOneAndSavesNothing()
    {
        var cut = Render<CadreStackPanel>(p => p.Add(x => x.CycleId, _cycleId).Add(x => x.AssistantId, Assistant));

        await cut.Find("[data-testid=cadre-stack]").KeyDownAsync(new KeyboardEventArgs { Key = "Enter" });

        cut.WaitForAssertion(() => Assert.Contains("请填写“等次”。", cut.Markup));
        Assert.Empty(await Database.Get<CadreBallotService>().ListAllAsync(_caller, _cycleId, Assistant));
    }

    [Fact]
    public async Task TallyForm_SomeoneElseSavedMeanwhile_ConflictShownAndTypedValuesKept()
    {
        var cut = Render<TallyPanel>(p => p.Add(x => x.CycleId, _cycleId).Add(x => x.AssistantId, Assistant));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=tally-list] tbody tr")));
        cut.Find("[data-testid=tally-list] tbody tr button").Click();
        var existing = (await Database.Get<VillagerTallyService>().ListAllAsync(_caller, _cycleId, Assistant)).Single();
        await Database.Get<VillagerTallyService>().UpdateAsync(await Database.CallerAsync(Demo.County), existing.Id, existing.Version, new TallyInput { Satisfied = 13, BasicallySatisfied = 6, Dissatisfied = 2 });

        cut.Find("[data-testid=tally-satisfied]").Input("15");
        cut.Find("[data-testid=tally-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("这条记录刚被其他人修改或删除", cut.Markup));
        Assert.Equal("15", cut.Find("[data-testid=tally-satisfied]").GetAttribute("value"));
        Assert.Equal(13, (await Database.Get<VillagerTallyService>().ListAllAsync(_caller, _cycleId, Assistant)).Single().Satisfied);
    }

    [Fact]
    public async Task TallyForm_ReloadAfterConflict_TakesUpCurrentVersionAndNextSaveSucceeds()
    {
        var cut = Render<TallyPanel>(p => p.Add(x => x.CycleId, _cycleId).Add(x => x.AssistantId, Assistant));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=tally-list] tbody tr")));
        cut.Find("[data-testid=tally-list] tbody tr button").Click();
        var tallies = Database.Get<VillagerTallyService>();
        var existing = (await tallies.ListAllAsync(_caller, _cycleId, Assistant)).Single();
        await tallies.UpdateAsync(await Database.CallerAsync(Demo.County), existing.Id, existing.Version, new TallyInput { Satisfied = 13, BasicallySatisfied = 6, Dissatisfied = 2 });
        cut.Find("[data-testid=tally-satisfied]").Input("15");
        cut.Find("[data-testid=tally-save]").Click();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=conflict]")));

        cut.Find("[data-testid=conflict-reload]").Click();

        // The form now shows the tally as the other person saved it.
        cut.WaitForAssertion(() => Assert.Equal("13", cut.Find("[data-testid=tally-satisfied]").GetAttribute("value")));
        Assert.Empty(cut.FindAll("[data-testid=conflict]"));
        cut.Find("[data-testid=tally-satisfied]").Input("16");
        cut.Find("[data-testid=tally-save]").Click();
        cut.WaitForAssertion(() => Assert.Equal(16, tallies.ListAllAsync(_caller, _cycleId, Assistant).GetAwaiter().GetResult().Single().Satisfied));
        Assert.Empty(cut.FindAll("[data-testid=conflict]"));
    }

    [Fact]
    public async Task PartyForm_ReloadAfterConflict_TakesUpCurrentVersionAndNextSaveSucceeds()
    {
        var county = await Database.CallerAsync(Demo.County);
        var ballots = Database.Get<PartyBallotService>();
        PartyBallotInput Scores(decimal first) => new() { PolicyAdvocate = first, PublicOpinion = 18, CivilAgent = 18, DisputeMediator = 18, PartyBuildingGuide = 18, TicketNo = "P01" };
        await ballots.AddAsync(county, _cycleId, Assistant, Scores(15));
        var cut = Render<PartyPanel>(p => p.Add(x => x.CycleId, _cycleId).Add(x => x.AssistantId, Assistant));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=party-list] tbody tr")));
        cut.Find("[data-testid=party-list] tbody tr button").Click();
        var existing = (await ballots.ListAllAsync(_caller, _cycleId, Assistant)).Single();
        await ballots.UpdateAsync(county, existing.Id, existing.Version, Scores(16));
        cut.Find("[data-testid=party-PolicyAdvocate]").Input("17");
        cut.Find("[data-testid=party-save]").Click();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=conflict]")));

        cut.Find("[data-testid=conflict-reload]").Click();

        cut.WaitForAssertion(() => Assert.Equal(16m, decimal.Parse(cut.Find("[data-testid=party-PolicyAdvocate]").GetAttribute("value")!, System.Globalization.CultureInfo.InvariantCulture)));
        cut.Find("[data-testid=party-PolicyAdvocate]").Input("19");
        cut.Find("[data-testid=party-save]").Click();
        cut.WaitForAssertion(() => Assert.Equal(19m, ballots.ListAllAsync(_caller, _cycleId, Assistant).GetAwaiter().GetResult().Single().PolicyAdvocate));
        Assert.Empty(cut.FindAll("[data-testid=conflict]"));
    }

    [Fact]
    public async Task PartyForm_ScoreAboveTwenty_IsReportedNotQuietlyChanged()
    {
        var cut = Render<PartyPanel>(p => p.Add(x => x.CycleId, _cycleId).Add(x => x.AssistantId, Assistant));
        foreach (var (field, value) in new[] { ("PolicyAdvocate", "25"), ("PublicOpinion", "18"), ("CivilAgent", "18"), ("DisputeMediator", "18"), ("PartyBuildingGuide", "18") })
        {
            cut.Find($"[data-testid=party-{field}]").Input(value);
        }

        Assert.Equal("—", cut.Find("[data-testid=party-total]").TextContent);
        cut.Find("[data-testid=party-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("“政策宣讲员”须在 0 至 20 分之间，最多一位小数。", cut.Markup));
        Assert.Empty(await Database.Get<PartyBallotService>().ListAllAsync(_caller, _cycleId, Assistant));
    }
}
