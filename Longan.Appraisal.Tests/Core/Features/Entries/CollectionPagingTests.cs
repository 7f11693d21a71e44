using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Evaluations;
using Longan.Appraisal.Core.Features.Supervision;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;

namespace Longan.Appraisal.Tests.Core.Features.Entries;

/// <summary>
/// The collection tabs read one page at a time and their totals from the database (issue 14):
/// pages are stable and complete, the sums are the ones the panels used to add up in memory, and
/// pages and sums see exactly what the caller may see.
/// </summary>
public sealed class CollectionPagingTests : IAsyncLifetime
{
    private readonly CollectingCounty _county = new();

    public Task InitializeAsync() => _county.InitializeAsync();

    public Task DisposeAsync() => _county.DisposeAsync();

    private VillagerTallyService Tallies => _county.Get<VillagerTallyService>();
    private CadreBallotService Cadres => _county.Get<CadreBallotService>();
    private PartyBallotService Party => _county.Get<PartyBallotService>();
    private SupervisionService Records => _county.Get<SupervisionService>();

    private static PageRequest Page(int page, int size = 25) => new(Page: page, PageSize: size);

    /// <summary>Tallies entered in turn by the township and by the village's supervisor, who sees only their own.</summary>
    private async Task<List<int>> AddTalliesAsync(int count)
    {
        var ids = new List<int>();
        for (var i = 0; i < count; i++)
        {
            var who = i % 3 == 0 ? _county.Supervisor : _county.Natong;
            ids.Add(await Tallies.AddAsync(who, _county.CycleId, _county.LangwanAssistant,
                new TallyInput { Satisfied = 10 + i, BasicallySatisfied = i % 7, Dissatisfied = i % 5, Invalid = i % 2, Round = $"第{i + 1}轮" }));
        }
        return ids;
    }

    [Fact]
    public async Task TallyPages_OldestFirst_EachEntryOnceAndTotalCounted()
    {
        var ids = await AddTalliesAsync(60);

        var pages = new List<PagedResult<TallyRow>>();
        for (var p = 0; p < 4; p++)
        {
            pages.Add(await Tallies.ListAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, Page(p)));
        }

        Assert.Equal([25, 25, 10, 0], pages.Select(p => p.Items.Count));
        Assert.All(pages, p => Assert.Equal(60, p.TotalCount));
        Assert.Equal(ids, pages.SelectMany(p => p.Items).Select(r => r.Id));
    }

    [Fact]
    public async Task TallySum_FromTheDatabase_EqualsTheSumOfEveryRow()
    {
        await AddTalliesAsync(40);

        foreach (var caller in new[] { _county.County, _county.Natong, _county.Supervisor })
        {
            var rows = await Tallies.ListAllAsync(caller, _county.CycleId, _county.LangwanAssistant);
            // The panel's former in-memory sum over every row it held.
            var inMemory = rows.Aggregate(VillagerCounts.Zero, (sum, t) => sum.Plus(t.Satisfied, t.BasicallySatisfied, t.Dissatisfied, t.Invalid));

            var summed = await Tallies.SumAsync(caller, _county.CycleId, _county.LangwanAssistant);

            Assert.Equal(inMemory, summed);
            Assert.Equal(inMemory.SatisfactionRate, summed.SatisfactionRate);
        }
        Assert.Equal(14, (await Tallies.ListAllAsync(_county.Supervisor, _county.CycleId, _county.LangwanAssistant)).Count);
    }

    [Fact]
    public async Task TallySum_NoTallies_IsZero()
    {
        Assert.Equal(VillagerCounts.Zero, await Tallies.SumAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant));
    }

    [Fact]
    public async Task SupervisorPageAndSum_OnlyTheirOwnTallies()
    {
        var ids = await AddTalliesAsync(30);
        var own = ids.Where((_, i) => i % 3 == 0).ToList();

        var page = await Tallies.ListAsync(_county.Supervisor, _county.CycleId, _county.LangwanAssistant, Page(0, 5));
        var second = await Tallies.ListAsync(_county.Supervisor, _county.CycleId, _county.LangwanAssistant, Page(1, 5));
        var sum = await Tallies.SumAsync(_county.Supervisor, _county.CycleId, _county.LangwanAssistant);

        Assert.Equal(own.Count, page.TotalCount);
        Assert.Equal(own, page.Items.Concat(second.Items).Select(r => r.Id));
        Assert.Equal(Enumerable.Range(0, 30).Where(i => i % 3 == 0).Sum(i => 10 + i), sum.Satisfied);
    }

    [Fact]
    public async Task PagesAndSums_OutsideTheCallersScope_Refused()
    {
        await Tallies.AddAsync(_county.County, _county.CycleId, _county.BaotaAssistant, new TallyInput { Satisfied = 5 });

        await Assert.ThrowsAsync<AccessDeniedException>(() => Tallies.ListAsync(_county.Natong, _county.CycleId, _county.BaotaAssistant, Page(0)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Tallies.SumAsync(_county.Natong, _county.CycleId, _county.BaotaAssistant));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Cadres.GradeCountsAsync(_county.Natong, _county.CycleId, _county.BaotaAssistant));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Party.ListAsync(_county.Natong, _county.CycleId, _county.BaotaAssistant, Page(0)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Records.ListAsync(_county.Assistant, _county.CycleId, _county.LangwanAssistant, Page(0)));
    }

    [Fact]
    public async Task CadrePages_NewestFirst_AndGradeCountsEqualTheRows()
    {
        var grades = Enumerable.Range(0, 57).Select(i => (CadreGrade)(1 + (i * 7 % 11 % 4))).ToList();
        var ids = new List<int>();
        foreach (var grade in grades)
        {
            ids.Add(await Cadres.AddAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, new CadreBallotInput { Grade = grade }));
        }

        var first = await Cadres.ListAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, Page(0));
        var all = await Cadres.ListAllAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant);
        var counts = await Cadres.GradeCountsAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant);

        Assert.Equal(Enumerable.Reverse(ids).Take(25), first.Items.Select(r => r.Id));
        Assert.Equal(Enumerable.Reverse(ids), all.Select(r => r.Id));
        Assert.Equal(57, first.TotalCount);
        Assert.Equal(Enum.GetValues<CadreGrade>().ToDictionary(g => g, g => all.Count(r => r.Grade == g)), counts);
        Assert.Equal(4, counts.Count);
    }

    [Fact]
    public async Task RecordPages_NewestDateFirst_SameDateByNewestId()
    {
        var ids = new List<(DateOnly Date, int Id)>();
        for (var i = 0; i < 30; i++)
        {
            var date = new DateOnly(2026, 1 + (i % 3), 1 + (i % 2));
            ids.Add((date, await Records.AddAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, new SupervisionInput
            {
                Date = date, SupervisorName = "黄德才", Nature = RecordNature.Commendation, Category = RecordCategory.Achievements, Description = $"第{i + 1}条",
            })));
        }

        var first = await Records.ListAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, Page(0, 12));
        var all = await Records.ListAllAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant);

        var expected = ids.OrderByDescending(r => r.Date).ThenByDescending(r => r.Id).Select(r => r.Id).ToList();
        Assert.Equal(expected, all.Select(r => r.Id));
        Assert.Equal(expected.Take(12), first.Items.Select(r => r.Id));
        Assert.Equal(30, first.TotalCount);
    }
}
