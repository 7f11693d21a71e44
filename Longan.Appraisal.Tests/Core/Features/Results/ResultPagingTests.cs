using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Cycles;
using Longan.Appraisal.Core.Features.Results;
using Longan.Appraisal.Core.Scoring;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;

namespace Longan.Appraisal.Tests.Core.Features.Results;

/// <summary>
/// The results page reads one page at a time from the database (issue 14): every filter, order and
/// page must give exactly the rows the whole set gives when filtered and sorted in memory, on both
/// providers, and a township still reads only its own.
/// </summary>
public sealed class ResultPagingTests : IAsyncLifetime
{
    private readonly CollectingCounty _demo = new();
    private int _cycle2025;

    private ResultQueryService Query => _demo.Get<ResultQueryService>();

    public async Task InitializeAsync()
    {
        await _demo.InitializeAsync();
        _cycle2025 = (await _demo.Get<CycleService>().ListAsync(_demo.County)).Single(c => c.Year == 2025).Id;
    }

    public Task DisposeAsync() => _demo.DisposeAsync();

    /// <summary>The order the database must give, written over the whole set in memory.</summary>
    private static List<int> Expected(IEnumerable<ResultRow> rows, ResultSort sort, bool descending)
    {
        IOrderedEnumerable<ResultRow> NullsLast<T>(Func<ResultRow, T?> key) where T : struct =>
            descending ? rows.OrderBy(r => key(r) is null).ThenByDescending(r => key(r)) : rows.OrderBy(r => key(r) is null).ThenBy(r => key(r));
        var ordered = sort switch
        {
            ResultSort.Name => descending ? rows.OrderByDescending(r => r.Name, StringComparer.Ordinal) : rows.OrderBy(r => r.Name, StringComparer.Ordinal),
            ResultSort.Place => descending
                ? rows.OrderByDescending(r => r.TownshipOrder).ThenByDescending(r => r.Village, StringComparer.Ordinal)
                : rows.OrderBy(r => r.TownshipOrder).ThenBy(r => r.Village, StringComparer.Ordinal),
            ResultSort.Villagers => NullsLast(r => r.Villagers),
            ResultSort.Party => NullsLast(r => r.Party),
            ResultSort.Cadres => NullsLast(r => r.Cadres),
            ResultSort.Base => NullsLast(r => r.Base),
            ResultSort.Supervision => NullsLast<decimal>(r => r.Supervision),
            ResultSort.Attendance => NullsLast<decimal>(r => r.Attendance),
            ResultSort.Composite => NullsLast(r => r.Composite),
            ResultSort.Grade => NullsLast(r => r.Grade),
            ResultSort.TownshipRank => NullsLast(r => r.TownshipRank),
            _ => NullsLast(r => r.CountyRank).ThenBy(r => r.TownshipOrder),
        };
        return [.. ordered.ThenBy(r => r.Code, StringComparer.Ordinal).ThenBy(r => r.AssistantId).Select(r => r.AssistantId)];
    }

    /// <summary>Every page of a request, read in turn, joined.</summary>
    private async Task<(int Total, List<ResultRow> Rows)> AllPagesAsync(Caller caller, int cycleId, ResultPageRequest request)
    {
        var rows = new List<ResultRow>();
        var total = -1;
        for (var page = 0; total < 0 || page * request.PageSize < total; page++)
        {
            var one = (await Query.PageAsync(caller, cycleId, null, request with { Page = page }))!;
            Assert.True(one.Rows.Count <= request.PageSize);
            total = one.Total;
            rows.AddRange(one.Rows);
        }
        return (total, rows);
    }

    [Fact]
    public async Task PageAsync_EveryOrderBothWays_PagesJoinToTheWholeSetSortedInMemory()
    {
        var all = (await Query.ReadAsync(_demo.County, _cycle2025))!.Rows;
        Assert.Equal(40, all.Count);
        foreach (var sort in Enum.GetValues<ResultSort>())
        {
            foreach (var descending in new[] { false, true })
            {
                var (total, rows) = await AllPagesAsync(_demo.County, _cycle2025, new ResultPageRequest(Sort: sort, Descending: descending, PageSize: 7));

                Assert.Equal(40, total);
                Assert.Equal(Expected(all, sort, descending), rows.Select(r => r.AssistantId).ToList());
            }
        }
    }

