using Longan.Appraisal.Core.Features.Postings;

namespace Longan.Appraisal.Tests.Core.Features;

public sealed class PostingRulesTests
{
    private static readonly PostingFacts s_free = new()
    {
        AssistantName = "凌振宇", AssistantActive = true, VillageName = "新屯村", VillageActive = true,
        Start = new DateOnly(2026, 3, 1), PlannedEnd = new DateOnly(2028, 2, 29),
    };

    [Fact]
    public void NewTerm_ActiveAndFree_NoProblem() => Assert.Empty(PostingRules.NewTerm(s_free));

    [Fact]
    public void NewTerm_EveryFactAgainstIt_OneProblemPerField_InTheFormsFields()
    {
        var facts = s_free with
        {
            AssistantActive = false, VillageActive = false, PlannedEnd = s_free.Start, PreviousTermsEnded = s_free.Start,
            Occupant = "谢明辉", PostedElsewhere = "浪湾村",
        };

        Assert.Equal(
        [
            (nameof(AssignInput.AssistantId), "凌振宇已停用，不能派驻。"),
            (nameof(AssignInput.VillageId), "“新屯村”已停用，不能派驻助理员。"),
            (nameof(AssignInput.PlannedEndDate), "任期结束日期必须晚于开始日期。"),
            (nameof(AssignInput.StartDate), "任期开始日期须晚于上一任期的离任日期（2026-03-01），同一天不能有两段任期重叠。"),
        ], PostingRules.NewTerm(facts).Select(e => (e.Field, e.Message)));
    }

    [Fact]
    public void NewTerm_OccupiedVillageAndAssistantServingElsewhere_BothNamed()
    {
        var errors = PostingRules.NewTerm(s_free with { Occupant = "谢明辉", PostedElsewhere = "浪湾村" });

        Assert.Equal(
        [
            (nameof(AssignInput.VillageId), "“新屯村”已有在任助理员谢明辉；一个村同时只能有一名助理员，请使用“更换”。"),
            (nameof(AssignInput.AssistantId), "凌振宇正在浪湾村任职；一名助理员同时只能驻一个村，请先结束其当前任期。"),
        ], errors.Select(e => (e.Field, e.Message)));
    }

    [Theory]
    [InlineData("2026-02-28", true)]
    [InlineData("2026-03-01", false)]
    public void TermDates_StartsTheDayAfterThePreviousTermAtTheEarliest(string previousEnded, bool accepted)
    {
        var errors = PostingRules.TermDates(s_free.Start, s_free.PlannedEnd, DateOnly.Parse(previousEnded, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(accepted, errors.Count == 0);
    }
}
