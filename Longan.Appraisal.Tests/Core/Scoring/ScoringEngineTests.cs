using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Scoring;

namespace Longan.Appraisal.Tests.Core.Scoring;

public sealed class ScoringEngineTests
{
    private static readonly CycleRules s_rules = new();

    /// <summary>A complete assistant: V from counts, P from totals, C from grades, verified records, attendance.</summary>
    internal static AssistantInputs A(int id, int township = 1, int s = 42, int b = 14, int d = 4, int i = 0,
        decimal[]? party = null, CadreGrade[]? cadres = null, VerifiedRecord[]? records = null, MonthDays[]? attendance = null) =>
        new(id, township, s, b, d, i, party ?? [92, 88.5m], cadres ?? Grades(4, 3, 1, 0), records ?? [], attendance ?? []);

    internal static CadreGrade[] Grades(int excellent, int competent, int basic, int incompetent) =>
        [.. Enumerable.Repeat(CadreGrade.Excellent, excellent), .. Enumerable.Repeat(CadreGrade.Competent, competent),
         .. Enumerable.Repeat(CadreGrade.BasicallyCompetent, basic), .. Enumerable.Repeat(CadreGrade.Incompetent, incompetent)];

    internal static AssistantResult One(AssistantInputs a, CycleRules? rules = null) => ScoringEngine.Score(new ScoringInput(rules ?? s_rules, [a])).Single();

    private static readonly MonthDays[] s_attendance = [.. Enumerable.Range(1, 12).Select(m => new MonthDays(m, m == 3 ? 18 : 22))];

    [Fact]
    public void WorkedExample_Spec10_ReproducedExactly()
    {
        // Spec §10: two tallies add up to S 42, B 14, D 4 (I 1); P 92 and 88.5; C 优秀×4 称职×3 基本称职×1;
        // one 表扬 and one 轻微 issue verified; March 18 days; a township of 5 complete assistants.
        var a = A(1, s: 42, b: 14, d: 4, i: 1, party: [92, 88.5m], cadres: Grades(4, 3, 1, 0),
            records: [new(RecordNature.Commendation, null), new(RecordNature.Issue, IssueSeverity.Minor)], attendance: s_attendance);
        var others = Enumerable.Range(2, 4).Select(id => A(id, s: 60, b: 0, d: 0, party: [95], cadres: Grades(5, 0, 0, 0)));

        var r = ScoringEngine.Score(new ScoringInput(s_rules, [a, .. others])).Single(x => x.AssistantId == 1);

        Assert.Equal(84.00m, ScoringEngine.Round(r.Villagers.Score!.Value));
        Assert.Equal((93.33m, 6.67m), (ScoringEngine.Round(r.SatisfactionRate!.Value * 100), ScoringEngine.Round(r.DissatisfactionRate!.Value * 100)));
        Assert.Equal((2, 90.25m), (r.Party.Count, r.Party.Score));
        Assert.Empty(r.Party.Dropped);
        Assert.Equal((8, 90.00m), (r.Cadres.Count, r.Cadres.Score));
        Assert.Equal([100m, 60m], r.Cadres.Dropped);
        Assert.Equal(87.675m, r.Base);
        Assert.Equal((0m, 1.0m), (r.SupervisionAdjustment, r.AttendanceDeduction));
        Assert.Equal([3], r.ShortMonths);
        Assert.Equal(86.68m, r.Composite);
        Assert.Equal(AppraisalGrade.Competent, r.Grade);
        Assert.Empty(r.Reasons);
        Assert.Empty(r.Outcomes);
        Assert.False(r.Incomplete);
    }

    [Fact]
    public void WorkedExample_ExplainsEveryStepInChinese()
    {
        var r = One(A(1, i: 1, records: [new(RecordNature.Commendation, null), new(RecordNature.Issue, IssueSeverity.Minor)], attendance: s_attendance));

        var text = string.Join("\n", r.Steps.Select(s => s.Render()));

        Assert.Contains("满意 42、基本满意 14、不满意 4（无效 1 不计），有效票 60，得分 84.00；满意率 93.33%，不满意率 6.67%", text);
        Assert.Contains("去掉一个最高分 100 和一个最低分 60，其余 6 票平均 90.00 分", text);
        Assert.Contains("基础分 = 40% × 84.00 + 30% × 90.25 + 30% × 90.00 = 87.675", text);
        Assert.Contains("不足月份 3月18天，扣 1.0 分", text);
        Assert.Contains("= 86.675，限定在 0–100 并四舍五入到两位小数：86.68", text);
        Assert.Contains("对应等次“称职”", text);
        Assert.Contains("处理建议：无", text);
    }

