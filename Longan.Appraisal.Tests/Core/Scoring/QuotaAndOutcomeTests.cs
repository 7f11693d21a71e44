using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Scoring;
using static Longan.Appraisal.Tests.Core.Scoring.ScoringEngineTests;

namespace Longan.Appraisal.Tests.Core.Scoring;

public sealed class QuotaAndOutcomeTests
{
    /// <summary>An assistant at 优秀 whose composite depends on its villagers' satisfied count (P 100, C 100).</summary>
    private static AssistantInputs Excellent(int id, int satisfied, int township = 1) =>
        A(id, township, s: satisfied, b: 60 - satisfied, d: 0, party: [100], cadres: Grades(5, 0, 0, 0));

    private static IReadOnlyDictionary<int, AssistantResult> Score(CycleRules rules, params AssistantInputs[] assistants) =>
        ScoringEngine.Score(new ScoringInput(rules, assistants)).ToDictionary(r => r.AssistantId);

    [Theory]
    [InlineData(4, 1)]   // ⌊0.2 × 4⌋ = 0 → at least 1
    [InlineData(5, 1)]   // ⌊0.2 × 5⌋ = 1
    [InlineData(9, 1)]   // ⌊1.8⌋ = 1
    [InlineData(10, 2)]  // ⌊2⌋ = 2
    public void Quota_FloorOfTwentyPercent_AtLeastOne(int assistants, int allowed)
    {
        var results = Score(new CycleRules(), [.. Enumerable.Range(1, assistants).Select(id => Excellent(id, 60 - id))]);

        Assert.Equal(allowed, results.Values.Count(r => r.Grade == AppraisalGrade.Excellent));
        Assert.All(results.Values.Where(r => r.Grade == AppraisalGrade.Competent),
            r => Assert.Contains(r.Reasons, x => x.Render().StartsWith("超出优秀比例", StringComparison.Ordinal)));
    }

    [Fact]
    public void Quota_TieOnEveryKeyWithTheLastKept_KeepsExcellentFlagged()
    {
        var results = Score(new CycleRules(), Excellent(1, 60), Excellent(2, 50), Excellent(3, 50), Excellent(4, 40), Excellent(5, 40), Excellent(6, 30), Excellent(7, 30), Excellent(8, 30), Excellent(9, 30), Excellent(10, 30));

        // 10 complete → 2 allowed: #1 and #2 kept; #3 ties #2 on all four keys and keeps 优秀 beyond the quota.
        Assert.Equal([1, 2, 3], results.Values.Where(r => r.Grade == AppraisalGrade.Excellent).Select(r => r.AssistantId).Order());
        Assert.True(results[3].TiedBeyondQuota);
        Assert.Contains(results[3].Reasons, x => x.Key == "QuotaTie");
        Assert.False(results[2].TiedBeyondQuota);
    }

    [Fact]
    public void Quota_TownshipScope_CountedPerTownship()
    {
        var rules = new CycleRules { ExcellentQuotaScope = QuotaScope.Township };
        var results = Score(rules, Excellent(1, 60, township: 1), Excellent(2, 59, township: 1), Excellent(3, 58, township: 2), Excellent(4, 57, township: 2));

        Assert.Equal([1, 3], results.Values.Where(r => r.Grade == AppraisalGrade.Excellent).Select(r => r.AssistantId).Order());
        var county = Score(new CycleRules(), Excellent(1, 60, township: 1), Excellent(2, 59, township: 1), Excellent(3, 58, township: 2), Excellent(4, 57, township: 2));
        Assert.Equal([1], county.Values.Where(r => r.Grade == AppraisalGrade.Excellent).Select(r => r.AssistantId));
    }

    [Fact]
    public void Quota_IncompleteAssistantsDoNotCount()
    {
        var results = Score(new CycleRules(), [Excellent(1, 60), Excellent(2, 59), .. Enumerable.Range(3, 8).Select(id => A(id, party: []))]);

        Assert.Equal([1], results.Values.Where(r => r.Grade == AppraisalGrade.Excellent).Select(r => r.AssistantId));
    }

    public static TheoryData<string, AppraisalGrade?, Outcome[]> Outcomes() => new()
    {
        { "excellent", AppraisalGrade.Excellent, [Outcome.ReserveCadre] },
        { "excellent with minor issue", AppraisalGrade.Excellent, [Outcome.ReserveCadre] },
        { "competent with moderate issue", AppraisalGrade.Competent, [Outcome.PublicCriticism] },
        { "basic", AppraisalGrade.BasicallyCompetent, [Outcome.AdmonishmentTalk] },
        { "incompetent with moderate issue", AppraisalGrade.Incompetent, [Outcome.Replacement] },
        { "incomplete", null, [Outcome.InsufficientData] },
    };

    [Theory]
    [MemberData(nameof(Outcomes))]
    public void Outcomes_Spec8(string situation, AppraisalGrade? grade, Outcome[] expected)
    {
        var assistant = situation switch
        {
            "excellent" => Excellent(1, 60),
            "excellent with minor issue" => Excellent(1, 60) with { VerifiedRecords = [new(RecordNature.Issue, IssueSeverity.Minor)] },
            "competent with moderate issue" => A(1, s: 40, b: 20, d: 0, party: [80], cadres: Grades(0, 5, 0, 0), records: [new(RecordNature.Issue, IssueSeverity.Moderate)]),
            "basic" => A(1, s: 20, b: 40, d: 0, party: [70], cadres: Grades(0, 0, 5, 0)),
            "incompetent with moderate issue" => A(1, s: 0, b: 60, d: 0, party: [50], cadres: Grades(0, 0, 0, 5), records: [new(RecordNature.Issue, IssueSeverity.Moderate)]),
            _ => A(1, cadres: []),
        };

        var result = One(assistant);

        Assert.Equal(grade, result.Grade);
        Assert.Equal(expected, result.Outcomes);
    }
}
