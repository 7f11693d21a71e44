using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Scoring;

namespace Longan.Appraisal.Tests.Core.Scoring;

/// <summary>Generated counties (fixed seeds, so failures reproduce): properties the spec implies for any data.</summary>
public sealed class ScoringPropertyTests
{
    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 40)];

    private static List<AssistantInputs> County(int seed, int size = 40)
    {
        var random = new Random(seed);
        return Enumerable.Range(1, size).Select(id =>
        {
            var n = random.Next(0, 80);
            var s = random.Next(0, n + 1);
            var b = random.Next(0, n - s + 1);
            return new AssistantInputs(id, 1 + random.Next(0, 4), s, b, n - s - b, random.Next(0, 3),
                [.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => (decimal)random.Next(600, 1001) / 10)],
                [.. Enumerable.Range(0, random.Next(3, 12)).Select(_ => (CadreGrade)random.Next(1, 5))],
                [.. Enumerable.Range(0, random.Next(0, 3)).Select(_ => random.Next(0, 2) == 0
                    ? new VerifiedRecord(RecordNature.Commendation, null) : new VerifiedRecord(RecordNature.Issue, (IssueSeverity)random.Next(1, 4)))],
                [.. Enumerable.Range(1, 12).Where(_ => random.Next(0, 4) > 0).Select(m => new MonthDays(m, random.Next(14, 31)))]);
        }).ToList();
    }

    private static Dictionary<int, AssistantResult> Score(IEnumerable<AssistantInputs> county, CycleRules? rules = null) =>
        ScoringEngine.Score(new ScoringInput(rules ?? new CycleRules(), county.ToList())).ToDictionary(r => r.AssistantId);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Results_DoNotDependOnInputOrder(int seed)
    {
        var county = County(seed);
        var shuffled = county.OrderBy(_ => new Random(seed * 7).Next()).Reverse().ToList();

        var a = Score(county);
        var b = Score(shuffled);

        Assert.All(a.Keys, id => Assert.Equal(
            (a[id].Composite, a[id].Grade, a[id].CountyRank, a[id].TownshipRank, a[id].TiedBeyondQuota),
            (b[id].Composite, b[id].Grade, b[id].CountyRank, b[id].TownshipRank, b[id].TiedBeyondQuota)));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void AddingASatisfiedVote_NeverLowersV(int seed)
    {
        foreach (var a in County(seed).Where(a => a.Satisfied + a.BasicallySatisfied + a.Dissatisfied > 0))
        {
            var before = ScoringEngineTests.One(a).Villagers;
            var after = ScoringEngineTests.One(a with { Satisfied = a.Satisfied + 1 }).Villagers;
            if (before.Score is { } v)
            {
                Assert.True(after.Score >= v);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void AddingAVerifiedIssue_NeverRaisesTheComposite(int seed)
    {
        foreach (var a in County(seed))
        {
            var before = ScoringEngineTests.One(a);
            var after = ScoringEngineTests.One(a with { VerifiedRecords = [.. a.VerifiedRecords, new VerifiedRecord(RecordNature.Issue, IssueSeverity.Minor)] });
            if (before.Composite is { } c)
            {
                Assert.True(after.Composite <= c);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Ranks_AreConsistentWithComposites(int seed)
    {
        var complete = Score(County(seed)).Values.Where(r => !r.Incomplete).ToList();

        foreach (var x in complete)
        {
            foreach (var y in complete)
            {
                Assert.Equal(Math.Sign(y.Composite!.Value.CompareTo(x.Composite!.Value)), Math.Sign(x.CountyRank!.Value.CompareTo(y.CountyRank!.Value)));
            }
            Assert.Equal(1 + complete.Count(o => o.Composite > x.Composite), x.CountyRank);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Excellent_AtMostTheQuotaExceptTies(int seed)
    {
        // Generous scores so that many reach 优秀 before the quota.
        var rules = new CycleRules { ExcellentFrom = 70, CompetentFrom = 60, BasicFrom = 50, RenormaliseMissingGroups = true };
        var results = Score(County(seed), rules).Values.ToList();
        var complete = results.Count(r => !r.Incomplete);
        var allowed = Math.Max(1, (int)Math.Floor(rules.ExcellentQuotaPercent * complete / 100));

        var excellent = results.Where(r => r.Grade == AppraisalGrade.Excellent).ToList();
        Assert.True(excellent.Count(r => !r.TiedBeyondQuota) <= allowed);
        Assert.All(results.Where(r => r.Incomplete), r => Assert.Null(r.Grade));
    }
}
