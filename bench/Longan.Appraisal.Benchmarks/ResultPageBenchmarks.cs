using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Longan.Appraisal.Core;
using Longan.Appraisal.Core.Features.Results;
using Longan.Appraisal.Core.Features.Townships;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Scoring;
using Longan.Appraisal.Core.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Longan.Appraisal.Benchmarks;

/// <summary>
/// The county's results page on the 15 000-assistant synthetic county (issue 14), in a warm process:
/// what the page read before (every row of the version, <see cref="WholeSet"/>) against what it reads
/// now — the head with chart figures and the first page on opening, then one page per pager, sort,
/// filter or search change. Works on a computed copy of the county: LONGAN_BENCH_DB (SQLite file),
/// or LONGAN_BENCH_POSTGRES (a PostgreSQL connection string) to measure PostgreSQL.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class ResultPageBenchmarks
{
    private ServiceProvider _services = default!;
    private ResultQueryService _query = default!;
    private int _cycleId;
    private int _townshipId;

    [GlobalSetup]
    public void Setup()
    {
        _services = BenchDatabase.Services();
        _query = _services.GetRequiredService<ResultQueryService>();
        using var db = _services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<AppraisalDbContext>>().CreateDbContext();
        // The cycle with the most results (a county copy with the demo accounts added also holds the demo's small cycles).
        var largest = db.StoredResults.GroupBy(r => r.ResultVersionId).OrderByDescending(g => g.Count()).Select(g => g.Key).First();
        _cycleId = db.ResultVersions.Where(v => v.Id == largest).Select(v => v.CycleId).First();
        _townshipId = _services.GetRequiredService<TownshipService>().ListAsync(Caller.System).GetAwaiter().GetResult().First(t => t.Name == "那桐镇").Id;
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    /// <summary>Before: the page read the whole version into the circuit and filtered, sorted and paged it there.</summary>
    [Benchmark(Baseline = true)]
    public Task<ResultSet?> WholeSet() => _query.ReadAsync(Caller.System, _cycleId);

    /// <summary>Opening the page now: the head (its chart figures counted once per version and kept), then the first 50 rows.</summary>
    [Benchmark]
    public async Task<int> OpenPage()
    {
        var summary = await _query.SummaryAsync(Caller.System, _cycleId);
        var page = await _query.PageAsync(Caller.System, _cycleId, null, new ResultPageRequest());
        return summary!.Total + page!.Rows.Count;
    }

    /// <summary>The first visit of a version on a node: its chart figures counted in the database.</summary>
    [Benchmark]
    public async Task<int> OpenPageFirstVisit()
    {
        var fresh = new ResultQueryService(_services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<AppraisalDbContext>>());
        var summary = await fresh.SummaryAsync(Caller.System, _cycleId);
        var page = await fresh.PageAsync(Caller.System, _cycleId, null, new ResultPageRequest());
        return summary!.Total + page!.Rows.Count;
    }

    /// <summary>The next page of the same filters: their count is known and not taken again.</summary>
    [Benchmark]
    public Task<ResultPage?> NextPageKnownTotal() => _query.PageAsync(Caller.System, _cycleId, null, new ResultPageRequest(Page: 8), knownTotal: 15000);

    [Benchmark]
    public Task<ResultPage?> NextPage() => _query.PageAsync(Caller.System, _cycleId, null, new ResultPageRequest(Page: 7));

    [Benchmark]
    public Task<ResultPage?> SortByVillagers() => _query.PageAsync(Caller.System, _cycleId, null, new ResultPageRequest(Sort: ResultSort.Villagers, Descending: true));

    [Benchmark]
    public Task<ResultPage?> SortByName() => _query.PageAsync(Caller.System, _cycleId, null, new ResultPageRequest(Sort: ResultSort.Name));

    [Benchmark]
    public Task<ResultPage?> FilterTownshipAndGrade() => _query.PageAsync(Caller.System, _cycleId, null, new ResultPageRequest(TownshipId: _townshipId, Grade: AppraisalGrade.Competent));

    [Benchmark]
    public Task<ResultPage?> FilterAnyOutcome() => _query.PageAsync(Caller.System, _cycleId, null, new ResultPageRequest(AnyOutcome: true));

    [Benchmark]
    public Task<ResultPage?> Search() => _query.PageAsync(Caller.System, _cycleId, null, new ResultPageRequest(Search: "黄"));
}