    [Fact]
    public async Task PageAsync_DefaultOrder_IsTheWholeSetsOrder_AndRowsAreTheSame()
    {
        var all = (await Query.ReadAsync(_demo.County, _cycle2025))!.Rows;

        var (_, rows) = await AllPagesAsync(_demo.County, _cycle2025, new ResultPageRequest(PageSize: 15));

        Assert.Equal(all.Select(r => r.AssistantId), rows.Select(r => r.AssistantId));
        Assert.Equal(all.Select(r => (r.Name, r.Township, r.Village, r.Composite, r.Grade, r.CountyRank, r.TownshipRank, string.Join(",", r.Outcomes))),
            rows.Select(r => (r.Name, r.Township, r.Village, r.Composite, r.Grade, r.CountyRank, r.TownshipRank, string.Join(",", r.Outcomes))));
    }

    [Fact]
    public async Task PageAsync_EachFilter_SameRowsAsTheInMemoryFilter()
    {
        var all = (await Query.ReadAsync(_demo.County, _cycle2025))!.Rows;
        var natong = all.First(r => r.Township == "那桐镇");
        var someone = all.First(r => r.Outcomes.Count > 0);
        var cases = new List<(ResultPageRequest Page, ResultFilter Memory)>
        {
            (new(Search: natong.Name[..1]), new(Search: natong.Name[..1])),
            (new(Search: " " + natong.Code.ToLowerInvariant() + " "), new(Search: natong.Code.ToLowerInvariant())),
            (new(Search: natong.Village), new(Search: natong.Village)),
            (new(Search: "不存在的名字"), new(Search: "不存在的名字")),
            (new(TownshipId: natong.TownshipId), new(Township: natong.Township)),
            (new(Grade: AppraisalGrade.Excellent), new(Grade: AppraisalGrade.Excellent)),
            (new(Grade: AppraisalGrade.Competent, TownshipId: natong.TownshipId), new(Grade: AppraisalGrade.Competent, Township: natong.Township)),
            (new(AnyOutcome: true), new(AnyOutcome: true)),
            (new(Outcome: someone.Outcomes[0]), new(Outcome: someone.Outcomes[0])),
        };
        foreach (var outcome in Enum.GetValues<Outcome>())
        {
            cases.Add((new(Outcome: outcome), new(Outcome: outcome)));
        }
        foreach (var (page, memory) in cases)
        {
            var (total, rows) = await AllPagesAsync(_demo.County, _cycle2025, page with { PageSize = 9 });

            var expected = all.Where(memory.Matches).Select(r => r.AssistantId).ToList();
            Assert.Equal(expected, rows.Select(r => r.AssistantId).ToList());
            Assert.Equal(expected.Count, total);
        }
        Assert.Contains(cases, c => all.Count(c.Memory.Matches) is > 0 and < 40);
    }

    [Fact]
    public async Task PageAsync_OutcomeFilter_FollowsTheDecisionNotTheComputedOutcome()
    {
        await _demo.Get<ResultService>().ComputeAsync(_demo.County, _demo.CycleId);
        var before = (await Query.ReadAsync(_demo.County, _demo.CycleId, _demo.LangwanAssistant))!.Rows.Single();
        var computed = before.ComputedOutcomes.FirstOrDefault(o => o != Outcome.ReserveCadre, Outcome.InsufficientData);
        await _demo.Get<OutcomeOverrideService>().OverrideAsync(_demo.County, _demo.CycleId, _demo.LangwanAssistant, [Outcome.ReserveCadre], "驻村表现突出");
        var all = (await Query.ReadAsync(_demo.County, _demo.CycleId))!.Rows;

        foreach (var filter in new[] { new ResultFilter(Outcome: Outcome.ReserveCadre), new ResultFilter(Outcome: computed), new ResultFilter(AnyOutcome: true) })
        {
            var (_, rows) = await AllPagesAsync(_demo.County, _demo.CycleId, new ResultPageRequest(Outcome: filter.Outcome, AnyOutcome: filter.AnyOutcome, PageSize: 50));
            Assert.Equal(all.Where(filter.Matches).Select(r => r.AssistantId), rows.Select(r => r.AssistantId));
        }
        var reserve = (await Query.PageAsync(_demo.County, _demo.CycleId, null, new ResultPageRequest(Outcome: Outcome.ReserveCadre)))!.Rows;
        Assert.Contains(reserve, r => r.AssistantId == _demo.LangwanAssistant && r.Decision is not null);
        if (before.ComputedOutcomes.Contains(computed))
        {
            var old = (await Query.PageAsync(_demo.County, _demo.CycleId, null, new ResultPageRequest(Outcome: computed)))!.Rows;
            Assert.DoesNotContain(old, r => r.AssistantId == _demo.LangwanAssistant);
        }
    }

