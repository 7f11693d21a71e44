using Bunit;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Features.Results;
using Longan.Appraisal.Core.Scoring;
using Longan.Appraisal.Tests.Infrastructure;
using Longan.Appraisal.Web.Components.Pages.Results;

namespace Longan.Appraisal.Tests.Web.Components;

public sealed class ResultPagesTests : PublishableCountyTestBase
{
    [Fact]
    public async Task County_ResultsPage_ChartsAndEveryRow()
    {
        await County.ComputeAsync();
        SignIn(County.County);

        var cut = Render<ResultsPage>(p => p.Add(x => x.CycleId, County.CycleId));

        cut.WaitForAssertion(() => Assert.Equal(20, cut.FindAll("[data-testid=results-grid] tbody tr").Count));
        Assert.NotEmpty(cut.FindAll("[data-testid=chart-grades] svg"));
        Assert.NotEmpty(cut.FindAll("[data-testid=chart-townships] svg"));
        Assert.NotEmpty(cut.FindAll("[data-testid=chart-groups] svg"));
        Assert.Contains("那桐镇", cut.Find("[data-testid=chart-townships]").TextContent);
        Assert.NotEmpty(cut.FindAll("[data-testid=compute]"));
    }

    [Fact]
    public async Task Township_ResultsPage_OnlyItsOwnRows_NoCompute()
    {
        await County.ComputeAsync();
        var own = (await County.Get<ResultQueryService>().ReadAsync(County.Township, County.CycleId))!.Rows;
        SignIn(County.Township);

        var cut = Render<ResultsPage>(p => p.Add(x => x.CycleId, County.CycleId));

        cut.WaitForAssertion(() => Assert.Equal(own.Count, cut.FindAll("[data-testid=results-grid] tbody tr").Count));
        Assert.All(own, r => Assert.Contains(r.Name, cut.Find("[data-testid=results-grid]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=compute]"));
    }

    [Fact]
    public async Task Detail_StepsShown_DecisionNeedsAReason_ThenBecomesTheEffectiveOutcome()
    {
        await County.ComputeAsync();
        SignIn(County.County);
        var assistant = County.Assistant.AssistantId!.Value;

        var cut = Render<ResultDetailPage>(p => p.Add(x => x.CycleId, County.CycleId).Add(x => x.AssistantId, assistant));
        cut.WaitForAssertion(() => Assert.Contains("基础分 =", cut.Find("[data-testid=result-steps]").TextContent));

        cut.Find("[data-testid=decide]").Click();
        cut.Find("input[data-testid=outcome-Replacement], [data-testid=outcome-Replacement] input").Change(true);
        cut.Find("[data-testid=decision-save]").Click();
        cut.WaitForAssertion(() => Assert.Contains("请填写“调整理由”。", cut.Find("[data-testid=decision-form]").TextContent));

        cut.Find("[data-testid=decision-reason]").Change("连续三个月驻村不足，经乡镇党委核实");
        cut.Find("[data-testid=decision-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("调整撤换", cut.Find("[data-testid=effective-outcome]").TextContent));
        Assert.Contains("连续三个月驻村不足", cut.Find("[data-testid=decision-history]").TextContent);
        var row = (await County.Get<ResultQueryService>().ReadAsync(County.County, County.CycleId, assistant))!.Rows.Single();
        Assert.Contains(Outcome.Replacement, row.Outcomes);
    }

    [Fact]
    public async Task MyResults_NothingBeforePublication_ThenOwnResult()
    {
        await County.MoveAsync(CycleState.Review);
        await County.ComputeAsync();
        SignIn(County.Assistant);

        var before = Render<MyResultsPage>();
        before.WaitForAssertion(() => Assert.NotEmpty(before.FindAll("[data-testid=my-results-none]")));

        await County.MoveAsync(CycleState.Published);
        var after = Render<MyResultsPage>();

        after.WaitForAssertion(() => Assert.Single(after.FindAll("[data-testid=my-result]")));
        var own = Assert.Single(await County.Get<ResultQueryService>().PublishedForSelfAsync(County.Assistant));
        Assert.Contains(own.Row.Composite!.Value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), after.Find("[data-testid=result-headline]").TextContent);
        Assert.DoesNotContain(own.Row.Code == "SYN000002" ? "SYN000001" : "SYN000002", after.Markup);
    }

    [Fact]
    public async Task MyResults_Published_ShowFeedback_RecordsWithoutTheSupervisorsName()
    {
        await County.MoveAsync(CycleState.Review);
        await County.ComputeAsync();
        await County.MoveAsync(CycleState.Published);
        SignIn(County.Assistant);

        var cut = Render<MyResultsPage>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=my-result]")));
        var card = await County.Get<Longan.Appraisal.Core.Features.Cards.ReportCardService>().GetAsync(County.Assistant, County.CycleId, County.Assistant.AssistantId!.Value);
        var records = cut.Find("[data-testid=my-records]").TextContent;
        Assert.All(card.Records, r => Assert.Contains(r.Description, records));
        Assert.DoesNotContain("合成监督员", cut.Markup);
        Assert.NotEmpty(cut.FindAll("[data-testid=my-attendance]"));
        Assert.Contains("群众意见", cut.Find("[data-testid=my-comments]").TextContent);
        Assert.Contains("2026 年度", cut.Find("[data-testid=my-trend]").TextContent);
        Assert.NotEmpty(cut.FindAll("[data-testid=my-card]"));
    }