    [Theory]
    [InlineData(6, 0, false)]
    [InlineData(7, 2, true)]
    public void Trimming_StartsAtSevenBallots(int ballots, int droppedCount, bool trimmed)
    {
        var r = One(A(1, party: [.. Enumerable.Range(0, ballots).Select(k => 80m + k)]));

        Assert.Equal(droppedCount, r.Party.Dropped.Count);
        var values = Enumerable.Range(0, ballots).Select(k => 80m + k).ToList();
        var expected = trimmed ? values.Skip(1).Take(ballots - 2).Average() : values.Average();
        Assert.Equal(expected, r.Party.Score);
    }

    [Theory]
    [InlineData(10, 0, 0, false)]
    [InlineData(9, 0, 0, true)]
    [InlineData(7, 3, 0, false)]
    [InlineData(6, 3, 0, true)]
    public void MinimumVillagerVotes_NBelowTenIsInsufficient(int s, int b, int d, bool incomplete)
    {
        var r = One(A(1, s: s, b: b, d: d));

        Assert.Equal(incomplete, r.Incomplete);
        Assert.Equal(incomplete, r.Outcomes.SequenceEqual([Outcome.InsufficientData]));
        Assert.Equal(incomplete, r.Composite is null);
    }

    [Theory]
    [InlineData(4, true)]
    [InlineData(5, false)]
    public void MinimumCadreBallots_FiveNeeded(int ballots, bool incomplete) =>
        Assert.Equal(incomplete, One(A(1, cadres: Grades(ballots, 0, 0, 0))).Incomplete);

    [Fact]
    public void NoPartyBallot_Incomplete_UnlessRenormalised()
    {
        var incomplete = One(A(1, party: []));
        var renormalised = One(A(1, party: []), new CycleRules { RenormaliseMissingGroups = true });

        Assert.True(incomplete.Incomplete);
        Assert.Contains(incomplete.Reasons, r => r.Render().Contains("党组织评议", StringComparison.Ordinal));
        Assert.False(renormalised.Incomplete);
        // V 84 and C 90 with weights 40:30 scaled to 57.14…% and 42.86…%.
        Assert.Equal(ScoringEngine.Round(84m * 40 / 70 + 90m * 30 / 70), renormalised.Composite);
        Assert.Equal(0m, renormalised.Party.Weight);
    }

    [Fact]
    public void Renormalise_TrueMidpoint_RoundsAwayFromZero_NotDownFromARecurringQuotient()
    {
        // Weights 45/25/30, cadres insufficient: V = 1160/15, P = 80.25, base = (45 × 1160/15 + 25 × 80.25) / 70 = 78.375 exactly.
        var rules = new CycleRules { WeightVillagers = 45, WeightParty = 25, WeightCadres = 30, RenormaliseMissingGroups = true };

        var r = One(A(1, s: 8, b: 6, d: 1, party: [80.25m], cadres: Grades(1, 0, 0, 0)), rules);

        Assert.Equal(78.375m, r.Base);
        Assert.Equal(78.38m, r.Composite);
    }

    [Fact]
    public void Renormalise_OnlyAZeroWeightGroupSufficient_StaysIncomplete()
    {
        var rules = new CycleRules { WeightVillagers = 0, WeightParty = 50, WeightCadres = 50, RenormaliseMissingGroups = true };

        var r = One(A(1, party: [], cadres: []), rules);

        Assert.True(r.Incomplete);
        Assert.Null(r.Composite);
    }

    [Fact]
    public void Renormalise_NoSufficientGroup_StaysIncomplete() =>
        Assert.True(One(A(1, s: 1, b: 0, d: 0, party: [], cadres: []), new CycleRules { RenormaliseMissingGroups = true }).Incomplete);

    [Theory]
    [InlineData(20, 10, 10, AppraisalGrade.Competent)]      // D/N = 10/40 = 25 %
    [InlineData(20, 0, 10, AppraisalGrade.Competent)]        // D/N = 10/30 = exactly 1/3: not above
    [InlineData(19, 0, 10, AppraisalGrade.BasicallyCompetent)] // above 1/3
    public void DissatisfactionCap_StrictlyAboveOneThird(int s, int b, int d, AppraisalGrade expected)
    {
        var result = One(A(1, s: s, b: b, d: d, party: [100], cadres: Grades(5, 0, 0, 0)));
        var capped = result.Reasons.Any(r => r.Key == "CapDissatisfied");

        Assert.Equal(expected, result.Grade);
        Assert.Equal(d * 3 > (s + b + d), capped);
    }