    [Fact]
    public async Task PageAsync_Township_OnlyItsOwnRows_EvenWhenFilteringForAnother()
    {
        var own = (await Query.ReadAsync(_demo.Natong, _cycle2025))!.Rows;
        var other = (await Query.ReadAsync(_demo.Chengxiang, _cycle2025))!.Rows;

        var (total, rows) = await AllPagesAsync(_demo.Natong, _cycle2025, new ResultPageRequest(Sort: ResultSort.Composite, Descending: true, PageSize: 4));
        var foreign = await Query.PageAsync(_demo.Natong, _cycle2025, null, new ResultPageRequest(TownshipId: other[0].TownshipId));

        Assert.Equal(own.Count, total);
        Assert.All(rows, r => Assert.Equal(_demo.NatongId, r.TownshipId));
        Assert.Equal(Expected(own, ResultSort.Composite, true), rows.Select(r => r.AssistantId).ToList());
        Assert.Equal((0, 0), (foreign!.Total, foreign.Rows.Count));
        Assert.Equal(own.Count, (await Query.SummaryAsync(_demo.Natong, _cycle2025))!.Total);
        Assert.Equal([own[0].Township], (await Query.SummaryAsync(_demo.Natong, _cycle2025))!.Townships.Select(t => t.Name));
    }