    [Fact]
    public void MyFeedback_AnonymousGroupUnderFiveBallots_CommentsWithheld_PartyOrganisationsShown()
    {
        var row = new ResultRow(1, "LA0001", "某", 1, "那桐镇", 1, "浪湾村", 4, 75m, 0.75m, 0.25m, 1, 90m, 8, 80m, 81m, 0m, 0m, 81m,
            AppraisalGrade.Competent, false, 1, 1, [], null, [], []);
        var card = new Longan.Appraisal.Core.Features.Cards.ReportCard(1, 2026,
            new("LA0001", "某", null, null, null, null, null, "那桐镇", "浪湾村", new DateOnly(2025, 3, 1), new DateOnly(2027, 2, 28)),
            row, new ResultContext(new GradeLines(90, 75, 60), 10, new Dictionary<int, int> { [1] = 4 }, 80m, 85m, 82m), [], [new(6, 17)], 10, 20, [], [], [new(new DateOnly(2026, 5, 3), "表扬", "服务态度", "热心调解邻里纠纷")],
            new(null, ["多到农户家走访"], ["工作踏实"]), [new(2025, 88.5m, "称职")], 1, DateTimeOffset.UnixEpoch, "ABCD-EF01-2345");

        var cut = Render<MyFeedback>(p => p.Add(x => x.Card, card));

        var comments = cut.Find("[data-testid=my-comments]").TextContent;
        Assert.Contains("有效票不足 5 张，为保护评议人不列出意见", comments);
        Assert.Contains("多到农户家走访", comments);
        Assert.Contains("工作踏实", comments);
        Assert.Contains("不足 20 天的月份：6月 17 天", cut.Find("[data-testid=my-attendance]").TextContent);
        Assert.Contains("热心调解邻里纠纷", cut.Find("[data-testid=my-records]").TextContent);
        Assert.Contains("88.50", cut.Find("[data-testid=my-trend]").TextContent);
    }

    [Fact]
    public void Breakdown_ForTheAssistant_AnonymousGroupUnderFiveBallots_ScoreAndStepsHidden()
    {
        var row = new ResultRow(1, "LA0001", "某", 1, "那桐镇", 1, "浪湾村", 4, 75m, 0.75m, 0.25m, 1, 90m, 8, 80m, 81m, 0m, 0m, 81m,
            AppraisalGrade.Competent, false, 1, 1, [], null, [], [new Explanation("Party", 1, 90m)]);

        var context = new ResultContext(new GradeLines(90, 75, 60), 120, new Dictionary<int, int> { [1] = 12 }, 80.5m, 85.25m, 82m);

        var cut = Render<ResultBreakdown>(p => p.Add(x => x.Row, row).Add(x => x.Context, context).Add(x => x.ForAssistant, true));

        var breakdown = cut.Find("[data-testid=result-breakdown]").TextContent;
        Assert.Contains("不足 5 票，不显示", breakdown);
        Assert.DoesNotContain("75.00", breakdown);
        Assert.Contains("90.00", breakdown);
        Assert.Contains("为保护评议人", cut.Find("[data-testid=result-steps]").TextContent);
    }

    [Fact]
    public void Breakdown_ReadAgainstTheCounty_GradeLinesRanksOfNAndAverages()
    {
        var row = new ResultRow(1, "LA0001", "某", 1, "那桐镇", 1, "浪湾村", 40, 88m, 0.9m, 0.05m, 6, 86m, 20, 87m, 87.42m, 0m, 0m, 87.42m,
            AppraisalGrade.Competent, false, 3, 1, [], null, [], []);
        var context = new ResultContext(new GradeLines(90, 75, 60), 120, new Dictionary<int, int> { [1] = 12 }, 80.5m, 85.25m, 82m);

        var cut = Render<ResultBreakdown>(p => p.Add(x => x.Row, row).Add(x => x.Context, context));

        Assert.Equal("全县排名 3 / 120 · 乡镇排名 1 / 12", cut.Find("[data-testid=result-ranks]").TextContent);
        Assert.StartsWith("等次线：优秀 90.00 分起，称职 75.00 分起，基本称职 60.00 分起", cut.Find("[data-testid=result-grade-lines]").TextContent);
        var breakdown = cut.Find("[data-testid=result-breakdown]").TextContent;
        Assert.Contains("全县平均", breakdown);
        Assert.Contains("80.50", breakdown);
        Assert.Contains("85.25", breakdown);
    }

    [Theory]
    [InlineData(true, false, "appeal-answered", "同一版结果只能申请一次")]
    [InlineData(false, false, "appeal-start", "前申请复核")]
    public void AppealPanel_SaysWhyNoAppealCanBeFiled_OrOffersOne(bool appealed, bool open, string testId, string text)
    {
        SignIn(County.Assistant);
        var window = new Longan.Appraisal.Core.Features.Appeals.AppealWindow(County.CycleId, 2, DateTimeOffset.UtcNow.AddDays(3), IsOpen: true, HasOpenAppeal: open, HasAppealedThisVersion: appealed);

        var cut = Render<Longan.Appraisal.Web.Components.Pages.Appeals.AppealPanel>(p => p.Add(x => x.Window, window).Add(x => x.Mine, []));

        Assert.NotEmpty(cut.FindAll($"[data-testid={testId}]"));
        Assert.Contains(text, cut.Markup);
        Assert.DoesNotContain("期限已于", cut.Markup);
    }
}
