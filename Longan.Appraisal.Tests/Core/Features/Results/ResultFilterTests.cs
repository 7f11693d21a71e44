using Longan.Appraisal.Core.Features.Results;
using Longan.Appraisal.Core.Scoring;

namespace Longan.Appraisal.Tests.Core.Features.Results;

public sealed class ResultFilterTests
{
    private static ResultRow Row(string name, string code, string township, string village, AppraisalGrade? grade, params Outcome[] outcomes) => new(
        0, code, name, 1, township, 1, village, 20, 80m, null, null, 1, 80m, 8, 80m, 80m, 0m, 0m, grade is null ? null : 80m, grade, false, null, null, outcomes, null, [], []);

    private static readonly ResultRow[] s_rows =
    [
        Row("谢明辉", "LA0020", "那桐镇", "浪湾村", AppraisalGrade.Competent),
        Row("翟珊妹", "LA0008", "城厢镇", "宝塔村", AppraisalGrade.Excellent, Outcome.ReserveCadre),
        Row("韦晓东", "LA0031", "那桐镇", "上邓村", AppraisalGrade.BasicallyCompetent, Outcome.PublicCriticism, Outcome.AdmonishmentTalk),
        Row("黄志强", "LA0044", "古潭乡", "古潭村", null, Outcome.InsufficientData),
    ];

    public static TheoryData<ResultFilter, string[]> Cases => new()
    {
        { new ResultFilter(), ["谢明辉", "翟珊妹", "韦晓东", "黄志强"] },
        { new ResultFilter(Search: " 珊 "), ["翟珊妹"] },
        { new ResultFilter(Search: "la0031"), ["韦晓东"] },
        { new ResultFilter(Search: "宝塔"), ["翟珊妹"] },
        { new ResultFilter(Township: "那桐镇"), ["谢明辉", "韦晓东"] },
        { new ResultFilter(Grade: AppraisalGrade.Excellent), ["翟珊妹"] },
        { new ResultFilter(AnyOutcome: true), ["翟珊妹", "韦晓东", "黄志强"] },
        { new ResultFilter(Outcome: Outcome.AdmonishmentTalk), ["韦晓东"] },
        { new ResultFilter(Township: "那桐镇", Outcome: Outcome.ReserveCadre), [] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_EachFilterAndTheirCombination(ResultFilter filter, string[] expected) =>
        Assert.Equal(expected, s_rows.Where(filter.Matches).Select(r => r.Name));
}