    [Fact]
    public void SeriousIssue_CapsAtBasicallyCompetent_AndMeansPublicCriticism()
    {
        var r = One(A(1, s: 60, b: 0, d: 0, party: [100], cadres: Grades(5, 0, 0, 0), records: [new(RecordNature.Issue, IssueSeverity.Serious)]));

        Assert.Equal((94m, AppraisalGrade.BasicallyCompetent), (r.Composite, r.Grade));
        Assert.Equal([Outcome.PublicCriticism, Outcome.AdmonishmentTalk], r.Outcomes);
    }

    [Fact]
    public void TwoShortMonths_CapAtCompetent()
    {
        var r = One(A(1, s: 60, b: 0, d: 0, party: [100], cadres: Grades(5, 0, 0, 0), attendance: [new(1, 19), new(2, 19), new(3, 25)]));

        Assert.Equal((99m, AppraisalGrade.Competent), (r.Composite, r.Grade));
        Assert.Contains(r.Reasons, x => x.Key == "CapShortMonths");
    }

    [Fact]
    public void Caps_SupervisionAndAttendance()
    {
        var r = One(A(1, records: [.. Enumerable.Repeat(new VerifiedRecord(RecordNature.Commendation, null), 5), .. Enumerable.Repeat(new VerifiedRecord(RecordNature.Issue, IssueSeverity.Serious), 4)],
            attendance: [.. Enumerable.Range(1, 12).Select(m => new MonthDays(m, 10))]));

        Assert.Equal(3m - 20m, r.SupervisionAdjustment);
        Assert.Equal(10m, r.AttendanceDeduction);
    }

    [Theory]
    [InlineData(0, 0, 0, 0)]
    [InlineData(100, 3, 0, 100)]
    public void Composite_ClampedToZeroAndHundred(int s, decimal plusRecords, int attendanceDays, decimal expected)
    {
        var records = Enumerable.Repeat(new VerifiedRecord(RecordNature.Commendation, null), (int)plusRecords).ToArray();
        var r = One(A(1, s: s, b: 0, d: 100 - s, party: [s], cadres: Grades(s == 100 ? 5 : 0, 0, 0, s == 100 ? 0 : 5), records: records,
            attendance: attendanceDays == 0 ? [] : [new(1, attendanceDays)]));

        Assert.Equal(expected, r.Composite);
    }

    [Theory]
    [InlineData(84.005, 84.01)]
    [InlineData(84.004, 84.00)]
    [InlineData(84.015, 84.02)]
    public void Round_HalfAwayFromZero(decimal value, decimal rounded) => Assert.Equal(rounded, ScoringEngine.Round(value));

    [Fact]
    public void Bands_AtTheThresholds()
    {
        AppraisalGrade GradeOf(decimal v) => One(A(1, s: 0, b: 0, d: 0, i: 0) with { Satisfied = 100 }, new CycleRules
        {
            WeightVillagers = 100, WeightParty = 0, WeightCadres = 0, VillagerSatisfiedPoints = v, VillagerBasicPoints = 0,
        }).Grade!.Value;

        Assert.Equal(AppraisalGrade.Excellent, GradeOf(90));
        Assert.Equal(AppraisalGrade.Competent, GradeOf(89.99m));
        Assert.Equal(AppraisalGrade.Competent, GradeOf(75));
        Assert.Equal(AppraisalGrade.BasicallyCompetent, GradeOf(74.99m));
        Assert.Equal(AppraisalGrade.BasicallyCompetent, GradeOf(60));
        Assert.Equal(AppraisalGrade.Incompetent, GradeOf(59.99m));
    }

    [Fact]
    public void Ranks_CompetitionRanking1224_CountyAndTownship()
    {
        var results = ScoringEngine.Score(new ScoringInput(s_rules,
        [
            A(1, township: 1, s: 60, b: 0, d: 0), A(2, township: 1, s: 50, b: 10, d: 0), A(3, township: 2, s: 50, b: 10, d: 0), A(4, township: 2, s: 40, b: 20, d: 0),
        ])).ToDictionary(r => r.AssistantId);

        Assert.Equal([1, 2, 2, 4], new[] { 1, 2, 3, 4 }.Select(id => results[id].CountyRank!.Value));
        Assert.Equal([1, 2, 1, 2], new[] { 1, 2, 3, 4 }.Select(id => results[id].TownshipRank!.Value));
    }
}
