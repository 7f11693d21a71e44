using Bunit;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Features.Cycles;
using Longan.Appraisal.Core.Features.Evaluations;
using Longan.Appraisal.Core.Features.Supervision;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;
using Longan.Appraisal.Web.Components.Pages.Collection;
using Microsoft.AspNetCore.Components.Web;

namespace Longan.Appraisal.Tests.Web.Components;

/// <summary>
/// The collection tabs hold one page of an assistant's entries (issue 14): the rest stay in the
/// database, the pager asks the service for the next page, and totals come from the database.
/// </summary>
public sealed class CollectionPagingPanelTests : BunitTestBase
{
    private Caller _county = default!;
    private int _cycleId;
    private int _assistant;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SignInAsync(Demo.Natong);
        _county = await Database.CallerAsync(Demo.County);
        var cycles = Database.Get<CycleService>();
        _cycleId = await cycles.CreateAsync(_county, 2026);
        await cycles.TransitionAsync(_county, _cycleId, CycleState.Collecting, null);
        _assistant = (await Database.CallerAsync(Demo.Assistant)).AssistantId!.Value;
    }

    private static void GoToPage<T>(IRenderedComponent<T> cut, string pager, int page) where T : Microsoft.AspNetCore.Components.IComponent =>
        cut.FindAll($"[data-testid={pager}] button").Single(b => b.TextContent.Trim() == page.ToString(System.Globalization.CultureInfo.InvariantCulture)).Click();

    [Fact]
    public async Task TallyPanel_ThirtyTallies_HoldsOnePageAndTotalsAll_NextPageFromTheService()
    {
        var tallies = Database.Get<VillagerTallyService>();
        for (var i = 1; i <= 30; i++)
        {
            await tallies.AddAsync(_county, _cycleId, _assistant, new TallyInput { Satisfied = i, BasicallySatisfied = 1, Dissatisfied = 1, Round = $"第{i}轮" });
        }
        var cut = Render<TallyPanel>(p => p.Add(x => x.CycleId, _cycleId).Add(x => x.AssistantId, _assistant));

        cut.WaitForAssertion(() => Assert.Equal(25, cut.FindAll("[data-testid=tally-list] tbody tr").Count));
        // 合计 counts all 30 tallies, not the page: Σi + 30 + 30.
        Assert.Contains("合计有效票 525", cut.Find("[data-testid=tally-live]").TextContent);
        Assert.Contains("共 30 条", cut.Find("[data-testid=tally-pager]").TextContent);
        Assert.DoesNotContain("第26轮", cut.Markup);

        // A tally added in the database after the page was read shows up only when the page is asked for again.
        await tallies.AddAsync(_county, _cycleId, _assistant, new TallyInput { Satisfied = 1, Round = "第31轮" });
        GoToPage(cut, "tally-pager", 2);

        cut.WaitForAssertion(() => Assert.Equal(6, cut.FindAll("[data-testid=tally-list] tbody tr").Count));
        Assert.Contains("第31轮", cut.Markup);
        Assert.DoesNotContain("第25轮", cut.Markup);
    }

    [Fact]
    public async Task TallyPanel_EditingARow_TotalsReplaceItWithWhatIsTyped()
    {
        var tallies = Database.Get<VillagerTallyService>();
        for (var i = 1; i <= 26; i++)
        {
            await tallies.AddAsync(_county, _cycleId, _assistant, new TallyInput { Satisfied = 10, Round = $"第{i}轮" });
        }
        var cut = Render<TallyPanel>(p => p.Add(x => x.CycleId, _cycleId).Add(x => x.AssistantId, _assistant));
        cut.WaitForAssertion(() => Assert.Contains("合计有效票 260", cut.Find("[data-testid=tally-live]").TextContent));

        cut.Find("[data-testid=tally-list] tbody tr button").Click();
        cut.Find("[data-testid=tally-satisfied]").Input("15");

        Assert.Contains("合计有效票 265", cut.Find("[data-testid=tally-live]").TextContent);
    }

    [Fact]
    public async Task CadrePanel_ThirtyBallots_CountsFromTheDatabase_PageOfNewest()
    {
        var cadres = Database.Get<CadreBallotService>();
        for (var i = 1; i <= 30; i++)
        {
            await cadres.AddAsync(_county, _cycleId, _assistant, new CadreBallotInput { Grade = i <= 20 ? CadreGrade.Excellent : CadreGrade.Competent, TicketNo = $"C{i:00}" });
        }
        var cut = Render<CadreStackPanel>(p => p.Add(x => x.CycleId, _cycleId).Add(x => x.AssistantId, _assistant).Add(x => x.Active, false));

        cut.WaitForAssertion(() => Assert.Equal("30", cut.Find("[data-testid=cadre-count]").TextContent));
        Assert.Equal(25, cut.FindAll("[data-testid=cadre-list] tbody tr").Count);
        Assert.Contains("优秀 20", cut.Markup);
        Assert.Contains("C30", cut.FindAll("[data-testid=cadre-list] tbody tr")[0].TextContent);

        GoToPage(cut, "cadre-pager", 2);

        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll("[data-testid=cadre-list] tbody tr").Count));
        Assert.Contains("C01", cut.Markup);
        await cut.Find("[data-testid=cadre-stack]").KeyDownAsync(new KeyboardEventArgs { Key = "2" });
        await cut.Find("[data-testid=cadre-stack]").KeyDownAsync(new KeyboardEventArgs { Key = "Enter" });
        cut.WaitForAssertion(() => Assert.Equal("31", cut.Find("[data-testid=cadre-count]").TextContent));
    }

    [Fact]
    public async Task SupervisionPanel_ThirtyRecords_OnePageNewestFirst_NextPageFromTheService()
    {
        var records = Database.Get<SupervisionService>();
        for (var i = 1; i <= 30; i++)
        {
            await records.AddAsync(_county, _cycleId, _assistant, new SupervisionInput
            {
                Date = new DateOnly(2026, 1, i), SupervisorName = "黄德才", Nature = RecordNature.Commendation, Category = RecordCategory.Achievements, Description = $"记录{i:00}号",
            });
        }
        var cut = Render<SupervisionPanel>(p => p.Add(x => x.CycleId, _cycleId).Add(x => x.AssistantId, _assistant).Add(x => x.CycleYear, 2026));

        cut.WaitForAssertion(() => Assert.Equal(25, cut.FindAll("[data-testid=record-status]").Count));
        Assert.Contains("记录30号", cut.Markup);
        Assert.DoesNotContain("记录05号", cut.Markup);

        GoToPage(cut, "record-pager", 2);

        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll("[data-testid=record-status]").Count));
        Assert.Contains("记录01号", cut.Markup);
        Assert.DoesNotContain("记录30号", cut.Markup);
    }
}