    [Fact]
    public async Task PageAndSummary_AssistantOrSupervisor_Refused()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => Query.PageAsync(_demo.Assistant, _cycle2025, null, new ResultPageRequest()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Query.SummaryAsync(_demo.Supervisor, _cycle2025));
    }

    [Fact]
    public async Task PageAsync_KnownTotal_NotCountedAgain_ExceptUnderAnOutcomeFilterOrASearch()
    {
        var first = (await Query.PageAsync(_demo.County, _cycle2025, null, new ResultPageRequest(PageSize: 5)))!;
        var next = (await Query.PageAsync(_demo.County, _cycle2025, null, new ResultPageRequest(Page: 1, PageSize: 5), knownTotal: first.Total))!;
        Assert.Equal(first.Total, next.Total);

        // The count given is taken as it is (a version's rows never change) …
        Assert.Equal(9999, (await Query.PageAsync(_demo.County, _cycle2025, null, new ResultPageRequest(Sort: ResultSort.Name), knownTotal: 9999))!.Total);
        // … but outcomes follow decisions, which can change between two clicks: counted each time.
        var anyOutcome = (await Query.PageAsync(_demo.County, _cycle2025, null, new ResultPageRequest(AnyOutcome: true)))!;
        Assert.Equal(anyOutcome.Total, (await Query.PageAsync(_demo.County, _cycle2025, null, new ResultPageRequest(AnyOutcome: true), knownTotal: 9999))!.Total);
        // … and a search matches today's names, which can be changed meanwhile: counted each time.
        var search = new ResultPageRequest(Search: "村");
        Assert.Equal((await Query.PageAsync(_demo.County, _cycle2025, null, search))!.Total,
            (await Query.PageAsync(_demo.County, _cycle2025, null, search, knownTotal: 9999))!.Total);
        var recommended = new ResultPageRequest(Outcome: Outcome.ReserveCadre);
        Assert.Equal((await Query.PageAsync(_demo.County, _cycle2025, null, recommended))!.Total,
            (await Query.PageAsync(_demo.County, _cycle2025, null, recommended, knownTotal: 9999))!.Total);
    }

    [Fact]
    public async Task PageAsync_PageSizeBeyondTheLargest_CutToIt()
    {
        var page = (await Query.PageAsync(_demo.County, _cycle2025, null, new ResultPageRequest(PageSize: 1_000_000)))!;

        Assert.Equal(40, page.Rows.Count);
        Assert.Equal(1000, ResultPageRequest.MaxPageSize);
    }

    [Fact]
    public async Task SummaryAsync_ChartsCountedInTheDatabase_SameAsTheStatisticsOfEveryRow()
    {
        foreach (var caller in new[] { _demo.County, _demo.Natong })
        {
            var rows = (await Query.ReadAsync(caller, _cycle2025))!.Rows;

            var summary = (await Query.SummaryAsync(caller, _cycle2025))!;

            Assert.Equal(ResultStatistics.Grades(rows), summary.Charts.Grades);
            Assert.Equal(ResultStatistics.Townships(rows), summary.Charts.Townships);
            Assert.Equal(ResultStatistics.GroupScoreBands(rows), summary.Charts.Bands);
            Assert.Equal(rows.Count, summary.Total);
            Assert.Equal(rows.Select(r => r.Township).Distinct().Order(StringComparer.Ordinal), summary.Townships.Select(t => t.Name).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task SummaryAsync_ScoresOnTheBandEdges_CountedAsRoundingFirstWould()
    {
        decimal[] scores = [59.995m, 59.994999999999999999999999999m, 64.995m, 64.9949m, 99.995m, 99.994m, 100m, 0m, 74.285714285714285714285714286m, 60.004999m];
        await using (var db = await _demo.Db.OpenAsync())
        {
            var version = db.ResultVersions.Where(v => v.CycleId == _cycle2025).Select(v => v.Id).Single();
            var results = db.StoredResults.Where(r => r.ResultVersionId == version).OrderBy(r => r.Id).Take(scores.Length * 3).ToList();
            for (var i = 0; i < results.Count; i++)
            {
                var score = scores[i % scores.Length];
                _ = (i / scores.Length) switch { 0 => results[i].VillagerScore = score, 1 => results[i].PartyScore = score, _ => results[i].CadreScore = score };
            }
            await db.SaveChangesAsync();
        }
        var rows = (await Query.ReadAsync(_demo.County, _cycle2025))!.Rows;

        var bands = (await Query.SummaryAsync(_demo.County, _cycle2025))!.Charts.Bands;

        Assert.Equal(ResultStatistics.GroupScoreBands(rows), bands);
    }

    [Fact]
    public async Task SummaryAsync_AVersionCountedOncePerCaller_TownshipsNamedAsToday()
    {
        var before = (await Query.SummaryAsync(_demo.County, _cycle2025))!;
        var natong = (await Query.SummaryAsync(_demo.Natong, _cycle2025))!;
        Assert.True(natong.Total < before.Total);
        await using (var db = await _demo.Db.OpenAsync())
        {
            // Stored results never change once computed; changed here behind the service's back, the
            // counts it gives stay the ones it counted (it does not count the version again).
            var version = db.ResultVersions.Where(v => v.CycleId == _cycle2025).Select(v => v.Id).Single();
            foreach (var row in db.StoredResults.Where(r => r.ResultVersionId == version))
            {
                row.Grade = null;
            }
            await db.SaveChangesAsync();
        }
        var townships = _demo.Get<Longan.Appraisal.Core.Features.Townships.TownshipService>();
        var renamed = before.Townships[0];
        var order = (await townships.ListAsync(_demo.County)).Single(t => t.Id == renamed.Id).SortOrder;
        await townships.UpdateAsync(_demo.County, renamed.Id, new() { Name = renamed.Name + "（新）", SortOrder = order });

        var after = (await Query.SummaryAsync(_demo.County, _cycle2025))!;

        Assert.Equal(before.Charts.Grades, after.Charts.Grades);
        Assert.Equal(before.Charts.Bands, after.Charts.Bands);
        Assert.Equal(before.Total, after.Total);
        Assert.Equal(renamed.Name + "（新）", after.Townships[0].Name);
        Assert.Equal(renamed.Name + "（新）", after.Charts.Townships[0].Township);
        Assert.Equal(before.Charts.Townships.Skip(1), after.Charts.Townships.Skip(1));
        Assert.Equal(natong.Total, (await Query.SummaryAsync(_demo.Natong, _cycle2025))!.Total);
    }

    [Fact]
    public async Task SummaryAsync_BeforeAnyCompute_Null_AndVersionsAsTheWholeSetHasThem()
    {
        Assert.Null(await Query.SummaryAsync(_demo.County, _demo.CycleId));
        Assert.Null(await Query.PageAsync(_demo.County, _demo.CycleId, null, new ResultPageRequest()));

        var set = (await Query.ReadAsync(_demo.County, _cycle2025))!;
        var summary = (await Query.SummaryAsync(_demo.County, _cycle2025))!;
        Assert.Equal((set.VersionNumber, set.PublishedAt, set.Versions.Count), (summary.VersionNumber, summary.PublishedAt, summary.Versions.Count));
        await Assert.ThrowsAsync<NotFoundException>(() => Query.SummaryAsync(_demo.County, _cycle2025, versionNumber: 99));
    }
}
