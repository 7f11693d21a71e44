using Bunit;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Features.Attendance;
using Longan.Appraisal.Core.Features.Cycles;
using Longan.Appraisal.Core.Features.Evaluations;
using Longan.Appraisal.Core.Features.Supervision;
using Longan.Appraisal.Core.Features.Townships;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;
using Longan.Appraisal.Web.Components.Pages.Collection;
using Longan.Appraisal.Web.Components.Pages.Cycles;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Longan.Appraisal.Tests.Web.Components;

/// <summary>
/// Forms that never mislead (issue 11): previews only from valid values, a field's error as soon
/// as it is typed or left and gone when fixed, one message per problem, ranges in the labels, no
/// silent clamping, the attendance grid keeping what was typed, verification asked and changeable,
/// stack mode stepping the 票号 on by itself.
/// </summary>
public sealed class FormBehaviourTests : BunitTestBase
{
    private Caller _county = default!;
    private Caller _natong = default!;
    private int _cycleId;
    private int _assistant;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _natong = await SignInAsync(Demo.Natong);
        _county = await Database.CallerAsync(Demo.County);
        var cycles = Database.Get<CycleService>();
        _cycleId = await cycles.CreateAsync(_county, 2026);
        await cycles.TransitionAsync(_county, _cycleId, CycleState.Collecting, null);
        _assistant = (await Database.CallerAsync(Demo.Assistant)).AssistantId!.Value;
        await Database.Get<VillagerTallyService>().AddAsync(_county, _cycleId, _assistant, new TallyInput { Satisfied = 12, BasicallySatisfied = 6, Dissatisfied = 2 });
    }

    [Fact]
    public void Tally_NegativeCount_NoPreviewOfIt_OneMessageAtOnce_GoneWhenFixed()
    {
        var cut = Render<TallyPanel>(p => p.Add(x => x.CycleId, _cycleId).Add(x => x.AssistantId, _assistant));
        cut.WaitForAssertion(() => Assert.Contains("合计有效票 20", cut.Find("[data-testid=tally-live]").TextContent));

        cut.Find("[data-testid=tally-satisfied]").Input("-5");

        // Before: "本次有效票 -5 … 满意率 100.00%". Now the saved tallies alone, and why.
        var live = cut.Find("[data-testid=tally-live]").TextContent;
        Assert.DoesNotContain("-5", live);
        Assert.Contains("合计有效票 20", live);
        Assert.Contains("本次票数有误", live);
        Assert.Equal("90.00%", cut.Find("[data-testid=tally-rate]").TextContent);
        cut.WaitForAssertion(() => Assert.Equal(["“满意”须是 0 至 100000 之间的整数。"], Messages(cut)));

        cut.Find("[data-testid=tally-satisfied]").Input("5");

        cut.WaitForAssertion(() => Assert.Empty(Messages(cut)));
        Assert.Contains("本次有效票 5", cut.Find("[data-testid=tally-live]").TextContent);
    }

    [Fact]
    public async Task Tally_SavedWithANegativeCount_OneMessageNotTwo_NothingSaved()
    {
        var cut = Render<TallyPanel>(p => p.Add(x => x.CycleId, _cycleId).Add(x => x.AssistantId, _assistant));
        cut.Find("[data-testid=tally-satisfied]").Input("-5");

        cut.Find("[data-testid=tally-save]").Click();

        // Not also "请至少填写一项票数" (which followed from the same problem).
        cut.WaitForAssertion(() => Assert.Equal(["“满意”须是 0 至 100000 之间的整数。"], Messages(cut)));
        Assert.Single(await Database.Get<VillagerTallyService>().ListAllAsync(_natong, _cycleId, _assistant));
    }

    [Fact]
    public void Party_ScoreOverTwenty_NoTotal_RangeInTheLabel_ErrorAsTyped()
    {
        var cut = Render<PartyPanel>(p => p.Add(x => x.CycleId, _cycleId).Add(x => x.AssistantId, _assistant));

        Assert.Contains("政策宣讲员（0–20）", cut.Markup);
        foreach (var (field, value) in new[] { ("PolicyAdvocate", "25"), ("PublicOpinion", "18"), ("CivilAgent", "18"), ("DisputeMediator", "18"), ("PartyBuildingGuide", "18") })
        {
            cut.Find($"[data-testid=party-{field}]").Input(value);
        }

        // Before: "总分 97 / 100" from a 25.
        Assert.Equal("—", cut.Find("[data-testid=party-total]").TextContent);
        cut.WaitForAssertion(() => Assert.Equal(["“政策宣讲员”须在 0 至 20 分之间，最多一位小数。"], Messages(cut)));

        cut.Find("[data-testid=party-PolicyAdvocate]").Input("20");

        cut.WaitForAssertion(() => Assert.Empty(Messages(cut)));
        Assert.Equal("92", cut.Find("[data-testid=party-total]").TextContent);
    }

    [Fact]
    public void Party_FieldLeftEmpty_SaysSoWhenLeft()
    {
        var cut = Render<PartyPanel>(p => p.Add(x => x.CycleId, _cycleId).Add(x => x.AssistantId, _assistant));

        cut.Find("[data-testid=party-CivilAgent]").Blur();

        cut.WaitForAssertion(() => Assert.Equal(["请填写“民事代办员”。"], Messages(cut)));
    }

    [Fact]
    public async Task AttendanceGrid_DaysOverTheMonth_KeptAsTypedMarkedAndExplained_NothingSaved()
    {
        var cut = RenderAttendance();
        var cell = $"[data-testid=att-{_assistant}-2]";

        cut.Find(cell).Change("30");

        cut.WaitForAssertion(() => Assert.Contains("2 月填的“30”未保存：2026 年 2 月的驻村天数须在 0 至 28 之间。", cut.Find("[data-testid=attendance-problems]").TextContent));
        Assert.Equal("30", cut.Find(cell).GetAttribute("value"));
        Assert.Equal("true", cut.Find(cell).GetAttribute("aria-invalid"));
        Assert.Null((await Grid()).Days[1]);

        cut.Find(cell).Change("20");

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=attendance-problems]")));
        Assert.Equal(20, (await Grid()).Days[1]);
    }

    [Fact]
    public void AttendanceGrid_NotANumber_SaysWhatToType()
    {
        var cut = RenderAttendance();

        cut.Find($"[data-testid=att-{_assistant}-3]").Change("二十");

        cut.WaitForAssertion(() => Assert.Contains("“二十”未保存：请填写 0 至 31 之间的整数天数。", cut.Find("[data-testid=attendance-problems]").TextContent));
        Assert.Equal("二十", cut.Find($"[data-testid=att-{_assistant}-3]").GetAttribute("value"));
    }

    [Fact]
    public async Task AttendanceGrid_TownshipClearingAMonth_RefusedWithTheReason_ValueKept()
    {
        await Database.Get<AttendanceService>().SetAsync(_natong, _cycleId, _assistant, 4, 22);
        var cut = RenderAttendance();

        cut.Find($"[data-testid=att-{_assistant}-4]").Change("");

        cut.WaitForAssertion(() => Assert.Contains("4 月填的“”未保存", cut.Find("[data-testid=attendance-problems]").TextContent));
        Assert.Equal(22, (await Grid()).Days[3]);
    }

    [Fact]
    public async Task Verify_AsksFirst_ThenTheVerdictCanBeChanged()
    {
        var supervisor = await Database.CallerAsync(Demo.Supervisor);
        await Database.Get<SupervisionService>().AddAsync(supervisor, _cycleId, _assistant, new SupervisionInput
        {
            Date = new DateOnly(2026, 3, 5), Nature = RecordNature.Commendation, Category = RecordCategory.ServiceAttitude, Description = "主动帮群众代办医保",
        });
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<SupervisionPanel>(p => p.Add(x => x.CycleId, _cycleId).Add(x => x.AssistantId, _assistant).Add(x => x.CycleYear, 2026).Add(x => x.ReadOnly, true));

        cut.WaitForElement("[data-testid=verify-confirm]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("记录属实？属实的记录计入五老监督加减分", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Contains("取消", StringComparison.Ordinal)).Click();
        Assert.Equal(Verification.Pending, (await Records()).Single().Verification);

        cut.Find("[data-testid=verify-confirm]").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "属实").Click());
        cut.WaitForAssertion(() => Assert.Equal(Verification.Confirmed, Records().Result.Single().Verification));

        cut.WaitForElement("[data-testid=verify-change]").Click();
        cut.Find("[data-testid=verify-note]").Change("核查后发现是别人代办");
        cut.Find("[data-testid=verify-reject]").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "不属实").Click());

        cut.WaitForAssertion(() => Assert.Equal((Verification.Rejected, "核查后发现是别人代办"), (Records().Result.Single().Verification, Records().Result.Single().VerificationNote)));
    }

    [Fact]
    public async Task CadreStack_NumberedTicket_StepsOnByItself_KeysNeverEnterTheField()
    {
        var cut = Render<CadreStackPanel>(p => p.Add(x => x.CycleId, _cycleId).Add(x => x.AssistantId, _assistant));
        cut.Find("[data-testid=cadre-ticket]").Input("C05");
        var keys = cut.Find("[data-testid=cadre-stack]");

        foreach (var key in new[] { "2", "Enter", "1", "Enter", "2", "Enter" })
        {
            await keys.KeyDownAsync(new KeyboardEventArgs { Key = key });
        }

        cut.WaitForAssertion(() => Assert.Equal("3", cut.Find("[data-testid=cadre-count]").TextContent));
        Assert.Equal("C08", cut.Find("[data-testid=cadre-ticket]").GetAttribute("value"));
        Assert.Contains("已自动填下一张的票号", cut.Markup);
        var saved = await Database.Get<CadreBallotService>().ListAllAsync(_natong, _cycleId, _assistant);
        Assert.Equal(["C07", "C06", "C05"], saved.Select(b => b.TicketNo)); // newest first, as the stack shows them
    }

    [Theory]
    [InlineData("C05", "C06")]
    [InlineData("c09", "C10")]
    [InlineData("P-099", "P-100")]
    [InlineData("7", "8")]
    [InlineData("99", "100")]
    [InlineData("A", null)]
    [InlineData(null, null)]
    public void TicketNumbers_Next(string? ticket, string? next) => Assert.Equal(next, TicketNumbers.Next(ticket));

    private IRenderedComponent<AttendancePage> RenderAttendance()
    {
        var cut = Render<AttendancePage>(p => p.Add(x => x.CycleId, _cycleId));
        cut.WaitForElement($"[data-testid=att-{_assistant}-1]");
        return cut;
    }

    private async Task<AttendanceGridRow> Grid()
    {
        var township = (await Database.Get<TownshipService>().ListAsync(_natong)).Single().Id;
        return (await Database.Get<AttendanceService>().GridAsync(_natong, _cycleId, township)).Rows.Single(r => r.AssistantId == _assistant);
    }

    private Task<IReadOnlyList<SupervisionRow>> Records() => Database.Get<SupervisionService>().ListAllAsync(_natong, _cycleId, _assistant);

    /// <summary>The field messages on screen (MudBlazor's helper line under a field in error).</summary>
    internal static List<string> Messages(IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> cut) =>
        cut.FindAll(".mud-input-helper-text.mud-input-error").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).ToList();
}

