using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Longan.Appraisal.Core;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Evaluations;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Longan.Appraisal.Benchmarks;

/// <summary>
/// The collection tabs of the busiest assistant (issue 14, item 3), in a warm process: what a tab
/// read before (every entry of the assistant, <see cref="CadresWholeList"/> — the former list
/// query) against what it reads now — the first page of 25 with the totals on opening, then one
/// page per pager click. Works on a copy of the synthetic county in which one assistant was given
/// many entries (README, "Collection tabs, one page at a time"): LONGAN_BENCH_DB (SQLite file) or
/// LONGAN_BENCH_POSTGRES (a PostgreSQL connection string).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class CollectionTabBenchmarks
{
    private const int PageSize = 25;

    private ServiceProvider _services = default!;
    private IDbContextFactory<AppraisalDbContext> _dbFactory = default!;
    private VillagerTallyService _tallies = default!;
    private CadreBallotService _cadres = default!;
    private int _cycleId;
    private int _assistantId;

    [GlobalSetup]
    public void Setup()
    {
        _services = BenchDatabase.Services();
        _dbFactory = _services.GetRequiredService<IDbContextFactory<AppraisalDbContext>>();
        _tallies = _services.GetRequiredService<VillagerTallyService>();
        _cadres = _services.GetRequiredService<CadreBallotService>();
        using var db = _dbFactory.CreateDbContext();
        var busiest = db.CadreBallots.GroupBy(b => new { b.CycleId, b.AssistantId }).OrderByDescending(g => g.Count())
            .Select(g => new { g.Key.CycleId, g.Key.AssistantId, Count = g.Count() }).First();
        (_cycleId, _assistantId) = (busiest.CycleId, busiest.AssistantId);
        Console.WriteLine($"// busiest assistant {_assistantId}: {busiest.Count} cadre ballots, {db.VillagerTallies.Count(t => t.CycleId == _cycleId && t.AssistantId == _assistantId)} tallies");
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    /// <summary>Before: the 党员干部评议 tab read every ballot of the assistant (the former list query) and counted grades in the circuit.</summary>
    [Benchmark]
    public async Task<int> CadresWholeList()
    {
        await using var db = await _dbFactory.CreateDbContextAsync();
        var all = await db.CadreBallots.AsNoTracking().Where(b => b.CycleId == _cycleId && b.AssistantId == _assistantId).OrderBy(b => b.Id).ToListAsync();
        return all.Count + all.Count(b => b.Grade == Core.Domain.Entries.CadreGrade.Excellent);
    }

    /// <summary>Opening the tab now: the newest 25 ballots and the grade counts from the database.</summary>
    [Benchmark]
    public async Task<int> CadresOpenTab()
    {
        var page = await _cadres.ListAsync(Caller.System, _cycleId, _assistantId, new PageRequest(PageSize: PageSize));
        var counts = await _cadres.GradeCountsAsync(Caller.System, _cycleId, _assistantId);
        return page.Items.Count + counts.Count;
    }

    [Benchmark]
    public async Task<int> CadresNextPage() => (await _cadres.ListAsync(Caller.System, _cycleId, _assistantId, new PageRequest(Page: 1, PageSize: PageSize))).Items.Count;

    [Benchmark]
    public async Task<int> CadresLastPage() => (await _cadres.ListAsync(Caller.System, _cycleId, _assistantId, new PageRequest(Page: 66, PageSize: PageSize))).Items.Count;

    /// <summary>Before: the 群众评议 tab read every tally of the assistant and added the votes up in the circuit.</summary>
    [Benchmark]
    public async Task<int> TalliesWholeList()
    {
        await using var db = await _dbFactory.CreateDbContextAsync();
        var all = await db.VillagerTallies.AsNoTracking().Where(t => t.CycleId == _cycleId && t.AssistantId == _assistantId).OrderBy(t => t.Id).ToListAsync();
        return all.Sum(t => t.Satisfied + t.BasicallySatisfied + t.Dissatisfied);
    }

    /// <summary>Opening the tab now: the oldest 25 tallies and the votes summed by the database.</summary>
    [Benchmark]
    public async Task<int> TalliesOpenTab()
    {
        var page = await _tallies.ListAsync(Caller.System, _cycleId, _assistantId, new PageRequest(PageSize: PageSize));
        var sum = await _tallies.SumAsync(Caller.System, _cycleId, _assistantId);
        return page.Items.Count + sum.Counted;
    }

    [Benchmark]
    public async Task<int> TalliesNextPage() => (await _tallies.ListAsync(Caller.System, _cycleId, _assistantId, new PageRequest(Page: 1, PageSize: PageSize))).Items.Count;
}
