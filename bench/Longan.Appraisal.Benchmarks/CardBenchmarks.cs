using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Longan.Appraisal.Core;
using Longan.Appraisal.Core.Features.Cards;
using Longan.Appraisal.Core.Features.Results;
using Longan.Appraisal.Core.Features.Townships;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Persistence.Seeding;
using Longan.Appraisal.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Longan.Appraisal.Benchmarks;

/// <summary>
/// Report cards of the 15 000-assistant synthetic county in a warm process: one township's batch
/// (1 500 cards and a cover, the data read once) written to nowhere, so what is measured is reading
/// and drawing, not the disk. Uses the same database as <see cref="ComputeBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class CardBenchmarks
{
    private ServiceProvider _services = default!;
    private int _cycleId;
    private int _townshipId;

    [GlobalSetup]
    public void Setup()
    {
        var path = Environment.GetEnvironmentVariable("LONGAN_BENCH_DB") ?? Path.Combine(Path.GetTempPath(), "longan-bench.db");
        _services = new ServiceCollection().AddLogging().AddAppraisalCore($"Data Source={path}").BuildServiceProvider();
        var factory = _services.GetRequiredService<IDbContextFactory<AppraisalDbContext>>();
        AppraisalDatabase.MigrateAsync(factory).GetAwaiter().GetResult();
        _cycleId = _services.GetRequiredService<SyntheticCounty>().GenerateAsync(15_000, 2026).GetAwaiter().GetResult().CycleId;
        if (_services.GetRequiredService<ResultQueryService>().ReadAsync(Caller.System, _cycleId).GetAwaiter().GetResult() is null)
        {
            _services.GetRequiredService<ResultService>().ComputeAsync(Caller.System, _cycleId).GetAwaiter().GetResult();
        }
        _townshipId = _services.GetRequiredService<TownshipService>().ListAsync(Caller.System).GetAwaiter().GetResult().First(t => t.Name == "那桐镇").Id;
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    /// <summary>那桐镇's 1 500 cards as one PDF: divide 1 500 by the time for cards per second.</summary>
    [Benchmark]
    public Task<int> TownshipBatch() =>
        _services.GetRequiredService<ReportCardService>().WriteBatchAsync(Caller.System, _cycleId, _townshipId, null, Stream.Null);
}