/// <summary>A new cycle's year as 组织部 types it: checked and explained, never clamped (1999 made a "2012 年度考核").</summary>
public sealed class CycleYearFormTests : BunitTestBase
{
    private Caller _county = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _county = await SignInAsync(Demo.County);
    }

    [Fact]
    public async Task CycleYear_1999_RefusedAndExplained_NeverTurnedInto2012()
    {
        var cut = Render<CycleList>();
        cut.WaitForAssertion(() => Assert.Contains("年度（2012–2100）", cut.Markup));

        cut.Find("[data-testid=cycle-year]").Input("1999");
        cut.WaitForAssertion(() => Assert.Equal(["考核年度须在 2012 至 2100 年之间。"], FormBehaviourTests.Messages(cut)));
        Assert.Equal("1999", cut.Find("[data-testid=cycle-year]").GetAttribute("value"));
        cut.Find("[data-testid=add-cycle]").Click();

        cut.WaitForAssertion(() => Assert.Equal(["考核年度须在 2012 至 2100 年之间。"], FormBehaviourTests.Messages(cut)));
        var years = (await Database.Get<CycleService>().ListAsync(_county)).Select(c => c.Year);
        Assert.DoesNotContain(2012, years);
        Assert.DoesNotContain(1999, years);
    }

}
