using Longan.Appraisal.Core.Features.Results;
using Longan.Appraisal.Core.Scoring;

namespace Longan.Appraisal.Tests.Core.Features.Results;

public sealed class ResultStatisticsTests
{
    private static ResultRow Row(string township, int order, decimal? composite, AppraisalGrade? grade, decimal? v = null, decimal? p = null, decimal? c = null) => new(
        0, "X", "某", order, township, order, "某村", 20, v, null, null, 1, p, 8, c,
        composite, 0m, 0m, composite, grade, false, null, null, [], null, [], []);

    [Fact]
    public void Grades_EveryGradeInOrder_ZeroCountsKept_IncompleteLast()
    {
        var rows = new[] { Row("那桐镇", 1, 91m, AppraisalGrade.Excellent), Row("那桐镇", 1, 80m, AppraisalGrade.Competent), Row("那桐镇", 1, 81m, AppraisalGrade.Competent), Row("那桐镇", 1, null, null) };

        var grades = ResultStatistics.Grades(rows);

        Assert.Equal(
            [(AppraisalGrade.Excellent, 1), (AppraisalGrade.Competent, 2), (AppraisalGrade.BasicallyCompetent, 0), (AppraisalGrade.Incompetent, 0), ((AppraisalGrade?)null, 1)],
            grades.Select(g => (g.Grade, g.Count)));
    }

    [Fact]
    public void Townships_InCountyOrder_AverageOfRoundedComposites_IncompleteLeftOut()
    {
        var rows = new[]
        {
            Row("城厢镇", 1, 80.004m, AppraisalGrade.Competent), Row("城厢镇", 1, 90.005m, AppraisalGrade.Excellent), Row("城厢镇", 1, null, null),
            Row("那桐镇", 2, 70m, AppraisalGrade.BasicallyCompetent), Row("雁江镇", 3, null, null),
        };

        var townships = ResultStatistics.Townships(rows);

        Assert.Equal(
            [("城厢镇", 2, 85.01m, 80.00m, 90.01m), ("那桐镇", 1, 70m, 70m, 70m)],
            townships.Select(t => (t.Township, t.Complete, t.Average, t.Lowest, t.Highest)));
    }

    [Fact]
    public void GroupScoreBands_EdgesBelongToTheUpperBand_HundredInTheLast_RoundedFirst_MissingLeftOut()
    {
        var rows = new[]
        {
            Row("那桐镇", 1, null, null, v: 59.994m, p: 59.995m, c: 100m),
            Row("那桐镇", 1, null, null, v: 60m, p: 94.99m, c: null),
        };

        var bands = ResultStatistics.GroupScoreBands(rows);

        Assert.Equal(9, bands.Count);
        Assert.Equal((0m, 60m, 1, 0, 0), (bands[0].From, bands[0].To, bands[0].Villagers, bands[0].Party, bands[0].Cadres));
        Assert.Equal((60m, 65m, 1, 1, 0), (bands[1].From, bands[1].To, bands[1].Villagers, bands[1].Party, bands[1].Cadres));
        Assert.Equal((90m, 95m, 0, 1, 0), (bands[7].From, bands[7].To, bands[7].Villagers, bands[7].Party, bands[7].Cadres));
        Assert.Equal((95m, 100m, 0, 0, 1), (bands[8].From, bands[8].To, bands[8].Villagers, bands[8].Party, bands[8].Cadres));
        Assert.Equal(2, bands.Sum(b => b.Villagers));
    }
}
